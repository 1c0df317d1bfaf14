// The settings of `xent train tag`: key, default (which fixes the type), meaning, flag; and the TaggerConfig they make.
package dev.xent.cli.tag;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.tag.TaggerConfig;

/**
 * Defaults: TaggerConfig.recipe(), the best recipe measured (docs/tagging.md): word embeddings (lowercased) + char
 * CNN → BiLSTM 128 per direction, dropout 0.33, word dropout 0.5, Adam 2e-3 divided by 1 + 0.05 × epoch, batch 32,
 * clip 5, 30 epochs with early stopping after 5 without improvement; for chunk tags (BIO/BIOES) a CRF, trained on
 * IOBES tags.
 */
public final class TagSettings {
    private TagSettings() {}

    /**
     * Embedding gradients are row-sparse: Adam updates only the rows a batch touches (lazy Adam), which is far faster
     * on a large vocabulary; as TaggerConfig.full(), and not a setting.
     */
    static final boolean SPARSE_EMBEDDING_GRADIENTS = true;

    /** The defaults below are this recipe's values (CRF and IOBES: for chunk tags, see "crf" and "iobes"). */
    private static final TaggerConfig R = TaggerConfig.recipe().forChunkTags(true);

    public static final SettingTable TABLE = SettingTable.of("tag")
            .flag("input", "", "CoNLL training file: token in the first column, tag in the last, a blank line "
                    + "between sentences (required)")
            .flag("valid", "", "CoNLL validation file; the epoch with the best entity F1 on it is kept (token "
                    + "accuracy when the tags are not BIO/BIOES chunk tags)")
            .flag("pretrainedVectors", "", "word vectors (.vec text file, e.g. from `xent train vectors`) to start the word "
                    + "embedding from; their words join the vocabulary (keyed as the lowercase setting keys words), so "
                    + "a word seen only in the vectors' text keeps its vector; their dim must equal -dim")
            .flag("unlabeled", "", "unlabelled text (one sentence per line, words separated by white space): skip-gram "
                    + "vectors are trained on it plus the training file's words first (as `xent train vectors -lowercase`, "
                    + "written to the run's vectors.vec) and used as -pretrainedVectors")
            .set("vectorMinCount", 3, "with -unlabeled: words seen fewer times get no vector")
            .set("vectorEpoch", 5, "with -unlabeled: passes of the vector training over the text")
            .flag("dim", R.wordDim(), "word embedding size")
            .set("hidden", R.hidden(), "LSTM units per direction")
            .set("charDim", R.charDim(), "character embedding size (0: no character features)")
            .set("charFilters", R.charFilters(), "char-CNN filters: the size of a word's character features")
            .set("charWidth", R.charWidth(), "char-CNN window in characters (odd)")
            .set("maxWordChars", 20, "characters of a word the char CNN reads")
            .set("crf", "auto", "a CRF output layer decoded by Viterbi instead of per-token softmax: auto (a CRF "
                    + "when the training tags are chunk tags, BIO/BIOES), true or false")
            .set("iobes", R.iobes(), "learn BIO chunk tags as BIOES (E- ends a chunk, S- is a one-word chunk) and write "
                    + "predictions back in the data's scheme; no effect on other tags")
            // the float's shortest decimal, so config.json and --help say 0.33 (not 0.33000001311302185)
            .set("dropout", Double.parseDouble(Float.toString(R.dropout())), "dropout on the LSTM input and output, in [0, 1)")
            .set("wordDropout", R.wordDropout(), "probability that a training word seen once is replaced by <unk>")
            .set("lowercase", R.lowercase(), "word embeddings of lowercased words with digits folded to 0 (the char CNN "
                    + "still sees the spelling)")
            .flag("lr", R.lr(), "Adam learning rate")
            .set("lrDecay", TaggerConfig.DEFAULT_LR_DECAY, "the rate of epoch e (from 0) is lr / (1 + lrDecay × e), as Ma & Hovy 2016 (0.05); "
                    + "0: constant")
            .set("batch", R.batchSize(), "sentences per batch")
            .set("clipNorm", R.clip(), "max global gradient norm (0: off)")
            .flag("epoch", R.epochs(), "passes over the training data")
            .set("patience", 5, "with -valid: stop after this many epochs without a better validation score "
                    + "(entity F1 for chunk tags, else accuracy); 0: run every epoch")
            .set("maxSteps", 0L, "stop after this many steps (0: no limit); the best epoch so far is kept")
            .set("maxSeconds", 0.0, "stop training after this many seconds (0: no limit); the best epoch so far is kept")
            .flag("seed", R.seed(), "seed of initialisation, dropout and batch order")
            .flag("thread", 0, "kernel threads (0: all cores)")
            .set("checkpointEvery", 200L, "steps (batches) between checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .flag("skipBadLines", false, "skip malformed input lines (counted in the report) instead of stopping")
            .build();

    /** The tagger and its training run, as the resolved settings describe them, for data with chunk tags or not. */
    static TaggerConfig taggerConfig(ResolvedConfig c, boolean chunkTags) {
        return new TaggerConfig(c.getInt("dim"), c.getInt("charDim"), c.getInt("charFilters"), c.getInt("charWidth"),
                c.getInt("hidden"), crf(c.getString("crf"), chunkTags), c.getBoolean("iobes"),
                (float) c.getDouble("dropout"), c.getDouble("wordDropout"), c.getBoolean("lowercase"), c.getDouble("lr"),
                c.getInt("batch"), c.getInt("epoch"),
                c.getDouble("clipNorm"), SPARSE_EMBEDDING_GRADIENTS, c.getLong("seed"));
    }

    private static boolean crf(String setting, boolean chunkTags) {
        return switch (setting) {
            case "auto" -> chunkTags;
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("setting crf must be auto, true or false; got \"" + setting
                    + "\". Fix: --set crf=auto (a CRF for BIO/BIOES tags)");
        };
    }
}
