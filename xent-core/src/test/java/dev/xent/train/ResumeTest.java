package dev.xent.train;

import dev.xent.loss.CrossEntropy;
import dev.xent.optim.Adam;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.optim.schedule.ReduceLrOnPlateau;
import dev.xent.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact resume: a run "crashed" after step k (an exception from a listener, so nothing after the last
 * checkpoint is saved) and resumed by a new model, optimizer and Trainer from the checkpoint directory
 * ends with weights bit-identical to a run never interrupted. The run has everything with state:
 * shuffling, dropout drawing from a registered Rng, Adam moments, a per-step LR schedule, reduce-on-plateau,
 * early stopping with best weights, validation and history.
 */
class ResumeTest {
    static final Dataset TRAIN = ToyData.classes(96, 4, 3, 7);
    static final Dataset VALID = ToyData.classes(40, 4, 3, 8);

    /** One complete setup; {@code initSeed} differs on resume to prove the weights come from the checkpoint. */
    static final class Run {
        final Rng dropoutRng = new Rng(99);
        final TinyMlp model;
        final Adam adam;
        final Trainer trainer;

        Run(long initSeed) {
            model = new TinyMlp(4, 16, 3, initSeed, 0.2f, dropoutRng);
            adam = new Adam(model.namedParameters(), 0.02);
            trainer = new Trainer(model, b -> model.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()), adam);
        }

