// Gradient clipping: rescale all gradients to a maximum global norm, or clamp each element to a range.
package dev.xent.optim;

import dev.xent.kernel.Kernels;
import dev.xent.kernel.VecOps;
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

    private static double accumulate(double acc, float[] d, int n, double p, boolean inf) {
        if (!inf && p == 2) return acc + sumSquares(d, n);
        for (int i = 0; i < n; i++) {
            double a = Math.abs(d[i]);
            if (inf) acc = Math.max(acc, a);   // Math.max propagates NaN
            else acc += p == 2 ? a * a : Math.pow(a, p);
        }
        return acc;
    }

    /** Elements per float partial sum in {@link #sumSquares}. */
    private static final int CHUNK = 4096;

    /**
     * Σ d[i]²: the kernel's SIMD sum of squares (float, per-lane partials) over chunks of {@value #CHUNK}
     * elements, the chunk sums added in double, so the relative error stays ~1e-6 however long the gradient
     * (PyTorch sums a tensor's squares in float too). The training loop takes this norm every step, also with
     * clipping off; a scalar double loop over a 2M-element embedding gradient cost ~7% of a tagger step.
     */
    private static double sumSquares(float[] d, int n) {
        VecOps k = Kernels.vec();
        double s = 0;
        for (int i = 0; i < n; i += CHUNK) s += k.sumSquares(d, i, Math.min(CHUNK, n - i));
        return s;
    }

    private static void scale(float[] d, int n, float c) {
        for (int i = 0; i < n; i++) d[i] *= c;
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
