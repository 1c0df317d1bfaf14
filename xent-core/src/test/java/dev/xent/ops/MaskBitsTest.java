package dev.xent.ops;

import dev.xent.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Packed dropout masks: the bits are the rule MaskBits documents (four 16-bit uniforms per 64-bit draw, element
 * dropped when u / 2^16 &lt; p), recomputed here from the raw draws; expand returns them at any offset and length.
 */
class MaskBitsTest {

    /** The mask the documented rule defines, element by element, from the same seed (scale or 0). */
    private static float[] byTheRule(int n, float p, long seed, float scale) {
        Rng rng = new Rng(seed);
        float[] m = new float[n];
        long r = 0;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) r = rng.nextLong();
            long u = r >>> (16 * (i % 4)) & 0xFFFF;
            m[i] = u / 65536.0 < p ? 0f : scale;
        }
        return m;
    }

    @Test
    void packedMaskEqualsTheDocumentedDraws() {
        for (float p : new float[] {0.3f, 0.2f, 0.5f, 0.9f}) {
            for (int n = 0; n <= 70; n++) {
                float scale = 1f / (1f - p);
                float[] words = MaskBits.draw(n, p, new Rng(n));
                float[] expected = byTheRule(n, p, n, scale);
                for (int from = 0; from < n; from += 7) {          // offsets that are not multiples of 16 too
                    int len = n - from;
                    float[] got = new float[len];
                    MaskBits.expand(words, from, len, scale, got);
                    for (int k = 0; k < len; k++) {
                        assertEquals(expected[from + k], got[k], "p=" + p + " n=" + n + " element " + (from + k));
                    }
                }
                for (int w = 0; w < (n + 15) / 16; w++) {           // no bits beyond element n − 1
                    int used = Math.min(16, n - 16 * w);
                    assertEquals(0, (int) words[w] >>> used, "p=" + p + " n=" + n + " word " + w);
                }
            }
        }
    }

    /** A mask long enough to be drawn over the kernel threads has the bits of the sequential rule. */
    @Test
    void longMaskDrawnOverThreadsEqualsTheDocumentedDraws() {
        int n = 300_007;
        float p = 0.2f, scale = 1f / (1f - p);
        Rng rng = new Rng(5), after = new Rng(5);
        float[] words = MaskBits.draw(n, p, rng);
        float[] expected = byTheRule(n, p, 5, scale), got = new float[n];
        MaskBits.expand(words, 0, n, scale, got);
        for (int i = 0; i < n; i++) assertEquals(expected[i], got[i], "element " + i);
        for (int k = 0; k < (n + 3) / 4; k++) after.nextLong();
        assertEquals(after.nextLong(), rng.nextLong(), "the generator moved on by ⌈n/4⌉ draws");
    }

    /** n elements take ⌈n/4⌉ draws: the generator moves on exactly that far. */
    @Test
    void consumesOneDrawPerFourElements() {
        for (int n : new int[] {1, 4, 5, 16, 17, 63}) {
            Rng a = new Rng(11), b = new Rng(11);
            MaskBits.draw(n, 0.25f, a);
            for (int k = 0; k < (n + 3) / 4; k++) b.nextLong();
            assertEquals(b.nextLong(), a.nextLong(), "n=" + n);
        }
    }

    /** The integer threshold decides every 16-bit u exactly as u / 2^16 &lt; p does (exhaustive over u). */
    @Test
    void thresholdIsTheExactComparison() {
        for (float p : new float[] {0f, 1e-6f, 0.1f, 0.2f, 0.25f, 0.3f, 0.5f, 0.75f, Math.nextDown(1f), 1f / 65536}) {
            int t = MaskBits.dropThreshold(p);
            for (int u = 0; u < 65536; u++) {
                assertEquals(u / 65536.0 < p, u < t, "p=" + p + " u=" + u);
            }
            double rate = t / 65536.0;                       // the drop probability: in [p, p + 2^-16)
            assertEquals(true, rate >= p && rate < p + 1.0 / 65536, "p=" + p + " rate " + rate);
        }
    }
}
