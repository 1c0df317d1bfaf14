// Inverted dropout: zero each element with probability p, scale survivors by 1/(1-p); seeded.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Kernels;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * y = x ⊙ m with m[i] = 1/(1-p) with probability 1-p and 0 otherwise, so E[y] = x and evaluation needs no
 * rescaling. Backward: dL/dx = dL/dy ⊙ m, with the mask m saved from the forward as bits ({@link MaskBits}).
 *
 * <p>The mask comes from {@code rng}: one {@link Rng#nextFloat()} per element in row-major order (dropped
 * when it is &lt; p), so the same seed gives the same mask. It does not reproduce PyTorch's masks.
 */
public final class Dropout {
    private static final int CHUNK = 4096;   // mask elements expanded at once (a multiple of MaskBits.BITS)

    private Dropout() {}

    /** Returns x itself when {@code !training} or p == 0. */
    public static Tensor apply(Tensor x, float p, boolean training, Rng rng) {
        if (!(p >= 0f && p < 1f)) {   // also rejects NaN
            throw new IllegalArgumentException("dropout must be in [0, 1); got " + p);
        }
        if (!training || p == 0f) return x;
        if (rng == null) {
            throw new IllegalArgumentException("dropout in training mode needs an Rng for its mask; got null");
        }
        float scale = 1f / (1f - p);
        int n = x.size();
        float[] keep = MaskBits.draw(n, p, rng);             // saved for backward: n/16 floats, not n
        Tensor out = Tensor.scratch(x.shape());
        float[] xd = x.data(), od = out.data(), m = Tensor.scratch(Math.max(1, Math.min(n, CHUNK))).data();   // step buffer
        for (int i = 0; i < n; i += CHUNK) {                  // out = x ⊙ m, m expanded a chunk at a time
            int len = Math.min(CHUNK, n - i);
            MaskBits.expand(keep, i, len, scale, m);
            Kernels.vec().mul(xd, i, m, 0, od, i, len);
        }
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node("dropout", x) {
                @Override
                public void backward(Tensor g) {               // dL/dx += g ⊙ m
                    if (!x.requiresGrad()) return;
                    float[] gd = g.data(), ga = x.gradForAccumulation().data();
                    float[] mb = Tensor.scratch(Math.max(1, Math.min(n, CHUNK))).data();   // step buffer, reused
                    for (int i = 0; i < n; i += CHUNK) {
                        int len = Math.min(CHUNK, n - i);
                        MaskBits.expand(keep, i, len, scale, mb);
                        Kernels.vec().mulAdd(gd, i, mb, 0, ga, i, len);
                    }
                }
            });
        }
        return out;
    }
}
