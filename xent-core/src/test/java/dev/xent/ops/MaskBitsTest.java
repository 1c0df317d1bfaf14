package dev.xent.ops;

import dev.xent.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Packed dropout masks expand to exactly the mask the per-element draws define, at any offset and length. */
class MaskBitsTest {
    @Test
    void packedMaskEqualsTheElementwiseDraws() {
        for (int n = 0; n <= 70; n++) {
            float p = 0.3f, scale = 1f / (1f - p);
            float[] words = MaskBits.draw(n, p, new Rng(n));
            Rng same = new Rng(n);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) expected[i] = same.nextFloat() < p ? 0f : scale;
            for (int from = 0; from < n; from += 7) {          // offsets that are not multiples of 16 too
                int len = n - from;
                float[] got = new float[len];
                MaskBits.expand(words, from, len, scale, got);
                for (int k = 0; k < len; k++) assertEquals(expected[from + k], got[k], "n=" + n + " element " + (from + k));
            }
        }
    }
}
