// A classifier's scores over named classes, for reports: core's ConfusionMatrix with the label names.
package dev.xent.metrics;

import dev.xent.train.Average;
import dev.xent.train.ConfusionMatrix;

import java.util.List;
import java.util.Locale;

/**
 * Immutable; every number comes from {@link ConfusionMatrix} (accuracy, per-class and macro P/R/F1 with
 * scikit-learn's conventions, log loss with p clipped to [1e-15, 1]): this class adds the label names and the
 * plain-text report that {@code xent eval} and the train commands print.
 */
public final class ClassificationMetrics {
    /** Probabilities are clipped to at least this before the log (as scikit-learn's log_loss does). */
    public static final double MIN_PROB = ConfusionMatrix.MIN_PROB;

    private final List<String> labels;
    private final ConfusionMatrix matrix;

    private ClassificationMetrics(List<String> labels, ConfusionMatrix matrix) {
        this.labels = labels;
        this.matrix = matrix;
    }

    /** The scores of {@code counts} under the names {@code labels} (one per class; the counts are not copied). */
    public static ClassificationMetrics of(List<String> labels, ConfusionMatrix counts) {
        if (labels.size() != counts.classes()) {
            throw new IllegalArgumentException("labels must name each of the " + counts.classes() + " classes; got "
                    + labels.size() + " " + labels);
        }
        return new ClassificationMetrics(List.copyOf(labels), counts);
    }

    /** Accumulates predictions; call {@link #add} once per example, then {@link #build}. */
    public static final class Builder {
        private final List<String> labels;
        private ConfusionMatrix matrix;

        public Builder(List<String> labels) {
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("labels must name at least one class; got none");
            }
            this.labels = List.copyOf(labels);
            this.matrix = new ConfusionMatrix(labels.size());
        }

        /**
         * @param gold      the true class index
         * @param predicted the predicted class index
         * @param goldProb  the probability the model gave the true class (for log loss), in [0, 1]
         */
        public Builder add(int gold, int predicted, double goldProb) {
            if (matrix == null) throw new IllegalStateException("build() was called; start a new Builder");
            matrix.add(gold, predicted, goldProb);
            return this;
        }

        public ClassificationMetrics build() {
            ClassificationMetrics m = new ClassificationMetrics(labels, matrix);
            matrix = null;   // the metrics own the counts now
            return m;
        }
    }

    public List<String> labels() {
        return labels;
    }

    public long count() {
        return matrix.total();
    }

    /** confusion()[gold][predicted] = number of examples (a copy). */
    public long[][] confusion() {
        return matrix.counts();
    }

    /** Fraction predicted correctly (NaN when empty). */
    public double accuracy() {
        return matrix.accuracy();
    }

    /** Mean -ln p(gold) in nats (NaN when empty). */
    public double logLoss() {
        return matrix.logLoss();
    }

    /** Of the examples predicted as class c, the fraction truly c; 0 when nothing was predicted c. */
    public double precision(int c) {
        return matrix.precision(c);
    }

    /** Of the examples truly c, the fraction predicted c; 0 when there are none. */
    public double recall(int c) {
        return matrix.recall(c);
    }

    /** Harmonic mean of precision and recall; 0 when both are 0. */
    public double f1(int c) {
        return matrix.f1(c);
    }

    /** Mean over the classes that occur (gold or predicted) of precision. */
    public double macroPrecision() {
        return matrix.precision(Average.MACRO);
    }

    public double macroRecall() {
        return matrix.recall(Average.MACRO);
    }

    /** Mean of the per-class F1 scores over the classes that occur (scikit-learn's f1_score(average="macro")). */
    public double macroF1() {
        return matrix.f1(Average.MACRO);
    }

    /** A plain-text report: accuracy, log loss, a per-class P/R/F1 table, macro averages, the confusion matrix. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "examples %d  accuracy %.4f  log loss %.4f%n", count(), accuracy(),
                logLoss()));
        b.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s%n", "class", "precision", "recall", "f1"));
        for (int c = 0; c < labels.size(); c++) {
            b.append(String.format(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f%n", labels.get(c), precision(c),
                    recall(c), f1(c)));
        }
        b.append(String.format(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f%n", "macro", macroPrecision(),
                macroRecall(), macroF1()));
        b.append("confusion (rows gold, columns predicted):\n");
        for (long[] row : matrix.counts()) {
            for (long v : row) {
                b.append(String.format(Locale.ROOT, " %7d", v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
