// Counts of classification decisions and what they give: accuracy, per-class and averaged P/R/F1, log loss.
package dev.xent.train;

import java.util.Locale;

/**
 * The one place xent turns classification decisions into scores: the Keras-style {@link Metrics} during fit,
 * the classifiers' validation ({@code val_accuracy}, {@code val_macro_f1}, {@code val_loss}) and the reports of
 * {@code eval} all count here. Accumulate with {@link #add} (one label per example: counts[gold][predicted]) or
 * {@link #addLabels} (multi-label: one yes/no decision per class), then read the scores. scikit-learn's
 * conventions:
 * <ul>
 *   <li>per class c: precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2PR / (P + R), each 0 when its
 *       denominator is 0 ({@code zero_division=0});</li>
 *   <li>{@link Average#MACRO}: the unweighted mean over the classes that occur among the gold labels or the
 *       predictions ({@code f1_score(average="macro")}); MICRO pools every decision; BINARY is class 1;</li>
 *   <li>accuracy = correct / examples (multi-label: exact match of the whole label set);</li>
 *   <li>log loss = mean −ln p(gold) with p clipped to [{@value #MIN_PROB}, 1] ({@code log_loss}); multi-label:
 *       mean binary cross-entropy over every (example, class) pair, p clipped to [1e-15, 1 − 1e-15].</li>
 * </ul>
 * Scores of an empty matrix are NaN. Not thread-safe.
 */
public final class ConfusionMatrix {
    /** Probabilities are clipped to at least this before the log, as scikit-learn's log_loss does. */
    public static final double MIN_PROB = 1e-15;

    private final int classes;
    private final long[][] counts;          // [gold][predicted], single-label adds only
    private final long[] tp, fp, fn;        // per class, from either kind of add
    private long examples, correct;
    private boolean singleLabel, multiLabel;
    private double logLossSum;
    private long logLossTerms;

    public ConfusionMatrix(int classes) {
        if (classes < 0) throw new IllegalArgumentException("classes must be >= 0; got " + classes);
        this.classes = classes;
        this.counts = new long[classes][classes];
        this.tp = new long[classes];
        this.fp = new long[classes];
        this.fn = new long[classes];
    }

    /** One single-label example: its gold class and the predicted one. */
    public ConfusionMatrix add(int gold, int predicted) {
        checkIndex("gold", gold);
        checkIndex("predicted", predicted);
        kind(false);
        counts[gold][predicted]++;
        examples++;
        if (gold == predicted) {
            correct++;
            tp[gold]++;
        } else {
            fp[predicted]++;
            fn[gold]++;
        }
        return this;
    }

    /** As {@link #add(int, int)}, with the probability the model gave the gold class, for the log loss. */
    public ConfusionMatrix add(int gold, int predicted, double goldProb) {
        if (!(goldProb >= 0 && goldProb <= 1.0 + 1e-6)) {
            throw new IllegalArgumentException("goldProb must be a probability in [0, 1]; got " + goldProb);
        }
        add(gold, predicted);
        logLossSum -= Math.log(Math.min(1.0, Math.max(MIN_PROB, goldProb)));
        logLossTerms++;
        return this;
    }

    /**
     * One multi-label example: {@code gold[c]} says whether class c is among its labels, {@code probs[c]} is the
     * model's independent probability of class c, predicted when ≥ 0.5.
     */
    public ConfusionMatrix addLabels(boolean[] gold, float[] probs) {
        if (gold.length != classes || probs.length != classes) {
            throw new IllegalArgumentException("a multi-label example needs one decision per class (" + classes
                    + "); got " + gold.length + " gold flags and " + probs.length + " probabilities");
        }
        kind(true);
        boolean exact = true;
        for (int c = 0; c < classes; c++) {
            boolean pred = probs[c] >= 0.5f;
            exact &= pred == gold[c];
            if (pred && gold[c]) tp[c]++;
            else if (pred) fp[c]++;
            else if (gold[c]) fn[c]++;
            double q = Math.min(1 - MIN_PROB, Math.max(MIN_PROB, probs[c]));
            logLossSum -= gold[c] ? Math.log(q) : Math.log(1 - q);
        }
        logLossTerms += classes;
        examples++;
        if (exact) correct++;
        return this;
    }

