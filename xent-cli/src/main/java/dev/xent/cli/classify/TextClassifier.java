// A loaded classifier bundle of either format (fastText-style or neural), as predict, eval and serve use it.
package dev.xent.cli.classify;

import dev.xent.cli.BadInputException;
import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.EnsembleClassifier;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.NbSvmClassifier;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.classify.Prediction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only after loading; predictions are in eval mode (no dropout) and give top-k label probabilities. */
public interface TextClassifier {
    String FASTTEXT_FORMAT = "xent.fasttext-classifier";
    String NEURAL_FORMAT = "xent.neural-classifier";
    String NBSVM_FORMAT = "xent.nbsvm-classifier";
    String ENSEMBLE_FORMAT = "xent.ensemble-classifier";

    /** The {@code k} most probable labels of {@code text}, most probable first. */
    List<Prediction> predict(String text, int k);

    /** {@link #predict(String, int)} for each text (a neural model runs them in batches). */
    default List<List<Prediction>> predict(List<String> texts, int k) {
        List<List<Prediction>> out = new java.util.ArrayList<>(texts.size());
        for (String t : texts) out.add(predict(t, k));
        return out;
    }

    /** Accuracy, P/R/F1, log loss and confusion matrix on labelled examples. */
    ClassificationMetrics evaluate(List<Example> data);

    /** What `serve` reports about the model besides file and task. */
    Map<String, Object> info();

    /** True for the formats these adapters load. */
    static boolean handles(String format) {
        return format.equals(FASTTEXT_FORMAT) || format.equals(NEURAL_FORMAT) || format.equals(NBSVM_FORMAT)
                || format.equals(ENSEMBLE_FORMAT);
    }

    /** Loads a classifier bundle by its config's format. */
    static TextClassifier load(Path file) throws IOException {
        return load(ModelBundle.read(file), file);
    }

    /** As {@link #load(Path)}, from a bundle already read from {@code file}. */
    static TextClassifier load(ModelBundle bundle, Path file) {
        String format = bundle.config().path("format").asText("");
        if (format.equals(NEURAL_FORMAT)) {
            try {
                return neural(NeuralClassifier.load(bundle, file));
            } catch (IllegalArgumentException damaged) {   // a bad version, config or weights: the file is the problem
                throw new BadInputException(damaged.getMessage());
            }
        }
        if (format.equals(ENSEMBLE_FORMAT)) {
            try {
                return ensemble(EnsembleClassifier.load(bundle, file));
            } catch (IllegalArgumentException damaged) {
                throw new BadInputException(damaged.getMessage());
            }
        }
        if (format.equals(NBSVM_FORMAT)) {
            try {
                return nbSvm(NbSvmClassifier.load(bundle, file));
            } catch (IllegalArgumentException damaged) {
                throw new BadInputException(damaged.getMessage());
            }
        }
        return fastText(FastTextClassifier.load(bundle, file));   // its reader names any other format in its error
    }

    static TextClassifier fastText(FastTextClassifier c) {
        return new TextClassifier() {
            public List<Prediction> predict(String text, int k) {
                return c.predict(text, k);
            }

            public ClassificationMetrics evaluate(List<Example> data) {
                return c.evaluate(data);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", "fasttext");
                m.put("labels", c.labels());
                m.put("words", c.vocabularySize());
                m.put("dim", c.config().dim());
                return m;
            }
        };
    }

    /** Read-only after loading: concurrent calls are safe. */
    static TextClassifier ensemble(EnsembleClassifier c) {
        return new TextClassifier() {
            public List<Prediction> predict(String text, int k) {
                return c.predict(text, k);
            }

            public ClassificationMetrics evaluate(List<Example> data) {
                return c.evaluate(data);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", "ensemble");
                m.put("labels", c.labels());
                m.put("members", c.members().size());
                return m;
            }
        };
    }

    /** Read-only after loading: concurrent calls are safe. */
    static TextClassifier nbSvm(NbSvmClassifier c) {
        return new TextClassifier() {
            public List<Prediction> predict(String text, int k) {
                return c.predict(text, k);
            }

            public ClassificationMetrics evaluate(List<Example> data) {
                return c.evaluate(data);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", "nbsvm");
                m.put("labels", c.labels());
                m.put("ngrams", c.config().ngrams());
                m.put("features", c.featureCount());
                return m;
            }
        };
    }

    /**
     * Concurrent calls are safe without a lock: a loaded model is in eval mode and its forward pass writes no
     * shared state (NeuralClassifierConcurrencyTest), so the server's request threads run it in parallel.
     */
    static TextClassifier neural(NeuralClassifier c) {
        return new TextClassifier() {
            public List<Prediction> predict(String text, int k) {
                return c.predict(text, k);
            }

            public List<List<Prediction>> predict(List<String> texts, int k) {
                return c.predict(texts, k);
            }

            public ClassificationMetrics evaluate(List<Example> data) {
                return c.evaluate(data);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", c.spec().kind().id());
                m.put("describe", c.model().describe());
                m.put("labels", c.labels());
                m.put("words", c.encoding().size());
                m.put("objective", c.objective().name().toLowerCase(java.util.Locale.ROOT));
                m.put("parameters", c.model().parameterCount());
                return m;
            }
        };
    }
}
