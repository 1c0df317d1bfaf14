// A neural classifier (TextCNN with dropout) resumed from a checkpoint ends with the uninterrupted run's weights.
package dev.xent.task.classify;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;
import dev.xent.train.CheckpointPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NeuralResumeTest {
    private static final LabeledTokens TRAIN = NeuralToyData.keyword(120, 1), VALID = NeuralToyData.keyword(40, 2);
    // 120 / 16 = 8 batches an epoch
    private static final NeuralTrainer.Options OPT = NeuralTrainer.Options.defaults(3).withBatchSize(16)
            .withLearningRate(1e-2).withSeed(3);

    private record Run(NeuralTextClassifier model, NeuralTrainer.Result result) {}

    private static Run fit(CheckpointPlan plan) {
        NeuralTextClassifier m = NeuralClassifiersLearnTest.small("cnn", Objective.BINARY, 2, 5);   // dropout 0.1
        return new Run(m, NeuralTrainer.fit(m, TRAIN, VALID, OPT, null, null, plan));
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        Run plain = fit(CheckpointPlan.none());
        Checkpoints all = new Checkpoints(dir.resolve("all"), 1000);
        Run full = fit(CheckpointPlan.to(all, 5));
        assertSameRun(plain, full);
        assertEquals(List.of(5L, 8L, 10L, 15L, 16L, 20L, 24L), all.steps());
        for (long k : List.of(5L, 16L, 20L)) {
            Run resumed = fit(CheckpointPlan.to(new Checkpoints(dir.resolve("r" + k), 2), 5)
                    .resumeFrom(Checkpoint.read(all.file(k))));
            assertSameRun(full, resumed);
        }
    }

    @Test
    void aCheckpointWithOtherDropoutStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 1000);
        Run full = fit(CheckpointPlan.to(all, 5));
        Checkpoint c = Checkpoint.read(all.file(10));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("rng/dropout").clone();
        rng[0] += 1;
        counters.put("rng/dropout", rng);
        Run other = fit(CheckpointPlan.none().resumeFrom(new Checkpoint(c.tensors(), counters, c.state())));
        assertFalse(java.util.Arrays.equals(full.model().stateDict().get("out.weight").data(),
                other.model().stateDict().get("out.weight").data()), "the comparison can fail: other dropout masks");
    }

    private static void assertSameRun(Run a, Run b) {
        Map<String, Tensor> x = a.model().stateDict(), y = b.model().stateDict();
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertArrayEquals(x.get(k).data(), y.get(k).data(), k);
        assertEquals(a.result().bestEpoch(), b.result().bestEpoch());
        assertEquals(a.result().trainTokens(), b.result().trainTokens());
        for (int i = 0; i < a.result().epochs().size(); i++) {
            NeuralTrainer.EpochLog e = a.result().epochs().get(i), f = b.result().epochs().get(i);
            assertEquals(List.of(e.epoch(), e.trainLoss(), e.valid(), e.tokens()),
                    List.of(f.epoch(), f.trainLoss(), f.valid(), f.tokens()), "epoch " + (i + 1));
        }
    }
}