        FitOptions.Builder options(Path dir) {
            return FitOptions.builder().epochs(5).batchSize(10).shuffle(3).validation(VALID)
                    .metrics(Metrics.accuracy(), Metrics.f1(Average.MACRO)).rng("dropout", dropoutRng).clipNorm(5)
                    .callbacks(LearningRate.perStep(LrSchedule.cosine(50, 0.001).withWarmup(5, 0.1)),
                            new PlateauLr("val_loss", new ReduceLrOnPlateau(adam).factor(0.5).patience(0)),
                            EarlyStopping.minimize("val_loss").patience(3).restoreBestWeights(true))
                    .checkpointing(Checkpointing.to(dir).everySteps(4).keepLast(2));
        }
    }

    /** Throws at step k, after the step was applied but before any callback saw it: a crash. */
    record CrashAt(long k) implements ProgressListener {
        @Override
        public void onStep(Progress p) {
            if (p.step() == k) throw new IllegalStateException("crash at step " + k);
        }
    }

    @Test
    void crashedAndResumedRunEqualsUninterruptedBitForBit(@TempDir Path tmp) throws Exception {
        Run full = new Run(1);
        History h = full.trainer.fit(TRAIN, full.options(tmp.resolve("full")).build());
        assertEquals(5, h.epochs(), "the reference run must train every epoch for the test to cover them");

        // crash mid-epoch (step 17: epoch 1, batch 7; last checkpoint at 16) and right after an epoch boundary
        for (long k : new long[] {17, 21}) {
            Path dir = tmp.resolve("crash" + k);
            Run crashed = new Run(1);
            assertThrows(IllegalStateException.class,
                    () -> crashed.trainer.fit(TRAIN, crashed.options(dir).listeners(new CrashAt(k)).build()));

            long expectLatest = k / 4 * 4;   // checkpoints every 4 steps (and at epoch ends: steps 10, 20)
            assertEquals(expectLatest, new dev.xent.io.Checkpoints(dir, 2).latest().orElseThrow().step());
            Run resumed = new Run(555);
            assertFalse(java.util.Arrays.equals(full.model.flat(), resumed.model.flat()));
            History hr = resumed.trainer.resume(TRAIN, resumed.options(dir).build());

            assertArrayEquals(full.model.flat(), resumed.model.flat(), "weights after resume from crash at " + k);
            assertArrayEquals(h.stepLosses(), hr.stepLosses(), "step losses");
            assertEquals(h.get("val_loss"), hr.get("val_loss"));
            assertEquals(h.get("val_f1_macro"), hr.get("val_f1_macro"));
            assertEquals(h.get("lr"), hr.get("lr"));
            assertEquals(full.adam.lr(), resumed.adam.lr());
            assertArrayEquals(full.dropoutRng.state(), resumed.dropoutRng.state());
        }
    }

    /**
     * Early stopping decides at an epoch's end, and that epoch's checkpoint is written after the decision: a run
     * killed between the checkpoint and its exit, then resumed, must stop there too, not train another epoch.
     */
    @Test
    void aRunResumedFromTheCheckpointOfItsEarlyStopStopsThere(@TempDir Path tmp) throws Exception {
        FitOptions.Builder stopsEarly = FitOptions.builder().epochs(30).batchSize(10).shuffle(3).validation(VALID)
                .callbacks(EarlyStopping.maximize("val_loss").patience(2))   // val_loss falls: stops after epoch 3
                .checkpointing(Checkpointing.to(tmp).keepLast(2));
        Run full = new Run(1);
        History h = full.trainer.fit(TRAIN, stopsEarly.build());
        assertEquals(StopReason.EARLY_STOPPED, h.stopReason());
        assertTrue(h.epochs() < 30, "stopped early after " + h.epochs() + " epochs");
        assertEquals(h.epochs() * 10L, new dev.xent.io.Checkpoints(tmp, 2).latest().orElseThrow().step(),
                "the newest checkpoint is the stopping epoch's");

        Run resumed = new Run(555);
        History hr = resumed.trainer.resume(TRAIN, stopsEarly.build());
        assertEquals(h.epochs(), hr.epochs(), "no epoch after the stop");
        assertEquals(StopReason.EARLY_STOPPED, hr.stopReason());
        assertEquals(h.get("val_loss"), hr.get("val_loss"));
        assertArrayEquals(full.model.flat(), resumed.model.flat(), "the weights at the stop");
    }

    @Test
    void controlWithoutRestoringTheRngDiverges(@TempDir Path tmp) throws Exception {
        // negative control: the comparison above can fail. A resumed run whose dropout Rng is not checkpointed
        // (registered under a new generator the checkpoint knows nothing about) must be refused...
        Path dir = tmp.resolve("c");
        Run crashed = new Run(1);
        assertThrows(IllegalStateException.class,
                () -> crashed.trainer.fit(TRAIN, crashed.options(dir).listeners(new CrashAt(9)).build()));
        Run other = new Run(1);
        FitOptions noRng = FitOptions.builder().epochs(5).batchSize(10).shuffle(3).validation(VALID)
                .callbacks(LearningRate.perStep(LrSchedule.constant())).checkpointing(Checkpointing.to(dir)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.trainer.resume(TRAIN, noRng));
        assertTrue(e.getMessage().contains("callbacks") || e.getMessage().contains("generators"), e.getMessage());

        // ...and with the right setup but the dropout stream moved on, the weights differ from the reference
        Run full = new Run(1);
        full.trainer.fit(TRAIN, full.options(tmp.resolve("full")).build());
        Run resumed = new Run(1);
        FitOptions o = resumed.options(dir).build();
        Rng moved = new Rng(99);
        moved.nextLong();
        FitOptions wrongRng = new FitOptions(o.loop(), o.batchSize(), o.shuffle(), o.seed(), o.dropLast(), o.validation(),
                o.metrics(), false, 0, java.util.Map.of("dropout", moved));
        resumed.trainer.resume(TRAIN, wrongRng);   // restores 'moved', but the model draws from its own rng
        assertFalse(java.util.Arrays.equals(full.model.flat(), resumed.model.flat()),
                "a resume whose dropout generator is not the one restored must not match");
    }

    @Test
    void resumeRefusesOtherOptions(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("r");
        Run crashed = new Run(1);
        assertThrows(IllegalStateException.class,
                () -> crashed.trainer.fit(TRAIN, crashed.options(dir).listeners(new CrashAt(6)).build()));
        Run r = new Run(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.trainer.resume(TRAIN, r.options(dir).batchSize(12).build()));
        assertTrue(e.getMessage().contains("batchSize 10 in the checkpoint but 12 now"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> r.trainer.resume(TRAIN, r.options(tmp.resolve("empty")).build()));
        assertTrue(none.getMessage().contains("no checkpoint"), none.getMessage());
    }
}
