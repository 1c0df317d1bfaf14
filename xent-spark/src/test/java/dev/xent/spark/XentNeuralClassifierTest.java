// XentClassifier with a neural model on local[2]: the untrained classifier equals the single-machine one; H = 1
// synchronous SGD over 2 partitions gives the weights of one machine trained on the same global batches.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.task.classify.LabeledTokens;
import dev.xent.task.classify.LengthBuckets;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.classify.NeuralTrainConfig;
import dev.xent.task.classify.PaddedBatch;
import dev.xent.tensor.Tensor;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentNeuralClassifierTest {
    @TempDir
    Path dir;

    static XentClassifier small(String model) {
        return new XentClassifier().setModel(model).setDim(8).setHidden(8).setFilters(4).setWidths("2,3").setHeads(2)
                .setMaxLength(16).setBatch(8).setEpoch(2).setDropout(0).setSeed(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "rnn", "transformer"})
    void theUntrainedClassifierIsTheSingleMachineOne(String model) {
        List<Example> data = SparkTests.corpus(300, 3);
        XentClassifier est = small(model).setMinCount(2);
        NeuralClassifier dist = est.untrainedNeural(SparkTests.frame(data, 3));
        NeuralClassifier one = NeuralClassifier.create(est.spec(), data, est.textSettings(), false, 5);
        assertEquals(one.encoding().tokens(), dist.encoding().tokens());
        assertEquals(one.labels(), dist.labels());
        assertEquals(one.objective(), dist.objective());
        Map<String, Tensor> a = one.model().stateDict(), b = dist.model().stateDict();
        for (String k : a.keySet()) assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
    }

    /** One machine on the global batches of the partitions: batch b = every shard's batch b, concatenated. */
    record Union(NeuralClassifier c, LabeledTokens all, int[] starts, NeuralTrainConfig cfg) implements TrainTask {
        List<int[]> plan(int epoch) {
            int parts = starts.length - 1, size = (cfg.batchSize() + parts - 1) / parts;
            List<List<int[]>> shards = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int[][] tokens = java.util.Arrays.copyOfRange(all.tokens(), starts[p], starts[p + 1]);
                shards.add(LengthBuckets.batches(tokens, size, cfg.poolBatches(), cfg.seed() + 1000L * p, epoch, true));
            }
            List<int[]> out = new ArrayList<>();
            for (int b = 0; b < shards.stream().mapToInt(List::size).max().orElseThrow(); b++) {
                List<Integer> u = new ArrayList<>();
                for (int p = 0; p < parts; p++) {
                    if (b < shards.get(p).size()) for (int i : shards.get(p).get(b)) u.add(starts[p] + i);
                }
                out.add(u.stream().mapToInt(Integer::intValue).toArray());
            }
            return out;
        }

        @Override public Module model() { return c.model(); }
        @Override public int batches(int epoch) { return plan(epoch).size(); }

        @Override
        public Tensor loss(int epoch, int batch) {
            int[] rows = plan(epoch).get(batch);
            PaddedBatch b = PaddedBatch.of(all.tokens(), rows, c.model().minLength(), 4);
            return c.objective().loss(c.model().logits(b), all, rows, null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "rnn", "transformer"})
    void synchronousSgdOnTwoPartitionsEqualsOneMachineOnTheSameGlobalBatches(String model) {
        List<Example> data = new ArrayList<>();   // partitions: texts [0, 40) and [40, 80); all of 8 words
        for (Example e : SparkTests.corpus(80, 9)) {
            String t = (e.text() + " " + e.text()).split(" ", 9).length > 8
                    ? String.join(" ", java.util.Arrays.copyOf((e.text() + " " + e.text()).split(" "), 8)) : e.text();
            data.add(new Example(t, e.labels(), e.line()));
        }
        XentClassifier est = small(model);
        List<SyncTraining.Step> steps = new ArrayList<>();
        NeuralClassifier dist = est.setStepListener(steps::add).trainNeural(SparkTests.frame(data, 2));
        NeuralClassifier ref = est.untrainedNeural(SparkTests.frame(data, 2));
        float[] init = ref.model().stateDict().values().iterator().next().data().clone();
        NeuralTrainConfig cfg = est.neuralConfig();
        Union union = new Union(ref, ref.encode(data), new int[] {0, 40, 80}, cfg);
        float[] losses = new Trainer(union, new Adam(ref.model().namedParameters(), cfg.learningRate(),
                cfg.weightDecay())).fit(TrainOptions.builder().epochs(cfg.epochs()).clipNorm(cfg.clipNorm()).build())
                .stepLosses();
        assertEquals(union.batches(0) + union.batches(1), steps.size());
        for (int i = 0; i < losses.length; i++) {
            assertEquals(losses[i], steps.get(i).loss(), 1e-5 * Math.abs(losses[i]), "step " + (i + 1) + " loss");
        }
        double maxDiff = 0;
        Map<String, Tensor> a = ref.model().stateDict(), b = dist.model().stateDict();
        String worst = "";
        int d = est.spec().kind() == dev.xent.task.classify.NeuralClassifierSpec.Kind.TRANSFORMER ? 8 : 0;
        for (String k : a.keySet()) {
            for (int i = 0; i < a.get(k).size(); i++) {
                // The key bias (in_proj_bias[d, 2d)) has gradient exactly 0 (softmax ignores a shift shared by every
                // key); what is computed is rounding noise, which Adam turns into steps of ±lr: not compared.
                if (k.endsWith("self_attn.in_proj_bias") && i >= d && i < 2 * d) continue;
                double diff = Math.abs(a.get(k).data()[i] - b.get(k).data()[i]);
                if (diff > maxDiff) {
                    maxDiff = diff;
                    worst = k + "[" + i + "] " + a.get(k).data()[i] + " vs " + b.get(k).data()[i];
                }
            }
        }
        assertTrue(maxDiff <= XentTaggerTest.TOLERANCE, "max |weight difference| " + maxDiff + " at " + worst);
        float[] after = a.values().iterator().next().data();
        double moved = 0;
        for (int i = 0; i < init.length; i++) moved = Math.max(moved, Math.abs(after[i] - init[i]));
        assertTrue(moved > 1e-3, "training must move the weights: " + moved);
    }

    @Test
    void fitGivesABundleXentReads() throws Exception {
        List<SyncTraining.Step> steps = new ArrayList<>();
        XentModel m = small("cnn").setEpoch(4).setLr(0.01).setStepListener(steps::add)
                .setValidationData(SparkTests.frame(SparkTests.corpus(60, 5), 1))
                .fit(SparkTests.frame(SparkTests.corpus(400, 4), 2));
        assertEquals(4 * 50, steps.size(), "4 epochs of 50 global batches (each partition: 200 texts in batches of 4)");
        Path file = dir.resolve("cnn.xent");
        m.saveBundle(file);
        NeuralClassifier c = NeuralClassifier.load(file);   // what xent predict / eval read
        List<Example> test = SparkTests.corpus(100, 77);
        int right = 0;
        for (Example e : test) if (c.predict(e.text(), 1).get(0).label().equals(e.label())) right++;
        assertTrue(right >= 85, right + " / 100 right");
    }
}
