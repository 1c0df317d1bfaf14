// Layer norm's backward split over threads: gamma's and beta's gradients are the one-thread row-order sums, bit for bit.
package dev.xent.ops;

import dev.xent.kernel.Parallel;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * With gamma = 1 and beta = 0 the forward output is x̂ exactly, so dgamma must equal Σ_rows G ⊙ y and dbeta Σ_rows G,
 * each added in float in row order — what one thread computes. Shapes large enough that the rows and the
 * columns are split over the kernel threads (when there are several); C = 200 is not a multiple of the column block.
 */
class LayerNormThreadsTest {
    @ParameterizedTest
    @CsvSource({"1000, 256", "777, 200", "3, 5"})
    void parameterGradientsAreTheRowOrderSums(int rows, int c) {
        Rng rng = new Rng(11);
        Tensor x = Init.normal(rng, 0.3f, 2f, rows, c).requiresGrad(true);
        Tensor gamma = Tensor.of(filled(c, 1f), c).requiresGrad(true);
        Tensor beta = Tensor.of(new float[c], c).requiresGrad(true);
        Tensor g = Init.normal(rng, 0f, 1f, rows, c);
        Tensor y = LayerNorm.apply(x, gamma, beta, 1e-5f);
        float[] yd = y.toArray(), gd = g.data();
        Reduce.sum(Arith.mul(y, g)).backward();
        float[] dgamma = new float[c], dbeta = new float[c];
        for (int n = 0; n < rows; n++) {
            for (int j = 0; j < c; j++) {
                dgamma[j] += gd[n * c + j] * yd[n * c + j];
                dbeta[j] += gd[n * c + j];
            }
        }
        assertArrayEquals(dgamma, gamma.grad().data(), "dgamma (threads: " + Parallel.threads() + ")");
        assertArrayEquals(dbeta, beta.grad().data(), "dbeta (threads: " + Parallel.threads() + ")");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
