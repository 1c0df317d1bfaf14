// fastText-style training on the hogwild runner: resumed from any checkpoint or after a stop it equals the
// uninterrupted run bit for bit (one thread); other settings are refused; a divergence leaves the last checkpoint.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.train.Checkpointing;
import dev.xent.train.NonFiniteLossException;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.StopSignal;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainingInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTextResumeTest {
    // multi-label data under the softmax loss: every visit draws one of the labels, so the RNG state matters
    private static final List<Example> DATA = ToyData.topics(300, 5);
    private static final FastTextConfig ONE = FastTextConfig.defaults().withDim(8).withEpoch(4).withLr(0.5)
            .withWordNgrams(2).withBucket(5_000).withThreads(1).withSeed(7);

    private static TrainOptions.Builder every(long steps, Path dir) {
        return TrainOptions.builder().checkpointing(Checkpointing.to(dir).everySteps(steps).keepLast(1000));
    }

    /** A directory holding only the checkpoint of step k of {@code from}: resuming there starts at step k. */
    private static Path only(Path from, long k, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("ckpt-" + k + ".xent"), to.resolve("ckpt-" + k + ".xent"));
        return to;
    }

    @Test
    void resumedFromAnyCheckpointEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        FastTextClassifier plain = FastTextClassifier.train(DATA, ONE);
        Map<Integer, Long> epochEnds = new LinkedHashMap<>();
        FastTextTask full = FastTextTask.of(DATA, ONE);
        full.fit(every(70, dir.resolve("all")).listeners(epochEnds(epochEnds)).build());
        // checkpoints and progress reports stop the thread between examples: nothing else changes
        assertSame(plain, full.classifier());
        assertEquals(Map.of(0, 300L, 1, 600L, 2, 900L, 3, 1200L), epochEnds);
        List<Long> steps = new Checkpoints(dir.resolve("all"), 1000).steps();
        assertTrue(steps.containsAll(List.of(0L, 70L, 300L, 1120L)), steps.toString());
        for (long k : List.of(70L, 300L, 1120L)) {   // mid-epoch, an epoch end, late in the last epoch
            Map<Integer, Long> heard = new LinkedHashMap<>();
            FastTextTask resumed = FastTextTask.of(DATA, ONE);
            resumed.resume(every(70, only(dir.resolve("all"), k, dir.resolve("r" + k))).listeners(epochEnds(heard))
                    .build());
            assertSame(full.classifier(), resumed.classifier());
            Map<Integer, Long> after = new LinkedHashMap<>(epochEnds);
            after.values().removeIf(step -> step <= k);
            assertEquals(after, heard, "only the epochs that end after checkpoint " + k + " are reported");
        }
    }

    @Test
    void stoppedAndResumedEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        FastTextClassifier plain = FastTextClassifier.train(DATA, ONE);
        for (long at : List.of(0L, 500L)) {   // 0: requested before the start, 500: at a checkpoint step
            StopSignal stop = new StopSignal();
            if (at == 0) stop.request("SIGINT");   // the thread sees it after its first example
            ProgressListener requestAt = new ProgressListener() {
                @Override public void onStep(Progress p) {
                    if (p.step() == at) stop.request("SIGTERM");   // seen before the next segment starts
                }
            };
            Path run = dir.resolve("stopped" + at);
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> FastTextTask.of(DATA, ONE).fit(every(100, run).listeners(requestAt).stop(stop).build()));
            long expected = at == 0 ? 1 : at;
            assertEquals(expected, e.step());
            assertEquals(run.resolve("ckpt-" + expected + ".xent"), e.checkpoint());
            FastTextTask resumed = FastTextTask.of(DATA, ONE);
            resumed.resume(every(100, run).build());
            assertSame(plain, resumed.classifier());
        }
    }

    @Test
    void aCheckpointWithAnotherRngStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        FastTextTask full = FastTextTask.of(DATA, ONE);
        full.fit(every(100, dir.resolve("all")).build());
        Checkpoint c = Checkpoint.read(dir.resolve("all/ckpt-500.xent"));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("task/rng/0").clone();
        rng[0] += 12345;
        counters.put("task/rng/0", rng);
        Files.createDirectories(dir.resolve("other"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("other/ckpt-500.xent"))) {
            new Checkpoint(c.tensors(), counters, c.state()).write(out);
        }
        FastTextTask other = FastTextTask.of(DATA, ONE);
        other.resume(every(100, dir.resolve("other")).build());
        assertFalse(Arrays.equals(full.classifier().model().input, other.classifier().model().input),
                "the comparison can fail: a different label draw changes the weights");
    }

    @Test
    void resumeWithOtherSettingsIsRefused(@TempDir Path dir) {
        FastTextTask.of(DATA, ONE).fit(every(100, dir).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastTextTask.of(DATA, ONE.withSeed(8)).resume(every(100, dir).build()));
        assertTrue(e.getMessage().contains("seed 7 in the checkpoint but 8 now"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FastTextTask.of(DATA, ONE.withThreads(2)).resume(every(100, dir).build()));
        assertTrue(e.getMessage().contains("threads 1 in the checkpoint but 2 now"), e.getMessage());
    }

    @Test
    void severalThreadsCheckpointAndResumeWithoutBeingExact(@TempDir Path dir) throws IOException {
        FastTextConfig two = ONE.withThreads(2);
        FastTextTask full = FastTextTask.of(DATA, two);
        full.fit(every(100, dir.resolve("all")).build());
        FastTextTask resumed = FastTextTask.of(DATA, two);
        resumed.resume(every(100, only(dir.resolve("all"), 600, dir.resolve("r"))).build());
        assertTrue(resumed.classifier().evaluate(DATA).accuracy() > 0.9 && full.classifier().evaluate(DATA).accuracy() > 0.9);
    }

    @Test
    void divergenceStopsAtOnceAndLeavesTheLastCheckpointsWeights(@TempDir Path dir) throws IOException {
        FastTextTask task = FastTextTask.of(DATA, ONE.withLr(1e6));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> task.fit(every(100, dir).build()));
        assertTrue(e.step() < 20, "stops within a few examples: " + e.getMessage());
        assertTrue(e.getMessage().contains("at step " + e.step()) && e.getMessage().contains("ckpt-0.xent"), e.getMessage());
        Checkpoint start = Checkpoint.read(dir.resolve("ckpt-0.xent"));   // the only one: the untrained model
        assertArrayEquals(start.tensor("model/input").data(), task.classifier().model().input);
        assertArrayEquals(start.tensor("model/output").data(), task.classifier().model().output);
        float[] p = task.classifier().probabilities("the team ate pizza");
        for (float v : p) assertTrue(Float.isFinite(v), Arrays.toString(p));
    }

    /** Records each epoch end (0-based) with the step of the progress report just before it. */
    private static ProgressListener epochEnds(Map<Integer, Long> into) {
        long[] last = {0};
        return new ProgressListener() {
            @Override public void onStep(Progress p) {
                last[0] = p.step();
            }

            @Override public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
                into.put(epoch, last[0]);
            }
        };
    }

    private static void assertSame(FastTextClassifier a, FastTextClassifier b) {
        assertArrayEquals(a.model().input, b.model().input);
        assertArrayEquals(a.model().output, b.model().output);
        assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
    }
}
