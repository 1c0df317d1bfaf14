// `xent train classify -model fasttext|cnn|rnn|transformer`: which model a run trains, and each model's settings.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.run.ConfigFiles;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.classify.NeuralClassifierSpec;
import dev.xent.task.classify.RnnClassifier;
import dev.xent.task.classify.TextCnnClassifier;
import dev.xent.task.classify.TransformerClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.xent.cli.run.SettingTable.per;

/**
 * The settings a run knows depend on its model: {@link #TABLE} gives each setting the models that have it and a
 * default per model, so a setting of another model (e.g. --set filters=50 with -model rnn) is refused, naming the
 * models it belongs to. fastText's defaults are fastText's; the neural ones follow NeuralClassifierBenchmark at a
 * smaller size: CNN widths 3,4,5 x 100 filters, dropout 0.5; BiLSTM 128 per direction with max pooling, dropout
 * 0.5; Transformer 2 pre-norm blocks, 4 heads, feed-forward 2·dim, dropout 0.1, lr 5e-4; Adam lr 1e-3, batch 32,
 * clip 5 for all.
 */
public final class ClassifySettings {
    public static final List<String> MODELS = List.of("fasttext", "cnn", "rnn", "transformer");
    private static final String NEURAL = "cnn rnn transformer";

    public static final SettingTable TABLE = SettingTable.of("classify", MODELS.toArray(String[]::new))
            .flag("input", "", "training file, fastText format: \"__label__pos a fine film\" per line (required)")
            .flag("valid", "", "validation file, same format; fasttext: scored at the end; the others: picks the "
                    + "best epoch")
            .flag("epoch", 5, "passes over the training data")
            .flag("lr", per("fasttext", 0.1, "cnn rnn", 1e-3, "transformer", 5e-4),
                    "learning rate: SGD decayed linearly to 0 (fasttext), Adam (the others)")
            .flag("dim", 100, "word embedding size (transformer: the model width)")
            .flag("wordNgrams", per("fasttext", 1), "max length of word n-grams (1: words only)")
            .flag("bucket", per("fasttext", 2_000_000), "hash buckets for the word n-grams")
            .flag("minn", per("fasttext", 0), "shortest character n-gram of a word's subwords (fastText -minn)")
            .flag("maxn", per("fasttext", 0), "longest character n-gram (0: no subwords; 6 with minn 3 gives unseen "
                    + "words the rows of their character n-grams)")
            .flag("minCount", 1, "words seen fewer times in the training file are dropped (fasttext) or <unk>")
            .flag("loss", "softmax", "softmax (one label per text) or ova (one-vs-all sigmoids: multi-label)")
            .flag("seed", per("fasttext", 0L, NEURAL, 1L), "seed of initialisation, example order and dropout")
            .flag("thread", 0, "threads (0: all cores): hogwild workers (fasttext; 1 is deterministic), or kernel "
                    + "threads")
            .set("batch", per(NEURAL, 32), "texts per Adam step")
            .set("weightDecay", per(NEURAL, 0.0), "Adam weight decay")
            .set("clipNorm", per(NEURAL, 5.0), "max global gradient norm (0: off)")
            .set("dropout", per("cnn rnn", 0.5, "transformer", 0.1), "dropout on embeddings and pooled features "
                    + "(cnn: pooled only; transformer: also inside blocks)")
            .set("widths", per("cnn", new int[] {3, 4, 5}), "filter widths")
            .set("filters", per("cnn", 100), "filters per width")
            .set("cell", per("rnn", "lstm"), "lstm or gru (bidirectional)")
            .set("hidden", per("rnn", 128), "units per direction")
            .set("layers", per("rnn", 1, "transformer", 2), "stacked layers (rnn) or blocks (transformer)")
            .set("pooling", per("rnn", "max"), "pooling over time: max, mean or last")
            .set("heads", per("transformer", 4), "attention heads (dim must be divisible by heads)")
            .set("feedForward", per("transformer", 0), "feed-forward width (0: 2·dim)")
            .set("tokenizer", per(NEURAL, "whitespace"), "whitespace (as fastText reads its files) or word (words "
                    + "and punctuation split apart)")
            .set("lowercase", per(NEURAL, false), "lowercase the text")
            .set("maxLength", per(NEURAL, 512), "tokens kept per text (0: all; the transformer's position table)")
            .set("checkpointEvery", per("fasttext", 1_000_000L, NEURAL, 200L), "examples (fasttext) or steps between "
                    + "checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .flag("skipBadLines", false, "skip malformed input lines (counted in the report) instead of stopping")
            .build();

    private ClassifySettings() {}

    /**
     * The run's model: the -model flag, else --set model=…, else (on --resume) the run's own config.json, else the
     * --config file's "model", else fasttext.
     */
    public static String model(String flag, String setValue, Path configFile, Path resume) throws IOException {
        String m = flag != null ? flag : setValue;
        if (resume != null) {
            String saved = ConfigFiles.read(RunDirectory.open(resume).configFile()).path("model").asText("fasttext");
            if (m != null && !m.equalsIgnoreCase(saved)) {
                throw new IllegalArgumentException("--resume continues " + resume + ", a -model " + saved + " run; "
                        + "-model " + m + " differs. Drop -model to resume, or start a new run (-output NEW_NAME)");
            }
            m = saved;
        }
        if (m == null && configFile != null) m = ConfigFiles.read(configFile).path("model").asText(null);
        if (m == null) m = "fasttext";
        m = m.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(m)) {
            throw new IllegalArgumentException("-model must be one of " + String.join(", ", MODELS) + "; got '" + m
                    + "'. fasttext is the default (bag of words + n-grams); cnn, rnn and transformer are neural");
        }
        return m;
    }

