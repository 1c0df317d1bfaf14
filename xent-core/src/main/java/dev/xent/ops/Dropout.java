// Inverted dropout: zero each element with probability p, scale survivors by 1/(1-p); seeded.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Shapes;
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

    private static final int CHUNK = 4096;   // elements per task of the fused GELU backward (a multiple of 16)

    /** Returns x itself when {@code !training} or p == 0. */
    public static Tensor apply(Tensor x, float p, boolean training, Rng rng) {
        if (!active(p, training, rng)) return x;
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

    /**
     * x + Dropout(a), the residual of a Transformer block, as one op: the values, the mask draws and the gradients
     * of {@code Arith.add(x, apply(a, p, training, rng))} bit for bit, without the dropped copy of a (one (…, D)
     * buffer and a pass fewer). Backward: dx += g, da += g ⊙ m. Same-shape x and a only.
     */
    public static Tensor residual(Tensor x, Tensor a, float p, boolean training, Rng rng) {
        if (!java.util.Arrays.equals(x.shape(), a.shape())) {
            throw new IllegalArgumentException("dropout residual: x and a must have the same shape; got "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(a.shape()));
        }
        if (!active(p, training, rng)) return Arith.add(x, a);
        float scale = 1f / (1f - p);
        int n = x.size();
        float[] keep = MaskBits.draw(n, p, rng);
        Tensor out = Tensor.scratch(x.shape());
        VecOps vec = Kernels.vec();
        vec.mulMask(a.data(), 0, keep, 0, scale, out.data(), 0, n);           // a ⊙ m
        vec.add(x.data(), 0, out.data(), 0, out.data(), 0, n);                 // x + a ⊙ m
        if (GradMode.needsGrad(x, a)) {
            out.withNode(new Node("dropoutResidual", x, a) {
                @Override
                public void backward(Tensor g) {               // da += g ⊙ m, then dx += g (g itself when x has none)
                    float[] gd = g.data();
                    if (a.requiresGrad()) Kernels.vec().mulMaskAdd(gd, 0, keep, 0, scale, a.gradForAccumulation().data(), 0, n);
                    if (x.requiresGrad() && !out.passGradTo(x)) {
                        float[] gx = x.gradForAccumulation().data();
                        Kernels.vec().add(gx, 0, gd, 0, gx, 0, n);
                    }
                }
            });
        }
        return out;
    }

    /**
     * Dropout(gelu(z)) (exact erf GELU), the hidden layer of a Transformer's feed-forward, as one op: the values,
     * mask draws and gradients of {@code apply(Activations.gelu(z), p, training, rng)} bit for bit, without keeping
     * gelu(z) beside its dropped copy (one (…, F) buffer fewer). Backward: dz += (g ⊙ m) · gelu'(z), a chunk at a
     * time.
     */
    public static Tensor gelu(Tensor z, float p, boolean training, Rng rng) {
        if (!active(p, training, rng)) return Activations.gelu(z);
        float scale = 1f / (1f - p);
        int n = z.size();
        float[] keep = MaskBits.draw(n, p, rng);
        Tensor out = Tensor.scratch(z.shape());
        VecOps vec = Kernels.vec();
        vec.gelu(z.data(), 0, out.data(), 0, n, false);
        vec.mulMask(out.data(), 0, keep, 0, scale, out.data(), 0, n);          // in place: gelu(z) ⊙ m
        if (GradMode.needsGrad(z)) {
            out.withNode(new Node("dropoutGelu", z) {
                @Override
                public void backward(Tensor g) {
                    if (!z.requiresGrad()) return;
                    float[] gd = g.data(), zd = z.data(), gz = z.gradForAccumulation().data();
                    Parallel.forRange((n + CHUNK - 1) / CHUNK, 1, (from, to) -> {
                        float[] gm = new float[CHUNK];                                  // g ⊙ m of one chunk
                        for (int c = from; c < to; c++) {
                            int at = c * CHUNK, len = Math.min(CHUNK, n - at);
                            Kernels.vec().mulMask(gd, at, keep, at / MaskBits.BITS, scale, gm, 0, len);
                            Kernels.vec().geluBackward(zd, at, gm, 0, gz, at, len, false);
                        }
                    });
                }
            });
        }
        return out;
    }

    /** Validates p; true when dropout acts (training and p &gt; 0), which needs an Rng. */
    private static boolean active(float p, boolean training, Rng rng) {
        if (!(p >= 0f && p < 1f)) {   // also rejects NaN
            throw new IllegalArgumentException("dropout must be in [0, 1); got " + p);
        }
        if (!training || p == 0f) return false;
        if (rng == null) {
            throw new IllegalArgumentException("dropout in training mode needs an Rng for its mask; got null");
        }
        return true;
    }
}
