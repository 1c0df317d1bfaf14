// A neural classifier (TextCNN with dropout) resumed from a checkpoint ends with the uninterrupted run's weights.
package dev.xent.task.classify;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;
import dev.xent.train.Checkpointing;
import dev.xent.train.History;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralResumeTest {
    private static final LabeledTokens TRAIN = NeuralToyData.keyword(120, 1), VALID = NeuralToyData.keyword(40, 2);
    // 120 / 16 = 8 batches an epoch
    private static final NeuralTrainConfig CONFIG = NeuralTrainConfig.defaults(3).withBatchSize(16)
            .withLearningRate(1e-2).withSeed(3);

    private record Run(NeuralTextClassifier model, History history) {}

    private static NeuralClassifierTask task() {
        NeuralTextClassifier m = NeuralClassifiersLearnTest.small("cnn", Objective.BINARY, 2, 5);   // dropout 0.1
        return new NeuralClassifierTask(m, TRAIN, VALID, CONFIG);
    }

    private static TrainOptions options(Path dir) {
        TrainOptions.Builder b = TrainOptions.builder();
        if (dir != null) b.checkpointing(Checkpointing.to(dir).everySteps(5).keepLast(1000));
        return task().options(b).build();
    }

    private static Run fit(Path dir) {
        NeuralClassifierTask t = task();
        return new Run((NeuralTextClassifier) t.model(), t.fit(options(dir)));
    }

    private static Run resume(Path dir) throws IOException {
        NeuralClassifierTask t = task();
        return new Run((NeuralTextClassifier) t.model(), t.resume(options(dir)));
    }

    /** A copy of {@code from}'s checkpoints up to step {@code k}, as a run killed after writing it left them. */
    private static Path upTo(Checkpoints from, long k, Path to) throws IOException {
        Files.createDirectories(to);
        for (long s : from.steps()) if (s <= k) Files.copy(from.file(s), to.resolve(from.file(s).getFileName()));
        return to;
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        Run plain = fit(null);
        Checkpoints all = new Checkpoints(dir.resolve("all"), 1000);
        Run full = fit(all.dir());
        assertSameRun(plain, full);
        assertEquals(List.of(0L, 5L, 8L, 10L, 15L, 16L, 20L, 24L), all.steps());
        assertTrue(full.history().selectedEpoch() >= 0, "validation chose an epoch");
        for (long k : List.of(5L, 16L, 20L)) {
            Run resumed = resume(upTo(all, k, dir.resolve("r" + k)));
            assertSameRun(full, resumed);
        }
    }

    @Test
    void aCheckpointWithOtherDropoutStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir.resolve("all"), 1000);
        Run full = fit(all.dir());
        Checkpoint c = Checkpoint.read(all.file(10));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("rng/dropout").clone();
        rng[0] += 1;
        counters.put("rng/dropout", rng);
        Checkpoints other = new Checkpoints(dir.resolve("other"), 1000);
        other.save(10, new Checkpoint(c.tensors(), counters, c.state()));
        Run changed = resume(other.dir());
        assertFalse(Arrays.equals(full.model().stateDict().get("out.weight").data(),
                changed.model().stateDict().get("out.weight").data()), "the comparison can fail: other dropout masks");
    }

    private static void assertSameRun(Run a, Run b) {
        Map<String, Tensor> x = a.model().stateDict(), y = b.model().stateDict();
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertArrayEquals(x.get(k).data(), y.get(k).data(), k);
        assertEquals(a.history().selectedEpoch(), b.history().selectedEpoch());
        assertEquals(a.history().epochs(), b.history().epochs());
        for (String metric : List.of("loss", "val_loss", "val_accuracy", "val_macro_f1")) {
            assertEquals(a.history().get(metric), b.history().get(metric), metric);
        }
        assertArrayEquals(a.history().stepLosses(), b.history().stepLosses());
    }
}
