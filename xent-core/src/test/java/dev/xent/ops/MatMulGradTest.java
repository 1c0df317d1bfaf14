package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.Node;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatMulGradTest {

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void gradientMatchesFiniteDifferences(boolean ta, boolean tb) {
        Rng rng = new Rng(1);
        Tensor a = Init.normal(rng, 0, 1, ta ? 4 : 3, ta ? 3 : 4).requiresGrad(true);
        Tensor b = Init.normal(rng, 0, 1, tb ? 5 : 4, tb ? 4 : 5).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(x -> MatMul.matmul(x[0], x[1], ta, tb), a, b);
        assertTrue(r.passed(), r.worst());
    }

    /** Negative control: a backward that drops a factor of 2 must fail the check. */
    @Test
    void brokenBackwardIsCaught() {
        Rng rng = new Rng(2);
        Tensor a = Init.normal(rng, 0, 1, 3, 4).requiresGrad(true);
        Tensor b = Init.normal(rng, 0, 1, 4, 2).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(x -> {
            Tensor good = MatMul.matmul(x[0], x[1]);
            Tensor bad = Tensor.of(good.toArray(), good.shape());
            return bad.withNode(new Node("broken-matmul", x[0], x[1]) {
                @Override
                public void backward(Tensor g) {
                    good.node().backward(g);   // correct gradient ...
                    float[] ga = x[0].grad().data();
                    for (int i = 0; i < ga.length; i++) ga[i] *= 0.5f;   // ... then halved: wrong
                }
            });
        }, a, b);
        assertFalse(r.passed(), "a halved gradient must fail the check; worst: " + r.worst());
    }

    /** The bias gradient's column sums, split over the threads by column blocks, equal row-after-row sums bit for bit. */
    @Test
    void columnSumsOverThreadsEqualRowOrderSums() {
        for (int[] rc : new int[][] {{3000, 1024}, {37, 300}, {1, 5}, {513, 17}}) {
            int rows = rc[0], cols = rc[1];
            float[] g = Init.normal(new Rng(rows), 0, 1, rows, cols).data();
            float[] want = new float[cols], got = new float[cols];
            java.util.Arrays.fill(want, 0.5f);
            java.util.Arrays.fill(got, 0.5f);
            for (int r = 0; r < rows; r++) for (int j = 0; j < cols; j++) want[j] += g[r * cols + j];
            MatMul.columnSumsInto(g, rows, cols, got);
            org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, rows + " x " + cols);
        }
    }
}
