// Scoring a probabilistic classifier on labelled texts: the argmax against the gold label (for a multi-label
// example, the prediction if it is one of its labels, else its first), counted by ClassificationMetrics.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.metrics.ClassificationMetrics;

import java.util.List;
import java.util.function.Function;

/** The one evaluation of the bag-of-n-gram classifiers and their ensembles. */
public final class ClassifierScores {
    private ClassifierScores() {
    }

    /** {@code probabilities} gives one probability per entry of {@code labels}, in that order. */
    public static ClassificationMetrics evaluate(List<String> labels, List<Example> data,
            Function<String, float[]> probabilities) {
        ClassificationMetrics.Builder b = new ClassificationMetrics.Builder(labels);
        for (Example e : data) {
            float[] p = probabilities.apply(e.text());
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            int gold = -1;
            for (String l : e.labels()) {
                int c = labels.indexOf(l);
                if (c < 0) {
                    throw new IllegalArgumentException("line " + e.line() + ": label \"" + l + "\" was not in the"
                            + " training data; the model knows " + labels + ". Fix: evaluate on data with the"
                            + " training labels (check the label column)");
                }
                if (gold < 0 || c == best) gold = c;
            }
            b.add(gold, best, Math.min(1.0, p[gold]));
        }
        return b.build();
    }
}
