package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backward shortcuts for an intermediate's first gradient contribution: a reshape or a residual's skip path
 * hands the upstream gradient over ({@link Tensor#passGradTo}), a linear layer's dx, attention's dq/dk/dv and the
 * fused output layer's dx are written with beta 0 ({@link Tensor#gradForOverwrite}). Each graph below uses the
 * intermediate more than once, in either order, so a shortcut taken when it must not be (a second contribution
 * overwriting the first, or a handed-over buffer shared by two tensors) shows up against finite differences.
 */
class GradHandOverTest {
    private static final Rng RNG = new Rng(7);

    /** h = x·1.5 is an intermediate; the graph reads it through a linear layer, a reshape and a residual. */
    @Test
    void intermediateReadByLinearReshapeAndResidual() {
        Tensor x = Init.normal(RNG, 0, 1, 2, 3, 4).requiresGrad(true);
        Tensor w = Init.normal(RNG, 0, 1, 4, 4).requiresGrad(true);
        Tensor b = Init.normal(RNG, 0, 1, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(p -> {
            Tensor h = Arith.mul(p[0], 1.5f);                                  // (2, 3, 4) intermediate
            Tensor y = MatMul.linear(h, p[1], p[2]);                           // dx written first ...
            Tensor z = Dropout.residual(h, y, 0.3f, true, new Rng(3));                 // ... then h's skip path adds
            Tensor u = ShapeOps.reshape(Arith.mul(z, z), 6, 4);                // reshape hands its gradient over
            return Reduce.sum(Arith.add(u, ShapeOps.reshape(h, 6, 4)));       // h's third use adds again
        }, x, w, b);
        assertTrue(r.passed(), r.worst());
    }

    /** The skip path first (h has no gradient yet, so it is handed over), then a linear layer adds into it. */
    @Test
    void residualFirstThenLinear() {
        Tensor x = Init.normal(RNG, 0, 1, 5, 4).requiresGrad(true);
        Tensor w = Init.normal(RNG, 0, 1, 4, 4).requiresGrad(true);
        Tensor b = Init.normal(RNG, 0, 1, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(p -> {
            Tensor h = Arith.mul(p[0], 0.7f);
            Tensor y = Activations.tanh(MatMul.linear(h, p[1], p[2]));
            Tensor z = Dropout.residual(h, y, 0.3f, true, new Rng(3));
            return Reduce.sum(Arith.mul(z, z));
        }, x, w, b);
        assertTrue(r.passed(), r.worst());
    }

    /** Attention on intermediates: the packed q|k|v written once per column block, and q, k, v as three tensors
     *  one of which (k) also feeds another op. */
    @Test
    void attentionOnIntermediates() {
        Tensor qkv = Init.normal(RNG, 0, 1, 2, 3, 12).requiresGrad(true);
        GradCheck.Result packed = GradCheck.check(p -> {
            Tensor h = Arith.mul(p[0], 1.2f);
            Tensor o = Attention.packed(h, 2, true, null, 0f, false, null);
            return Reduce.sum(Arith.mul(Arith.add(o, ShapeOps.slice(h, 2, 0, 4)), o));
        }, qkv);
        assertTrue(packed.passed(), packed.worst());
        Tensor q = Init.normal(RNG, 0, 1, 2, 3, 4).requiresGrad(true);
        Tensor kv = Init.normal(RNG, 0, 1, 2, 5, 4).requiresGrad(true);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, 2, 5);
        GradCheck.Result three = GradCheck.check(p -> {
            Tensor qh = Arith.mul(p[0], 1.1f), k = Arith.mul(p[1], 0.9f), v = Arith.mul(p[1], -1.3f);
            Tensor o = Attention.apply(qh, k, v, 2, false, mask);
            return Arith.add(Reduce.sum(Arith.mul(o, o)), Reduce.sum(Arith.mul(k, k)));
        }, q, kv);
        assertTrue(three.passed(), three.worst());
    }

    @Test
    void handOverOnlyToAnIntermediateWithoutGradient() {
        Tensor leaf = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor mid = Arith.mul(leaf, 2f), out = Arith.mul(mid, 3f);
        out.gradForAccumulation().data()[0] = 5f;
        assertFalse(out.passGradTo(leaf), "a leaf's gradient persists: never handed a step buffer");
        assertTrue(mid.gradUnset());
        assertTrue(out.passGradTo(mid));
        assertNull(out.grad());
        assertEquals(5f, mid.grad().data()[0]);
        assertFalse(mid.gradUnset(), "a second contribution must add");
        assertThrows(IllegalStateException.class, mid::gradForOverwrite);
        assertNotNull(mid.gradForAccumulation());
    }
}
