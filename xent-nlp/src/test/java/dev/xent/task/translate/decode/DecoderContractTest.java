// DecoderContract passes a correct decoder and catches a shared cache, a row mix-up and unnormalised rows.
package dev.xent.task.translate.decode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecoderContractTest {
    private static final int[][] SOURCES = {{3}, {2, 4, 4}, {4, 2}};

    @Test
    void aCorrectDecoderPasses() {
        DecoderContract.check(new ToyDecoder(5), SOURCES, 4, 1e-6);
    }

    @Test
    void selectThatSharesARowsCacheFails() {
        ToyDecoder shared = new ToyDecoder(5) {
            @Override
            public State select(State s, int[] rows) {
                State t = super.select(s, rows);
                // Duplicates share one prefix array: appending to one appends to the other.
                for (int i = 1; i < rows.length; i++) {
                    for (int j = 0; j < i; j++) {
                        if (rows[i] == rows[j]) t.shareWith(i, j);
                    }
                }
                return t;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> DecoderContract.check(shared, SOURCES, 3, 1e-6));
        assertTrue(e.getMessage().contains("batched log-prob"), e.getMessage());
    }

    @Test
    void selectThatIgnoresTheOrderFails() {
        ToyDecoder identity = new ToyDecoder(5) {
            @Override
            public State select(State s, int[] rows) {
                int[] inOrder = new int[rows.length];
                for (int i = 0; i < rows.length; i++) inOrder[i] = Math.min(i, rows.length - 2);
                return super.select(s, inOrder);
            }
        };
        assertThrows(AssertionError.class, () -> DecoderContract.check(identity, SOURCES, 3, 1e-6));
    }

    @Test
    void unnormalisedRowsFail() {
        IncrementalDecoder<ToyDecoder.State> logits = new ToyDecoder(5) {
            @Override
            public float[] logProbs(State s, int[] last) {
                float[] lp = super.logProbs(s, last);
                for (int i = 0; i < lp.length; i++) lp[i] += 1;
                return lp;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> DecoderContract.check(logits, SOURCES, 2, 1e-6));
        assertTrue(e.getMessage().contains("log-softmax"), e.getMessage());
    }

    private static ToyDecoder maskingBos(float shift) {
        return new ToyDecoder(4, (src, prefix) -> new double[] {0.2, 0.3, 0.3 - 0.01 * prefix.length,
                0.2 + 0.01 * prefix.length}) {
            @Override
            public float[] logProbs(State s, int[] last) {
                float[] lp = super.logProbs(s, last);
                for (int i = 0; i < lp.length; i++) lp[i] += shift;
                for (int r = 0; r < last.length; r++) lp[r * 4] = Float.NEGATIVE_INFINITY;   // as fairseq masks pad
                return lp;
            }
        };
    }

    @Test
    void tokensMaskedAfterTheLogSoftmaxAreAcceptedButNotMassAboveOne() {
        DecoderContract.check(maskingBos(0f), SOURCES, 3, 1e-6);         // 20% masked away: Σ p = 0.8
        AssertionError e = assertThrows(AssertionError.class,
                () -> DecoderContract.check(maskingBos(0.5f), SOURCES, 3, 1e-6));   // Σ p = 0.8 e^0.5 = 1.32
        assertTrue(e.getMessage().contains("log-softmax"), e.getMessage());
    }
}
