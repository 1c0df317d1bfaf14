// Variational ("locked") dropout (Gal & Ghahramani 2016; AWD-LSTM's LockedDropout): one mask per sequence, reused at every step.
package dev.xent.task.lm;

import dev.xent.ops.Arith;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * y[t, b, c] = x[t, b, c] · m[b, c], with m = 1/(1 − p) with probability 1 − p and 0 otherwise, drawn once per call
 * (one {@link Rng#nextFloat()} per (b, c) in row-major order, dropped when &lt; p): every time step of a stream loses
 * the same units, which regularises a recurrent network without the step-to-step noise of plain dropout. The mask
 * is written out to x's full shape (a step buffer) so the product is {@link Arith#mul}'s vectorised same-shape case
 * (the broadcasting one cost a 400-wide WikiText-2 LSTM 30% of its speed); backward is dL/dx = dL/dy · m.
 */
final class LockedDropout {
    private LockedDropout() {}

    /** x (T, B, C); x itself when {@code !training} or p == 0. */
    static Tensor apply(Tensor x, float p, boolean training, Rng rng) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("locked dropout must be in [0, 1); got " + p);
        if (!training || p == 0f) return x;
        if (x.rank() != 3) {
            throw new IllegalArgumentException("locked dropout needs x (T, B, C); got rank " + x.rank());
        }
        int t = x.dim(0), bc = x.dim(1) * x.dim(2);
        float scale = 1f / (1f - p);
        Tensor mask = Tensor.scratch(x.shape());                       // (T, B, C): the (B, C) draw, T times
        float[] m = mask.data();
        for (int i = 0; i < bc; i++) m[i] = rng.nextFloat() < p ? 0f : scale;
        for (int s = 1; s < t; s++) System.arraycopy(m, 0, m, s * bc, bc);
        return Arith.mul(x, mask);   // same shapes: the vectorised product, forward and backward
    }

    /**
     * Embedding dropout (Gal &amp; Ghahramani; AWD-LSTM's embedded_dropout): whole rows of the (V, E) table are
     * dropped for one call, so a word is either absent everywhere in the batch or kept everywhere (scaled by
     * 1/(1 − p)). One draw per vocabulary row, in id order; applied to the looked-up vectors emb (T, B, E) of
     * {@code ids} (T, B) as a (T, B, 1) factor, which gives the table the same gradient as masking the table.
     */
    static Tensor words(Tensor emb, dev.xent.tensor.IntTensor ids, int vocab, float p, boolean training, Rng rng) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("embedding dropout must be in [0, 1); got " + p);
        if (!training || p == 0f) return emb;
        float scale = 1f / (1f - p);
        float[] row = new float[vocab];
        for (int v = 0; v < vocab; v++) row[v] = rng.nextFloat() < p ? 0f : scale;
        int[] id = ids.data();
        int e = emb.dim(2);
        Tensor mask = Tensor.scratch(emb.shape());                     // (T, B, E): row[id] over each vector
        float[] m = mask.data();
        for (int i = 0; i < id.length; i++) java.util.Arrays.fill(m, i * e, (i + 1) * e, row[id[i]]);
        return Arith.mul(emb, mask);
    }
}
