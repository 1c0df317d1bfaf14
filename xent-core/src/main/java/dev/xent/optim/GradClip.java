// Gradient clipping: rescale all gradients to a maximum global norm, or clamp each element to a range.
package dev.xent.optim;

import dev.xent.kernel.Parallel;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;

import java.util.List;

/**
 * torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (1.13) over the gradients of the given tensors
 * (dense and row-sparse; tensors without a gradient are skipped). Call between backward and the optimizer step.
 */
public final class GradClip {
    private GradClip() {}

    /** Global L2 norm clipping; see {@link #clipGradNorm(List, double, double)}. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * Computes the p-norm of all gradients together, as if concatenated into one vector (p = ∞: the largest
     * |g|), and, when it exceeds {@code maxNorm}, scales every gradient by maxNorm / (norm + 1e-6) (the 1e-6 as
     * PyTorch, so the clipped norm lands just below maxNorm). Returns the norm before clipping; a NaN or
     * infinite norm is returned as is (and the scale makes the gradients NaN, as PyTorch's default): check it.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) throw new IllegalArgumentException("maxNorm must be >= 0; got " + maxNorm);
        if (!(normType > 0)) throw new IllegalArgumentException("normType must be > 0 (or infinity); got " + normType);
        boolean inf = Double.isInfinite(normType);
        double acc = 0;
        for (Tensor t : params) {
            Tensor g = t.grad();
            if (g != null) acc = accumulate(acc, g.data(), g.size(), normType, inf);
            SparseRows sg = t.sparseGrad();
            if (sg != null) acc = accumulate(acc, sg.values(), sg.count() * sg.cols(), normType, inf);
        }
        double total = inf ? acc : Math.pow(acc, 1 / normType);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1 || Double.isNaN(coef)) {
            float c = (float) coef;
            for (Tensor t : params) {
                Tensor g = t.grad();
                if (g != null) scale(g.data(), g.size(), c);
                SparseRows sg = t.sparseGrad();
                if (sg != null) scale(sg.values(), sg.count() * sg.cols(), c);
            }
        }
        return total;
    }

    /** Elements per partial sum of squares (the partials add in block order). */
    private static final int BLOCK = 4096;

    private static double accumulate(double acc, float[] d, int n, double p, boolean inf) {
        if (p == 2 && !inf) return acc + sumSquares(d, n);
        for (int i = 0; i < n; i++) {
            double a = Math.abs(d[i]);
            if (inf) acc = Math.max(acc, a);   // Math.max propagates NaN
            else acc += p == 2 ? a * a : Math.pow(a, p);
        }
        return acc;
    }

    /**
     * Σ d[i]² over [0, n) in double (each float's square is exact in double): blocks of {@link #BLOCK}
     * elements split over the cores, each summed with four accumulators, the block sums added in block order,
     * so the result does not depend on the thread count. The former single-accumulator loop was a serial pass
     * over every gradient, bound by the latency of its one dependent add (3% of a word-LM step's CPU). Float
     * partial sums were tried and dropped: their rounding (~1e-6) moved a two-step golden test past its 1e-5.
     */
    private static double sumSquares(float[] d, int n) {
        double[] part = new double[(n + BLOCK - 1) / BLOCK];
        Parallel.forRange(part.length, 64, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int i = b * BLOCK, to = Math.min(n, i + BLOCK);
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (; i + 3 < to; i += 4) {
                    double x0 = d[i], x1 = d[i + 1], x2 = d[i + 2], x3 = d[i + 3];
                    s0 += x0 * x0;
                    s1 += x1 * x1;
                    s2 += x2 * x2;
                    s3 += x3 * x3;
                }
                for (; i < to; i++) s0 += (double) d[i] * d[i];
                part[b] = (s0 + s1) + (s2 + s3);
            }
        });
        double s = 0;
        for (double x : part) s += x;
        return s;
    }

    /** d[0, n) *= c over the kernel threads (the same product per element on any thread). */
    private static void scale(float[] d, int n, float c) {
        Parallel.forRange(n, 1 << 16, (from, to) -> {
            for (int i = from; i < to; i++) d[i] *= c;
        });
    }

    /** Clamps every gradient element into [−clipValue, clipValue]. */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) throw new IllegalArgumentException("clipValue must be >= 0; got " + clipValue);
        float c = (float) clipValue;
        for (Tensor t : params) {
            Tensor g = t.grad();
            if (g != null) clamp(g.data(), g.size(), c);
            SparseRows sg = t.sparseGrad();
            if (sg != null) clamp(sg.values(), sg.count() * sg.cols(), c);
        }
    }

    private static void clamp(float[] d, int n, float c) {
        for (int i = 0; i < n; i++) d[i] = Math.max(-c, Math.min(c, d[i]));
    }
}
