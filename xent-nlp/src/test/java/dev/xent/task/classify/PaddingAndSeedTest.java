// Padding never changes a text's logits; training with a seed is deterministic; length buckets cover every row once.
package dev.xent.task.classify;

import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaddingAndSeedTest {
    private static final String[] KINDS = {"cnn", "bilstm", "bilstm-maxmean", "bigru", "transformer"};

    /** Logits of text 0 alone (T = its length) vs batched with a text 9 tokens longer (T = 12). */
    @Test
    void paddingIsIrrelevant() {
        int[][] tokens = {{7, 8, 9}, {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
        for (String kind : KINDS) {
            NeuralTextClassifier m = NeuralClassifiersLearnTest.small(kind, Objective.MULTICLASS, 3, 11);
            m.eval();
            float[] alone = m.logits(PaddedBatch.of(tokens, new int[] {0}, m.minLength())).data().clone();
            PaddedBatch both = PaddedBatch.of(tokens, new int[] {0, 1}, m.minLength());
            assertEquals(12, both.length());
            float[] padded = java.util.Arrays.copyOf(m.logits(both).data(), 3);
            assertArrayEquals(alone, padded, 1e-5f, kind + ": padding changed the logits");
        }
    }

    /** Control for the test above: a model that read the padding would differ — the padded ids do reach it. */
    @Test
    void paddedBatchIsRightPaddedWithZeros() {
        int[][] tokens = {{7, 8}, {5, 6, 7, 8}};
        PaddedBatch b = PaddedBatch.of(tokens, new int[] {0, 1}, 3);
        assertArrayEquals(new int[] {7, 8, 0, 0, 5, 6, 7, 8}, b.ids().data());
        assertArrayEquals(new int[] {2, 4}, b.lengths().data());
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, b.mask().data());
        assertEquals(3, PaddedBatch.of(tokens, new int[] {0}, 3).length());   // padded up to minLength
        assertEquals(8, PaddedBatch.of(tokens, new int[] {0, 1}, 3, 8).length());   // rounded up to a multiple
    }

    @Test
    void sameSeedSameWeightsOtherSeedOther() {
        LabeledTokens data = NeuralToyData.keyword(48, 1);
        for (String kind : KINDS) {
            Map<String, Tensor> a = trained(kind, data, 5), b = trained(kind, data, 5), c = trained(kind, data, 6);
            boolean differs = false;
            for (String name : a.keySet()) {
                // Bit for bit, although the two trainings run at different JIT states in one JVM: the kernels'
                // results do not depend on the JIT (KernelDeterminismTest).
                assertArrayEquals(a.get(name).data(), b.get(name).data(), kind + " " + name + " not reproducible");
                differs |= !java.util.Arrays.equals(a.get(name).data(), c.get(name).data());
            }
            assertTrue(differs, kind + ": another seed should give other weights");
        }
    }

    private static Map<String, Tensor> trained(String kind, LabeledTokens data, long seed) {
        NeuralTextClassifier m = NeuralClassifiersLearnTest.small(kind, Objective.BINARY, 2, seed);
        NeuralClassifierTask task = new NeuralClassifierTask(m, data, null,
                NeuralTrainConfig.defaults(1).withBatchSize(16).withSeed(seed));
        task.fit(task.options().build());
        return m.stateDict();
    }

    @Test
    void bucketsCoverEveryRowOnceWithSimilarLengths() {
        LabeledTokens data = NeuralToyData.keyword(500, 3);
        List<int[]> batches = LengthBuckets.batches(data.tokens(), 20, 5, 9, 2, true);
        boolean[] seen = new boolean[data.size()];
        int spreadSum = 0;
        for (int[] rows : batches) {
            int lo = Integer.MAX_VALUE, hi = 0;
            for (int r : rows) {
                assertFalse(seen[r], "row " + r + " twice");
                seen[r] = true;
                lo = Math.min(lo, data.tokens()[r].length);
                hi = Math.max(hi, data.tokens()[r].length);
            }
            spreadSum += hi - lo;
        }
        for (boolean s : seen) assertTrue(s);
        // lengths 1..12 uniformly: random batches of 20 would spread ~10; pools of 100 sorted spread ~1
        assertTrue(spreadSum / (double) batches.size() < 3, "mean length spread " + spreadSum / (double) batches.size());
        assertFalse(java.util.Arrays.equals(batches.get(0), LengthBuckets.batches(data.tokens(), 20, 5, 9, 3, true).get(0)),
                "another epoch should give another order");
    }

    @Test
    void classWeightsWeighTheLoss() {
        LabeledTokens data = LabeledTokens.singleLabel(new int[][] {{5}, {6}}, new int[] {0, 1}, 2);
        Tensor z = Tensor.of(new float[] {0.3f, -1.2f}, 2, 1);
        double l0 = -Math.log(1 - 1 / (1 + Math.exp(-0.3))), l1 = -Math.log(1 / (1 + Math.exp(1.2)));
        float plain = Objective.BINARY.loss(z, data, new int[] {0, 1}, null).item();
        float weighted = Objective.BINARY.loss(z, data, new int[] {0, 1}, new float[] {1f, 3f}).item();
        assertEquals((l0 + l1) / 2, plain, 1e-6);
        assertEquals((l0 + 3 * l1) / 2, weighted, 1e-6);   // PyTorch BCE weight=: mean of weighted terms
        Tensor z3 = Tensor.of(new float[] {0.5f, -0.2f, 1.0f, 0.1f}, 2, 2);
        float ce = Objective.MULTICLASS.loss(z3, data, new int[] {0, 1}, new float[] {1f, 3f}).item();
        double c0 = -Math.log(Math.exp(0.5) / (Math.exp(0.5) + Math.exp(-0.2)));
        double c1 = -Math.log(Math.exp(0.1) / (Math.exp(1.0) + Math.exp(0.1)));
        assertEquals((c0 + 3 * c1) / 4, ce, 1e-6);          // PyTorch CE weight=: divided by the weight sum
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabeledTokens.singleLabel(new int[][] {{}}, new int[] {0}, 2));
        assertTrue(e.getMessage().contains("no tokens"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.BINARY.outputs(3));
        assertTrue(e.getMessage().contains("MULTICLASS"), e.getMessage());
        NeuralTextClassifier cnn = NeuralClassifiersLearnTest.small("cnn", Objective.BINARY, 2, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> cnn.logits(PaddedBatch.of(new int[][] {{5}}, new int[] {0}, 1)));
        assertTrue(e.getMessage().contains("minLength"), e.getMessage());
    }
}
