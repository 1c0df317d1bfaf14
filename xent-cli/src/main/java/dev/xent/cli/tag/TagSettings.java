// The settings of `xent train tag`: key, default (which fixes the type), meaning, flag; and the TaggerConfig they make.
package dev.xent.cli.tag;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.tag.TaggerConfig;

/** Defaults: a word-level BiLSTM (100-d embeddings, 128 units per direction), Adam 1e-3, batch 32, clip 5, 5 epochs. */
public final class TagSettings {
    private TagSettings() {}

    /**
     * Embedding gradients are row-sparse: Adam updates only the rows a batch touches (lazy Adam), which is far faster
     * on a large vocabulary; as TaggerConfig.full(), and not a setting.
     */
    static final boolean SPARSE_EMBEDDING_GRADIENTS = true;

    public static final SettingTable TABLE = SettingTable.of("tag")
            .flag("input", "", "CoNLL training file: token in the first column, tag in the last, a blank line "
                    + "between sentences (required)")
            .flag("valid", "", "CoNLL validation file; the epoch with the best entity F1 on it is kept (token "
                    + "accuracy when the tags are not BIO/BIOES chunk tags)")
            .flag("dim", 100, "word embedding size")
            .set("hidden", 128, "LSTM units per direction")
            .set("charDim", 0, "character embedding size (0: no character features; e.g. 30 adds a char CNN)")
            .set("charFilters", 50, "char-CNN filters: the size of a word's character features")
            .set("charWidth", 3, "char-CNN window in characters (odd)")
            .set("maxWordChars", 20, "characters of a word the char CNN reads")
            .set("crf", false, "a CRF output layer decoded by Viterbi instead of per-token softmax")
            .set("dropout", 0.0, "dropout on the LSTM input and output, in [0, 1)")
            .set("wordDropout", 0.0, "probability that a training word seen once is replaced by <unk>")
            .set("lowercase", false, "word embeddings of lowercased words with digits folded to 0 (the char CNN "
                    + "still sees the spelling)")
            .flag("lr", 0.001, "Adam learning rate")
            .set("batch", 32, "sentences per batch")
            .set("clipNorm", 5.0, "max global gradient norm (0: off)")
            .flag("epoch", 5, "passes over the training data")
            .flag("seed", 1L, "seed of initialisation, dropout and batch order")
            .flag("thread", 0, "kernel threads (0: all cores)")
            .set("checkpointEvery", 200L, "steps (batches) between checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .flag("skipBadLines", false, "skip malformed input lines (counted in the report) instead of stopping")
            .build();

    /** The tagger and its training run, as the resolved settings describe them. */
    static TaggerConfig taggerConfig(ResolvedConfig c) {
        return new TaggerConfig(c.getInt("dim"), c.getInt("charDim"), c.getInt("charFilters"), c.getInt("charWidth"),
                c.getInt("hidden"), c.getBoolean("crf"), (float) c.getDouble("dropout"), c.getDouble("wordDropout"),
                c.getBoolean("lowercase"), c.getDouble("lr"), c.getInt("batch"), c.getInt("epoch"),
                c.getDouble("clipNorm"), SPARSE_EMBEDDING_GRADIENTS, c.getLong("seed"));
    }
}
