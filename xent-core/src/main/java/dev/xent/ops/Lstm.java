// A fused single-layer LSTM over a whole sequence (PyTorch nn.LSTM equations, gate order i, f, g, o), with BPTT.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * For t = 0..T−1, with pre-activations a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh split as (i, f, g, o):
 * i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o); c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t).
 *
 * <p>Forward: the input projection for all T steps is ONE GEMM (T·B, I)·(I, 4H); each step adds one
 * (B, H)·(H, 4H) GEMM with W_hhᵀ packed once for the sequence, and one fused cell pass per sequence
 * ({@link VecOps#lstmCell}). Saved for backward: the activated gates (T, B, 4H), every
 * c_t (T, B, H), and the outputs h_t (they are the previous states). Saved and temporary buffers are
 * scratch, so inside a step {@link dev.xent.tensor.Workspace} they are reused from step to step.
 *
 * <p>Backward through time, from t = T−1 down, with dh the gradient reaching h_t (upstream plus recurrent)
 * and dc likewise for c_t: dc += dh ⊙ o ⊙ (1 − tanh²c_t); da_o = dh ⊙ tanh(c_t) ⊙ o(1−o);
 * da_i = dc ⊙ g ⊙ i(1−i); da_f = dc ⊙ c_{t−1} ⊙ f(1−f); da_g = dc ⊙ i ⊙ (1−g²);
 * then dc ← dc ⊙ f and dh ← da_t·W_hh (one (B, 4H)·(4H, H) GEMM). The weight gradients need all da_t,
 * so they are formed after the loop as whole-sequence GEMMs: dW_ih += daᵀ·X over (T·B) rows,
 * dW_hh += daᵀ·[h_0; h_1..h_{T−1}], dX += da·W_ih, and the biases get the column sums of da.
 *
 * <p>Several outputs: the op's node sits on a packed tensor (T+1, B, H) = [h_1..h_T; c_T]; outputs, h_T
 * and c_T are {@link OutputSlice}s of it, so any of them may carry an upstream gradient (or none).
 */
public final class Lstm {
    private Lstm() {}

    /** outputs (T, B, H); h (B, H) = h_T; c (B, H) = c_T. */
    public record Result(Tensor outputs, Tensor h, Tensor c) {}

    /**
     * x (T, B, I); h0, c0 (B, H) or null for zeros; wIh (4H, I); wHh (4H, H); bIh, bHh (4H) or null.
     */
    public static Result sequence(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("lstm: x must be (T, B, I) (time first, like PyTorch's default); got "
                    + Shapes.str(x.shape()));
        }
        int t = x.dim(0), b = x.dim(1), h = RnnShapes.hidden("lstm", 4, b, x.dim(2), wIh, wHh, bIh, bHh, h0, c0);
        Tensor packed = run(x, t, b, x.dim(2), h, h0, c0, wIh, wHh, bIh, bHh);  // (T+1, B, H)
        int bh = b * h;
        return new Result(OutputSlice.of(packed, 0, t, b, h), OutputSlice.of(packed, (t - 1) * bh, b, h),
                OutputSlice.of(packed, t * bh, b, h));
    }

    /** The fused core for x stored as (T·B, I) rows (x itself may be (T, B, I) or, for one step, (B, I)). */
    static Tensor run(Tensor x, int steps, int batch, int in, int hid, Tensor h0, Tensor c0,
                      Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("lstm: need at least one step and one sequence; got T=" + steps
                    + ", B=" + batch);
        }
        Gemm gemm = Kernels.gemm();
        VecOps vec = Kernels.vec();
        int g4 = 4 * hid, bh = batch * hid, rows = steps * batch;
        float[] xd = x.data();
        float[] h0d = RnnShapes.dataOrZeros(h0, bh), c0d = RnnShapes.dataOrZeros(c0, bh);
        Tensor packed = Tensor.scratch(steps + 1, batch, hid);  // (T+1, B, H): h_1..h_T, c_T
        float[] out = packed.data();
        float[] gates = Tensor.scratch(rows * g4).data();  // (T, B, 4H) activated i, f, g, o
        float[] cs = Tensor.scratch(rows * hid).data();  // (T, B, H) c_t

        float[] whhT = packRecurrent(steps, batch) ? Tensor.scratch(gemm.packedSize(hid, g4)).data() : null;
        forwardSteps(xd, steps, batch, in, hid, h0d, c0d, wIh, wHh, bIh, bHh, out, 0, gates, cs, whhT);

        if (GradMode.needsGrad(x, h0, c0, wIh, wHh, bIh, bHh)) {
            packed.withNode(new Node("lstm", x, h0, c0, wIh, wHh, bIh, bHh) {
                @Override
                public void backward(Tensor grad) {                            // grad: (T+1, B, H)
                    float[] da = Tensor.scratch(rows * g4).data();  // (T, B, 4H) pre-activation grads
                    // (B, H) reaching h_t, c_t
                    float[] dh = Tensor.scratchZeros(bh).data(), dc = Tensor.scratch(bh).data();
                    float[] whh = packRecurrent(steps, batch) ? Tensor.scratch(gemm.packedSize(g4, hid)).data() : null;
                    backwardSteps(grad.data(), 0, steps, batch, hid, gates, cs, c0d, wHh, da, dh, dc, whh);
                    if (h0 != null && h0.requiresGrad()) vec.axpy(1f, dh, 0, h0.gradForAccumulation().data(), 0, bh);
                    if (c0 != null && c0.requiresGrad()) vec.axpy(1f, dc, 0, c0.gradForAccumulation().data(), 0, bh);
                    RecurrentGrads.accumulate(da, da, steps, batch, g4, in, hid, xd, h0d, out, x, wIh, wHh, bIh, bHh);
                }
            });
        }
        return packed;
    }

    /**
     * The forward steps into buffers the caller took: out (T+1, B, H) at outOff gets h_1..h_T (c_T is the caller's),
     * gates (T, B, 4H), cs (T, B, H), whhT null or {@link Gemm#packedSize}(H, 4H) floats. Allocates nothing, so it
     * may run on a thread without the step's workspace ({@link LstmPair}).
     */
    static void forwardSteps(float[] xd, int steps, int batch, int in, int hid, float[] h0d, float[] c0d,
                             Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, float[] out, int outOff, float[] gates,
                             float[] cs, float[] whhT) {
        Gemm gemm = Kernels.gemm();
        VecOps vec = Kernels.vec();
        int g4 = 4 * hid, bh = batch * hid, rows = steps * batch;
        // Input projection for every step at once: (T·B, I) · (I, 4H), plus both biases.
        gemm.sgemm(false, true, rows, g4, in, 1f, xd, 0, in, wIh.data(), 0, in, 0f, gates, 0, g4);
        RnnShapes.addBiases(gates, rows, g4, bIh, bHh);
        // W_hhᵀ packed once for all steps (see packRecurrent)
        if (whhT != null) gemm.packB(true, hid, g4, wHh.data(), 0, hid, whhT);
        for (int s = 0; s < steps; s++) {
            float[] hp = s == 0 ? h0d : out, cp = s == 0 ? c0d : cs;
            int hpOff = s == 0 ? 0 : outOff + (s - 1) * bh, cpOff = s == 0 ? 0 : (s - 1) * bh;
            int cOff = s * bh, gOff = s * batch * g4;
            // a_t += h_{t−1} (B, H) · W_hhᵀ (H, 4H)
            if (whhT != null) gemm.sgemmPacked(batch, g4, hid, 1f, hp, hpOff, hid, whhT, 1f, gates, gOff, g4);
            else gemm.sgemm(false, true, batch, g4, hid, 1f, hp, hpOff, hid, wHh.data(), 0, hid, 1f, gates, gOff, g4);
            for (int n = 0; n < batch; n++) {                                   // gates, c_t, h_t in one pass
                vec.lstmCell(gates, gOff + n * g4, cp, cpOff + n * hid, cs, cOff + n * hid, out,
                        outOff + cOff + n * hid, hid);
            }
        }
        System.arraycopy(cs, (steps - 1) * bh, out, outOff + steps * bh, bh);  // c_T
    }

    /**
     * Backward through time into buffers the caller took: gd (T+1, B, H) at gdOff is the upstream gradient of
     * [h_1..h_T; c_T]; fills da (T, B, 4H), leaves dh = dh_0 and dc = dc_0 (B, H; dh zeroed by the caller);
     * whh null or {@link Gemm#packedSize}(4H, H) floats. Allocates nothing ({@link #forwardSteps}).
     */
    static void backwardSteps(float[] gd, int gdOff, int steps, int batch, int hid, float[] gates, float[] cs,
                              float[] c0d, Tensor wHh, float[] da, float[] dh, float[] dc, float[] whh) {
        Gemm gemm = Kernels.gemm();
        VecOps vec = Kernels.vec();
        int g4 = 4 * hid, bh = batch * hid;
        System.arraycopy(gd, gdOff + steps * bh, dc, 0, bh);                    // upstream dc_T
        if (whh != null) gemm.packB(false, g4, hid, wHh.data(), 0, hid, whh);
        for (int s = steps - 1; s >= 0; s--) {
            vec.add(gd, gdOff + s * bh, dh, 0, dh, 0, bh);                      // upstream dh_t + recurrent
            float[] cp = s == 0 ? c0d : cs;
            int cpOff = s == 0 ? 0 : (s - 1) * bh;
            for (int n = 0; n < batch; n++) {                                   // da_t, and dc ← dc_{t−1}
                int row = s * batch * g4 + n * g4, e = n * hid;
                vec.lstmCellBackward(gates, row, cs, s * bh + e, cp, cpOff + e, dh, e, dc, e, da, row, hid);
            }
            // dh_{t−1} = da_t (B, 4H) · W_hh (4H, H)
            if (whh != null) gemm.sgemmPacked(batch, hid, g4, 1f, da, s * batch * g4, g4, whh, 0f, dh, 0, hid);
            else gemm.sgemm(false, false, batch, hid, g4, 1f, da, s * batch * g4, g4, wHh.data(), 0, hid,
                    0f, dh, 0, hid);
        }
    }

    /**
     * Whether the per-step products with W_hh use it packed once per sequence ({@link Gemm#packB}) rather than
     * packing it again at every step: for several steps of at least 8 sequences, where the GEMM takes its
     * blocked path anyway, so the bits are the same either way (fewer rows go through its small-product path).
     */
    static boolean packRecurrent(int steps, int batch) {
        return steps > 1 && batch >= 8;
    }
}
