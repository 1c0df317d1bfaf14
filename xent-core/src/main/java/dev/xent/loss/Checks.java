// Mistake-proofing for losses: detects probabilities that are not, logits that are not, and wrong targets.
package dev.xent.loss;

import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * The checks every loss runs before computing. Each failure names the argument, the rule, the value found
 * and the fix. Warnings (through {@link Warnings}) are for inputs PyTorch would accept silently but that
 * are almost certainly a mistake.
 */
final class Checks {
    private Checks() {}

    /**
     * Sum-to-one tolerance for a row of probabilities: loose (2%) on purpose, so rounded or slightly perturbed
     * softmax rows pass while per-class sigmoid outputs (which sum to anything) are caught.
     */
    static final double ROW_SUM_TOL = 0.02;
    /** A "from logits" binary loss warns when at least this many values all lie in [0, 1]. */
    static final int SIGMOID_LOOKALIKE_MIN = 8;

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Fails on NaN or ±Inf in a logits-like input: the model diverged upstream. */
    static void requireFinite(String loss, String arg, Tensor t) {
        int i = firstNonFinite(t);
        if (i >= 0) {
            throw new NonFiniteInputException(loss + ": " + arg + " must be finite; element " + i + " is " + t.data()[i]
                    + ". The model produced it before the loss: lower the learning rate, clip gradients, or check the"
                    + " inputs for NaN", loss + " " + arg + "[" + i + "]", t.data()[i]);
        }
    }

