// The tagger resumed from a checkpoint (mid-epoch or at an epoch end) ends with the uninterrupted run's weights.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;
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

class TaggerResumeTest {
    // char CNN, dropout and word dropout: every source of randomness is in play; 60 sentences / 8 = 8 steps an epoch
    private static final TaggerConfig CFG = new TaggerConfig(8, 4, 6, 3, 8, true, 0.2f, 0.3, false, 0.02, 8, 3, 5,
            true, 4);
    private static final List<TaggedSentence> TRAIN = TaggerToyTest.toy(60, 1), DEV = TaggerToyTest.toy(20, 2);
    private static final TagEncoder ENC = TagEncoder.build(TRAIN, false, 10);

    private record Run(BiLstmTagger model, List<TaggerTrainer.Epoch> epochs, List<Integer> heard) {}

    private static Run fit(CheckpointPlan plan) {
        BiLstmTagger model = new BiLstmTagger(CFG, ENC.words().size(), ENC.chars().size(), ENC.tags().size());
        List<TagEncoder.Encoded> dev = ENC.encodeAll(DEV);
        List<Integer> heard = new ArrayList<>();
        List<TaggerTrainer.Epoch> epochs = new TaggerTrainer(model, ENC).fit(ENC.encodeAll(TRAIN),
                m -> TaggerTrainer.accuracy(dev, TaggerTrainer.predict(m, dev, 16, ENC.words())),
                e -> heard.add(e.epoch()), plan);
        return new Run(model, epochs, heard);
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        Run plain = fit(CheckpointPlan.none());
        Checkpoints all = new Checkpoints(dir.resolve("all"), 1000);
        Run full = fit(CheckpointPlan.to(all, 3));
        assertSameRun(plain, full);
        assertEquals(List.of(3L, 6L, 8L, 9L, 12L, 15L, 16L, 18L, 21L, 24L), all.steps(), "every 3 steps and epoch ends");
        for (long k : List.of(6L, 8L, 18L)) {   // mid-epoch 1, end of epoch 1, mid-epoch 3 (after the best epoch)
            Run resumed = fit(CheckpointPlan.to(new Checkpoints(dir.resolve("r" + k), 2), 3)
                    .resumeFrom(Checkpoint.read(all.file(k))));
            assertSameRun(full, resumed);
            List<Integer> after = new ArrayList<>();
            for (int e = 1; e <= 3; e++) if (e * 8L > k) after.add(e);
            assertEquals(after, resumed.heard(), "only the epochs that end after checkpoint " + k + " are reported");
        }
    }

    @Test
    void aCheckpointWithAnotherRngStateGivesOtherWeights(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 1000);
        Run full = fit(CheckpointPlan.to(all, 3));
        Checkpoint c = Checkpoint.read(all.file(9));
        Map<String, long[]> counters = new LinkedHashMap<>(c.counters());
        long[] rng = counters.get("rng").clone();
        rng[0] += 1;
        counters.put("rng", rng);
        Run other = fit(CheckpointPlan.none().resumeFrom(new Checkpoint(c.tensors(), counters, c.state())));
        assertFalse(java.util.Arrays.equals(full.model().stateDict().get("out_w").data(),
                other.model().stateDict().get("out_w").data()), "the comparison can fail: other dropout masks");
    }

    @Test
    void resumeOnOtherDataIsRefused(@TempDir Path dir) throws IOException {
        Checkpoints all = new Checkpoints(dir, 2);
        fit(CheckpointPlan.to(all, 0));
        Checkpoint c = all.latest().orElseThrow().checkpoint();
        BiLstmTagger model = new BiLstmTagger(CFG, ENC.words().size(), ENC.chars().size(), ENC.tags().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaggerTrainer(model, ENC)
                .fit(ENC.encodeAll(TRAIN.subList(0, 50)), null, null, CheckpointPlan.none().resumeFrom(c)));
        assertTrue(e.getMessage().contains("training sentences 60 -> 50"), e.getMessage());
    }

    private static void assertSameRun(Run a, Run b) {
        Map<String, Tensor> x = a.model().stateDict(), y = b.model().stateDict();
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) assertArrayEquals(x.get(k).data(), y.get(k).data(), k);
        assertEquals(a.epochs().size(), b.epochs().size());
        for (int i = 0; i < a.epochs().size(); i++) {
            TaggerTrainer.Epoch e = a.epochs().get(i), f = b.epochs().get(i);
            assertEquals(List.of(e.epoch(), e.trainLoss(), e.devScore(), e.tokens(), e.step()),
                    List.of(f.epoch(), f.trainLoss(), f.devScore(), f.tokens(), f.step()), "epoch " + (i + 1));
        }
    }
}
