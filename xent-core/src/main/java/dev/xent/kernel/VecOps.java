package dev.xent.kernel;

/**
 * Elementwise maps and reductions over float ranges: the inner loops of every op that is not a GEMM, of the
 * Adam update and of the fastText-style row updates.
 * Each method reads {@code n} elements starting at the given offsets. Outputs may alias inputs
 * (the same array and offset); partially overlapping ranges are not allowed.
 *
 * <p>Two implementations: {@link ScalarVecOps} (the reference) and the Vector API one. Reductions may
 * sum in a different order in the vector version, so they agree with the reference to rounding, not bits.
 */
public interface VecOps {

    /** out[i] = a[i] + b[i] */
    void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] = a[i] - b[i] */
    void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] = a[i] * b[i] */
    void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] = a[i] / b[i] */
    void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] += a[i] * b[i] (gradient accumulation of a product) */
    void mulAdd(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /**
     * out[i] = x[i] · m[i] with m[i] = scale when bit i of the packed mask is set, else 0 — dropout's forward. The
     * mask holds 16 bits per float word from words[wo] on (element i is bit i mod 16 of word wo + i/16; a word is
     * a float32 integer 0 … 65535), so the range starts on a word boundary. The product is x·m as {@link #mul}
     * computes it (x·0 keeps the sign of x and NaN), bit-identical in both implementations.
     */
    void mulMask(float[] x, int xo, float[] words, int wo, float scale, float[] out, int oo, int n);

    /** out[i] += g[i] · m[i], m as in {@link #mulMask} (two roundings, as {@link #mulAdd}): dropout's backward. */
    void mulMaskAdd(float[] g, int go, float[] words, int wo, float scale, float[] out, int oo, int n);

    /** y[i] += alpha * x[i] */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /** out[i] = alpha * x[i] */
    void scale(float alpha, float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = x[i] + c */
    void addScalar(float c, float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = max(x[i], 0) */
    void relu(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = exp(x[i]) */
    void exp(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = tanh(x[i]) */
    void tanh(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = 1 / (1 + exp(-x[i])), computed without overflow for large |x| */
    void sigmoid(float[] x, int xo, float[] out, int oo, int n);

    /** sum of x[i] */
    float sum(float[] x, int xo, int n);

    /** sum of x[i]^2 */
    float sumSquares(float[] x, int xo, int n);

    /** sum of a[i] * b[i] */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** max of x[i]; -Infinity when n == 0; NaN if any x[i] is NaN */
    float max(float[] x, int xo, int n);

    /**
     * out = softmax(x) over one row, max-subtracted so logits of any magnitude are finite.
     * Returns log(sum(exp(x))), the log-sum-exp of the row.
     */
    float softmax(float[] x, int xo, float[] out, int oo, int n);

    /**
     * x[i] += b[i], returning the max of the sums (−Infinity when n == 0; NaN if any is NaN): a bias added to a
     * row of logits and the row's max taken in one pass, the first of a softmax.
     */
    float addMax(float[] x, int xo, float[] b, int bo, int n);

    /**
     * out[i] = exp(x[i] − m), returning Σ out[i]: a softmax row left unnormalised (the caller keeps 1/Σ and
     * applies it where it is cheaper than a pass over the row). m must be at least every x[i] (the row max).
     */
    float expShifted(float[] x, int xo, float m, float[] out, int oo, int n);

    /**
     * Layer norm's input gradient for one row of n elements, with x̂ = (x − mu)·r and ĝ = g ⊙ gamma (gamma null:
     * ĝ = g): dx += r·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)). Two passes over the row: the two sums (in float), then dx.
     */
    void layerNormBackwardRow(float[] x, int xo, float[] g, int go, float[] gamma, float mu, float r, float[] dx,
                              int dxo, int n);

    /** out = x - logsumexp(x) over one row (log-softmax); returns the log-sum-exp. */
    float logSoftmax(float[] x, int xo, float[] out, int oo, int n);

    /**
     * One LSTM step of one sequence (gate order i, f, g, o as PyTorch), hidden size {@code hid}: the gate row
     * gates[go .. go + 4·hid) holds the pre-activations and gets the activations i = σ, f = σ, g = tanh, o = σ
     * in place; then c = f·cPrev + i·g and h = o·tanh(c), each product rounded on its own (as mul then mulAdd),
     * so the result equals the separate kernels' bit for bit.
     */
    void lstmCell(float[] gates, int go, float[] cPrev, int cpo, float[] c, int co, float[] h, int ho, int hid);

    /**
     * Backward of {@link #lstmCell} for one sequence, from the activated gates, c_t and c_{t−1}: with dh the
     * gradient reaching h_t and dc the one reaching c_t (H each), writes the pre-activation gradients
     * da[dao .. dao + 4·hid) and replaces dc by dc_{t−1}:
     * <pre>
     *   dc' = dc + dh·o·(1 − tanh²c);  da_i = dc'·g·i·(1 − i);  da_f = dc'·cPrev·f·(1 − f);
     *   da_g = dc'·i·(1 − g²);  da_o = dh·tanh(c)·o·(1 − o);  dc ← dc'·f
     * </pre>
     * (products left to right, each rounded on its own).
     */
    void lstmCellBackward(float[] gates, int go, float[] c, int co, float[] cPrev, int cpo, float[] dh, int dho,
                          float[] dc, int dco, float[] da, int dao, int hid);

    /**
     * out[i] = gelu(x[i]): exact ½x(1 + erf(x/√2)) (PyTorch's default), or with {@code tanhApproximation}
     * ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (approximate='tanh'). See {@link Gelu} for the numerics.
     */
    void gelu(float[] x, int xo, float[] out, int oo, int n, boolean tanhApproximation);

    /** gx[i] += g[i] · gelu'(x[i]), the backward of {@link #gelu} (adds into gx). */
    void geluBackward(float[] x, int xo, float[] g, int go, float[] gx, int gxo, int n, boolean tanhApproximation);

    /**
     * One Adam (or AdamW, AMSGrad) step on w[off + j], j in [0, n), with gradient g[gOff + j] and the moment
     * arrays m, v (and vmax for AMSGrad, else null) at the same index as w, per element in this order:
     * <pre>
     *   g ← g + wd·w                  (weightDecay ≠ 0, not decoupled)
     *   w ← w·shrink                  (weightDecay ≠ 0, decoupled)
     *   m ← β1·m + (1−β1)·g
     *   v ← β2·v + (1−β2)·g·g
     *   v̂ ← vmax ← max(vmax, v)       (AMSGrad; else v̂ = v)
     *   w ← w − stepSize · (m / (√v̂ / bc2Sqrt + ε))
     * </pre>
     * each product and sum rounded to float on its own (no fused multiply-add), so both implementations give
     * the same bits.
     */
    void adam(AdamStep c, float[] w, float[] m, float[] v, float[] vmax, int off, float[] g, int gOff, int n);

    /** A short name: "scalar" or "vector-N" (N float lanes). */
    String name();
}
