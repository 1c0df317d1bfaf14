// Variational ("locked") dropout (Gal & Ghahramani 2016; AWD-LSTM's LockedDropout): one mask per sequence, reused at every step.
package dev.xent.task.lm;

import dev.xent.ops.Arith;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * y[t, b, c] = x[t, b, c] · m[b, c], with m = 1/(1 − p) with probability 1 − p and 0 otherwise, drawn once per call
 * (one {@link Rng#nextFloat()} per (b, c) in row-major order, dropped when &lt; p): every time step of a stream loses
 * the same units, which regularises a recurrent network without the step-to-step noise of plain dropout. The
 * product is the broadcasting {@link Arith#mul}, so backward is dL/dx = dL/dy · m.
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
        int b = x.dim(1), c = x.dim(2);
        float scale = 1f / (1f - p);
        float[] m = new float[b * c];                                  // (B, C)
        for (int i = 0; i < m.length; i++) m[i] = rng.nextFloat() < p ? 0f : scale;
        return Arith.mul(x, Tensor.of(m, 1, b, c));
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
        float[] m = new float[ids.size()];                             // (T, B, 1)
        for (int i = 0; i < m.length; i++) m[i] = row[id[i]];
        return Arith.mul(emb, Tensor.of(m, emb.dim(0), emb.dim(1), 1));
    }
}
