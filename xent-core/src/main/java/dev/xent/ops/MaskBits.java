// Dropout keep-masks packed 16 bits per float, so a saved mask costs n/16 floats instead of n.
package dev.xent.ops;

import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * A dropout mask drawn as before — one {@link Rng#nextFloat()} per element in order, element i dropped when
 * its draw is &lt; p — but stored as bits: word w holds elements 16w … 16w+15, bit j set = element 16w+j kept.
 * Words are float32 holding integers 0 … 65535, all exact (float32 represents every integer up to 2^24), so
 * the mask lives in a step-workspace float buffer like any other saved tensor, at 1/16 of the size.
 *
 * <p>{@link #expand} turns a range of bits back into the multipliers 0 or 1/(1−p) for a vector kernel.
 */
final class MaskBits {
    static final int BITS = 16;

    private MaskBits() {}

    /** Draws the keep-mask of n elements (n draws from rng); returns ⌈n/16⌉ words from scratch. */
    static float[] draw(int n, float p, Rng rng) {
        float[] words = Tensor.scratch(Math.max(1, (n + BITS - 1) / BITS)).data();
        for (int w = 0, i = 0; i < n; w++) {
            int bits = 0;
            for (int j = 0; j < BITS && i < n; j++, i++) {
                if (rng.nextFloat() >= p) bits |= 1 << j;
            }
            words[w] = bits;
        }
        return words;
    }

    /** out[0 … len) = keep ? scale : 0 for elements from … from+len−1 (any from). */
    static void expand(float[] words, int from, int len, float scale, float[] out) {
        for (int k = 0; k < len; k++) {
            int i = from + k;
            out[k] = ((int) words[i / BITS] >>> (i % BITS) & 1) != 0 ? scale : 0f;
        }
    }
}
