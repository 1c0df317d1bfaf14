/**
 * Classification benchmarks and the SST-2 experiment: {@link dev.xent.bench.classify.ClassifyBench} (xent's
 * FastTextClassifier against fastText, bench/classify.sh), {@link dev.xent.bench.classify.NeuralClassifierBenchmark}
 * with its helpers {@link dev.xent.bench.classify.PretrainVectors}, {@link dev.xent.bench.classify.SentenceHoldout}
 * and {@link dev.xent.bench.classify.SstEnsemble} (bench/sst2.sh). They print, so they are not library code.
 */
package dev.xent.bench.classify;
