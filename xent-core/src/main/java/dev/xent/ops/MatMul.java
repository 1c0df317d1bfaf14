package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * Matrix product of 2-D tensors with optional transposes: C = op(A) · op(B), op(A) (M, K), op(B) (K, N).
 *
 * <p>Backward, with G = dL/dC (M, N):
 * dL/dA = G · op(B)ᵀ (stored transposed when transA: op(B) · Gᵀ... written as the GEMM flags below),
 * dL/dB = op(A)ᵀ · G (likewise). Each is one GEMM with beta = 1, so it adds into the gradient.
 */
public final class MatMul {
    private MatMul() {}

    private static final int BIAS_FILL_CHUNK = 1 << 16;   // floats per thread at least when the bias fills y

    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul needs 2-D tensors; got " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()) + ". For batches use bmm");
        }
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shapes.str(a.shape())
                    + (transA ? "ᵀ" : "") + " · " + Shapes.str(b.shape()) + (transB ? "ᵀ" : "")
                    + " gives (" + m + ", " + k + ") · (" + kb + ", " + n + ")");
        }
        Tensor c = Tensor.scratch(m, n);                                        // (M, N)
        Gemm gemm = Kernels.gemm();
        gemm.sgemm(transA, transB, m, n, k, 1f, a.data(), 0, a.dim(1), b.data(), 0, b.dim(1), 0f, c.data(), 0, n);
        if (GradMode.needsGrad(a, b)) {
            c.withNode(new Node("matmul", a, b) {
                @Override
                public void backward(Tensor g) {                               // g: (M, N)
                    if (a.requiresGrad()) {
                        float[] ga = a.gradForAccumulation().data();
                        if (!transA) {   // dA (M, K) += G (M, N) · op(B)ᵀ (N, K)
                            gemm.sgemm(false, !transB, m, k, n, 1f, g.data(), 0, n, b.data(), 0, b.dim(1),
                                    1f, ga, 0, a.dim(1));
                        } else {         // A stored (K, M): dA += op(B) (K, N) · Gᵀ (N, M)
                            gemm.sgemm(transB, true, k, m, n, 1f, b.data(), 0, b.dim(1), g.data(), 0, n,
                                    1f, ga, 0, a.dim(1));
                        }
                    }
                    if (b.requiresGrad()) {
                        float[] gb = b.gradForAccumulation().data();
                        if (!transB) {   // dB (K, N) += op(A)ᵀ (K, M) · G (M, N)
                            gemm.sgemm(!transA, false, k, n, m, 1f, a.data(), 0, a.dim(1), g.data(), 0, n,
                                    1f, gb, 0, b.dim(1));
                        } else {         // B stored (N, K): dB += Gᵀ (N, M) · op(A) (M, K)
                            gemm.sgemm(true, transA, n, k, m, 1f, g.data(), 0, n, a.data(), 0, a.dim(1),
                                    1f, gb, 0, b.dim(1));
                        }
                    }
                }
            });
        }
        return c;
    }

    /**
     * The affine map of a linear layer in one op: y = x · wᵀ + bias, x (..., in), w (out, in), bias (out) →
     * (..., out), the rows of x being its N = size / in vectors of the last dimension (no reshape nodes around
     * it). The bias is written into y first and the GEMM adds onto it (beta = 1), so the layer keeps one
     * (N, out) buffer instead of two (product, then sum). Backward with G = dL/dy: dx += G · w (written with
     * beta 0 when it is x's first gradient contribution, so that buffer is not zeroed first), dw += Gᵀ · x,
     * dbias += column sums of G.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        if (x.rank() < 2 || w.rank() != 2 || bias.rank() != 1 || x.dim(-1) != w.dim(1) || bias.dim(0) != w.dim(0)) {
            throw new IllegalArgumentException("linear needs x (..., in) of rank >= 2, w (out, in), bias (out); got x "
                    + Shapes.str(x.shape()) + ", w " + Shapes.str(w.shape()) + ", bias " + Shapes.str(bias.shape()));
        }
        int in = x.dim(-1), n = x.size() / in, out = w.dim(0);
        int[] ys = x.shape();
        ys[ys.length - 1] = out;
        Tensor y = Tensor.scratch(ys);                                          // (..., out) = (N, out) rows
        float[] yd = y.data(), bd = bias.data();
        Parallel.forRange(n, Math.max(1, BIAS_FILL_CHUNK / out), (from, to) -> {
            for (int r = from; r < to; r++) System.arraycopy(bd, 0, yd, r * out, out);
        });
        Gemm gemm = Kernels.gemm();
        gemm.sgemm(false, true, n, out, in, 1f, x.data(), 0, in, w.data(), 0, in, 1f, yd, 0, out);
        if (GradMode.needsGrad(x, w, bias)) {
            y.withNode(new Node("linear", x, w, bias) {
                @Override
                public void backward(Tensor g) {                               // g: (N, out)
                    float[] gd = g.data();
                    if (x.requiresGrad()) {      // dx (N, in) += G (N, out) · w (out, in)
                        boolean first = x.gradUnset();
                        float[] gx = (first ? x.gradForOverwrite() : x.gradForAccumulation()).data();
                        gemm.sgemm(false, false, n, in, out, 1f, gd, 0, out, w.data(), 0, in, first ? 0f : 1f, gx, 0, in);
                    }
                    if (w.requiresGrad()) {      // dw (out, in) += Gᵀ (out, N) · x (N, in)
                        gemm.sgemm(true, false, out, in, n, 1f, gd, 0, out, x.data(), 0, in,
                                1f, w.gradForAccumulation().data(), 0, in);
                    }
                    if (bias.requiresGrad()) {   // dbias (out) += Σ_rows G
                        columnSumsInto(gd, n, out, bias.gradForAccumulation().data());
                    }
                }
            });
        }
        return y;
    }

    /**
     * dst (C) += Σ_r g[r, ·] of a row-major (R, C) g, rows added in order, the columns split over the threads in
     * blocks of 16: each element sums in the same order as one thread adding row after row, so the bits are the same.
     */
    static void columnSumsInto(float[] g, int rows, int cols, float[] dst) {
        int blocks = (cols + 15) / 16, minBlocks = (int) Math.max(1, (1L << 15) / Math.max(1L, 16L * rows));
        Parallel.forRange(blocks, minBlocks, (from, to) -> {
            int j0 = 16 * from, len = Math.min(cols, 16 * to) - j0;
            for (int r = 0; r < rows; r++) Kernels.vec().add(dst, j0, g, r * cols + j0, dst, j0, len);
        });
    }
}
