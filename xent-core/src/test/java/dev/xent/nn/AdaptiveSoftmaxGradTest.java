// Finite-difference gradient check of the adaptive softmax, a normalised distribution, and its argument errors.
package dev.xent.nn;

import dev.xent.autograd.GradCheck;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveSoftmaxGradTest {
    private static final IntTensor TARGET = IntTensor.vector(0, 3, 4, 9, 10, 16, 2, 11);

    @Test
    void gradientOfInputAndEveryWeightMatchesFiniteDifferences() {
        AdaptiveSoftmax m = new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 2f, true, new Rng(3));
        Tensor x = Init.normal(new Rng(4), 0, 1, 8, 6).requiresGrad(true);
        List<Tensor> params = m.parameters();
        Tensor[] inputs = new Tensor[params.size() + 1];
        inputs[0] = x;
        for (int i = 0; i < params.size(); i++) inputs[i + 1] = params.get(i);
        GradCheck.Result r = GradCheck.check(in -> m.loss(in[0], TARGET), inputs);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void tiedGradientOfTheTableMatchesFiniteDifferences() {
        Tensor table = Init.normal(new Rng(7), 0, 0.5f, 17, 6).requiresGrad(true);   // rows [0, 4) head the head
        AdaptiveSoftmax m = new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 2f, true, table, new Rng(3));
        assertEquals(List.of(2, 6), List.of(m.stateDict().get("head.weight").shape()[0], 6), "head.weight: k rows only");
        Tensor x = Init.normal(new Rng(4), 0, 1, 8, 6).requiresGrad(true);
        List<Tensor> params = m.parameters();
        Tensor[] inputs = new Tensor[params.size() + 2];
        inputs[0] = x;
        inputs[1] = table;
        for (int i = 0; i < params.size(); i++) inputs[i + 2] = params.get(i);
        GradCheck.Result r = GradCheck.check(in -> m.loss(in[0], TARGET), inputs);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void tiedIsTheUntiedLayerWithTheTableRowsInItsHead() {
        Tensor table = Init.normal(new Rng(8), 0, 0.5f, 17, 6).requiresGrad(true);
        AdaptiveSoftmax tied = new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 2f, true, table, new Rng(3));
        AdaptiveSoftmax untied = new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 2f, true, new Rng(3));
        var w = new java.util.LinkedHashMap<>(tied.stateDict());
        w.put("head.weight", dev.xent.ops.ShapeOps.concat(0, dev.xent.ops.ShapeOps.slice(table, 0, 0, 4),
                tied.stateDict().get("head.weight")).detach());
        untied.loadStateDict(w, true);
        Tensor x = Init.normal(new Rng(9), 0, 1, 8, 6);
        Tensor a = tied.loss(x, TARGET), b = untied.loss(x, TARGET);
        assertEquals(b.item(), a.item(), 1e-6);
        org.junit.jupiter.api.Assertions.assertArrayEquals(untied.logProb(x).data(), tied.logProb(x).data(), 1e-6f);
        a.backward();
        b.backward();
        float[] gHead = untied.stateDict().get("head.weight").grad().data(), gTable = table.grad().data();
        for (int i = 0; i < 4 * 6; i++) assertEquals(gHead[i], gTable[i], 1e-6, "shortlist row gradient " + i);
        for (int i = 4 * 6; i < 17 * 6; i++) assertEquals(0f, gTable[i], "rows past c_0 get nothing from the head");
    }

    @Test
    void logProbIsANormalisedDistributionAndGivesTheLoss() {
        AdaptiveSoftmax m = new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 2f, false, new Rng(5));
        Tensor x = Init.normal(new Rng(6), 0, 1, 8, 6);
        float[] lp = m.logProb(x).data();
        double nll = 0;
        for (int r = 0; r < 8; r++) {
            double total = 0;
            for (int v = 0; v < 17; v++) total += Math.exp(lp[r * 17 + v]);
            assertEquals(1.0, total, 1e-5, "row " + r + " sums to 1");
            nll -= lp[r * 17 + TARGET.get(r)];
        }
        assertEquals(nll / 8, m.loss(x, TARGET).item(), 1e-5);
    }

    @Test
    void errorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveSoftmax(6, 17, new int[] {10, 4}, 2f, false, new Rng(1)));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        var d = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveSoftmax(6, 17, new int[] {4, 10}, 4f, false, new Rng(1)));
        assertTrue(d.getMessage().contains("cluster 1 would have 0 features"), d.getMessage());
        AdaptiveSoftmax m = new AdaptiveSoftmax(6, 17, new int[] {4}, 2f, false, new Rng(1));
        var t = assertThrows(IndexOutOfBoundsException.class, () -> m.loss(Tensor.zeros(2, 6), IntTensor.vector(0, 17)));
        assertTrue(t.getMessage().contains("target 17 at row 1"), t.getMessage());
    }
}