    /** The architecture the resolved settings describe. */
    static NeuralClassifierSpec spec(ResolvedConfig c) {
        NeuralClassifierSpec.Kind kind = NeuralClassifierSpec.Kind.parse(c.getString("model"));
        int dim = positive(c, "dim");
        float dropout = (float) c.getDouble("dropout");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1); got " + dropout);
        }
        Record config = switch (kind) {
            case CNN -> {
                JsonNode w = c.get("widths");
                int[] widths = new int[w.size()];
                for (int i = 0; i < widths.length; i++) {
                    if (!w.get(i).canConvertToInt() || w.get(i).asInt() < 1) {
                        throw new IllegalArgumentException("widths must be filter widths >= 1, e.g. 3,4,5; got " + w);
                    }
                    widths[i] = w.get(i).asInt();
                }
                if (widths.length == 0) throw new IllegalArgumentException("widths needs at least one width, e.g. 3,4,5");
                yield new TextCnnClassifier.Config(dim, widths, positive(c, "filters"), dropout);
            }
            case RNN -> new RnnClassifier.Config(choice(c, "cell", RnnClassifier.Cell.class), dim,
                    positive(c, "hidden"), positive(c, "layers"), choice(c, "pooling", RnnClassifier.Pooling.class),
                    dropout);
            case TRANSFORMER -> {
                int heads = positive(c, "heads");
                if (dim % heads != 0) {
                    throw new IllegalArgumentException("dim (" + dim + ") must be divisible by heads (" + heads
                            + "); e.g. -dim " + (dim / heads + 1) * heads);
                }
                int ff = c.getInt("feedForward") > 0 ? c.getInt("feedForward") : 2 * dim;
                yield new TransformerClassifier.Config(dim, heads, ff, positive(c, "layers"), positive(c, "maxLength"),
                        dropout);
            }
        };
        return new NeuralClassifierSpec(kind, config);
    }

    static int positive(ResolvedConfig c, String key) {
        int v = c.getInt(key);
        if (v < 1) throw new IllegalArgumentException(key + " must be >= 1; got " + v);
        return v;
    }

    private static <E extends Enum<E>> E choice(ResolvedConfig c, String key, Class<E> type) {
        String v = c.getString(key);
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException(key + " must be one of " + names + "; got '" + v + "'");
    }
}
