// The fused residual and GELU dropouts equal the ops they replace bit for bit, and pass finite differences.
package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutFusedTest {

    /** loss = Σ y ⊙ w for a fixed random w: every output element gets its own upstream gradient. */
    private static float[][] run(BiFunction<Tensor, Tensor, Tensor> f, Tensor x0, Tensor a0, Tensor w) {
        Tensor x = x0.copy().requiresGrad(true), a = a0.copy().requiresGrad(true);
        Tensor y = f.apply(x, a);
        y.mul(w).sum().backward();
        return new float[][] {y.toArray(), x.grad() == null ? null : x.grad().toArray(),
                a.grad() == null ? null : a.grad().toArray()};
    }

    /** Sizes: odd and small, one mask word and a bit, and past the kernels' parallel split (2 · 65,536). */
    @ParameterizedTest
    @ValueSource(ints = {1, 17, 1000, 140_001})
    void residualEqualsAddOfDropout(int n) {
        Rng init = new Rng(n);
        Tensor x = Init.normal(init, 0, 1, n), a = Init.normal(init, 0, 1, n), w = Init.normal(init, 0, 1, n);
        float[][] fused = run((xi, ai) -> Dropout.residual(xi, ai, 0.2f, true, new Rng(7)), x, a, w);
        float[][] ref = run((xi, ai) -> Arith.add(xi, Dropout.apply(ai, 0.2f, true, new Rng(7))), x, a, w);
        for (int i = 0; i < 3; i++) assertArrayEquals(ref[i], fused[i], "n=" + n + " output " + i);
        float[][] eval = run((xi, ai) -> Dropout.residual(xi, ai, 0.2f, false, null), x, a, w);
        float[][] plain = run(Arith::add, x, a, w);
        for (int i = 0; i < 3; i++) assertArrayEquals(plain[i], eval[i], "eval n=" + n + " output " + i);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 1000, 140_001})
    void geluEqualsDropoutOfGelu(int n) {
        Rng init = new Rng(n + 1);
        Tensor z = Init.normal(init, 0, 2, n), w = Init.normal(init, 0, 1, n);
        float[][] fused = run((zi, unused) -> Dropout.gelu(zi, 0.3f, true, new Rng(8)), z, z, w);
        float[][] ref = run((zi, unused) -> Dropout.apply(Activations.gelu(zi), 0.3f, true, new Rng(8)), z, z, w);
        assertArrayEquals(ref[0], fused[0], "n=" + n + " values");
        assertArrayEquals(ref[1], fused[1], "n=" + n + " gradient");
        float[][] eval = run((zi, unused) -> Dropout.gelu(zi, 0.3f, false, null), z, z, w);
        float[][] plain = run((zi, unused) -> Activations.gelu(zi), z, z, w);
        assertArrayEquals(plain[1], eval[1], "eval n=" + n);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng init = new Rng(3);
        Tensor x = Init.normal(init, 0, 1, 3, 7).requiresGrad(true), a = Init.normal(init, 0, 1, 3, 7).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> Dropout.residual(in[0], in[1], 0.4f, true, new Rng(5)), x, a);
        assertTrue(r.passed(), r.worst());
        GradCheck.Result g = GradCheck.check(in -> Dropout.gelu(in[0], 0.4f, true, new Rng(5)), x);
        assertTrue(g.passed(), g.worst());
    }

    @Test
    void residualNeedsEqualShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dropout.residual(Tensor.zeros(2, 3), Tensor.zeros(3), 0.1f, true, new Rng(1)));
        assertTrue(e.getMessage().contains("same shape"), e.getMessage());
    }
}
