// The one classification-metrics class against hand counts: scikit-learn's macro rule and zero_division, multi-label.
package dev.xent.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionMatrixTest {

    @Test
    void macroAveragesOnlyClassesThatOccurAndZeroDivisionIsZero() {
        // gold 0,0,1,2 predicted 0,1,1,0 over 4 classes; class 3 occurs nowhere
        ConfusionMatrix m = new ConfusionMatrix(4).add(0, 0).add(0, 1).add(1, 1).add(2, 0);
        // class 0: tp 1 fp 1 fn 1 → P R F1 1/2; class 1: tp 1 fp 1 → P 1/2 R 1 F1 2/3; class 2: never predicted → 0
        assertEquals(0.5, m.f1(0), 1e-12);
        assertEquals(2.0 / 3, m.f1(1), 1e-12);
        assertEquals(0.0, m.precision(2));
        assertEquals(0.0, m.f1(3), "a class with no example and no prediction scores 0, but is not averaged");
        // sklearn.metrics.f1_score([0,0,1,2], [0,1,1,0], average="macro") = 0.38888...
        assertEquals(7.0 / 18, m.f1(Average.MACRO), 1e-12);
        assertEquals((0.5 + 0.5 + 0) / 3, m.precision(Average.MACRO), 1e-12);
        assertEquals(0.5, m.accuracy());
        assertEquals(0.5, m.f1(Average.MICRO), 1e-12);
        assertArrayEquals(new long[] {1, 1, 0, 0}, m.counts()[0]);
        assertTrue(Double.isNaN(m.logLoss()), "no probabilities given: no log loss");
        assertTrue(Double.isNaN(new ConfusionMatrix(2).accuracy()), "empty: NaN");
    }

    @Test
    void logLossClipsAtOneInAQuadrillion() {
        ConfusionMatrix m = new ConfusionMatrix(2).add(0, 1, 0.0).add(1, 1, 0.5);
        assertEquals((-Math.log(1e-15) - Math.log(0.5)) / 2, m.logLoss(), 1e-12);
    }

    @Test
    void multiLabelCountsEveryClassDecisionAndExactMatch() {
        ConfusionMatrix m = new ConfusionMatrix(3)
                .addLabels(new boolean[] {true, false, true}, new float[] {0.9f, 0.6f, 0.4f})    // predicted {0, 1}
                .addLabels(new boolean[] {false, false, false}, new float[] {0.2f, 0.1f, 0.3f}); // predicted {}: exact
        assertEquals(0.5, m.accuracy(), "exact-match ratio");
        assertEquals(1.0, m.f1(0));
        assertEquals(0.0, m.f1(1));   // one false positive
        assertEquals(0.0, m.f1(2));   // one false negative
        assertEquals(1.0 / 3, m.f1(Average.MACRO), 1e-12);
        double ll = -(Math.log(0.9f) + Math.log(1.0 - 0.6f) + Math.log(0.4f) + Math.log(1.0 - 0.2f) + Math.log(1.0 - 0.1f)
                + Math.log(1.0 - 0.3f)) / 6;
        assertEquals(ll, m.logLoss(), 1e-12, "mean binary cross-entropy over N·K pairs");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.add(0, 0));
        assertTrue(e.getMessage().contains("multi-label"), e.getMessage());
    }

    @Test
    void badIndicesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(2).add(0, 2));
        assertEquals("predicted class index must be in [0, 2); got 2", e.getMessage());
    }
}
