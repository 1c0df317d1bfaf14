// The tagger resumed from a checkpoint (mid-epoch or at an epoch end) ends with the uninterrupted run's weights.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;
import dev.xent.train.Checkpointing;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

class TaggerResumeTest {
    // char CNN, CRF, dropout and word dropout: every source of randomness is in play; 60 sentences / 8 = 8 steps an epoch
    private static final TaggerConfig CFG = new TaggerConfig(8, 4, 6, 3, 8, true, false, 0.2f, 0.3, false, 0.02, 8, 3, 5,
            true, 4);
    private static final List<TaggedSentence> TRAIN = TaggerToyTest.toy(60, 1), DEV = TaggerToyTest.toy(20, 2);

    /** The trained tagger, its history, and the epochs (1-based) whose end the listeners heard in this session. */
    private record Run(Tagger tagger, History history, List<Integer> heard) {}

    /** Trains (or, with {@code resume}, continues) with checkpoints every {@code every} steps in {@code dir}. */
    private static Run fit(List<TaggedSentence> train, Path dir, long every, boolean resume) throws IOException {
        TaggerTask task = TaggerTask.create(CFG, 10, train, DEV);
        List<Integer> heard = new ArrayList<>();
        TrainOptions.Builder o = task.options().listeners(new ProgressListener() {
            @Override
            public void onStep(Progress p) {}

            @Override
            public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
                heard.add(epoch + 1);
            }
        });
        if (dir != null) o.checkpointing(Checkpointing.to(dir).everySteps(every).keepLast(1000));
        History h = resume ? task.resume(o.build()) : task.fit(o.build());
        return new Run(task.tagger(), h, heard);
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        Run plain = fit(TRAIN, null, 0, false);
        Path all = dir.resolve("all");
        Run full = fit(TRAIN, all, 3, false);
        assertSameRun(plain, full);
        assertEquals(List.of(0L, 3L, 6L, 8L, 9L, 12L, 15L, 16L, 18L, 21L, 24L), new Checkpoints(all, 1000).steps(),
                "at the start, every 3 steps and at epoch ends");
        for (long k : List.of(6L, 8L, 18L)) {   // mid-epoch 1, end of epoch 1, mid-epoch 3 (after the best epoch)
            Path crashed = copyUpTo(all, dir.resolve("r" + k), k);
            Run resumed = fit(TRAIN, crashed, 3, true);
            assertSameRun(full, resumed);
            List<Integer> after = new ArrayList<>();
            for (int e = 1; e <= 3; e++) if (e * 8L > k) after.add(e);
            assertEquals(after, resumed.heard(), "only the epochs that end after checkpoint " + k + " are reported");
        }
    }

    @Test
    void aCheckpointWithAnotherRngStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        Path all = dir.resolve("all");
        Run full = fit(TRAIN, all, 3, false);
        Checkpoint c = Checkpoint.read(new Checkpoints(all, 1000).file(9));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("rng/dropout").clone();
        rng[0] += 1;
        counters.put("rng/dropout", rng);
        Path other = dir.resolve("other");
        new Checkpoints(other, 2).save(9, new Checkpoint(c.tensors(), counters, c.state()));
        Run resumed = fit(TRAIN, other, 3, true);
        assertFalse(Arrays.equals(full.tagger().model().stateDict().get("out_w").data(),
                resumed.tagger().model().stateDict().get("out_w").data()), "the comparison can fail: other dropout masks");
    }

    @Test
    void resumeOnOtherDataIsRefused(@TempDir Path dir) throws IOException {
        fit(TRAIN, dir, 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(TRAIN.subList(0, 50), dir, 0, true));
        assertTrue(e.getMessage().contains("training sentences 60 in the checkpoint but 50 now"), e.getMessage());
    }

    /** The checkpoints of {@code from} up to step {@code k}, as a crash right after checkpoint k leaves them. */
    private static Path copyUpTo(Path from, Path to, long k) throws IOException {
        Checkpoints source = new Checkpoints(from, 1000), target = new Checkpoints(to, 1000);
        Files.createDirectories(to);
        for (long s : source.steps()) if (s <= k) Files.copy(source.file(s), target.file(s));
        return to;
    }

    private static void assertSameRun(Run a, Run b) {
        Map<String, Tensor> x = a.tagger().model().stateDict(), y = b.tagger().model().stateDict();
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertArrayEquals(x.get(k).data(), y.get(k).data(), k);
        History g = a.history(), h = b.history();
        assertEquals(g.epochs(), h.epochs());
        for (int e = 0; e < g.epochs(); e++) assertEquals(g.epoch(e), h.epoch(e), "epoch " + (e + 1) + " logs");
        assertArrayEquals(g.stepLosses(), h.stepLosses(), "step losses");
        assertEquals(g.selectedEpoch(), h.selectedEpoch(), "selected epoch");
    }
}
