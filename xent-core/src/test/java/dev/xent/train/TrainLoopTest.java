// The one loop's own duties on a task with carried state: stop signal, guards, model choice, budgets, formats.
package dev.xent.train;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Module;
import dev.xent.ops.Arith;
import dev.xent.optim.Adam;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainLoopTest {
    static final Dataset TRAIN = ToyData.classes(60, 4, 3, 11);
    static final Dataset VALID = ToyData.classes(30, 4, 3, 12);

    /**
     * A task with state carried from step to step, as an RNN LM carries its hidden state: a bias "carry" (3) added
     * to the logits, set after each step to 0.9·carry + 0.1·(mean logits of the batch). Its batches are fixed
     * slices of 10 examples; validation gives cross-entropy and accuracy.
     */
    static class CarryTask implements TrainTask {
        final TinyMlp model;
        final Rng dropout = new Rng(5);
        final Tensor carry = Tensor.zeros(3);
        final float[] pending = new float[3];
        double[] scripted;   // when set, validate() returns these val_score values, one per epoch

        CarryTask(long initSeed) {
            model = new TinyMlp(4, 8, 3, initSeed, 0.25f, dropout);
        }

        @Override public Module model() { return model; }

        @Override public int batches(int epoch) { return 6; }

        @Override public void beginEpoch(int epoch) { java.util.Arrays.fill(carry.data(), 0f); }

        @Override
        public Tensor loss(int epoch, int b) {
            int[] idx = new int[10];
            for (int i = 0; i < 10; i++) idx[i] = b * 10 + i;
            Batch batch = TRAIN.batch(idx, 0, 10);
            Tensor logits = Arith.add(model.forward(batch.inputs()), carry.copy());   // (10, 3)
            for (int c = 0; c < 3; c++) {
                float s = 0;
                for (int i = 0; i < 10; i++) s += logits.data()[i * 3 + c];
                pending[c] = s / 10;
            }
            return CrossEntropy.of(logits, batch.targetIds());
        }

        @Override
        public void endStep() {
            for (int c = 0; c < 3; c++) carry.data()[c] = 0.9f * carry.data()[c] + 0.1f * pending[c];
        }

        @Override public long units(int epoch, int b) { return 10; }

        private int validations;

        @Override
        public Map<String, Double> validate() {
            assertFalse(model.isTraining(), "validation runs in eval mode");
            Map<String, Double> m = new LinkedHashMap<>(DatasetTask.evaluate(model, b -> model.forward(b.inputs()),
                    LossFn.ofLabels(new CrossEntropy()), VALID, 30, List.of(Metrics.accuracy())));
            Map<String, Double> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put("val_" + k, v));
            if (scripted != null) out.put("val_score", scripted[Math.min(validations, scripted.length - 1)]);
            validations++;
            return out;
        }

        @Override public Map<String, Rng> rngs() { return Map.of("dropout", dropout); }

        @Override public TaskState state() { return TaskState.ofTensors(Map.of("carry", carry)); }

        @Override public void restore(TaskState s) { System.arraycopy(s.tensor("carry").data(), 0, carry.data(), 0, 3); }

        @Override public Map<String, Object> fingerprint() { return Map.of("batch", 10, "examples", 60); }
    }

    static TrainOptions.Builder options(Path dir) {
        return TrainOptions.builder().epochs(3).clipNorm(5).checkpointing(Checkpointing.to(dir).everySteps(4).keepLast(2));
    }

    /** Raises the stop signal once step {@code k} has been applied (as a Ctrl-C handler would, from anywhere). */
    record StopAt(long k, StopSignal signal) implements ProgressListener {
        @Override public void onStep(Progress p) { if (p.step() == k) signal.request("SIGINT"); }
    }

    @Test
    void stopSignalCheckpointsAtTheNextStepAndResumeEqualsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        CarryTask full = new CarryTask(1);
        History h = new Trainer(full, new Adam(full.model.namedParameters(), 0.02)).fit(options(tmp.resolve("full")).build());

        for (long k : new long[] {3, 6, 13}) {   // mid-epoch, at an epoch's last step, mid-epoch again
            Path dir = tmp.resolve("stop" + k);
            CarryTask first = new CarryTask(1);
            StopSignal signal = new StopSignal();
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () ->
                    new Trainer(first, new Adam(first.model.namedParameters(), 0.02))
                            .fit(options(dir).stop(signal).listeners(new StopAt(k, signal)).build()));
            assertEquals(k, e.step());
            assertEquals("SIGINT", e.reason());
            assertEquals(dir.resolve("ckpt-" + k + ".xent"), e.checkpoint());
            assertTrue(e.getMessage().contains(e.checkpoint().toString()), e.getMessage());

            CarryTask resumed = new CarryTask(777);   // other initial weights: everything must come from the checkpoint
            History hr = new Trainer(resumed, new Adam(resumed.model.namedParameters(), 0.02)).resume(options(dir).build());
            assertArrayEquals(full.model.flat(), resumed.model.flat(), "weights after a stop at step " + k);
            assertArrayEquals(full.carry.data(), resumed.carry.data(), "carried state");
            assertArrayEquals(h.stepLosses(), hr.stepLosses());
            assertEquals(h.get("val_loss"), hr.get("val_loss"));
            assertArrayEquals(full.dropout.state(), resumed.dropout.state());
        }
    }

    @Test
    void controlAResumeThatForgetsTheCarriedStateDoesNotMatch(@TempDir Path tmp) throws Exception {
        CarryTask full = new CarryTask(1);
        new Trainer(full, new Adam(full.model.namedParameters(), 0.02)).fit(options(tmp.resolve("full")).build());
        Path dir = tmp.resolve("s");
        CarryTask first = new CarryTask(1);
        StopSignal signal = new StopSignal();
        assertThrows(TrainingInterruptedException.class, () -> new Trainer(first, new Adam(first.model.namedParameters(), 0.02))
                .fit(options(dir).stop(signal).listeners(new StopAt(3, signal)).build()));
        CarryTask forgetful = new CarryTask(1) {
            @Override public void restore(TaskState s) {}
        };
        new Trainer(forgetful, new Adam(forgetful.model.namedParameters(), 0.02)).resume(options(dir).build());
        assertFalse(java.util.Arrays.equals(full.model.flat(), forgetful.model.flat()));
    }

    @Test
    void divergencePutsBackTheLastCheckpointsWeightsAndSaysSo(@TempDir Path tmp) throws Exception {
        CarryTask task = new CarryTask(1);
        Path dir = tmp.resolve("d");
        // lr 1e6 with no clipping: the loss overflows within a few steps
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () ->
                new Trainer(task, new Sgd(task.model.namedParameters(), 1e6))
                        .fit(TrainOptions.builder().epochs(50).checkpointing(Checkpointing.to(dir).everySteps(1)).build()));
        assertTrue(e.step() >= 2, "a few good steps first; failed at " + e.step());
        long last = new Checkpoints(dir, 1).latest().orElseThrow().step();
        Checkpoint c = Checkpoint.read(dir.resolve("ckpt-" + last + ".xent"));
        float[] saved = c.tensor("model/w1").data();
        assertArrayEquals(saved, task.model.w1.data(), "the model holds the last checkpoint's weights");
        for (float w : task.model.flat()) assertTrue(Float.isFinite(w));
        assertTrue(e.restored().contains("checkpoint") && e.getMessage().contains("ckpt-" + last), e.getMessage());
        assertTrue(e.getMessage().contains("step " + e.step()) && e.getMessage().contains("last finite loss"), e.getMessage());
    }

    @Test
    void aNonFiniteWeightFoundAtACheckpointIsADivergenceAndIsNeverSaved(@TempDir Path tmp) {
        CarryTask task = new CarryTask(1);
        Path dir = tmp.resolve("w");
        Callback poison = new Callback() {
            @Override public void onBatchEnd(TrainContext ctx, int epoch, int batch, float loss) {
                if (ctx.step() == 6) task.model.b2.data()[1] = Float.POSITIVE_INFINITY;   // as an overflowing update would
            }
        };
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () ->
                new Trainer(task, new Adam(task.model.namedParameters(), 0.01))
                        .fit(TrainOptions.builder().epochs(3).callbacks(poison)
                                .checkpointing(Checkpointing.to(dir).everySteps(4).eachEpoch(true)).build()));
        assertTrue(e.quantity().startsWith("weights (b2[1])"), e.quantity());
        assertTrue(Files.exists(dir.resolve("ckpt-4.xent")) && !Files.exists(dir.resolve("ckpt-6.xent")));
        for (float w : task.model.flat()) assertTrue(Float.isFinite(w), "restored from ckpt-4");
    }

    @Test
    void theTasksSelectionKeepsTheBestEpochAndResumeKeepsItToo(@TempDir Path tmp) throws Exception {
        List<float[]> perEpoch = new ArrayList<>();
        CarryTask task = new CarryTask(1) {
            @Override public Selection selection() { return Selection.maximize("val_score").thenMinimize("val_loss"); }
        };
        task.scripted = new double[] {0.2, 0.9, 0.5};
        ProgressListener keep = new ProgressListener() {
            @Override public void onStep(Progress p) {}
            @Override public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) { perEpoch.add(task.model.flat()); }
        };
        History h = new Trainer(task, new Adam(task.model.namedParameters(), 0.02))
                .fit(options(tmp.resolve("b")).listeners(keep).build());
        assertEquals(1, h.selectedEpoch());
        assertArrayEquals(perEpoch.get(1), task.model.flat(), "the weights of epoch 2 (index 1) are put back");
        assertEquals(StopReason.COMPLETED, h.stopReason());

        // an explicit selection on a metric the logs lack is an error, not a silent last-epoch model
        CarryTask other = new CarryTask(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Trainer(other, new Adam(other.model.namedParameters(), 0.02))
                        .fit(TrainOptions.builder().selection(Selection.maximize("val_f1")).build()));
        assertTrue(e.getMessage().contains("val_f1"), e.getMessage());
    }

    @Test
    void budgetsStopWithValidationAtTheStopAndACheckpoint(@TempDir Path tmp) throws Exception {
        CarryTask task = new CarryTask(1);
        Path dir = tmp.resolve("steps");
        History h = new Trainer(task, new Adam(task.model.namedParameters(), 0.02))
                .fit(TrainOptions.builder().epochs(5).maxSteps(9).validateAtStart(true)
                        .checkpointing(Checkpointing.to(dir).everySteps(0)).build());
        assertEquals(StopReason.MAX_STEPS, h.stopReason());
        assertEquals(9, h.steps());
        assertEquals(1, h.epochs(), "one whole epoch, then 3 steps of the next");
        assertTrue(h.atStop().containsKey("val_loss") && h.initial().containsKey("val_loss"));
        assertTrue(Files.exists(dir.resolve("ckpt-9.xent")) && Files.exists(dir.resolve("ckpt-0.xent")));

        CarryTask timed = new CarryTask(1);
        History ht = new Trainer(timed, new Adam(timed.model.namedParameters(), 0.02))
                .fit(TrainOptions.builder().epochs(5).maxSeconds(1e-9).build());
        assertEquals(StopReason.MAX_SECONDS, ht.stopReason());
        assertEquals(1, ht.steps(), "the time budget is checked after each step");
    }

    @Test
    void checkpointsOfAnotherFormatAreRefusedWithTheReason(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("old");
        Map<String, long[]> counters = new LinkedHashMap<>();
        counters.put("step", new long[] {4});
        new Checkpoints(dir, 2).save(4, new Checkpoint(Map.of("model/w1", Tensor.zeros(4, 8)), counters, null));
        CarryTask task = new CarryTask(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Trainer(task, new Adam(task.model.namedParameters(), 0.02)).resume(options(dir).build()));
        assertTrue(e.getMessage().contains("earlier xent") && e.getMessage().contains("Start a new run"), e.getMessage());
        assertNotNull(e.getMessage());
    }
}
