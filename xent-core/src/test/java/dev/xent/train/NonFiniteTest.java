package dev.xent.train;

import dev.xent.loss.MseLoss;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A diverging run (SGD with a far too large rate on a regression) must stop with a clear message at the
 * first non-finite loss, with the weights of the step before: equal to a run stopped one step earlier.
 */
class NonFiniteTest {
    static final Rng R = new Rng(3);
    static final Tensor X = Init.normal(R, 0, 3, 64, 4);          // (N, 4)
    static final Tensor Y = Init.normal(R, 0, 1, 64, 2);          // (N, 2)
    static final Dataset DATA = Dataset.of(X, Y);

    static Trainer trainer(TinyMlp m) {
        return new Trainer(m, b -> m.forward(b.inputs()), LossFn.of(new MseLoss()), new Sgd(m.namedParameters(), 3.0));
    }

    @Test
    void stopsWithClearMessageAndKeepsLastGoodWeights() {
        TinyMlp m = new TinyMlp(4, 8, 2, 1);
        FitOptions o = FitOptions.builder().epochs(50).batchSize(16).shuffle(1).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer(m).fit(DATA, o));
        assertTrue(e.step() > 1, "the run must take good steps first; failed at " + e.step());
        assertTrue(e.getMessage().contains("step " + e.step()) && e.getMessage().contains("epoch " + (e.epoch() + 1))
                && e.getMessage().contains("lower the learning rate") && e.getMessage().contains("clipNorm")
                && e.getMessage().contains("last finite loss was " + (float) e.lastFiniteLoss()), e.getMessage());
        assertTrue(Double.isFinite(e.lastFiniteLoss()));
        assertEquals((e.step() - 1) % 4, e.batch(), "4 batches per epoch");
        for (float w : m.flat()) assertTrue(Float.isFinite(w), "weights must stay finite");

        TinyMlp ref = new TinyMlp(4, 8, 2, 1);
        trainer(ref).fit(DATA, FitOptions.builder().epochs(50).batchSize(16).shuffle(1).maxSteps(e.step() - 1).build());
        assertArrayEquals(ref.flat(), m.flat(), "weights must be those after step " + (e.step() - 1));
    }

    @Test
    void trainStepRefusesNanLossWithoutTouchingWeights() {
        TinyMlp m = new TinyMlp(4, 8, 2, 1);
        float[] before = m.flat();
        TrainStep step = new TrainStep(new Sgd(m.namedParameters(), 0.1));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> step.run(() -> {
            Tensor out = m.forward(X);
            return dev.xent.ops.Reduce.mean(dev.xent.ops.Arith.mul(out, Float.NaN));
        }));
        assertEquals("loss", e.quantity());
        assertArrayEquals(before, m.flat());
        for (Tensor p : m.parameters()) assertTrue(p.grad() == null || allZero(p.grad().data()), "grads cleared");
        // the next good step works as usual
        float loss = step.run(() -> MseLoss.of(m.forward(X), Y, dev.xent.loss.Reduction.MEAN));
        assertTrue(Float.isFinite(loss));
        assertEquals(1, step.steps());
    }

    private static boolean allZero(float[] a) {
        for (float v : a) if (v != 0) return false;
        return true;
    }
}
