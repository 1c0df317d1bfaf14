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
 * <p>The mask comes from {@code rng}, four elements per 64-bit draw in row-major order, each dropped when its
 * 16-bit uniform is below p at 2^−16 resolution ({@link MaskBits} states the rule exactly), so the same seed
 * gives the same mask. It does not reproduce PyTorch's masks.
 */
public final class Dropout {
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
        Kernels.vec().mulMask(x.data(), 0, keep, 0, scale, out.data(), 0, n);   // out = x ⊙ m
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node("dropout", x) {
                @Override
                public void backward(Tensor g) {               // dL/dx += g ⊙ m
                    if (!x.requiresGrad()) return;
                    Kernels.vec().mulMaskAdd(g.data(), 0, keep, 0, scale, x.gradForAccumulation().data(), 0, n);
                }
            });
        }
        return out;
    }
}
