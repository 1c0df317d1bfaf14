// Finite-difference gradient check of the fused decoder + cross-entropy, a negative control, and its errors.
package dev.xent.loss;

import dev.xent.autograd.GradCheck;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearCrossEntropyGradTest {
    private static final IntTensor TARGET = IntTensor.vector(2, 0, 6, 2, 5);

    @Test
    void gradientMatchesFiniteDifferences() {
        Rng rng = new Rng(3);
        Tensor x = Init.normal(rng, 0, 1, 5, 4).requiresGrad(true);
        Tensor w = Init.normal(rng, 0, 1, 7, 4).requiresGrad(true);
        Tensor b = Init.normal(rng, 0, 1, 7).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> LinearCrossEntropy.of(in[0], in[1], in[2], TARGET), x, w, b);
        assertTrue(r.passed(), r.worst());
    }

    /** Label smoothing: the rank-one terms of the backward (dW, dx, db) by finite differences, with and without bias. */
    @Test
    void smoothedGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(6);
        Tensor x = Init.normal(rng, 0, 1, 5, 4).requiresGrad(true);
        Tensor w = Init.normal(rng, 0, 1, 7, 4).requiresGrad(true);
        Tensor b = Init.normal(rng, 0, 1, 7).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> LinearCrossEntropy.of(in[0], in[1], in[2], TARGET, 0.2f), x, w, b);
        assertTrue(r.passed(), r.worst());
        GradCheck.Result noBias = GradCheck.check(in -> LinearCrossEntropy.of(in[0], in[1], null, TARGET, 0.3f), x, w);
        assertTrue(noBias.passed(), noBias.worst());
    }

    /** Negative control: a backward computed for another ε than the forward's must fail the check. */
    @Test
    void wrongSmoothingInBackwardIsCaught() {
        Rng rng = new Rng(7);
        Tensor x = Init.normal(rng, 0, 1, 5, 4).requiresGrad(true);
        Tensor w = Init.normal(rng, 0, 1, 7, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> {
            Tensor good = LinearCrossEntropy.of(in[0], in[1], null, TARGET, 0.2f);
            Tensor bad = LinearCrossEntropy.of(in[0], in[1], null, TARGET, 0f);
            return Tensor.scalar(good.item()).withNode(bad.node());
        }, x, w);
        assertFalse(r.passed(), "an unsmoothed gradient for a smoothed loss must fail; worst: " + r.worst());
    }

    /** The smoothed loss equals (1−ε)·NLL + ε·mean_j(−log p_j) from the composed log-softmax, per row averaged. */
    @Test
    void smoothedEqualsComposedLogSoftmaxLoss() {
        Rng rng = new Rng(8);
        Tensor x = Init.normal(rng, 0, 1, 5, 4), w = Init.normal(rng, 0, 1, 7, 4), b = Init.normal(rng, 0, 1, 7);
        float eps = 0.1f;
        float fused = LinearCrossEntropy.of(x, w, b, TARGET, eps).item();
        Tensor logp = x.matmul(w.transpose(0, 1)).add(b).logSoftmax(1);
        double ref = 0;
        for (int r = 0; r < 5; r++) {
            double uniform = 0;
            for (int j = 0; j < 7; j++) uniform -= logp.get(r, j);
            ref += -(1 - eps) * logp.get(r, TARGET.get(r)) + eps * uniform / 7;
        }
        assertEquals(ref / 5, fused, 1e-5);
    }

    /**
     * Row counts below one row quantum share one (64, V) workspace buffer, recycled holding NaN: every N gives the
     * loss and gradients of a fresh evaluation, bit for bit, and no new (N, V) array is allocated.
     */
    @Test
    void rowCountsShareOneRecycledBuffer() {
        Rng rng = new Rng(9);
        int v = 7, d = 4;
        Tensor w = Init.normal(rng, 0, 1, v, d);
        Workspace ws = Workspace.open();
        Arrays.fill(Tensor.scratch(LinearCrossEntropy.ROW_QUANTUM, v).data(), Float.NaN);
        ws.close();
        long allocated = ws.bytesAllocated();
        for (int n : new int[] {1, 5, 63, 64}) {
            Tensor x = Init.normal(rng, 0, 1, n, d);
            int[] t = new int[n];
            for (int r = 0; r < n; r++) t[r] = r % v;
            IntTensor target = IntTensor.of(t, n);
            Tensor xf = x.copy().requiresGrad(true);
            Tensor fresh = LinearCrossEntropy.of(xf, w, null, target, 0.1f);
            fresh.backward();
            Tensor xr = x.copy().requiresGrad(true);
            ws.reopen();
            Tensor reused = LinearCrossEntropy.of(xr, w, null, target, 0.1f);
            reused.backward();
            float loss = reused.item();
            float[] grad = xr.grad().toArray();
            long newBytes = ws.bytesAllocated() - allocated;
            ws.close();
            assertEquals(fresh.item(), loss, 0f, "n=" + n);
            assertArrayEquals(xf.grad().toArray(), grad, "n=" + n);
            assertTrue(newBytes < 4L * LinearCrossEntropy.ROW_QUANTUM * v,
                    "n=" + n + ": the (N, V) buffer must come from the recycled one; allocated " + newBytes + " bytes");
            allocated = ws.bytesAllocated();
        }
    }

    /** Negative control: the same check must fail when the targets differ between forward and the reference. */
    @Test
    void wrongTargetIsCaught() {
        Rng rng = new Rng(4);
        Tensor x = Init.normal(rng, 0, 1, 5, 4).requiresGrad(true);
        Tensor w = Init.normal(rng, 0, 1, 7, 4).requiresGrad(true);
        IntTensor other = IntTensor.vector(1, 0, 6, 2, 5);
        GradCheck.Result r = GradCheck.check(in -> {
            Tensor good = LinearCrossEntropy.of(in[0], in[1], null, TARGET);
            Tensor bad = LinearCrossEntropy.of(in[0], in[1], null, other);
            // value from `good`, gradient from `bad`: a wrong backward
            return Tensor.scalar(good.item()).withNode(bad.node());
        }, x, w);
        assertFalse(r.passed(), "a gradient for other targets must fail the check; worst: " + r.worst());
    }

    @Test
    void equalsComposedLogSoftmaxLoss() {
        Rng rng = new Rng(5);
        Tensor x = Init.normal(rng, 0, 1, 5, 4), w = Init.normal(rng, 0, 1, 7, 4);
        float fused = LinearCrossEntropy.of(x, w, null, TARGET).item();
        Tensor logp = x.matmul(w.transpose(0, 1)).logSoftmax(1);
        double ref = 0;
        for (int r = 0; r < 5; r++) ref -= logp.get(r, TARGET.get(r));
        assertEquals(ref / 5, fused, 1e-5);
    }

    @Test
    void errorsNameTheProblem() {
        Tensor x = Tensor.zeros(2, 3), w = Tensor.zeros(4, 3);
        var e = assertThrows(IndexOutOfBoundsException.class,
                () -> LinearCrossEntropy.of(x, w, null, IntTensor.vector(0, 4)));
        assertTrue(e.getMessage().contains("target 4 at row 1"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> LinearCrossEntropy.of(x, Tensor.zeros(4, 2), null, IntTensor.vector(0, 1)));
        assertTrue(s.getMessage().contains("same D"), s.getMessage());
    }
}
