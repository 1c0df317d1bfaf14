// `xent train classify -model fasttext|cnn|rnn|transformer`: which model a run trains, and each model's settings.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.run.ConfigFiles;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.task.classify.NeuralClassifierSpec;
import dev.xent.task.classify.RnnClassifier;
import dev.xent.task.classify.TextCnnClassifier;
import dev.xent.task.classify.TransformerClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The settings a run knows depend on its model: fastText's are {@link ClassifyRun#defaults()} (plus "model"), the
 * neural models' are {@link #neural}: common training settings and only their own architecture settings, so a
 * setting of another model (e.g. --set filters=50 with -model rnn) is refused as unknown. Defaults follow
 * NeuralClassifierBenchmark at a smaller size: CNN widths 3,4,5 x 100 filters, dropout 0.5; BiLSTM 128 per
 * direction with max pooling, dropout 0.5; Transformer 2 pre-norm blocks, 4 heads, feed-forward 2·dim, dropout 0.1,
 * lr 5e-4; Adam lr 1e-3, batch 32, clip 5 for all.
 */
public final class ClassifySettings {
    public static final List<String> MODELS = List.of("fasttext", "cnn", "rnn", "transformer");

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

    /** Every setting the model's runs know, with its default. */
    public static ObjectNode defaults(String model) {
        if (model.equals("fasttext")) {
            ObjectNode d = ClassifyRun.defaults();
            d.put("model", "fasttext");
            return d;
        }
        return neural(NeuralClassifierSpec.Kind.parse(model));
    }

    static ObjectNode neural(NeuralClassifierSpec.Kind kind) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("task", "classify");
        d.put("model", kind.id());
        d.put("input", "");        // fastText format, as for -model fasttext
        d.put("valid", "");        // picks the best epoch: hold it out from the test data
        d.put("dim", 100);         // word embedding size (the Transformer's width)
        d.put("epoch", 5);
        d.put("lr", kind == NeuralClassifierSpec.Kind.TRANSFORMER ? 5e-4 : 1e-3);   // Adam
        d.put("batch", 32);
        d.put("weightDecay", 0.0);
        d.put("clipNorm", 5.0);
        d.put("dropout", kind == NeuralClassifierSpec.Kind.TRANSFORMER ? 0.1 : 0.5);
        switch (kind) {
            case CNN -> {
                ArrayNode w = d.putArray("widths");
                w.add(3).add(4).add(5);
                d.put("filters", 100);
            }
            case RNN -> {
                d.put("cell", "lstm");    // lstm | gru (bidirectional)
                d.put("hidden", 128);     // units per direction
                d.put("layers", 1);
                d.put("pooling", "max");  // max | mean | last
            }
            case TRANSFORMER -> {
                d.put("heads", 4);
                d.put("feedForward", 0);  // 0: 2·dim
                d.put("layers", 2);
            }
        }
        d.put("minCount", 1);
        d.put("tokenizer", "whitespace");   // whitespace | word (words and punctuation split apart)
        d.put("lowercase", false);
        d.put("maxLength", 512);             // tokens kept per text (the Transformer's position table)
        d.put("loss", "softmax");            // softmax (one label per text) | ova (multi-label, sigmoids)
        d.put("thread", 0);
        d.put("seed", 1L);
        d.put("checkpointEvery", 200L);      // steps (batches) between checkpoints (0: only at epoch ends)
        d.put("keepCheckpoints", 2);
        d.put("skipBadLines", false);
        return d;
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
