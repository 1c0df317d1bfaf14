// XentClassifier on local[2]: the distributed dictionary equals the single-machine one; training matches it.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.task.classify.FastTextTask;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentClassifierTest {
    @TempDir
    Path dir;

    private static XentClassifier estimator() {
        return new XentClassifier().setDim(8).setEpoch(4).setLr(0.5).setWordNgrams(2).setBucket(5000).setSeed(7);
    }

    private ModelBundle saved(FastTextClassifier c, String name) throws Exception {
        Path f = dir.resolve(name);
        c.save(f);
        return ModelBundle.read(f);
    }

    @Test
    void theDistributedDictionaryAndInitialWeightsAreTheSingleMachineOnes() throws Exception {
        List<Example> data = SparkTests.corpus(500, 11);
        XentClassifier est = estimator().setMinCount(2);
        ModelBundle distributed = saved(est.untrained(SparkTests.frame(data, 3)), "d.xent");
        ModelBundle single = saved(FastTextTask.of(data, est.config()).classifier(), "s.xent");
        assertEquals(single.json("vocab"), distributed.json("vocab"));
        assertArrayEquals(single.intWeights().get("input.buckets").data(),
                distributed.intWeights().get("input.buckets").data());
        assertArrayEquals(single.weight("input").data(), distributed.weight("input").data());
        assertTrue(single.json("vocab").path("words").size() > 20);
    }

    @Test
    void onePartitionAndOneAveragingPerEpochFollowTheSingleMachineRun() throws Exception {
        List<Example> data = SparkTests.corpus(600, 12);
        XentClassifier est = estimator().setSyncsPerEpoch(1);
        FastTextClassifier single = FastTextClassifier.train(data, est.config());
        XentModel model = est.fit(SparkTests.frame(data, 1));
        FastTextClassifier spark = FastTextClassifier.load(ModelBundle.parse(model.bundleBytes(), "fit"),
                Path.of("fit.xent"));
        assertEquals(single.labels(), spark.labels());
        double maxDiff = 0;
        for (Example e : SparkTests.corpus(200, 13)) {
            float[] a = single.probabilities(e.text()), b = spark.probabilities(e.text());
            for (int c = 0; c < a.length; c++) maxDiff = Math.max(maxDiff, Math.abs(a[c] - b[c]));
        }
        // not bit-identical: each round restarts the token count the lr is updated from, and sum/touches rounds
        assertTrue(maxDiff < 1e-3, "max probability difference " + maxDiff);
    }

    @Test
    void twoPartitionsAveragedLearnAsWellAsOneMachine() throws Exception {
        List<Example> train = SparkTests.corpus(1000, 14), test = SparkTests.corpus(300, 15);
        XentClassifier est = estimator().setSyncsPerEpoch(2);
        List<FastTextAveraging.Round> rounds = new ArrayList<>();
        XentModel model = est.setRoundListener(rounds::add).fit(SparkTests.frame(train, 2));
        assertEquals(4 * 2, rounds.size());
        assertTrue(rounds.get(0).bytesCollected() > 0 && rounds.get(0).examples() > 0, rounds.get(0).toString());
        long trained = rounds.stream().mapToLong(FastTextAveraging.Round::examples).sum();
        assertEquals(4L * train.size(), trained);
        FastTextClassifier spark = FastTextClassifier.load(ModelBundle.parse(model.bundleBytes(), "fit"),
                Path.of("fit.xent"));
        double distributed = spark.evaluate(test).accuracy();
        double single = FastTextClassifier.train(train, est.config()).evaluate(test).accuracy();
        double untrained = est.untrained(SparkTests.frame(train, 2)).evaluate(test).accuracy();
        assertTrue(single > 0.9, "single-machine accuracy " + single);
        assertTrue(distributed > single - 0.03, "distributed " + distributed + " vs single " + single);
        assertTrue(untrained < 0.7, "untrained " + untrained);
        Dataset<Row> scored = model.transform(SparkTests.frame(test, 2));
        assertEquals(0, scored.filter("error is not null").count());
        assertEquals(Math.round(distributed * test.size()), scored.filter("prediction = label").count());
    }

    @Test
    void paramsSaveAndLoadAndNullLabelsAreRefused() throws Exception {
        XentClassifier est = estimator().setSyncsPerEpoch(3).setTextCol("sentence");
        String path = dir.resolve("est").toUri().toString();
        est.write().overwrite().save(path);
        XentClassifier back = XentClassifier.load(path);
        assertEquals(est.config(), back.config());
        assertEquals(3, (int) back.getOrDefault(back.syncsPerEpoch()));
        assertEquals("sentence", back.getOrDefault(back.textCol()));
        List<Example> data = SparkTests.corpus(10, 1);
        Dataset<Row> withNull = SparkTests.frame(data, 2).withColumn("label", org.apache.spark.sql.functions.expr(
                "case when text = '" + data.get(3).text() + "' then null else label end"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator().fit(withNull));
        assertTrue(e.getMessage().startsWith("1 rows have a null text or label"), e.getMessage());
        assertNotEquals(est.uid(), new XentClassifier().uid());
    }
}
