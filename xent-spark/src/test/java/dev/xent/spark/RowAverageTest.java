// The averaging step: touched rows weighted by touches, untouched rows kept, the output matrix weighted by examples.
package dev.xent.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowAverageTest {
    @Test
    void rowsAreAveragedByTouchesAndUntouchedRowsKeepTheirValue() {
        int dim = 2;
        // worker 1 touched row 0 once and row 2 three times; worker 2 touched row 2 once and row 3 twice
        RowAverage w1 = RowAverage.of(new float[] {1, 1, 9, 9, 4, 4, 9, 9}, new float[] {1, 2}, dim,
                new int[] {1, 0, 3, 0}, 10, 5.0);
        RowAverage w2 = RowAverage.of(new float[] {9, 9, 9, 9, 8, 0, 6, 6}, new float[] {3, 6}, dim,
                new int[] {0, 0, 1, 2}, 30, 7.0);
        RowAverage sum = RowAverage.merge(RowAverage.merge(RowAverage.empty(dim), w1), w2);
        assertArrayEquals(new int[] {0, 2, 3}, sum.rows);
        assertEquals(40, sum.examples);
        assertEquals(12.0, sum.lossSum);
        float[] input = {-1, -1, -2, -2, -3, -3, -4, -4};
        float[] output = {0, 0};
        sum.applyTo(input, output);
        // row 0: worker 1's; row 1: untouched; row 2: (3·(4,4) + 1·(8,0)) / 4; row 3: worker 2's
        assertArrayEquals(new float[] {1, 1, -2, -2, 5, 3, 6, 6}, input);
        // output: (10·(1,2) + 30·(3,6)) / 40
        assertArrayEquals(new float[] {2.5f, 5f}, output);
        assertEquals(RowAverage.merge(w2, w1).rows.length, 3);
        assertEquals(w1.bytes + w2.bytes, sum.bytes);
    }
}
