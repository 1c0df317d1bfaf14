// Fused linear decoder + softmax cross-entropy (mean over rows): the output layer of a language model.
package dev.xent.loss;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * loss = (1/N) Σ_r [ logsumexp(z_r) − z_r[t_r] ] with z = x·Wᵀ + b — exactly PyTorch's
 * {@code F.cross_entropy(F.linear(x, W, b), t)} (reduction "mean", no weights, no ignore index), in one op.
 * Shapes: x (N, D), W (V, D), b (V) or null, t (N) with ids in [0, V); the result is a scalar.
 *
 * <p>Why fused: for a word LM the logits are (N, V) = (700, 33278), 93 MB, far larger than the caches, so the
 * op's cost beyond its three GEMMs is the passes over that buffer. The forward makes two, rows split over the
 * cores: z += b with the row max (one pass), then e = exp(z − max) with its sum S (a second); the rows are left
 * unnormalised and 1/S is kept per row, so no third pass scales them, and no logits, log-probabilities or
 * gradient tensors are kept besides e.
 *
 * <p>Backward with upstream g and s = g/N: dz = s(p − onehot(t)) with p = e/S. Writing e'[t] = e[t] − S (the N
 * target entries only), p − onehot = diag(1/S)·e', and the row factors go where they cost (N, D) work instead
 * of a pass over (N, V): dW += s·e'ᵀ·(diag(1/S)·x) (V, D); dx += s·diag(1/S)·(e'·W) (N, D), the product into a
 * scratch (N, D) first; db += s·Σ_r e'_r / S_r (column sums). So backward reads the (N, V) buffer only in its two
 * GEMMs and the bias sum. Compared with normalising first, the gradients differ in rounding only.
 */
public final class LinearCrossEntropy {
    private LinearCrossEntropy() {}

    private static final int ROW_CHUNK = 8;         // rows per parallel chunk (each row is V floats)
    private static final int COL_CHUNK = 1024;      // bias-gradient columns per parallel chunk

    public static Tensor of(Tensor x, Tensor weight, Tensor bias, IntTensor target) {
        if (x.rank() != 2 || weight.rank() != 2 || x.dim(1) != weight.dim(1)) {
            throw new IllegalArgumentException("linearCrossEntropy: x must be (N, D) and weight (V, D) with the same D; "
                    + "got x " + Shapes.str(x.shape()) + ", weight " + Shapes.str(weight.shape()));
        }
        int n = x.dim(0), d = x.dim(1), v = weight.dim(0);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != v)) {
            throw new IllegalArgumentException("linearCrossEntropy: bias must be (V) = (" + v + ") or null; got "
                    + Shapes.str(bias.shape()));
        }
        if (target.rank() != 1 || target.dim(0) != n) {
            throw new IllegalArgumentException("linearCrossEntropy: target must be (N) = (" + n + ") class ids; got "
                    + Shapes.str(target.shape()));
        }
        if (n == 0) throw new IllegalArgumentException("linearCrossEntropy: need at least one row; got N = 0");
        int[] t = target.data().clone();                 // kept for backward even if the caller reuses the array
        for (int r = 0; r < n; r++) {
            if (t[r] < 0 || t[r] >= v) {
                throw new IndexOutOfBoundsException("linearCrossEntropy: target " + t[r] + " at row " + r
                        + " is outside [0, V=" + v + "); every target must be a class id of the decoder");
            }
        }
        Gemm gemm = Kernels.gemm();
        VecOps vec = Kernels.vec();
        float[] xd = x.data(), wd = weight.data(), bd = bias == null ? null : bias.data();
        float[] e = Tensor.scratch(n, v).data();        // (N, V) logits, then exp(z − max) rows in place
        gemm.sgemm(false, true, n, v, d, 1f, xd, 0, d, wd, 0, d, 0f, e, 0, v);
        float[] rowLoss = new float[n], rowSum = new float[n];   // (N) loss and S = Σ_j e[r, j] per row
        Parallel.forRange(n, ROW_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * v;
                float max = bd != null ? vec.addMax(e, off, bd, 0, v) : vec.max(e, off, v);
                float zt = e[off + t[r]];
                float sum = vec.expShifted(e, off, max, e, off, v);
                rowSum[r] = sum;
                rowLoss[r] = max + (float) Math.log(sum) - zt;   // logsumexp(z) − z[t]
            }
        });
        double sum = 0;
        for (float l : rowLoss) sum += l;
        Tensor loss = Tensor.scalar((float) (sum / n));
        if (GradMode.needsGrad(x, weight, bias)) {
            loss.withNode(new Node("linear-cross-entropy", x, weight, bias) {
                @Override
                public void backward(Tensor g) {
                    float s = g.item() / n;
                    float[] et = new float[n], inv = new float[n];   // (N) e[r, t_r] as saved; 1/S_r
                    for (int r = 0; r < n; r++) {                    // e' = e − S·onehot(t)
                        et[r] = e[r * v + t[r]];
                        e[r * v + t[r]] -= rowSum[r];
                        inv[r] = 1f / rowSum[r];
                    }
                    if (weight.requiresGrad()) {     // (V, N)·(N, D) with x's rows scaled by 1/S
                        float[] xs = Tensor.scratch(n, d).data();
                        for (int r = 0; r < n; r++) vec.scale(inv[r], xd, r * d, xs, r * d, d);
                        gemm.sgemm(true, false, v, d, n, s, e, 0, v, xs, 0, d, 1f,
                                weight.gradForAccumulation().data(), 0, d);
                    }
                    if (x.requiresGrad()) {          // (N, V)·(V, D), then row r scaled by s/S_r into dx
                        float[] ew = Tensor.scratch(n, d).data(), gx = x.gradForAccumulation().data();
                        gemm.sgemm(false, false, n, d, v, 1f, e, 0, v, wd, 0, d, 0f, ew, 0, d);
                        for (int r = 0; r < n; r++) vec.axpy(s * inv[r], ew, r * d, gx, r * d, d);
                    }
                    if (bias != null && bias.requiresGrad()) {
                        float[] gb = bias.gradForAccumulation().data();
                        Parallel.forRange(v, COL_CHUNK, (from, to) -> {
                            for (int r = 0; r < n; r++) vec.axpy(s * inv[r], e, r * v + from, gb, from, to - from);
                        });
                    }
                    for (int r = 0; r < n; r++) e[r * v + t[r]] = et[r];   // restore e: backward may run again
                }
            });
        }
        return loss;
    }
}
