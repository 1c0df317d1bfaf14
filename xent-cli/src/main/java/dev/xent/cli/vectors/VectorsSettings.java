// The settings of `xent train vectors`: fastText's skipgram/cbow flags and defaults, and the WordVectorConfig they make.
package dev.xent.cli.vectors;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.embed.WordVectorConfig;

/** Defaults: {@link WordVectorConfig#skipGram()}, fastText's (dim 100, ws 5, neg 5, minCount 5, epoch 5, lr 0.05, t 1e-4). */
public final class VectorsSettings {
    private VectorsSettings() {}

    private static final WordVectorConfig D = WordVectorConfig.skipGram();

    public static final SettingTable TABLE = SettingTable.of("vectors", "skipgram", "cbow")
            .flag("input", "", "unlabelled text, one sentence (or paragraph) per line, words separated by white space "
                    + "(required)")
            .flag("valid", "", "text whose tokens are looked up after training: prints the share with a vector "
                    + "(e.g. a tagger's dev file as text)")
            .flag("dim", D.dim(), "vector size (a tagger using them needs the same -dim)")
            .flag("ws", D.window(), "largest context half-width in words")
            .flag("epoch", D.epochs(), "passes over the text")
            .flag("minCount", D.minCount(), "words seen fewer times get no vector")
            .flag("neg", D.negatives(), "negative samples per prediction")
            .flag("lr", D.lr(), "learning rate, decaying linearly to 0")
            .flag("t", D.sample(), "sub-sampling threshold of frequent words")
            .flag("lowercase", false, "lowercase every word and fold the digits 1-9 to 0, as `train tag` keys its words "
                    + "(its default, lowercase=true): one vector per tagger key")
            .flag("seed", D.seed(), "seed of the initialisation and each thread's sampling")
            .flag("thread", 0, "hogwild threads (0: all cores; 1 gives the same vectors for the same seed)")
            .set("checkpointEvery", 1_000_000L, "lines (steps) between checkpoints (0: only at the end of an epoch)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .flag("skipBadLines", false, "skip lines that are not valid UTF-8 (counted) instead of stopping")
            .build();

    /** The word2vec settings of the resolved config for {@code model} (skipgram or cbow); -thread 0: all cores. */
    public static WordVectorConfig config(ResolvedConfig c, String model) {
        int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
        WordVectorConfig.Mode mode = model.equals("cbow") ? WordVectorConfig.Mode.CBOW : WordVectorConfig.Mode.SKIPGRAM;
        return new WordVectorConfig(mode, c.getInt("dim"), c.getInt("ws"), c.getInt("neg"), c.getInt("minCount"),
                c.getInt("epoch"), c.getDouble("lr"), c.getDouble("t"), threads, c.getLong("seed"));
    }
}
