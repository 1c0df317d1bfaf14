// The attention RNN: padding never leaks (alone vs beside a longer pair, garbage in padded slots), and its
// incremental decoder equals the teacher-forced forward step by step, also after rows are reordered.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.text.Vocabulary;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RnnTranslatorTest {
    static final int V = 20;
    static final int[][] SRC = {{5, 6, 7}, {8, 9, 10, 11, 12, 13, 14}};
    static final int[][] TGT = {{15, 16, 17}, {17, 18, 19, 4, 5, 6}};

    static RnnTranslator model() {
        return new RnnTranslator(new RnnTranslator.Config(V, 8, 6, 0f), new Rng(4));
    }

    static float[] logits(RnnTranslator m, TranslationBatch b, int row, int len) {
        try (GradMode.Scope off = GradMode.off()) {
            float[] z = m.forward(b).data();
            int t = b.tgtIn().dim(1);
            return Arrays.copyOfRange(z, row * t * V, (row * t + len) * V);
        }
    }

    @Test
    void paddingNeverLeaks() {
        RnnTranslator m = model();
        float[] alone = logits(m, TranslationBatch.of(SRC, TGT, new int[] {0}), 0, 4);
        TranslationBatch both = TranslationBatch.of(SRC, TGT, new int[] {1, 0});
        assertArrayEquals(alone, logits(m, both, 1, 4), 2e-5f);
        int[] src = both.src().data().clone(), tin = both.tgtIn().data().clone();
        for (int i = 0; i < src.length; i++) if (src[i] == 0) src[i] = 1 + i % (V - 1);
        for (int i = 0; i < tin.length; i++) if (tin[i] == 0) tin[i] = 1 + i % (V - 1);
        TranslationBatch garbage = new TranslationBatch(IntTensor.of(src, both.src().shape()), both.srcMask(),
                IntTensor.of(tin, both.tgtIn().shape()), both.tgtOut(), both.targetTokens());
        assertArrayEquals(alone, logits(m, garbage, 1, 4), 2e-5f);
        assertEquals(m.loss(both, 0.1).item(), m.loss(garbage, 0.1).item(), 1e-6f);
    }

    @Test
    void stepByStepEqualsTheTeacherForcedForward() {
        RnnTranslator m = model();
        RnnDecoding dec = m.decoder();
        int[][] tgt = {{15, 16, 17}, {18, 19, 4}};
        TranslationBatch full = TranslationBatch.of(SRC, tgt, new int[] {0, 1});
        float[] z;
        try (GradMode.Scope off = GradMode.off()) {
            z = m.forward(full).data();                                              // (2, 4, V)
        }
        RnnDecoding.State s = dec.start(SRC);
        int[] last = {Vocabulary.BOS, Vocabulary.BOS};
        for (int t = 0; t < 3; t++) {
            float[] lp = dec.logProbs(s, last);
            for (int r = 0; r < 2; r++) {
                float[] want = TransformerDecoding.logSoftmaxRows(Arrays.copyOfRange(z, (r * 4 + t) * V, (r * 4 + t + 1) * V), 1, V);
                assertArrayEquals(want, Arrays.copyOfRange(lp, r * V, (r + 1) * V), 2e-5f, "row " + r + " step " + t);
            }
            last = new int[] {tgt[0][t], tgt[1][t]};
        }
        s = dec.select(s, new int[] {1, 0});
        float[] lp = dec.logProbs(s, new int[] {last[1], last[0]});
        float[] want = TransformerDecoding.logSoftmaxRows(Arrays.copyOfRange(z, 3 * V, 4 * V), 1, V);   // row 0, t = 3
        assertArrayEquals(want, Arrays.copyOfRange(lp, V, 2 * V), 2e-5f, "old row 0 after select");
    }
}
