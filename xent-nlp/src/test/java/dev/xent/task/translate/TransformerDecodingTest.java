// Incremental decoding with key/value caches equals the full teacher-forced decoder: reordered rows, a growing cache.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.Rng;
import dev.xent.text.Vocabulary;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransformerDecodingTest {
    static final int V = 20;
    static final int[][] SRC = {{5, 6, 7}, {8, 9, 10, 11, 12}};
    static final int[][] TGT = {{15, 16, 17, 18}, {19, 4, 5, 6}};

    /** log-softmax of the full decoder's logits for row r, position t. */
    static float[] fullLogProbs(TransformerTranslator m, TranslationBatch b, int r, int t) {
        try (GradMode.Scope off = GradMode.off()) {
            float[] z = m.logits(m.decode(b.tgtIn(), m.encode(b.src(), b.srcMask()), b.srcMask())).data();
            int len = b.tgtIn().dim(1);
            float[] row = Arrays.copyOfRange(z, (r * len + t) * V, (r * len + t + 1) * V);
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float x : row) max = Math.max(max, x);
            for (float x : row) sum += Math.exp(x - max);
            for (int j = 0; j < V; j++) row[j] = (float) (row[j] - max - Math.log(sum));
            return row;
        }
    }

    @Test
    void stepByStepEqualsTheFullDecoderAndSelectKeepsEachRowsSource() {
        TransformerTranslator m = new TransformerTranslator(
                new TransformerTranslator.Config(V, 8, 2, 2, 2, 16, 32, 0f), new Rng(6));
        TransformerDecoding dec = new TransformerDecoding(m);
        TranslationBatch full = TranslationBatch.of(SRC, TGT, new int[] {0, 1});
        TransformerDecoding.State s = dec.start(SRC);
        int[] last = {Vocabulary.BOS, Vocabulary.BOS};
        for (int t = 0; t < 3; t++) {
            float[] lp = dec.logProbs(s, last);
            for (int r = 0; r < 2; r++) {
                float[] want = fullLogProbs(m, full, r, t);
                want[Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
                want[Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
                assertArrayEquals(want, Arrays.copyOfRange(lp, r * V, (r + 1) * V), 2e-5f, "row " + r + " step " + t);
            }
            last = new int[] {TGT[0][t], TGT[1][t]};
        }
        // swap and duplicate rows: row i continues old row {1, 0, 1}[i]
        s = dec.select(s, new int[] {1, 0, 1});
        float[] lp = dec.logProbs(s, new int[] {TGT[1][2], TGT[0][2], TGT[1][2]});
        assertEquals(3 * V, lp.length);
        assertArrayEquals(Arrays.copyOfRange(lp, 0, V), Arrays.copyOfRange(lp, 2 * V, 3 * V), 0f);
        float[] want = fullLogProbs(m, full, 0, 3);
        want[Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
        want[Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
        assertArrayEquals(want, Arrays.copyOfRange(lp, V, 2 * V), 2e-5f, "old row 0 after select");
    }

    /**
     * 40 steps: a cache sized once (start with maxFeeds 41) and one started at capacity 1 that doubles six times
     * (1 → 64, the model's maxLen) give the full decoder's log-probabilities at every position.
     */
    @Test
    void aCacheSizedOnceOrGrownInPlaceGivesTheFullDecodersLogProbs() {
        TransformerTranslator m = new TransformerTranslator(
                new TransformerTranslator.Config(V, 8, 2, 2, 2, 16, 64, 0f), new Rng(11));
        TransformerDecoding dec = new TransformerDecoding(m);
        int steps = 40;
        java.util.Random r = new java.util.Random(3);
        int[][] tgt = new int[2][steps];
        for (int[] row : tgt) for (int t = 0; t < steps; t++) row[t] = 4 + r.nextInt(V - 4);
        TranslationBatch full = TranslationBatch.of(SRC, tgt, new int[] {0, 1});
        float[][][] want = new float[2][steps][];
        for (int row = 0; row < 2; row++) {
            for (int t = 0; t < steps; t++) {
                want[row][t] = fullLogProbs(m, full, row, t);
                want[row][t][Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
                want[row][t][Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
            }
        }
        for (int capacity : new int[] {steps + 1, 1}) {
            TransformerDecoding.State s = dec.start(SRC, capacity);
            int[] last = {Vocabulary.BOS, Vocabulary.BOS};
            for (int t = 0; t < steps; t++) {
                float[] lp = dec.logProbs(s, last);
                for (int row = 0; row < 2; row++) {
                    assertArrayEquals(want[row][t], Arrays.copyOfRange(lp, row * V, (row + 1) * V), 2e-5f,
                            "capacity " + capacity + ", row " + row + ", step " + t);
                }
                last = new int[] {tgt[0][t], tgt[1][t]};
            }
            assertEquals(capacity == 1 ? 64 : steps + 1, s.capacity, "grown by doubling up to maxLen, else as sized");
        }
    }
}
