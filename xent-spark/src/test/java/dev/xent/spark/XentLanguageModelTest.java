// XentLanguageModel on local[2]: the distributed codec equals the single-machine one; a trained model is a bundle
// xent reads, better than its untrained start, and the params save and load.
package dev.xent.spark;

import dev.xent.task.lm.BudgetDecay;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmCodec;
import dev.xent.task.lm.LmTask;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentLanguageModelTest {
    @TempDir
    Path dir;

    /** Lines of a tiny grammar: "the cat sat on the mat ." with a few nouns and verbs, and a rare word or two. */
    static List<String> lines(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] nouns = {"cat", "dog", "bird", "fish"}, verbs = {"sat", "ran", "slept"}, places = {"mat", "rug", "bed"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = "the " + nouns[r.nextInt(4)] + " " + verbs[r.nextInt(3)] + " on the " + places[r.nextInt(3)] + " .";
            if (r.nextInt(20) == 0) s += " zq" + r.nextInt(50);
            out.add(s);
        }
        return out;
    }

    static Dataset<Row> frame(List<String> lines, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        return SparkTests.spark().createDataset(jsc.parallelize(lines, partitions).rdd(), Encoders.STRING())
                .toDF("text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"char", "word"})
    void theDistributedCodecIsTheSingleMachineOne(String level) {
        List<String> data = lines(400, 3);
        LmCodec dist = new XentLanguageModel().setLevel(level).setMinCount(2).codec(frame(data, 3));
        LmCodec one = LmCodec.train(level, String.join("\n", data) + "\n", 2, 1, null);
        assertEquals(one.toJson(), dist.toJson());
        assertTrue(one.size() > 10, "codec size " + one.size());
    }

    @Test
    void bpeIsRefusedWithTheReason() {
        XentLanguageModel est = new XentLanguageModel();
        assertThrows(IllegalArgumentException.class, () -> est.setLevel("bpe"));
    }

    @Test
    void fitOnTwoPartitionsLearnsAndGivesABundleXentReads() throws Exception {
        List<String> train = lines(600, 5), valid = lines(80, 6);
        List<SyncTraining.Step> steps = new ArrayList<>();
        XentLanguageModel est = new XentLanguageModel().setLevel("word").setMinCount(1).setDim(16).setBatch(8)
                .setBptt(8).setLr(0.01).setEpoch(2).setValidationData(frame(valid, 1)).setStepListener(steps::add)
                .setTied(false).setDropout(0).setEmbedDropout(0).setLrDecay("none");   // no regularisers: it must learn

        LmTask task = est.train(frame(train, 2));
        double ppl = task.trainTask().validate().get("val_perplexity");
        assertTrue(ppl < 3.0, "validation perplexity " + ppl + " (a uniform guess over " + task.codec().size()
                + " words would be " + task.codec().size() + ")");
        assertTrue(steps.size() > 10, "steps " + steps.size());
        assertTrue(steps.get(0).bytesBroadcast() > 0 && steps.get(0).bytesCollected() > 0);

        XentModel model = est.fit(frame(train, 2));
        Path file = dir.resolve("lm.xent");
        model.saveBundle(file);
        LmBundle lm = LmBundle.read(file);   // what xent eval / generate read
        assertEquals(task.codec().toJson(), lm.codec().toJson());
        Row scored = model.transform(frame(List.of("the cat sat on the mat ."), 1)).select("perplexity").first();
        assertTrue(scored.getDouble(0) < 10, "perplexity of a training-like line " + scored.getDouble(0));

        est.write().overwrite().save(dir.resolve("est").toString());
        assertEquals(est.config(), XentLanguageModel.load(dir.resolve("est").toString()).config());
    }

    /**
     * One partition holds the whole text with the whole batch and the config's seed: its shard task is the
     * single-machine LmTask (same streams or blocks, same dropout draws), so the synchronous run equals
     * {@code LmTask.fit} up to float rounding (the gradient goes through w·g / w). The word level's recipe is on
     * (rnn: variational and embedding dropout; both: the learning rate decayed linearly over the epoch), and
     * "rnn-adaptive" adds an adaptive softmax (cutoff 8 of ~60 words).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rnn", "transformer", "rnn-adaptive"})
    void onOnePartitionTheRunIsTheSingleMachineOne(String variant) {
        List<String> train = lines(300, 8);
        XentLanguageModel est = new XentLanguageModel().setModel(variant.split("-")[0]).setLevel("word").setDim(16)
                .setLayers(1).setHeads(2).setBatch(4).setBptt(8).setBlockLen(8).setDropout(0.1).setEpoch(1);
        if (variant.endsWith("adaptive")) est.setCutoffs("8");
        assertEquals("linear", est.lrDecayOrDefault());
        LmTask dist = est.train(frame(train, 1));
        LmTask one = LmTask.create(est.config(), dist.codec(), dist.codec().encode(LmShards.text(train)), null);
        one.fit(dev.xent.train.TrainOptions.builder().epochs(1).clipNorm(1.0)
                .callbacks(new BudgetDecay(BudgetDecay.Shape.LINEAR)).build());
        double maxDiff = 0, moved = 0;
        var a = one.model().stateDict();
        var b = dist.model().stateDict();
        var init = LmTask.create(est.config(), dist.codec(), new int[64], null).model().stateDict();
        for (String k : a.keySet()) {
            for (int i = 0; i < a.get(k).size(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a.get(k).data()[i] - b.get(k).data()[i]));
                moved = Math.max(moved, Math.abs(a.get(k).data()[i] - init.get(k).data()[i]));
            }
        }
        assertTrue(maxDiff < 1e-5, "max |weight difference| " + maxDiff);
        assertTrue(moved > 1e-2, "training must move the weights: " + moved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "transformer"})
    void barrierModeGivesTheWeightsOfTheAggregateRunBitForBit(String model) {
        List<String> train = lines(300, 8);
        XentLanguageModel est = new XentLanguageModel().setModel(model).setLevel("word").setMinCount(1).setDim(16)
                .setLayers(1).setHeads(2).setBatch(4).setBptt(8).setBlockLen(8).setDropout(0.1).setEpoch(1)
                .setMaxSteps(3);   // Spark's allGather polls once a second: a few steps suffice
        LmTask aggregate = est.train(frame(train, 2));
        LmTask barrier = est.setSync("barrier").train(frame(train, 2));
        var a = aggregate.model().stateDict();
        var b = barrier.model().stateDict();
        for (String k : a.keySet()) org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
    }

    /** -level word without other settings is `xent train lm -level word`'s recipe (LmSettings.levelDefaults). */
    @Test
    void theWordLevelTakesTheCliWordRecipe() {
        XentLanguageModel est = new XentLanguageModel().setLevel("word");
        LmConfig c = est.config();
        assertEquals(1, c.minCount());
        assertEquals(400, c.dim());
        assertTrue(c.tied());
        assertEquals(0.25f, c.dropout());
        assertTrue(c.variational());
        assertEquals(0.1f, c.embedDropout());
        assertEquals(0f, c.weightDropout());
        assertEquals(null, c.cutoffs());   // auto: 2000, 10000 on WikiText-2's 33k words
        assertEquals("linear", est.lrDecayOrDefault());
        LmConfig set = est.setDim(200).setTied(false).setCutoffs("none").setVariational(false).setLrDecay("none")
                .setMinCount(3).config();
        assertEquals(200, set.dim());
        assertEquals(3, set.minCount());
        assertTrue(!set.tied() && !set.variational() && set.cutoffs().length == 0);
        assertEquals("none", est.lrDecayOrDefault());
        LmConfig chars = new XentLanguageModel().config();   // the char level keeps the model's defaults
        assertEquals(5, chars.minCount());
        assertEquals(256, chars.dim());
        assertTrue(!chars.tied() && !chars.variational() && chars.dropout() == 0f);
        assertEquals("none", new XentLanguageModel().lrDecayOrDefault());
        assertThrows(IllegalArgumentException.class, () -> new XentLanguageModel().setCutoffs("2000,x").config());
    }

    @Test
    void theTransformerTakesItsOwnDefaults() {
        XentLanguageModel est = new XentLanguageModel().setModel("transformer");
        assertEquals(128, est.config().dim());
        assertEquals(4, est.config().layers());
        assertTrue(est.config().tied());
        assertEquals(64, est.setDim(64).config().dim());
    }
}
