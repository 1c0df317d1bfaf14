// The settings of `xent train translate`: key, default (which fixes the type), meaning, flag; config.json records them.
package dev.xent.cli.translate;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.translate.TranslateConfig;

import java.util.List;

import static dev.xent.cli.run.SettingTable.per;

/**
 * The defaults are the two measured Multi30k recipes, TranslateConfig.recipe(model) (docs/translation.md), so a
 * plain command reproduces them.
 * -model transformer: width 256, 4 heads, 3 encoder and 3 decoder layers, MLP 1024, dropout 0.2, over a shared
 * 8000-id BPE; batches of at most 1600 padded tokens; Adam(0.9, 0.98) at peak lr 7e-4 after 1000 warm-up steps,
 * then ∝ 1/√step; label smoothing 0.1; clipping at norm 1. -model rnn: a bi-GRU encoder and GRU decoder of 512
 * units with attention over embeddings of 256, dropout 0.3, batches of 1600 tokens, lr 0.001 after 400 warm-up
 * steps. With validation files, every epoch scores greedy BLEU on all validation lines and the best epoch is
 * chosen on it. The four files: -input (-src) and -target (-tgt) for training, -valid (-valid-src) and
 * -validTarget (-valid-tgt).
 */
public final class TranslateSettings {
    private TranslateSettings() {}

    public static final List<String> MODELS = List.of("transformer", "rnn");

    /** bleuSentences: every validation line. */
    public static final int ALL = -1;

    public static final SettingTable TABLE = SettingTable.of("translate", MODELS.toArray(String[]::new))
            .flag("input", "", "training source-language file, one sentence a line, plain or gzipped (also -src)")
            .flag("target", "", "training target-language file, line i translating line i of -input (also -tgt)")
            .flag("valid", "", "validation source file (also -valid-src); \"\": no validation")
            .flag("validTarget", "", "validation target file (also -valid-tgt)")
            .set("bpeVocab", 8000, "shared source/target BPE vocabulary size (260 bytes and specials + merges)")
            .flag("dim", 256, "model width (a multiple of heads); rnn: the embedding size")
            .set("hidden", per("rnn", 512), "GRU units (the encoder has this many per direction)")
            .set("heads", per("transformer", 4), "attention heads")
            .set("encoderLayers", per("transformer", 3), "encoder layers")
            .set("decoderLayers", per("transformer", 3), "decoder layers")
            .set("feedForward", per("transformer", 1024), "feed-forward width of a layer")
            .set("dropout", per("transformer", 0.2, "rnn", 0.3), "dropout on embeddings, attention weights and sublayer "
                    + "outputs (rnn: embeddings and the attention output), in [0, 1)")
            .set("labelSmoothing", 0.1, "label smoothing of the training loss, in [0, 1)")
            .set("maxLen", per("transformer", 256), "longest sentence in tokens (EOS included); longer training pairs are dropped")
            .set("maxTokens", 1600, "padded tokens per batch: max(source, target length) x sentences")
            .flag("lr", per("transformer", 7e-4, "rnn", 0.001), "peak learning rate (Adam, betas 0.9/0.98), after warmup "
                    + "steps, then 1/sqrt(step)")
            .set("warmup", per("transformer", 1000, "rnn", 400), "linear warm-up steps")
            .set("weightDecay", 0.0, "decoupled weight decay (AdamW)")
            .set("clipNorm", 1.0, "max global gradient norm (0: off)")
            .flag("epoch", 30, "passes over the training pairs")
            .set("maxSteps", 0L, "stop after this many steps (0: no limit)")
            .set("maxSeconds", 0.0, "stop training after this many seconds (0: no limit)")
            .set("bleuSentences", ALL, "validation BLEU of greedy translations of the first N validation "
                    + "sentences each epoch, the best epoch chosen on it (-1: all validation lines; 0: no BLEU, "
                    + "choose on validation loss)")
            .flag("seed", 1L, "seed of initialisation, dropout and batch order")
            .flag("thread", 0, "kernel threads (0: all cores)")
            .set("checkpointEvery", 500L, "steps between checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .set("logEvery", 10L, "steps between metrics records")
            .flag("skipBadLines", false, "unused: a parallel corpus with a bad line is an error (the pairing would "
                    + "be wrong)")
            .set("samples", 10, "validation sentences translated at the end (beam 5) and shown with their "
                    + "references, printed and in report.html")
            .build();

    /** The validation lines to score BLEU on each epoch: bleuSentences, -1 = all {@code validLines}. */
    public static int bleuSentences(ResolvedConfig c, int validLines) {
        int n = c.getInt("bleuSentences");
        if (n < ALL) {
            throw new IllegalArgumentException("bleuSentences must be -1 (all validation lines), 0 (no BLEU) or a "
                    + "count of lines; got " + n);
        }
        return n == ALL ? validLines : Math.min(n, validLines);
    }

    public static TranslateConfig config(ResolvedConfig c) {
        bleuSentences(c, 0);   // checked with the other settings, before any data is read
        boolean rnn = c.getString("model").equals("rnn");
        return new TranslateConfig(c.getString("model"), c.getInt("bpeVocab"), c.getInt("dim"),
                rnn ? c.getInt("hidden") : c.getInt("dim"), rnn ? 1 : c.getInt("heads"), rnn ? 1 : c.getInt("encoderLayers"),
                rnn ? 1 : c.getInt("decoderLayers"), rnn ? 1 : c.getInt("feedForward"), rnn ? c.getInt("maxTokens") : c.getInt("maxLen"),
                (float) c.getDouble("dropout"), c.getDouble("labelSmoothing"), c.getInt("maxTokens"), c.getDouble("lr"),
                c.getInt("warmup"), c.getDouble("weightDecay"), c.getLong("seed"));
    }
}
