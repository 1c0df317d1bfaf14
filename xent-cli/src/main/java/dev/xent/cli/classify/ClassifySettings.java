// `xent train classify -model fasttext|nbsvm|cnn|rnn|transformer|auto`: which model a run trains, and each model's settings.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.run.ConfigFiles;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.classify.ModelSearch;
import dev.xent.task.classify.NeuralClassifierSpec;
import dev.xent.task.classify.RnnClassifier;
import dev.xent.task.classify.TextCnnClassifier;
import dev.xent.task.classify.TransformerClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    public static final List<String> MODELS = List.of("fasttext", "nbsvm", "cnn", "rnn", "transformer", "auto");
    private static final String NEURAL = "cnn rnn transformer";
    private static final String TRAINED = "fasttext nbsvm cnn rnn transformer";   // every model but auto

    public static final SettingTable TABLE = SettingTable.of("classify", MODELS.toArray(String[]::new))
            .flag("input", "", "training file, fastText format: \"__label__pos a fine film\" per line (required)")
            .flag("valid", "", "validation file, same format; fasttext, nbsvm: scored at the end; cnn, rnn, "
                    + "transformer: picks the best epoch; auto: picks the model")
            .flag("epoch", per(TRAINED, 5), "passes over the training data")
            .flag("lr", per("fasttext nbsvm", 0.1, "cnn rnn", 1e-3, "transformer", 5e-4),
                    "learning rate: SGD decayed linearly to 0 (fasttext, nbsvm), Adam (the others)")
            .flag("dim", per("fasttext " + NEURAL, 100), "word embedding size (transformer: the model width)")
            .flag("wordNgrams", per("fasttext", 1, "nbsvm", 2), "max length of word n-grams (1: words only)")
            .flag("bucket", per("fasttext", 2_000_000), "hash buckets for the word n-grams")
            .flag("minn", per("fasttext", 0), "shortest character n-gram of a word's subwords (fastText -minn)")
            .flag("maxn", per("fasttext", 0), "longest character n-gram (0: no subwords; 6 with minn 3 gives unseen "
                    + "words the rows of their character n-grams)")
            .flag("minCount", per("fasttext " + NEURAL, 1), "words seen fewer times in the training file are dropped "
                    + "(fasttext) or <unk>")
            .flag("loss", per("fasttext " + NEURAL, "softmax"), "softmax (one label per text) or ova (one-vs-all "
                    + "sigmoids: multi-label)")
            .flag("seed", per("fasttext nbsvm auto", 0L, NEURAL, 1L), "seed of initialisation, example order and "
                    + "dropout (auto: also of the validation split)")
            .flag("thread", 0, "threads (0: all cores): hogwild workers (fasttext, nbsvm; 1 is deterministic), or "
                    + "kernel threads")
            .set("alpha", per("nbsvm", 1.0), "add-alpha smoothing of the n-gram counts in the naive-Bayes ratios")
            .set("folds", per("auto", 5), "auto without -valid: folds of the cross-validation (up to "
                    + "20,000 examples; more: a seeded 10% hold-out)")
            .set("families", per("auto", "fasttext,nbsvm"), "auto: the model families it chooses among (fasttext, "
                    + "nbsvm, rnn, cnn; with -unlabeled and this setting not given: all four)")
            .set("budget", per("auto", ""), "auto: a time for the whole command (e.g. 2s, 5m: counted from "
                    + "start-up, the final training on all the data kept back; without -valid and up to 20,000 "
                    + "examples a 1/folds hold-out then scores the trials; the first trial always runs) or SGD steps "
                    + "of the search (500000steps). Empty: every fixed recipe")
            .set("ensemble", per("auto", 1), "auto: up to this many trials averaged (a greedy ensemble), kept "
                    + "when choosing so scores higher than choosing the best trial on halves of the validation data "
                    + "the choice did not see (1: a single model)")
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
            .set("pooling", per("rnn", "max"), "pooling over time: max, mean, max_mean (both, concatenated) or last")
            .set("heads", per("transformer", 4), "attention heads (dim must be divisible by heads)")
            .set("feedForward", per("transformer", 0), "feed-forward width (0: 2·dim)")
            .set("tokenizer", per(NEURAL, "whitespace"), "whitespace (as fastText reads its files) or word (words "
                    + "and punctuation split apart)")
            .set("lowercase", per("nbsvm " + NEURAL, false), "lowercase the text")
            .set("maxLength", per(NEURAL, 512), "tokens kept per text (0: all; the transformer's position table)")
            .set("checkpointEvery", per("fasttext nbsvm", 1_000_000L, NEURAL, 200L), "examples (fasttext) or steps between "
                    + "checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", per(TRAINED, 2), "checkpoints kept")
            .flag("unlabeled", per("auto " + NEURAL, ""), "unlabelled text (one text per line, words separated by "
                    + "white space; never the test set): skip-gram vectors are trained on it plus the training texts "
                    + "(once per run, written to the run's vectors.vec) and start the neural models' word embeddings; "
                    + "auto: the search then also tries the neural families (rnn, cnn)")
            .flag("pretrainedVectors", per(NEURAL, ""), "word vectors (.vec text file, e.g. a run's vectors.vec or "
                    + "from `xent train vectors`) to start the word embeddings (their dim must be -dim)")
            .set("vectorMinCount", per("auto " + NEURAL, 3), "with -unlabeled: words seen fewer times get no vector")
            .set("vectorEpoch", per("auto " + NEURAL, 5), "with -unlabeled: passes of the vector training over the text")
            .flag("skipBadLines", false, "skip malformed input lines (counted in the report) instead of stopping")
            .build();

    private ClassifySettings() {}

    /**
     * The run's model: the -model flag, else --set model=…, else (on --resume) the run's own config.json, else the
     * --config file's "model" (fasttext when it has none), else {@link #defaultModel}.
     */
    public static String model(String flag, String setValue, Path configFile, Path resume, Map<String, String> given)
            throws IOException {
        String m = flag != null ? flag : setValue;
        if (resume != null) {
            String saved = ConfigFiles.read(RunDirectory.open(resume).configFile()).path("model").asText("fasttext");
            if (m != null && !m.equalsIgnoreCase(saved)) {
                throw new IllegalArgumentException("--resume continues " + resume + ", a -model " + saved + " run; "
                        + "-model " + m + " differs. Drop -model to resume, or start a new run (-output NEW_NAME)");
            }
            m = saved;
        }
        if (m == null && configFile != null) m = ConfigFiles.read(configFile).path("model").asText("fasttext");
        if (m == null) m = defaultModel(given);
        m = m.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(m)) {
            throw new IllegalArgumentException("-model must be one of " + String.join(", ", MODELS) + "; got '" + m
                    + "'. fasttext: bag of words + n-grams; nbsvm: naive-Bayes-weighted n-grams; cnn, rnn and "
                    + "transformer are neural; auto chooses among fasttext and nbsvm (with -unlabeled also rnn and cnn) on "
                    + "validation data");
        }
        return m;
    }

    /**
     * auto when every setting given ({@code given}: flags and --set, by key) is one auto has — no learning rate,
     * dimension, epochs or other setting of one model — and either -valid is given or the training file has at most
     * {@link ModelSearch#CV_MAX_EXAMPLES} lines (small enough to cross-validate); otherwise fasttext, as before auto
     * existed. So every command that sets a fastText flag keeps its meaning.
     */
    static String defaultModel(Map<String, String> given) throws IOException {
        for (String key : given.keySet()) {
            var s = TABLE.settings().stream().filter(x -> x.key().equals(key.split("\\.", 2)[0])).findFirst();
            if (s.isEmpty() || !s.get().appliesTo("auto")) return "fasttext";
        }
        String input = given.getOrDefault("input", "");
        if (!given.getOrDefault("valid", "").isEmpty()) return "auto";
        if (input.isEmpty() || !Files.isRegularFile(Path.of(input))) return "fasttext";   // the run names the problem
        try (var lines = Files.lines(Path.of(input), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.limit(ModelSearch.CV_MAX_EXAMPLES + 1L).count() <= ModelSearch.CV_MAX_EXAMPLES ? "auto"
                    : "fasttext";
        }
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