    private void kind(boolean multi) {
        if (multi ? singleLabel : multiLabel) {
            throw new IllegalStateException("this matrix counts " + (multi ? "single" : "multi") + "-label examples; "
                    + "use one ConfusionMatrix per kind");
        }
        if (multi) multiLabel = true;
        else singleLabel = true;
    }

    private void checkIndex(String what, int i) {
        if (i < 0 || i >= classes) {
            throw new IllegalArgumentException(what + " class index must be in [0, " + classes + "); got " + i);
        }
    }

    public int classes() {
        return classes;
    }

    /** Examples added. */
    public long total() {
        return examples;
    }

    /** counts()[gold][predicted] = number of single-label examples (a copy; all 0 for multi-label ones). */
    public long[][] counts() {
        long[][] c = new long[classes][];
        for (int i = 0; i < classes; i++) c[i] = counts[i].clone();
        return c;
    }

    /** Fraction of examples predicted correctly (multi-label: every class right); NaN when empty. */
    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    /** Mean negative log-likelihood in nats of the gold classes (see the class comment); NaN without probabilities. */
    public double logLoss() {
        return logLossTerms == 0 ? Double.NaN : logLossSum / logLossTerms;
    }

    public double precision(int c) {
        return ratio(tp[c], tp[c] + fp[c]);
    }

    public double recall(int c) {
        return ratio(tp[c], tp[c] + fn[c]);
    }

    public double f1(int c) {
        return f1(precision(c), recall(c));
    }

    public double precision(Average avg) {
        return combine(avg, 0);
    }

    public double recall(Average avg) {
        return combine(avg, 1);
    }

    public double f1(Average avg) {
        return combine(avg, 2);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** which: 0 precision, 1 recall, 2 F1. */
    private double combine(Average avg, int which) {
        if (examples == 0) return Double.NaN;
        switch (avg) {
            case MICRO -> {
                long t = 0, p = 0, g = 0;
                for (int c = 0; c < classes; c++) {
                    t += tp[c];
                    p += tp[c] + fp[c];
                    g += tp[c] + fn[c];
                }
                double precision = ratio(t, p), recall = ratio(t, g);
                return which == 0 ? precision : which == 1 ? recall : f1(precision, recall);
            }
            case BINARY -> {
                if (classes != 2) {
                    throw new IllegalStateException("Average.BINARY needs 2 classes; this matrix has " + classes
                            + ". Use MICRO or MACRO");
                }
                return which == 0 ? precision(1) : which == 1 ? recall(1) : f1(1);
            }
            default -> {
                double s = 0;
                int n = 0;
                for (int c = 0; c < classes; c++) {
                    if (tp[c] + fp[c] + fn[c] == 0) continue;   // neither gold nor predicted: not averaged
                    s += which == 0 ? precision(c) : which == 1 ? recall(c) : f1(c);
                    n++;
                }
                return n == 0 ? 0 : s / n;
            }
        }
    }

    /** E.g. "accuracy 85.09%, macro-F1 0.8508, log loss 0.3456 (n = 872)". */
    public String summary() {
        return String.format(Locale.ROOT, "accuracy %.2f%%, macro-F1 %.4f, log loss %.4f (n = %d)", 100 * accuracy(),
                f1(Average.MACRO), logLoss(), examples);
    }

    /** A plain-text table: rows are gold classes, columns predictions. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int c = 0; c < classes; c++) sb.append('\t').append(c);
        for (int t = 0; t < classes; t++) {
            sb.append('\n').append(t);
            for (int p = 0; p < classes; p++) sb.append('\t').append(counts[t][p]);
        }
        return sb.toString();
    }
}
