/**
 * Evaluation metrics for the NLP tasks: entity-level P/R/F1 counted exactly as CoNLL's conlleval script does
 * ({@link dev.xent.metrics.ChunkF1}), classification accuracy, per-class and macro P/R/F1, confusion matrix and
 * log loss ({@link dev.xent.metrics.ClassificationMetrics}), and for translation corpus BLEU and chrF exactly as
 * sacreBLEU computes them by default ({@link dev.xent.metrics.Bleu} on {@link dev.xent.metrics.Tokenizer13a}
 * tokens, {@link dev.xent.metrics.ChrF}). Per-token cross-entropy and perplexity are xent-core's
 * {@code dev.xent.train.Metrics.logLoss} and {@code perplexity} (targets &lt; 0, padding, are skipped).
 */
package dev.xent.metrics;
