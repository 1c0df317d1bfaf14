// What rebuilds a neural text classifier: its kind (cnn, rnn, transformer) and that kind's Config record; to and from JSON.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * {@code config} is a {@link TextCnnClassifier.Config} for CNN, a {@link RnnClassifier.Config} for RNN and a
 * {@link TransformerClassifier.Config} for TRANSFORMER. With the vocabulary size, objective, class count and a seed,
 * {@link #build} makes the model; a saved bundle stores {@link #toJson} and rebuilds with {@link #fromJson}, then
 * loads the weights.
 */
public record NeuralClassifierSpec(Kind kind, Record config) {
    /** The model families, with their names on the command line and in bundles. */
    public enum Kind {
        CNN, RNN, TRANSFORMER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** "cnn", "rnn" or "transformer" (any case). */
        public static Kind parse(String s) {
            for (Kind k : values()) if (k.id().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("model kind must be cnn, rnn or transformer; got '" + s + "'");
        }
    }

    public NeuralClassifierSpec {
        Class<?> want = switch (kind) {
            case CNN -> TextCnnClassifier.Config.class;
            case RNN -> RnnClassifier.Config.class;
            case TRANSFORMER -> TransformerClassifier.Config.class;
        };
        if (!want.isInstance(config)) {
            throw new IllegalArgumentException(kind.id() + " needs a " + want.getName() + "; got "
                    + (config == null ? "null" : config.getClass().getName()));
        }
    }

    /** A new model with fresh weights drawn from {@code seed}. */
    public NeuralTextClassifier build(int vocabSize, Objective objective, int numClasses, long seed) {
        return switch (kind) {
            case CNN -> new TextCnnClassifier(vocabSize, objective, numClasses, (TextCnnClassifier.Config) config, seed);
            case RNN -> new RnnClassifier(vocabSize, objective, numClasses, (RnnClassifier.Config) config, seed);
            case TRANSFORMER -> new TransformerClassifier(vocabSize, objective, numClasses,
                    (TransformerClassifier.Config) config, seed);
        };
    }

    /** The longest input the model takes (the Transformer's position table); 0 = any length. */
    public int maxLength() {
        return config instanceof TransformerClassifier.Config t ? t.maxLen() : 0;
    }

    /** {"kind": "cnn", ...every field of the Config...}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind.id());
        switch (config) {
            case TextCnnClassifier.Config c -> {
                o.put("embeddingDim", c.embeddingDim());
                ArrayNode w = o.putArray("widths");
                for (int k : c.widths()) w.add(k);
                o.put("filters", c.filters()).put("dropout", c.dropout());
            }
            case RnnClassifier.Config c -> o.put("cell", c.cell().name()).put("embeddingDim", c.embeddingDim())
                    .put("hidden", c.hidden()).put("layers", c.layers()).put("pooling", c.pooling().name())
                    .put("dropout", c.dropout());
            case TransformerClassifier.Config c -> o.put("dModel", c.dModel()).put("heads", c.heads())
                    .put("feedForward", c.feedForward()).put("layers", c.layers()).put("maxLen", c.maxLen())
                    .put("dropout", c.dropout());
            default -> throw new IllegalStateException("unreachable: " + config);
        }
        return o;
    }

    /** Reads {@link #toJson}'s object; {@code where} (e.g. "model.xent: config \"model\"") prefixes errors. */
    public static NeuralClassifierSpec fromJson(JsonNode o, String where) {
        Kind kind;
        try {
            kind = Kind.parse(text(o, "kind", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        float dropout = (float) number(o, "dropout", where);
        try {
            Record c = switch (kind) {
                case CNN -> {
                    JsonNode w = o.path("widths");
                    if (!w.isArray() || w.isEmpty()) throw missing(where, "widths", "a non-empty array of ints");
                    int[] widths = new int[w.size()];
                    for (int i = 0; i < widths.length; i++) widths[i] = w.get(i).asInt();
                    yield new TextCnnClassifier.Config(integer(o, "embeddingDim", where), widths,
                            integer(o, "filters", where), dropout);
                }
                case RNN -> new RnnClassifier.Config(RnnClassifier.Cell.valueOf(text(o, "cell", where)),
                        integer(o, "embeddingDim", where), integer(o, "hidden", where), integer(o, "layers", where),
                        RnnClassifier.Pooling.valueOf(text(o, "pooling", where)), dropout);
                case TRANSFORMER -> new TransformerClassifier.Config(integer(o, "dModel", where),
                        integer(o, "heads", where), integer(o, "feedForward", where), integer(o, "layers", where),
                        integer(o, "maxLen", where), dropout);
            };
            return new NeuralClassifierSpec(kind, c);
        } catch (IllegalArgumentException e) {   // an unknown enum name, or sizes the Config refuses
            if (e.getMessage() != null && e.getMessage().startsWith(where)) throw e;
            throw new IllegalArgumentException(where + ": " + e.getMessage() + ". Fix: the file is damaged or was "
                    + "written by another xent; retrain");
        }
    }

    private static String text(JsonNode o, String name, String where) {
        JsonNode v = o.path(name);
        if (!v.isTextual()) throw missing(where, name, "a string");
        return v.asText();
    }

    private static int integer(JsonNode o, String name, String where) {
        JsonNode v = o.path(name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw missing(where, name, "an integer");
        return v.asInt();
    }

    private static double number(JsonNode o, String name, String where) {
        JsonNode v = o.path(name);
        if (!v.isNumber()) throw missing(where, name, "a number");
        return v.asDouble();
    }

    private static IllegalArgumentException missing(String where, String name, String what) {
        return new IllegalArgumentException(where + ": \"" + name + "\" must be " + what + " (it is missing or of "
                + "another type). Fix: the file is damaged or was written by another xent; retrain");
    }
}
