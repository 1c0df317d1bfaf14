// Layer normalisation over the last dimension: y = (x − mean) / sqrt(var + eps) · gamma + beta.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * Layer norm as torch.nn.functional.layer_norm with normalized_shape = (C): each row of C values is
 * normalised with its own mean and biased variance, then scaled by gamma and shifted by beta (both optional).
 *
 * <p>Forward saves per row the mean μ and r = 1/sqrt(var + eps); x̂ = (x − μ)·r is recomputed in backward.
 * Backward, with G = dL/dy and ĝ = G ⊙ gamma (one row of C values):
 * dx = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)), dgamma = Σ_rows G ⊙ x̂, dbeta = Σ_rows G.
 */
public final class LayerNorm {
    private LayerNorm() {}

    private static final int ROW_CHUNK = 64;             // rows per parallel task (a row of C = 256 is ~1 µs of work)
    private static final int COL_ALIGN = 64;             // gamma/beta gradient columns split at multiples of the lanes
    private static final long PARAM_MIN_WORK = 1L << 15; // elements (rows x columns) per task of that split

    /** x (..., C); gamma (C) or null; beta (C) or null; eps > 0 (PyTorch's default is 1e-5). */
    public static Tensor apply(Tensor x, Tensor gamma, Tensor beta, float eps) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("layerNorm: x must have rank >= 1 (normalised over its last dim); "
                    + "got a scalar");
        }
        int c = x.dim(-1);
        int rows = x.size() / Math.max(1, c);
        checkParam("gamma", gamma, c, x);
        checkParam("beta", beta, c, x);
        if (!(eps > 0)) throw new IllegalArgumentException("layerNorm: eps must be > 0; got " + eps + ". Use 1e-5");

        VecOps vec = Kernels.vec();
        float[] xd = x.data();
        Tensor y = Tensor.scratch(x.shape());                                   // (..., C)
        Tensor mean = Tensor.scratch(rows), rstd = Tensor.scratch(rows);        // (N), (N)
        float[] yd = y.data(), mu = mean.data(), rs = rstd.data();
        Parallel.forRange(rows, ROW_CHUNK, (from, to) -> {
            for (int n = from; n < to; n++) {
                int o = n * c;
                float m = vec.sum(xd, o, c) / c;
                vec.addScalar(-m, xd, o, yd, o, c);                             // y row = x − μ (two-pass variance)
                float var = vec.sumSquares(yd, o, c) / c;
                float r = (float) (1.0 / Math.sqrt((double) var + eps));
                mu[n] = m;
                rs[n] = r;
                vec.scale(r, yd, o, yd, o, c);                                  // x̂
                if (gamma != null) vec.mul(yd, o, gamma.data(), 0, yd, o, c);
                if (beta != null) vec.add(yd, o, beta.data(), 0, yd, o, c);
            }
        });
        if (GradMode.needsGrad(x, gamma, beta)) {
            y.withNode(new Node("layerNorm", x, gamma, beta) {
                @Override
                public void backward(Tensor g) {                                // g: (..., C)
                    float[] gd = g.data();
                    float[] dx = x.requiresGrad() ? x.gradForAccumulation().data() : null;
                    float[] dgamma = gamma != null && gamma.requiresGrad() ? gamma.gradForAccumulation().data() : null;
                    float[] dbeta = beta != null && beta.requiresGrad() ? beta.gradForAccumulation().data() : null;
                    if (dx != null) {                                           // rows split over threads
                        float[] gm = gamma == null ? null : gamma.data();
                        Parallel.forRange(rows, ROW_CHUNK, (from, to) -> {   // dx += r·(ĝ − mean ĝ − x̂·mean(ĝ⊙x̂))
                            for (int n = from; n < to; n++) {
                                vec.layerNormBackwardRow(xd, n * c, gd, n * c, gm, mu[n], rs[n], dx, n * c, c);
                            }
                        });
                    }
                    if (dgamma == null && dbeta == null) return;
                    // dgamma = Σ_rows G ⊙ x̂, dbeta = Σ_rows G in row order, the columns split over threads in blocks
                    // of COL_ALIGN: elementwise operations, so every sum is bit for bit the one-thread sum
                    int blocks = (c + COL_ALIGN - 1) / COL_ALIGN;
                    int minBlocks = (int) Math.max(1, PARAM_MIN_WORK / Math.max(1L, (long) rows * COL_ALIGN));
                    Parallel.forRange(blocks, minBlocks, (from, to) -> {
                        int j0 = from * COL_ALIGN, len = Math.min(c, to * COL_ALIGN) - j0;
                        float[] xhat = new float[len];                          // x̂ of one row's block
                        for (int n = 0; n < rows; n++) {
                            int o = n * c + j0;
                            if (dgamma != null) {
                                vec.addScalar(-mu[n], xd, o, xhat, 0, len);
                                vec.scale(rs[n], xhat, 0, xhat, 0, len);
                                vec.mulAdd(gd, o, xhat, 0, dgamma, j0, len);
                            }
                            if (dbeta != null) vec.add(dbeta, j0, gd, o, dbeta, j0, len);
                        }
                    });
                }
            });
        }
        return y;
    }

    static void checkParam(String name, Tensor p, int c, Tensor x) {
        if (p != null && (p.rank() != 1 || p.dim(0) != c)) {
            throw new IllegalArgumentException("layerNorm: " + name + " must have shape (" + c + ") to match the last "
                    + "dim of x " + Shapes.str(x.shape()) + "; got " + Shapes.str(p.shape()));
        }
    }
}
