// The budget decay: its curves, the budget that binds, and the rates a step-budgeted run actually trains with.
package dev.xent.task.lm;

import dev.xent.nn.Module;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Tensor;
import dev.xent.train.Callback;
import dev.xent.train.TrainContext;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetDecayTest {
    @Test
    void curvesGoFromOneToZero() {
        assertEquals(1, BudgetDecay.factor(BudgetDecay.Shape.LINEAR, 0), 0);
        assertEquals(0.75, BudgetDecay.factor(BudgetDecay.Shape.LINEAR, 0.25), 1e-12);
        assertEquals(0.5, BudgetDecay.factor(BudgetDecay.Shape.COSINE, 0.5), 1e-12);
        assertEquals(0, BudgetDecay.factor(BudgetDecay.Shape.COSINE, 1.5), 1e-12);
        assertEquals(1, BudgetDecay.factor(BudgetDecay.Shape.NONE, 0.9), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> BudgetDecay.Shape.of("step"));
        assertTrue(e.getMessage().contains("got 'step'"), e.getMessage());
    }

    @Test
    void theTightestBudgetBinds() {
        TrainOptions steps = TrainOptions.builder().epochs(10).maxSteps(100).build();
        assertEquals(0.5, BudgetDecay.spent(steps, 50, 1000, 0), 1e-12);       // 50/100, not 50/10,000
        TrainOptions time = TrainOptions.builder().epochs(1000).maxSeconds(60).build();
        assertEquals(0.25, BudgetDecay.spent(time, 50, 1000, 15), 1e-12);      // 15 s of 60, not 50 of 10^6 steps
        TrainOptions epochs = TrainOptions.builder().epochs(2).build();
        assertEquals(0.75, BudgetDecay.spent(epochs, 30, 20, 999), 1e-12);     // 30 of 2 · 20 steps
    }

    @Test
    void aStepBudgetedRunDecaysLinearlyToItsLastStep() {
        TinyTask task = new TinyTask();
        List<Double> lrs = new ArrayList<>();
        Callback record = new Callback() {
            @Override
            public void onBatchBegin(TrainContext ctx, int epoch, int batch) {
                lrs.add(ctx.optimizer().lr());
            }
        };
        new dev.xent.train.Trainer(task, new Sgd(task.model().namedParameters(), 0.4)).fit(TrainOptions.builder()
                .epochs(100).maxSteps(4).callbacks(new BudgetDecay(BudgetDecay.Shape.LINEAR), record).build());
        assertEquals(List.of(0.4, 0.3, 0.2, 0.1), lrs.stream().map(v -> Math.round(v * 1e9) / 1e9).toList());
    }

    /** One parameter, loss = w², two batches per epoch. */
    private static final class TinyTask implements dev.xent.train.TrainTask {
        private final Module m = new Module() {
            { parameter("w", Tensor.of(new float[] {1f}, 1)); }
        };

        public Module model() {
            return m;
        }

        public int batches(int epoch) {
            return 2;
        }

        public Tensor loss(int epoch, int batch) {
            Tensor w = m.parameters().get(0);
            return dev.xent.ops.Reduce.sum(dev.xent.ops.Arith.mul(w, w));
        }

        public java.util.Map<String, Double> validate() {
            return java.util.Map.of();
        }
    }
}
