// Padding never leaks: what a pair's real positions compute does not depend on the padding around it.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TranslationPaddingTest {
    static final int V = 20, D = 8;
    static final int[][] SRC = {{5, 6, 7}, {8, 9, 10, 11, 12, 13, 14}};
    static final int[][] TGT = {{15, 16}, {17, 18, 19, 4, 5, 6}};

    static TransformerTranslator model() {
        return new TransformerTranslator(new TransformerTranslator.Config(V, D, 2, 2, 2, 16, 32, 0f), new Rng(4));
    }

    /** The (T, V) logits of row {@code row} of a batch, its first {@code len} target positions. */
    static float[] logits(TransformerTranslator m, TranslationBatch b, int row, int len) {
        try (GradMode.Scope off = GradMode.off()) {
            float[] z = m.logits(m.decode(b.tgtIn(), m.encode(b.src(), b.srcMask()), b.srcMask())).data();
            int t = b.tgtIn().dim(1);
            return Arrays.copyOfRange(z, row * t * V, (row * t + len) * V);
        }
    }

    @Test
    void aPairPaddedBesideALongerOneComputesWhatItComputesAlone() {
        TransformerTranslator m = model();
        float[] alone = logits(m, TranslationBatch.of(SRC, TGT, new int[] {0}), 0, 3);
        float[] padded = logits(m, TranslationBatch.of(SRC, TGT, new int[] {1, 0}), 1, 3);
        assertArrayEquals(alone, padded, 2e-5f);
    }

    @Test
    void garbageInPaddedPositionsChangesNothing() {
        TransformerTranslator m = model();
        TranslationBatch b = TranslationBatch.of(SRC, TGT, new int[] {0, 1});
        int[] src = b.src().data().clone(), tin = b.tgtIn().data().clone();
        for (int i = 0; i < src.length; i++) if (src[i] == 0) src[i] = 1 + i % (V - 1);   // mask still 0
        for (int i = 0; i < tin.length; i++) if (tin[i] == 0) tin[i] = 1 + i % (V - 1);   // tgtOut still PAD there
        TranslationBatch garbage = new TranslationBatch(IntTensor.of(src, b.src().shape()), b.srcMask(),
                IntTensor.of(tin, b.tgtIn().shape()), b.tgtOut(), b.targetTokens());
        assertArrayEquals(logits(m, b, 0, 3), logits(m, garbage, 0, 3), 0f);
        assertEquals(m.loss(b, 0.1).item(), m.loss(garbage, 0.1).item(), 0f);
    }

    @Test
    void theLossAveragesOverRealTargetTokensOnly() {
        TransformerTranslator m = model();
        double a = m.loss(TranslationBatch.of(SRC, TGT, new int[] {0}), 0).item();
        double b = m.loss(TranslationBatch.of(SRC, TGT, new int[] {1}), 0).item();
        double both = m.loss(TranslationBatch.of(SRC, TGT, new int[] {0, 1}), 0).item();
        assertEquals((3 * a + 7 * b) / 10, both, 1e-5, "token-weighted mean of 3 and 7 target tokens");
    }

    @Test
    void negativeControlTheMaskIsWhatHidesThePadding() {
        TransformerTranslator m = model();
        TranslationBatch b = TranslationBatch.of(SRC, TGT, new int[] {0, 1});
        Tensor allOnes = Tensor.of(filled(b.srcMask().size()), b.srcMask().shape());
        TranslationBatch unmasked = new TranslationBatch(b.src(), allOnes, b.tgtIn(), b.tgtOut(), b.targetTokens());
        assertNotEquals(Arrays.toString(logits(m, b, 0, 3)), Arrays.toString(logits(m, unmasked, 0, 3)));
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }
}
