// fastText-style training resumed from a checkpoint equals the uninterrupted run bit for bit (one thread).
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.train.CheckpointPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void resumedFromAnyCheckpointEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        FastTextClassifier plain = FastTextClassifier.train(DATA, ONE);
        Checkpoints all = new Checkpoints(dir.resolve("all"), 1000);
        Map<Integer, Long> epochEnds = new LinkedHashMap<>();
        FastTextClassifier full = FastTextClassifier.train(DATA, ONE, CheckpointPlan.to(all, 70),
                (epoch, step, loss) -> epochEnds.put(epoch, step));
        // checkpoints and the epoch listener stop the thread between examples: nothing else changes
        assertSame(plain, full);
        assertEquals(Map.of(1, 300L, 2, 600L, 3, 900L, 4, 1200L), epochEnds);
        List<Long> steps = all.steps();
        assertTrue(steps.contains(70L) && steps.contains(300L) && steps.contains(1120L), steps.toString());
        for (long k : List.of(70L, 300L, 1120L)) {   // mid-epoch, an epoch end, late in the last epoch
            Checkpoint c = Checkpoint.read(all.file(k));
            List<Integer> heard = new ArrayList<>();
            FastTextClassifier resumed = FastTextClassifier.train(DATA, ONE,
                    CheckpointPlan.to(new Checkpoints(dir.resolve("r" + k), 2), 70).resumeFrom(c),
                    (epoch, step, loss) -> heard.add(epoch));
            assertSame(full, resumed);
            List<Integer> after = new ArrayList<>();
            for (int e = 1; e <= 4; e++) if (e * 300L > k) after.add(e);
            assertEquals(after, heard, "only the epochs that end after checkpoint " + k + " are reported");
        }
    }

    @Test
    void aCheckpointWithAnotherRngStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 1000);
        FastTextClassifier full = FastTextClassifier.train(DATA, ONE, CheckpointPlan.to(all, 100), null);
        Checkpoint c = Checkpoint.read(all.file(500));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("rng/0").clone();
        rng[0] += 12345;
        counters.put("rng/0", rng);
        FastTextClassifier other = FastTextClassifier.train(DATA, ONE, CheckpointPlan.to(all, 100)
                .resumeFrom(new Checkpoint(c.tensors(), counters, c.state())), null);
        assertFalse(java.util.Arrays.equals(full.model().input, other.model().input),
                "the comparison can fail: a different label draw changes the weights");
    }

    @Test
    void resumeWithOtherSettingsIsRefused(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 3);
        FastTextClassifier.train(DATA, ONE, CheckpointPlan.to(all, 100), null);
        Checkpoint c = all.latest().orElseThrow().checkpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastTextClassifier.train(DATA,
                ONE.withSeed(8), CheckpointPlan.to(all, 100).resumeFrom(c), null));
        assertTrue(e.getMessage().contains("seed 7 -> 8"), e.getMessage());
    }

    @Test
    void severalThreadsCheckpointAndResumeWithoutBeingExact(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 1000);
        FastTextConfig two = ONE.withThreads(2);
        FastTextClassifier full = FastTextClassifier.train(DATA, two, CheckpointPlan.to(all, 100), null);
        Checkpoint c = Checkpoint.read(all.file(600));
        FastTextClassifier resumed = FastTextClassifier.train(DATA, two, CheckpointPlan.to(all, 100).resumeFrom(c), null);
        assertTrue(resumed.evaluate(DATA).accuracy() > 0.9 && full.evaluate(DATA).accuracy() > 0.9);
    }

    private static void assertSame(FastTextClassifier a, FastTextClassifier b) {
        assertArrayEquals(a.model().input, b.model().input);
        assertArrayEquals(a.model().output, b.model().output);
        assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
    }
}
