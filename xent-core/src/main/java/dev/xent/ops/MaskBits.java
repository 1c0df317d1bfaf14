// Dropout keep-masks packed 16 bits per float, so a saved mask costs n/16 floats instead of n.
package dev.xent.ops;

import dev.xent.kernel.Parallel;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * A dropout mask stored as bits: word w holds elements 16w … 16w+15, bit j set = element 16w+j kept. Words are
 * float32 holding integers 0 … 65535, all exact (float32 represents every integer up to 2^24), so the mask lives
 * in a step-workspace float buffer like any other saved tensor, at 1/16 of the size.
 *
 * <p><b>The draw.</b> One {@link Rng#nextLong()} gives four elements: element i takes the 16-bit integer
 * u_i = bits [16·(i mod 4), 16·(i mod 4) + 16) of draw ⌊i/4⌋, and is dropped when u_i / 2^16 &lt; p, compared
 * exactly: u_i &lt; ⌈p·2^16⌉ (p·2^16 is exact in double). So the drop probability is ⌈p·2^16⌉ / 2^16, which lies
 * in [p, p + 2^−16) — p itself whenever p is a multiple of 2^−16 — and n elements cost ⌈n/4⌉ draws.
 *
 * <p>{@link #expand} turns a range of bits back into the multipliers 0 or 1/(1−p); the vector kernel
 * {@code VecOps.mulMask} multiplies by them without expanding.
 */
final class MaskBits {
    static final int BITS = 16;
    private static final int PER_DRAW = 4;   // 16-bit uniforms per 64-bit draw

    private MaskBits() {}

    /**
     * Draws the keep-mask of n elements (⌈n/4⌉ draws from rng); returns ⌈n/16⌉ words from scratch. Word w reads
     * draws 4w … 4w+3 of the stream alone ({@link Rng#reserve}), so the words are filled over the kernel threads
     * and are the same bits as one thread drawing in order.
     */
    static float[] draw(int n, float p, Rng rng) {
        int words = (n + BITS - 1) / BITS;
        float[] out = Tensor.scratch(Math.max(1, words)).data();
        if (words == 0) {
            out[0] = 0f;
            return out;
        }
        int t = dropThreshold(p) - 1;                      // kept ⇔ u ≥ t + 1 ⇔ (t − u) < 0: the sign bit
        Rng.Draws draws = rng.reserve((n + PER_DRAW - 1) / PER_DRAW);
        Parallel.forRange(words, WORDS_PER_TASK, (from, to) -> {
            for (int w = from; w < to; w++) {
                int inWord = Math.min(BITS, n - w * BITS), bits = 0;
                long k = (long) w * (BITS / PER_DRAW);
                for (int j = 0; j < inWord; j += PER_DRAW) {
                    long r = draws.at(k++);
                    bits |= keep(t, r) << j | keep(t, r >>> 16) << j + 1 | keep(t, r >>> 32) << j + 2
                            | keep(t, r >>> 48) << j + 3;
                }
                out[w] = bits & (int) ((1L << inWord) - 1);    // no bits past element n − 1
            }
        });
        return out;
    }

    private static final int WORDS_PER_TASK = 2048;   // 32k elements, 8k draws

    /** ⌈p·2^16⌉: a 16-bit uniform u is dropped when u is below it, i.e. exactly when u / 2^16 &lt; p. */
    static int dropThreshold(float p) {
        return (int) Math.ceil(p * 65536.0);
    }

    /** 1 when the low 16 bits of r, as u, are ≥ t + 1 (element kept), else 0. */
    private static int keep(int t, long r) {
        return (t - ((int) r & 0xFFFF)) >>> 31;
    }

    /** out[0 … len) = keep ? scale : 0 for elements from … from+len−1 (any from), a word at a time. */
    static void expand(float[] words, int from, int len, float scale, float[] out) {
        int keepBits = Float.floatToRawIntBits(scale);
        int w = from / BITS, shift = from % BITS;
        for (int k = 0; k < len; w++, shift = 0) {
            int bits = (int) words[w] >>> shift, m = Math.min(BITS - shift, len - k);
            for (int j = 0; j < m; j++) out[k + j] = Float.intBitsToFloat(keepBits & -(bits >>> j & 1));
            k += m;
        }
    }
}
