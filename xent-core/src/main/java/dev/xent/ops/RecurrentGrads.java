// The whole-sequence GEMMs that turn a recurrent op's per-step pre-activation gradients into input and weight grads.
package dev.xent.ops;

import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.tensor.Tensor;

final class RecurrentGrads {
    private RecurrentGrads() {}

    /**
     * Given, for every step, the gradient of the input-side pre-activations daIn = d(x_t·W_ihᵀ + b_ih) and of
     * the hidden-side ones daHid = d(h_{t−1}·W_hhᵀ + b_hh), both (T·B, G) with G = gates·H (the same array
     * for an LSTM, whose two projections are summed before any nonlinearity), adds:
     * dX (T·B, I) += daIn·W_ih; dW_ih (G, I) += daInᵀ·X; dW_hh (G, H) += daHidᵀ·[h_0; h_1..h_{T−1}];
     * db_ih += Σ_rows daIn; db_hh += Σ_rows daHid. Each product is one GEMM over the whole sequence, except
     * that the previous states h_0 (B, H) and h_1..h_{T−1} (stored at outs[0..]) are two blocks.
     */
    static void accumulate(float[] daIn, float[] daHid, int steps, int batch, int g, int in, int hid,
                           float[] xd, float[] h0d, float[] outs,
                           Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        accumulate(daIn, daHid, steps, batch, g, in, hid, xd, h0d, outs, 0, x, wIh, wHh, bIh, bHh);
    }

    /** {@link #accumulate} with h_1..h_{T−1} stored from outs[outsOff]. */
    static void accumulate(float[] daIn, float[] daHid, int steps, int batch, int g, int in, int hid,
                           float[] xd, float[] h0d, float[] outs, int outsOff,
                           Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        Gemm gemm = Kernels.gemm();
        int rows = steps * batch;
        if (x.requiresGrad()) {
            gemm.sgemm(false, false, rows, in, g, 1f, daIn, 0, g, wIh.data(), 0, in, 1f,
                    x.gradForAccumulation().data(), 0, in);
        }
        if (wIh.requiresGrad()) {
            gemm.sgemm(true, false, g, in, rows, 1f, daIn, 0, g, xd, 0, in, 1f, wIh.gradForAccumulation().data(), 0, in);
        }
        if (wHh.requiresGrad()) {
            float[] dw = wHh.gradForAccumulation().data();
            gemm.sgemm(true, false, g, hid, batch, 1f, daHid, 0, g, h0d, 0, hid, 1f, dw, 0, hid);
            if (steps > 1) {
                gemm.sgemm(true, false, g, hid, rows - batch, 1f, daHid, batch * g, g, outs, outsOff, hid, 1f, dw, 0,
                        hid);
            }
        }
        if (bIh != null && bIh.requiresGrad()) RnnShapes.addColumnSums(daIn, rows, g, bIh.gradForAccumulation().data());
        if (bHh != null && bHh.requiresGrad()) RnnShapes.addColumnSums(daHid, rows, g, bHh.gradForAccumulation().data());
    }
}
