// What model selection needs of a trained classifier: its labels, a probability per label for a text, scores on
// labelled data and a bundle on disk.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.metrics.ClassificationMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The fastText-style, NBSVM and neural classifiers (and an ensemble of them) as {@link ModelSearch} uses them. */
public interface TrainedClassifier {
    /** The labels, in the order of {@link #probabilities}. */
    List<String> labels();

    /** One probability per label for {@code text}. */
    float[] probabilities(String text);

    /** One row of {@link #probabilities(String)} per text (a neural model runs them in batches). */
    default float[][] probabilities(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) out[i] = probabilities(texts.get(i));
        return out;
    }

    /** Accuracy, P/R/F1, confusion and log loss on labelled data. */
    default ClassificationMetrics evaluate(List<Example> data) {
        float[][] p = probabilities(data.stream().map(Example::text).toList());
        int[] next = {0};
        return ClassifierScores.evaluate(labels(), data, text -> p[next[0]++]);   // it asks in the data's order
    }

    /** Saves a model bundle, with the training data's fingerprint (file → SHA-256) in its provenance. */
    void save(Path file, Map<String, String> dataFingerprint) throws IOException;
}
