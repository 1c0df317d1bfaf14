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
 * loss = (1/N) Σ_r [ logsumexp(z_r) − (1−ε)·z_r[t_r] − (ε/V)·Σ_j z_r,j ] with z = x·Wᵀ + b — exactly PyTorch's
 * {@code F.cross_entropy(F.linear(x, W, b), t, label_smoothing=ε)} (reduction "mean", no weights, no ignore
 * index: callers drop padded rows first), in one op. ε = 0 is the plain cross-entropy. Shapes: x (N, D),
 * W (V, D), b (V) or null, t (N) with ids in [0, V); the result is a scalar.
 *
 * <p>Why fused: for a word LM the logits are (N, V) = (700, 33278), 93 MB, far larger than the caches, so the
 * op's cost beyond its three GEMMs is the passes over that buffer. The forward makes two, rows split over the
 * cores: z += b with the row max (one pass), then e = exp(z − max) with its sum S (a second); the rows are left
 * unnormalised and 1/S is kept per row, so no third pass scales them, and no logits, log-probabilities or
 * gradient tensors are kept besides e. The smoothing term needs Σ_j z_r,j = x_r·w̄ + b̄ with w̄ = Σ_v W_v (D)
 * and b̄ = Σ_v b_v: a dot product per row, not a pass over (N, V).
 *
 * <p>Backward with upstream g and s = g/N: dz_r = s(p_r − (1−ε)·onehot(t_r) − (ε/V)·1) with p = e/S. Writing
 * e'[t] = e[t] − (1−ε)·S (the N target entries only), p − (1−ε)·onehot = diag(1/S)·e', and the row factors go
 * where they cost (N, D) work instead of a pass over (N, V); the uniform −ε/V term is rank one (1_N·1_Vᵀ), so
 * with c = −s·ε/V:
 * <pre>
 *   dW += s·e'ᵀ·(diag(1/S)·x) + c·1_V·(Σ_r x_r)ᵀ              (V, D): every row gets c·Σ_r x_r
 *   dx += s·diag(1/S)·(e'·W)  + c·1_N·w̄ᵀ                      (N, D): every row gets c·w̄
 *   db += s·Σ_r e'_r / S_r    + c·N                            (V)
 * </pre>
 * The (N, D) product e'·W goes into a scratch first. So backward reads the (N, V) buffer only in its two GEMMs
 * and the bias sum. Compared with normalising first, the gradients differ in rounding only.
 *
 * <p>Memory: the (N, V) buffer is taken with N rounded up to a multiple of {@link #ROW_QUANTUM} rows (only the
 * first N are used), so batches whose row counts differ a little (length-bucketed translation batches: the
 * number of real target tokens changes every batch) reuse one step-workspace array instead of each
 * allocating its own tens of megabytes.
 */
public final class LinearCrossEntropy {
    private LinearCrossEntropy() {}

    private static final int ROW_CHUNK = 8;         // rows per parallel chunk (each row is V floats)
    private static final int COL_CHUNK = 1024;      // bias-gradient columns per parallel chunk
    static final int ROW_QUANTUM = 64;               // the (N, V) buffer's rows are rounded up to a multiple of this

    /** Plain cross-entropy (ε = 0). */
    public static Tensor of(Tensor x, Tensor weight, Tensor bias, IntTensor target) {
        return of(x, weight, bias, target, 0f);
    }

    /** Label-smoothed cross-entropy, ε = {@code labelSmoothing} in [0, 1]. */
    public static Tensor of(Tensor x, Tensor weight, Tensor bias, IntTensor target, float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {   // also rejects NaN
            throw new IllegalArgumentException("linearCrossEntropy: labelSmoothing must be in [0, 1]; got "
                    + labelSmoothing);
        }
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
        int rowsHeld = (n + ROW_QUANTUM - 1) / ROW_QUANTUM * ROW_QUANTUM;
        float[] e = Tensor.scratch(rowsHeld, v).data(); // (N, V) logits, then exp(z − max) rows in place; rows ≥ N unused
        gemm.sgemm(false, true, n, v, d, 1f, xd, 0, d, wd, 0, d, 0f, e, 0, v);
        float eps = labelSmoothing;
        float[] wBar = eps == 0f ? null : columnSums(wd, v, d);                 // (D) w̄ = Σ_v W_v
        double bBar = 0;                                                         // b̄ = Σ_v b_v
        if (eps != 0f && bd != null) for (int j = 0; j < v; j++) bBar += bd[j];
        double zSumBias = bBar;                                                  // effectively final for the lambda
        float[] rowLoss = new float[n], rowSum = new float[n];   // (N) loss and S = Σ_j e[r, j] per row
        Parallel.forRange(n, ROW_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * v;
                float max = bd != null ? vec.addMax(e, off, bd, 0, v) : vec.max(e, off, v);
                float zt = e[off + t[r]];
                float sum = vec.expShifted(e, off, max, e, off, v);
                rowSum[r] = sum;
                if (eps == 0f) {
                    rowLoss[r] = max + (float) Math.log(sum) - zt;                       // logsumexp(z) − z[t]
                } else {
                    double lse = max + Math.log(sum);
                    double zSum = zSumBias;                                              // Σ_j z_r,j = x_r·w̄ + b̄
                    for (int k = 0; k < d; k++) zSum += (double) xd[r * d + k] * wBar[k];
                    rowLoss[r] = (float) (lse - (1 - eps) * (double) zt - eps * zSum / v);
                }
            }
        });
        double sum = 0;
        for (float l : rowLoss) sum += l;
        Tensor loss = Tensor.scalar((float) (sum / n));
        if (GradMode.needsGrad(x, weight, bias)) {
            loss.withNode(new Node("linear-cross-entropy", x, weight, bias) {
                @Override
                public void backward(Tensor g) {
                    float s = g.item() / n, c = -s * eps / v;       // c: the uniform −ε/V term's factor
                    float[] et = new float[n], inv = new float[n];   // (N) e[r, t_r] as saved; 1/S_r
                    for (int r = 0; r < n; r++) {                    // e' = e − (1−ε)·S·onehot(t)
                        et[r] = e[r * v + t[r]];
                        e[r * v + t[r]] -= eps == 0f ? rowSum[r] : (1 - eps) * rowSum[r];
                        inv[r] = 1f / rowSum[r];
                    }
                    if (weight.requiresGrad()) {     // (V, N)·(N, D) with x's rows scaled by 1/S
                        float[] xs = Tensor.scratch(n, d).data(), gw = weight.gradForAccumulation().data();
                        for (int r = 0; r < n; r++) vec.scale(inv[r], xd, r * d, xs, r * d, d);
                        gemm.sgemm(true, false, v, d, n, s, e, 0, v, xs, 0, d, 1f, gw, 0, d);
                        if (eps != 0f) {             // + c·1_V·(Σ_r x_r)ᵀ
                            float[] xSum = columnSums(xd, n, d);
                            Parallel.forRange(v, 256, (from, to) -> {
                                for (int j = from; j < to; j++) vec.axpy(c, xSum, 0, gw, j * d, d);
                            });
                        }
                    }
                    if (x.requiresGrad()) {          // (N, V)·(V, D), then row r scaled by s/S_r into dx, + c·w̄
                        boolean first = x.gradUnset();           // then written, not added into zeros
                        float[] ew = Tensor.scratch(n, d).data();
                        float[] gx = (first ? x.gradForOverwrite() : x.gradForAccumulation()).data();
                        gemm.sgemm(false, false, n, d, v, 1f, e, 0, v, wd, 0, d, 0f, ew, 0, d);
                        for (int r = 0; r < n; r++) {
                            if (first) vec.scale(s * inv[r], ew, r * d, gx, r * d, d);
                            else vec.axpy(s * inv[r], ew, r * d, gx, r * d, d);
                        }
                        if (eps != 0f) for (int r = 0; r < n; r++) vec.axpy(c, wBar, 0, gx, r * d, d);
                    }
                    if (bias != null && bias.requiresGrad()) {
                        float[] gb = bias.gradForAccumulation().data();
                        Parallel.forRange(v, COL_CHUNK, (from, to) -> {
                            for (int r = 0; r < n; r++) vec.axpy(s * inv[r], e, r * v + from, gb, from, to - from);
                            if (eps != 0f) vec.addScalar(c * n, gb, from, gb, from, to - from);
                        });
                    }
                    for (int r = 0; r < n; r++) e[r * v + t[r]] = et[r];   // restore e: backward may run again
                }
            });
        }
        return loss;
    }

    /** (C) column sums Σ_r a[r, ·] of a row-major (R, C) array, added in double, rounded once. */
    private static float[] columnSums(float[] a, int rows, int cols) {
        double[] acc = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0, off = r * cols; k < cols; k++) acc[k] += a[off + k];
        }
        float[] out = new float[cols];
        for (int k = 0; k < cols; k++) out[k] = (float) acc[k];
        return out;
    }
}
