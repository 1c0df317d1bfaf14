// XentTagger on local[2]: distributed vocabularies equal the single-machine ones; H = 1 synchronous SGD over 2
// partitions gives the weights of one machine trained on the same global batches.
package dev.xent.spark;

import dev.xent.data.TaggedSentence;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.task.tag.Bucketing;
import dev.xent.task.tag.TagBatch;
import dev.xent.task.tag.TagEncoder;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;
import dev.xent.train.LearningRate;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentTaggerTest {
    /**
     * Max |difference| allowed between the data-parallel and the single-machine weights after 2 epochs: the
     * gradients are summed in another order (shard means weighted and added, not one mean over the union), so they
     * differ by float rounding; measured 1.2e-7 (one float step near 1) for both the softmax and the CRF tagger.
     */
    static final float TOLERANCE = 1e-6f;

    @TempDir
    Path dir;

    static XentTagger small() {
        return new XentTagger().setDim(8).setHidden(8).setCharDim(4).setCharFilters(4).setBatch(8).setEpoch(2)
                .setLr(0.01).setDropout(0).setWordDropout(0).setSeed(3);
    }

    private static List<String> tokens(Vocabulary v) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(v.token(i) + ":" + v.frequency(i));
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theDistributedVocabulariesAndTagsAreTheSingleMachineOnes(boolean chunks) {
        List<TaggedSentence> data = SparkTests.tagged(300, 5, chunks);
        XentTagger est = small();
        TagShards.Parts parts = est.encoder(SparkTests.tagFrame(data, 3));
        TagEncoder dist = parts.encoder();
        TaggerTask single = TaggerTask.create(est.config(TaggerTask.chunkTags(data)), data, List.of());
        TagEncoder one = single.tagger().encoder();
        assertEquals(tokens(one.words()), tokens(dist.words()));
        assertEquals(tokens(one.chars()), tokens(dist.chars()));
        assertEquals(one.tags(), dist.tags());
        assertEquals(single.tagger().outputScheme(), parts.output());
        assertEquals(chunks, parts.chunkTags());
        if (chunks) assertTrue(dist.tags().contains("S-PER"), "BIO data learned as IOBES: " + dist.tags());
        assertEquals("", dist.tokenPrefix());
    }

    @org.junit.jupiter.api.Test
    void aLanguagePrefixEveryTokenSharesIsFoundAndStrippedAsOnOneMachine() {
        List<TaggedSentence> data = new ArrayList<>();
        for (TaggedSentence s : SparkTests.tagged(300, 5, true)) {
            data.add(new TaggedSentence(s.tokens().stream().map(t -> "en:" + t).toList(), s.tags(), s.line()));
        }
        XentTagger est = small();
        TagEncoder dist = est.encoder(SparkTests.tagFrame(data, 3)).encoder();
        TagEncoder one = TaggerTask.create(est.config(true), data, List.of()).tagger().encoder();
        assertEquals("en:", one.tokenPrefix());
        assertEquals(one.tokenPrefix(), dist.tokenPrefix());
        assertEquals(tokens(one.words()), tokens(dist.words()));
        assertEquals(tokens(one.chars()), tokens(dist.chars()));
        // one partition's sentence without the prefix: no common prefix, on one machine and distributed alike
        data.set(7, SparkTests.tagged(300, 5, true).get(7));
        assertEquals("", TaggerTask.create(est.config(true), data, List.of()).tagger().encoder().tokenPrefix());
        assertEquals("", est.encoder(SparkTests.tagFrame(data, 3)).encoder().tokenPrefix());
    }

    /** The single machine on the global batches of the 2 partitions: batch b = shard 0's batch b + shard 1's. */
    static final class UnionTask implements TrainTask {
        final Tagger tagger;
        final List<TagEncoder.Encoded> all;
        final int[] starts;
        final TaggerConfig cfg;
        final Rng rng = new Rng(1);

        UnionTask(Tagger tagger, List<TagEncoder.Encoded> all, int[] starts, TaggerConfig cfg) {
            this.tagger = tagger;
            this.all = all;
            this.starts = starts;
            this.cfg = cfg;
        }

        List<int[]> plan(int epoch) {
            int parts = starts.length - 1, size = (cfg.batchSize() + parts - 1) / parts;
            List<List<int[]>> shards = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int[] lengths = new int[starts[p + 1] - starts[p]];
                for (int i = 0; i < lengths.length; i++) lengths[i] = all.get(starts[p] + i).length();
                shards.add(Bucketing.batches(lengths, size, cfg.seed() + 1000L * p + epoch));
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

        @Override public Module model() { return tagger.model(); }
        @Override public int batches(int epoch) { return plan(epoch).size(); }

        @Override
        public Tensor loss(int epoch, int batch) {
            TagBatch b = TagBatch.of(all, plan(epoch).get(batch), cfg.chars(), tagger.encoder().words(), 0, rng);
            return tagger.model().loss(b, rng);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void synchronousSgdOnTwoPartitionsEqualsOneMachineOnTheSameGlobalBatches(boolean chunks) {
        List<TaggedSentence> data = SparkTests.tagged(60, 9, chunks);   // partitions: sentences [0, 30) and [30, 60)
        XentTagger est = small();
        List<SyncTraining.Step> steps = new ArrayList<>();
        Tagger dist = est.setStepListener(steps::add).train(SparkTests.tagFrame(data, 2));

        TagShards.Parts parts = est.encoder(SparkTests.tagFrame(data, 2));
        TaggerConfig cfg = est.config(parts.chunkTags());
        assertEquals(chunks, cfg.crf(), "crf auto: a CRF (loss weight: sentences) for chunk tags, else tokens");
        Tagger ref = TagShards.tagger(cfg, parts);
        Map<String, Tensor> init = copy(ref.model().stateDict());
        List<TaggedSentence> learned = new ArrayList<>();
        for (TaggedSentence s : data) {
            learned.add(parts.output() == null ? s : new TaggedSentence(s.tokens(),
                    dev.xent.data.TagScheme.IOBES.convert(s.tags()), s.line()));
        }
        UnionTask union = new UnionTask(ref, ref.encoder().encodeAll(learned), new int[] {0, 30, 60}, cfg);
        new Trainer(union, new Adam(ref.model().namedParameters(), cfg.lr()))   // the recipe's decay: epoch 1 at lr / 1.05
                .fit(TrainOptions.builder().epochs(cfg.epochs()).clipNorm(cfg.clip())
                        .callbacks(LearningRate.perEpoch(LrSchedule.inverseTime(TaggerConfig.DEFAULT_LR_DECAY))).build());

        assertEquals(union.batches(0) + union.batches(1), steps.size(), "one synchronous step per global batch");
        double maxDiff = 0, moved = 0;
        Map<String, Tensor> a = ref.model().stateDict(), b = dist.model().stateDict();
        for (String k : a.keySet()) {
            float[] x = a.get(k).data(), y = b.get(k).data(), x0 = init.get(k).data();
            for (int i = 0; i < a.get(k).size(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
                moved = Math.max(moved, Math.abs(x[i] - x0[i]));
            }
        }
        assertTrue(maxDiff <= TOLERANCE, "max |weight difference| " + maxDiff);
        assertTrue(moved > 100 * TOLERANCE, "training must move the weights: " + moved);
    }

    @Test
    void barrierModeGivesTheWeightsOfTheAggregateRunBitForBit() {
        List<TaggedSentence> data = SparkTests.tagged(60, 9, false);
        // 2 epochs of 2 steps (Spark's allGather polls each second), so the second epoch's decayed rate is compared too
        Tagger aggregate = small().setEpoch(2).setBatch(30).train(SparkTests.tagFrame(data, 2));
        List<BarrierTraining.Summary> summary = new ArrayList<>();
        Tagger barrier = small().setEpoch(2).setBatch(30).setSync("barrier").setBarrierListener(summary::add)
                .train(SparkTests.tagFrame(data, 2));
        Map<String, Tensor> a = aggregate.model().stateDict(), b = barrier.model().stateDict();
        for (String k : a.keySet()) org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        assertEquals(1, summary.size());
        assertTrue(summary.get(0).steps() == 4 && summary.get(0).bytesPerStep() > 0, summary.toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> small().setSync("barrier")
                .setValidationData(SparkTests.tagFrame(data, 1)).train(SparkTests.tagFrame(data, 2)));
    }

    /**
     * Local SGD (syncEvery H > 1): each worker steps alone on its shard and the weights are averaged every H steps.
     * With H = the run's 4 steps that is the mean of the two shard models each trained alone from the driver's start.
     */
    @Test
    void barrierModeWithSyncEveryAveragesTheShardModelsTrainedAlone() {
        List<TaggedSentence> data = SparkTests.tagged(60, 9, false);   // partitions [0, 30), [30, 60): 4 batches of 8 each
        XentTagger est = small().setEpoch(1).setBatch(16).setSync("barrier").setSyncEvery(4);
        Tagger local = est.train(SparkTests.tagFrame(data, 2));

        TagShards.Parts parts = est.encoder(SparkTests.tagFrame(data, 2));
        TaggerConfig cfg = est.config(parts.chunkTags());
        Map<String, Tensor> start = TagShards.tagger(cfg, parts).model().stateDict();   // the driver's initial weights
        TagShards.Factory factory = new TagShards.Factory(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext()).broadcast(parts),
                TagShards.Settings.of(cfg));
        List<Map<String, Tensor>> alone = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            List<String[][]> rows = new ArrayList<>();
            for (TaggedSentence s : data.subList(30 * p, 30 * p + 30)) {
                rows.add(new String[][] {s.tokens().toArray(String[]::new), s.tags().toArray(String[]::new)});
            }
            TrainTask shard = factory.build(p, 2, rows);
            Map<String, Tensor> w = shard.model().stateDict();
            start.forEach((k, t) -> System.arraycopy(t.data(), 0, w.get(k).data(), 0, t.size()));
            assertEquals(4, shard.batches(0));
            new Trainer(shard, new Adam(shard.model().namedParameters(), cfg.lr()))
                    .fit(TrainOptions.builder().epochs(1).clipNorm(cfg.clip()).build());
            alone.add(w);
        }
        double maxDiff = 0, apart = 0;
        Map<String, Tensor> got = local.model().stateDict();
        for (String k : got.keySet()) {
            float[] a = alone.get(0).get(k).data(), b = alone.get(1).get(k).data(), y = got.get(k).data();
            for (int i = 0; i < y.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((a[i] + b[i]) * 0.5f - y[i]));
                apart = Math.max(apart, Math.abs(a[i] - b[i]));
            }
        }
        assertTrue(maxDiff <= TOLERANCE, "max |local SGD - mean of the shard models| " + maxDiff);
        assertTrue(apart > 100 * TOLERANCE, "the shard models must differ for the mean to mean something: " + apart);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> small().setSyncEvery(2).train(SparkTests.tagFrame(data, 2)), "syncEvery needs barrier mode");
    }

    @Test
    void aRunResumedAfterTheDriverFailedEndsWithTheWeightsOfTheUninterruptedOne() {
        List<TaggedSentence> data = SparkTests.tagged(60, 9, false);   // 16 steps in 2 epochs
        Map<String, Tensor> whole = small().train(SparkTests.tagFrame(data, 2)).model().stateDict();
        String ckpt = dir.resolve("checkpoints").toString();
        XentTagger failing = small().setCheckpointDir(ckpt).setCheckpointEvery(3).setStepListener(s -> {
            if (s.step() == 11) throw new IllegalStateException("the driver is lost at step 11");
        });
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> failing.train(SparkTests.tagFrame(data, 2)));
        List<SyncTraining.Step> after = new ArrayList<>();
        Map<String, Tensor> resumed = small().setCheckpointDir(ckpt).setCheckpointEvery(3).setResume(true)
                .setStepListener(after::add).train(SparkTests.tagFrame(data, 2)).model().stateDict();
        assertEquals(16 - 9, after.size(), "resumed after the checkpoint of step 9");
        for (String k : whole.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.get(k).data(), resumed.get(k).data(), k);
        }
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> sd) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        sd.forEach((k, t) -> out.put(k, Tensor.of(Arrays.copyOf(t.data(), t.size()), t.shape())));
        return out;
    }

    @Test
    void fitGivesABundleXentReadsAndTheParamsSaveAndLoad() throws Exception {
        List<TaggedSentence> data = SparkTests.tagged(200, 4, false);
        Dataset<Row> df = SparkTests.tagFrame(data, 2);
        XentTagger est = small().setEpoch(6).setLr(0.05).setValidationData(SparkTests.tagFrame(SparkTests.tagged(40, 8, false), 1));
        XentModel model = est.fit(df);
        Path file = dir.resolve("tagger.xent");
        model.saveBundle(file);
        Tagger t = Tagger.load(file);   // what xent predict / eval read
        double acc = t.evaluate(SparkTests.tagged(50, 77, false)).metrics("").get("accuracy");
        assertTrue(acc > 0.9, "held-out token accuracy " + acc);
        Row scored = model.transform(SparkTests.frame(List.of(new dev.xent.data.Example("d1 n2 v3 14", List.of("x"), 1)), 1))
                .select("tags").first();
        assertEquals(t.tag(List.of("d1", "n2", "v3", "14")), scored.getList(0));
        est.write().overwrite().save(dir.resolve("est").toString());
        XentTagger back = XentTagger.load(dir.resolve("est").toString());
        assertEquals(est.config(false), back.config(false));
        assertEquals(TaggerConfig.DEFAULT_LR_DECAY, back.getOrDefault(back.lrDecay()));
        XentTagger defaults = new XentTagger();
        assertEquals("0.33", defaults.getOrDefault(defaults.dropout()).toString(), "the recipe's dropout as users read it");
        assertTrue(Files.size(file) > 0);
    }
}
