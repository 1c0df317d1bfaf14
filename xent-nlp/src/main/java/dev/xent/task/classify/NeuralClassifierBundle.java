// Saving and loading a NeuralClassifier as a model bundle: "config" (format, version, model spec, objective, labels,
// text encoding, training settings), "vocab" (the word list), optional "metrics", and the model's state dict as weights.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Config layout (format {@value #FORMAT}, version {@value #VERSION}):
 * <pre>
 * {"format": "xent.neural-classifier", "version": 1, "task": "classify",
 *  "model": {"kind": "cnn", "embeddingDim": 100, "widths": [3, 4, 5], "filters": 100, "dropout": 0.5},
 *  "objective": "binary", "labels": ["neg", "pos"],
 *  "text": {"tokenizer": "whitespace", "lowercase": false, "maxLength": 512},
 *  "training": {...how it was trained, for the record...}}
 * </pre>
 * Weights are the model's state dict under its own names ("embedding.weight", "conv0.weight", …); loading
 * rebuilds the model from "model" and the word count, then loads them strictly (names and shapes must match).
 */
final class NeuralClassifierBundle {
    static final String FORMAT = "xent.neural-classifier";
    static final int VERSION = 1;

    private NeuralClassifierBundle() {}

    static void write(NeuralClassifier c, Path file, long seed, Map<String, String> dataFingerprint, JsonNode training,
                      JsonNode metrics) throws IOException {
        ObjectNode conf = JsonNodeFactory.instance.objectNode();
        conf.put("format", FORMAT).put("version", VERSION).put("task", "classify");
        conf.set("model", c.spec().toJson());
        conf.put("objective", c.objective().name().toLowerCase(Locale.ROOT));
        ArrayNode labels = conf.putArray("labels");
        c.labels().forEach(labels::add);
        conf.set("text", c.encoding().settingsJson());
        if (training != null) conf.set("training", training);
        ModelBundle.Builder b = ModelBundle.builder(conf, Provenance.now(seed, dataFingerprint))
                .json("vocab", c.encoding().wordsJson());
        if (metrics != null) b.json("metrics", metrics);
        for (Map.Entry<String, Tensor> e : c.model().stateDict().entrySet()) b.weight(e.getKey(), e.getValue());
        b.build().write(file);
    }

    static NeuralClassifier read(Path file) throws IOException {
        return read(ModelBundle.read(file), file);
    }

    /** {@code bundle} was read from {@code file}, which errors name. */
    static NeuralClassifier read(ModelBundle bundle, Path file) {
        JsonNode conf = bundle.config();
        String format = conf.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException(file + ": config \"format\" must be \"" + FORMAT + "\"; got \""
                    + format + "\". Fix: load this bundle with the class that saved it (a fastText-style classifier:"
                    + " FastTextClassifier.load)");
        }
        if (conf.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException(file + ": unsupported " + FORMAT + " version " + conf.path("version")
                    + " (this xent reads " + VERSION + "). Fix: use a matching xent");
        }
        NeuralClassifierSpec spec = NeuralClassifierSpec.fromJson(conf.path("model"), file + ": config \"model\"");
        Objective objective;
        try {
            objective = Objective.valueOf(conf.path("objective").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": config \"objective\" must be binary, multiclass or "
                    + "multilabel; got " + conf.path("objective") + ". Fix: the file is damaged; retrain");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode l : conf.path("labels")) labels.add(l.asText());
        if (!bundle.sectionNames().contains("vocab")) {
            throw new IllegalArgumentException(file + ": has no \"vocab\" section. Fix: the file is damaged; retrain");
        }
        NeuralTextEncoding enc = NeuralTextEncoding.fromJson(conf.path("text"), bundle.json("vocab"), file.toString());
        NeuralTextClassifier model;
        try {
            model = spec.build(enc.size(), objective, labels.size(), 0);
            model.loadStateDict(bundle.weights(), true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the weights do not fit the model its config describes ("
                    + e.getMessage() + "). Fix: the file is damaged; retrain");
        }
        model.eval();
        return new NeuralClassifier(spec, enc, labels, model);
    }
}
