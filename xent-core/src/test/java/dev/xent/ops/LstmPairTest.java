// LstmPair: the same bits as two Lstm.sequence calls (values and every gradient), finite differences, errors.
package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.kernel.Parallel;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LstmPairTest {

    /** xa, xb (T, B, I), then W_ih, W_hh, b_ih, b_hh of a and of b, all requiring gradients. */
    static Tensor[] inputs(long seed, int t, int b, int in, int h) {
        Rng rng = new Rng(seed);
        Tensor[] out = new Tensor[10];
        out[0] = Init.normal(rng, 0, 1, t, b, in).requiresGrad(true);
        out[1] = Init.normal(rng, 0, 1, t, b, in).requiresGrad(true);
        for (int d = 0; d < 2; d++) {
            out[2 + 4 * d] = Init.normal(rng, 0, 0.4f, 4 * h, in).requiresGrad(true);
            out[3 + 4 * d] = Init.normal(rng, 0, 0.4f, 4 * h, h).requiresGrad(true);
            out[4 + 4 * d] = Init.normal(rng, 0, 0.4f, 4 * h).requiresGrad(true);
            out[5 + 4 * d] = Init.normal(rng, 0, 0.4f, 4 * h).requiresGrad(true);
        }
        return out;
    }

    static Tensor[] wa(Tensor[] t) {
        return new Tensor[] {t[2], t[3], t[4], t[5]};
    }

    static Tensor[] wb(Tensor[] t) {
        return new Tensor[] {t[6], t[7], t[8], t[9]};
    }

    /** {values of a, values of b, then the gradient of every input} after backward of a weighted sum. */
    static float[][] run(Tensor[] t, boolean pair) {
        Tensor[] outs;
        if (pair) {
            outs = LstmPair.outputs(t[0], t[1], wa(t), wb(t));
        } else {
            outs = new Tensor[] {Lstm.sequence(t[0], null, null, t[2], t[3], t[4], t[5]).outputs(),
                Lstm.sequence(t[1], null, null, t[6], t[7], t[8], t[9]).outputs()};
        }
        Tensor loss = WeightedSum.of(outs, new Tensor[] {WeightedSum.weightsLike(outs[0], 7),
            WeightedSum.weightsLike(outs[1], 8)});
        loss.backward();
        float[][] r = new float[2 + t.length][];
        r[0] = outs[0].data().clone();
        r[1] = outs[1].data().clone();
        for (int i = 0; i < t.length; i++) {
            r[2 + i] = t[i].grad().data().clone();
            t[i].zeroGrad();
        }
        return r;
    }

    /** B ≥ 8 takes the packed recurrent product, B < 8 the plain one; H = 20 runs a full vector and a tail. */
    @ParameterizedTest
    @CsvSource({"7, 9, 5, 20", "3, 2, 3, 4", "1, 8, 6, 16", "12, 33, 100, 32"})
    void sameBitsAsTwoSequentialCalls(int t, int b, int in, int h) {
        Tensor[] x = inputs(41 + t, t, b, in, h);
        for (int rep = 0; rep < 3; rep++) {   // inside a workspace too, as a training step runs it
            try (Workspace ignored = Workspace.open()) {
                float[][] want = run(x, false), got = run(x, true);
                for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], got[i], "array " + i + " (rep " + rep + ")");
            }
        }
    }

    /** On a fork-join worker (where the pair runs its directions one after the other): the same bits again. */
    @Test
    void sameBitsOnAForkJoinWorker() throws Exception {
        Tensor[] x = inputs(51, 6, 9, 4, 20);
        float[][] want = run(x, false);
        float[][] got = new ForkJoinPool(1).submit(() -> run(x, true)).get();
        for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], got[i], "array " + i);
    }

    /** With two kernel threads the directions of distinct tensors do run concurrently (else the tests above prove little). */
    @Test
    void distinctDirectionsRunConcurrentlyOnTwoThreads() {
        assumeTrue(Parallel.threads() >= 2, "one kernel thread: the pair runs sequentially by design");
        Tensor[] x = inputs(91, 3, 2, 3, 4);
        assertTrue(LstmPair.concurrent(x[0], x[1], wa(x), wb(x)));
        assertFalse(LstmPair.concurrent(x[0], x[0], wa(x), wb(x)));
        assertFalse(LstmPair.concurrent(x[0], x[1], wa(x), wa(x)));
    }

    @Test
    void finiteDifferences() {
        Tensor[] x = inputs(61, 3, 2, 3, 4);
        GradCheck.Result r = GradCheck.check(t -> {
            Tensor[] o = LstmPair.outputs(t[0], t[1], wa(t), wb(t));
            return WeightedSum.of(o, new Tensor[] {WeightedSum.weightsLike(o[0], 1), WeightedSum.weightsLike(o[1], 2)});
        }, x);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void sharedTensorsRunSequentiallyAndAddBothGradients() {
        Tensor[] x = inputs(71, 4, 9, 3, 4);
        Tensor[] shared = {x[0], x[0], x[2], x[3], x[4], x[5], x[2], x[3], x[4], x[5]};
        GradCheck.Result r = GradCheck.check(t -> {
            Tensor[] o = LstmPair.outputs(t[0], t[0], new Tensor[] {t[1], t[2], t[3], t[4]},
                    new Tensor[] {t[1], t[2], t[3], t[4]});
            return WeightedSum.of(o, new Tensor[] {WeightedSum.weightsLike(o[0], 1), WeightedSum.weightsLike(o[1], 2)});
        }, shared[0], shared[2], shared[3], shared[4], shared[5]);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor[] x = inputs(81, 3, 2, 3, 4);
        Tensor other = Init.normal(new Rng(1), 0, 1, 4, 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> LstmPair.outputs(x[0], other, wa(x), wb(x)));
        assertTrue(e.getMessage().contains("(3, 2, 3)") || e.getMessage().contains("3, 2, 3"), e.getMessage());
    }
}
