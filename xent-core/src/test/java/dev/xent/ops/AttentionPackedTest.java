// Attention from a packed (B, T, 3E) projection equals attention on the three column blocks, values and gradients.
package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionPackedTest {

    /** Packed and split paths on the same qkv: outputs and qkv's gradient bit for bit (the same GEMMs, other strides). */
    @ParameterizedTest(name = "B={0} T={1} E={2} heads={3} causal={4} padded={5} dropout={6}")
    @CsvSource({"2, 5, 8, 2, false, false, 0", "3, 7, 12, 3, true, true, 0.2", "1, 33, 16, 4, true, false, 0.1",
            "4, 6, 8, 1, false, true, 0.3"})
    void packedEqualsSplit(int b, int t, int e, int heads, boolean causal, boolean padded, float dropout) {
        Rng init = new Rng(b * 100 + t);
        Tensor qkv0 = Init.normal(init, 0, 1, b, t, 3 * e), w = Init.normal(init, 0, 1, b, t, e);
        Tensor mask = padded ? Masking.lengthsToMask(dev.xent.tensor.IntTensor.vector(lengths(b, t)), t) : null;
        Tensor packed = qkv0.copy().requiresGrad(true), split = qkv0.copy().requiresGrad(true);
        Tensor a = Attention.packed(packed, heads, causal, mask, dropout, dropout > 0, new Rng(9));
        Tensor[] parts = ShapeOps.split(split, -1, e, e, e);
        Tensor r = Attention.apply(parts[0], parts[1], parts[2], heads, causal, mask, dropout, dropout > 0, new Rng(9));
        a.mul(w).sum().backward();
        r.mul(w).sum().backward();
        assertArrayEquals(r.toArray(), a.toArray(), "output");
        assertArrayEquals(split.grad().toArray(), packed.grad().toArray(), "gradient of qkv");
    }

    private static int[] lengths(int b, int t) {
        int[] l = new int[b];
        for (int i = 0; i < b; i++) l[i] = Math.max(1, t - 2 * i);
        return l;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor qkv = Init.normal(new Rng(4), 0, 1, 2, 4, 6).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(x -> Attention.packed(x[0], 2, true, null, 0.25f, true, new Rng(3)), qkv);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void errorsNameTheShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Attention.packed(Tensor.zeros(2, 3, 7), 1, false, null, 0f, false, null));
        assertTrue(e.getMessage().contains("(B, T, 3E)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Attention.packed(Tensor.zeros(2, 3, 6), 4, false, null, 0f, false, null));
    }
}
