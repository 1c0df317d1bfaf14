// The settings of `xent train translate`: key, default (which fixes the type), meaning, flag; config.json records them.
package dev.xent.cli.translate;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.translate.TranslateConfig;

import java.util.List;

import static dev.xent.cli.run.SettingTable.per;

/**
 * -model transformer (default): a Transformer of width 256 (4 heads, 3 encoder and 3 decoder layers, MLP 1024, dropout 0.1) over a
 * shared 8000-id BPE, batches of at most 4096 padded tokens, Adam(0.9, 0.98) at peak lr 7e-4 after 1000 warm-up
 * steps then ∝ 1/√step, label smoothing 0.1, clipping at norm 1 — a Multi30k-sized model for a CPU. -model rnn:
 * a bi-GRU encoder and GRU decoder of 256 units with attention over embeddings of dim.
 * The four files: -input (-src) and -target (-tgt) for training, -valid (-valid-src) and -validTarget (-valid-tgt).
 */
public final class TranslateSettings {
    private TranslateSettings() {}

    public static final List<String> MODELS = List.of("transformer", "rnn");

    public static final SettingTable TABLE = SettingTable.of("translate", MODELS.toArray(String[]::new))
            .flag("input", "", "training source-language file, one sentence a line, plain or gzipped (also -src)")
            .flag("target", "", "training target-language file, line i translating line i of -input (also -tgt)")
            .flag("valid", "", "validation source file (also -valid-src); \"\": no validation")
            .flag("validTarget", "", "validation target file (also -valid-tgt)")
            .set("bpeVocab", 8000, "shared source/target BPE vocabulary size (260 bytes and specials + merges)")
            .flag("dim", 256, "model width (a multiple of heads); rnn: the embedding size")
            .set("hidden", per("rnn", 256), "GRU units (the encoder has this many per direction)")
            .set("heads", per("transformer", 4), "attention heads")
            .set("encoderLayers", per("transformer", 3), "encoder layers")
            .set("decoderLayers", per("transformer", 3), "decoder layers")
            .set("feedForward", per("transformer", 1024), "feed-forward width of a layer")
            .set("dropout", 0.1, "dropout on embeddings, attention weights and sublayer outputs, in [0, 1)")
            .set("labelSmoothing", 0.1, "label smoothing of the training loss, in [0, 1)")
            .set("maxLen", per("transformer", 256), "longest sentence in tokens (EOS included); longer training pairs are dropped")
            .set("maxTokens", 4096, "padded tokens per batch: max(source, target length) x sentences")
            .flag("lr", 7e-4, "peak learning rate (Adam, betas 0.9/0.98), after warmup steps, then 1/sqrt(step)")
            .set("warmup", 1000, "linear warm-up steps")
            .set("weightDecay", 0.0, "decoupled weight decay (AdamW)")
            .set("clipNorm", 1.0, "max global gradient norm (0: off)")
            .flag("epoch", 30, "passes over the training pairs")
            .set("maxSteps", 0L, "stop after this many steps (0: no limit)")
            .set("maxSeconds", 0.0, "stop training after this many seconds (0: no limit)")
            .set("bleuSentences", 0, "validation BLEU of greedy translations of the first N validation sentences "
                    + "each epoch, and the best epoch chosen on it (0: choose on validation loss)")
            .flag("seed", 1L, "seed of initialisation, dropout and batch order")
            .flag("thread", 0, "kernel threads (0: all cores)")
            .set("checkpointEvery", 500L, "steps between checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .set("logEvery", 10L, "steps between metrics records")
            .flag("skipBadLines", false, "unused: a parallel corpus with a bad line is an error (the pairing would "
                    + "be wrong)")
            .set("samples", 5, "validation sentences translated (greedy) and printed at the end")
            .build();

    public static TranslateConfig config(ResolvedConfig c) {
        boolean rnn = c.getString("model").equals("rnn");
        return new TranslateConfig(c.getString("model"), c.getInt("bpeVocab"), c.getInt("dim"),
                rnn ? c.getInt("hidden") : c.getInt("dim"), rnn ? 1 : c.getInt("heads"), rnn ? 1 : c.getInt("encoderLayers"),
                rnn ? 1 : c.getInt("decoderLayers"), rnn ? 1 : c.getInt("feedForward"), rnn ? c.getInt("maxTokens") : c.getInt("maxLen"),
                (float) c.getDouble("dropout"), c.getDouble("labelSmoothing"), c.getInt("maxTokens"), c.getDouble("lr"),
                c.getInt("warmup"), c.getDouble("weightDecay"), c.getLong("seed"));
    }
}