    private static int firstNonFinite(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) if (!Float.isFinite(d[i])) return i;
        return -1;
    }

    /**
     * Values must be probabilities in [0, 1]. {@code fix} says what to call instead (the logits variant).
     */
    static void requireProbabilities(String loss, String arg, Tensor t, String fix) {
        int bad = firstNonFinite(t);
        if (bad >= 0) {
            throw new NonFiniteInputException(loss + ": " + arg + " must be finite probabilities; element " + bad
                    + " is " + t.data()[bad] + ". A softmax or sigmoid computed without subtracting the max overflows"
                    + " for inputs above ~88 (exp(89) > Float.MAX_VALUE) and gives NaN. " + fix,
                    loss + " " + arg + "[" + bad + "]", t.data()[bad]);
        }
        float[] d = t.data();
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            lo = Math.min(lo, d[i]);
            hi = Math.max(hi, d[i]);
        }
        if (lo < 0f || hi > 1f) {
            throw new IllegalArgumentException(loss + " got " + arg + " values in [" + fmt(lo) + ", " + fmt(hi)
                    + "]; it expects probabilities in [0, 1]. " + fix);
        }
    }

    /** Each row (over the class axis) must sum to 1 within {@link #ROW_SUM_TOL}. */
    static void requireRowsSumToOne(String loss, String arg, Tensor t, ClassRows rows, String fix) {
        float[] d = t.data();
        for (int m = 0; m < rows.rows(); m++) {
            double s = 0;
            for (int c = 0; c < rows.classes(); c++) s += d[rows.index(m, c)];
            if (Math.abs(s - 1) > ROW_SUM_TOL) {
                throw new IllegalArgumentException(loss + ": each row of " + arg + " must sum to 1 (a distribution"
                        + " over " + rows.classes() + " classes); row " + m + " sums to " + fmt(s) + ". " + fix);
            }
        }
    }

    /** True when every value is in [0, 1] and every row sums to 1: the input looks softmaxed already. */
    static boolean looksSoftmaxed(Tensor t, ClassRows rows) {
        if (rows.classes() < 2) return false;
        float[] d = t.data();
        for (int m = 0; m < rows.rows(); m++) {
            double s = 0;
            for (int c = 0; c < rows.classes(); c++) {
                float v = d[rows.index(m, c)];
                if (!(v >= 0f && v <= 1f)) return false;
                s += v;
            }
            if (Math.abs(s - 1) > 1e-4) return false;
        }
        return true;
    }

    /** Warns when logits given to a softmax loss look like probabilities (a double softmax). */
    static void warnIfSoftmaxed(String loss, String arg, Tensor logits, ClassRows rows) {
        if (looksSoftmaxed(logits, rows)) {
            Warnings.warn(loss, loss + ": " + arg + " look like probabilities (all in [0, 1] and every row sums"
                    + " to 1), but this loss expects raw logits and applies softmax itself, so the softmax is applied"
                    + " twice and the gradient nearly vanishes. Pass the scores before softmax, or use"
                    + " CategoricalCrossEntropy.of() (probabilities) / NllLoss (log-probabilities).");
        }
    }

    /** Warns when logits given to a sigmoid loss look like sigmoid outputs (≥ 8 values, all in [0, 1], not all equal). */
    static void warnIfSigmoided(String loss, String arg, Tensor logits) {
        if (logits.size() < SIGMOID_LOOKALIKE_MIN) return;
        float[] d = logits.data();
        for (int i = 0; i < logits.size(); i++) if (!(d[i] >= 0f && d[i] <= 1f)) return;
        // All-equal values (e.g. the zeros of a zero-initialised output layer) are not evidence of a sigmoid.
        boolean varied = false;
        for (int i = 1; i < logits.size() && !varied; i++) varied = d[i] != d[0];
        if (!varied) return;
        Warnings.warn(loss, loss + ": all " + logits.size() + " " + arg + " lie in [0, 1], which looks like a"
                + " sigmoid output, but this loss expects raw logits and applies the sigmoid itself (a double"
                + " sigmoid: the loss can never reach 0 and gradients shrink). Remove the sigmoid from the model's"
                + " last layer, or pass the probabilities to BinaryCrossEntropy.of() instead.");
    }

    /** Marks a loss without an ignore index (CRF, focal): every target must be a class. */
    static final int NO_IGNORE = Integer.MIN_VALUE;

    /** Class indices must lie in [0, C) except {@code ignoreIndex} ({@link #NO_IGNORE} for none). */
    static void requireClassIndices(String loss, IntTensor target, int classes, int ignoreIndex) {
        int[] d = target.data();
        for (int i = 0; i < d.length; i++) {
            int y = d[i];
            if (y != ignoreIndex && (y < 0 || y >= classes)) {
                boolean hasIgnore = ignoreIndex != NO_IGNORE;
                throw new IllegalArgumentException(loss + ": target class indices must be in [0, " + classes
                        + ") (the input has " + classes + " classes)" + (hasIgnore && (ignoreIndex < 0 || ignoreIndex >= classes)
                        ? " or equal ignoreIndex=" + ignoreIndex : "") + "; element " + i + " is " + y
                        + ". Check the label vocabulary size against the model's output size"
                        + (hasIgnore ? ", or set ignoreIndex for padding labels" : ""));
            }
        }
    }

    /** The target's shape must be {@code expected}; explains one-hot vs index mix-ups. */
    static void requireIndexTargetShape(String loss, int[] input, int[] target, int[] expected) {
        if (Arrays.equals(target, expected)) return;
        throw new IllegalArgumentException(loss + ": class-index target must have shape " + Shapes.str(expected)
                + " for input " + Shapes.str(input) + " (one index per row, class axis removed); got "
                + Shapes.str(target) + ". For one-hot or probability targets pass a float Tensor of the input's"
                + " shape to the soft-target overload instead");
    }

    /** A float target for a categorical loss must match the input's shape; explains the usual mix-ups. */
    static void requireSoftTargetShape(String loss, Tensor input, Tensor target, int classAxis) {
        int[] is = input.shape(), ts = target.shape();
        if (Arrays.equals(is, ts)) return;
        int c = is[classAxis];
        String hint;
        int[] squeezed = new int[is.length - 1];
        for (int i = 0, j = 0; i < is.length; i++) if (i != classAxis) squeezed[j++] = is[i];
        boolean isIndexShape = Arrays.equals(ts, squeezed)
                || (ts.length == is.length && ts[classAxis] == 1);
        if (isIndexShape && allIntegers(target)) {
            hint = "The target has shape " + Shapes.str(ts) + " and holds whole numbers, which looks like class indices"
                    + " (or a single 0/1 column for a binary task). For class indices pass an IntTensor of shape "
                    + Shapes.str(squeezed) + " to CrossEntropy; for a single 0/1 output per sample use"
                    + " BinaryCrossEntropy with one logit per sample";
        } else {
            hint = "Targets must be one-hot or probability rows over the " + c + " classes, shaped like the input";
        }
        throw new IllegalArgumentException(loss + ": target shape " + Shapes.str(ts) + " does not match input shape "
                + Shapes.str(is) + ". " + hint);
    }

    static boolean allIntegers(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) if (d[i] != Math.rint(d[i])) return false;
        return true;
    }

    /** Binary targets must be in [0, 1]; values like 2, 3 are class indices meant for CrossEntropy. */
    static void requireBinaryTargets(String loss, Tensor target) {
        requireFinite(loss, "target", target);
        float[] d = target.data();
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < target.size(); i++) {
            lo = Math.min(lo, d[i]);
            hi = Math.max(hi, d[i]);
        }
        if (lo < 0f || hi > 1f) {
            throw new IllegalArgumentException(loss + ": target values must be in [0, 1] (0/1 labels or"
                    + " probabilities, one per output); got values in [" + fmt(lo) + ", " + fmt(hi) + "]."
                    + (allIntegers(target) ? " Whole numbers above 1 are class indices: for more than two classes"
                    + " use CrossEntropy with an IntTensor of class indices and one logit per class" : ""));
        }
    }

    /** Same shapes, or an error naming both. */
    static void requireSameShape(String loss, String a, Tensor x, String b, Tensor y, String fix) {
        if (!Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException(loss + ": " + b + " shape " + Shapes.str(y.shape()) + " must equal "
                    + a + " shape " + Shapes.str(x.shape()) + ". " + fix);
        }
    }

    /** A per-class weight vector must be 1-D of length C with non-negative finite entries. */
    static void requireClassWeights(String loss, String arg, Tensor w, int classes) {
        if (w == null) return;
        if (w.rank() != 1 || w.size() != classes) {
            throw new IllegalArgumentException(loss + ": " + arg + " must be a 1-D tensor with one entry per class ("
                    + classes + "); got shape " + Shapes.str(w.shape()));
        }
        for (float v : w.toArray()) {
            if (!(v >= 0f) || !Float.isFinite(v)) {
                throw new IllegalArgumentException(loss + ": " + arg + " entries must be finite and >= 0; got " + v);
            }
        }
    }
}
