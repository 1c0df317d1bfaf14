// XentModel on local[2]: the single-machine classifier's probabilities bit for bit, bad rows, save/load, a tagger, an LM.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.data.TaggedSentence;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmTask;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.train.TrainOptions;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentModelTest {
    @TempDir
    static Path dir;
    static FastTextClassifier classifier;
    static Path bundle;

    @BeforeAll
    static void train() throws Exception {
        classifier = FastTextClassifier.train(SparkTests.corpus(400, 1),
                FastTextConfig.defaults().withDim(8).withEpoch(3).withLr(0.5).withWordNgrams(2).withBucket(1000)
                        .withThreads(1).withSeed(3));
        bundle = dir.resolve("c.xent");
        classifier.save(bundle);
    }

    private static Dataset<Row> texts(List<String> texts) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) rows.add(RowFactory.create(i, texts.get(i)));
        return SparkTests.spark().createDataFrame(rows, schema).repartition(2);
    }

    @Test
    void classifierProbabilitiesAreTheSingleMachineOnesBitForBit() throws Exception {
        List<String> texts = new ArrayList<>();
        for (Example e : SparkTests.corpus(300, 2)) texts.add(e.text());
        texts.add("");                       // no known word: the uniform distribution, not an error
        texts.add("unknown words only");
        XentModel model = XentModel.fromBundle(bundle).setBatchSize(7);
        assertEquals("classify", model.task());
        assertEquals(classifier.labels(), model.labels());
        List<Row> out = model.transform(texts(texts)).collectAsList();
        assertEquals(texts.size(), out.size());
        for (Row r : out) {
            String text = texts.get(r.getInt(0));
            float[] p = classifier.probabilities(text);
            double[] expected = new double[p.length];
            for (int c = 0; c < p.length; c++) expected[c] = p[c];
            assertArrayEquals(expected, ((Vector) r.getAs("probability")).toArray(), 0.0, text);
            assertEquals(classifier.predict(text), r.getAs("prediction"), text);
            assertNull(r.getAs("error"), text);
        }
    }

    @Test
    void aNullTextGivesNullsAndAnErrorNotAFailedJob() throws Exception {
        List<String> texts = Arrays.asList("w1 w2 w3", null, "w25 w30");
        List<Row> out = XentModel.fromBundle(bundle).transform(texts(texts)).orderBy("id").collectAsList();
        assertNotNull(out.get(0).getAs("prediction"));
        assertNull(out.get(1).getAs("prediction"));
        assertNull(out.get(1).getAs("probability"));
        assertEquals("the text is null", out.get(1).getAs("error"));
        assertNotNull(out.get(2).getAs("prediction"));
    }

    @Test
    void aMissingTextColumnIsNamed() throws Exception {
        XentModel model = XentModel.fromBundle(bundle).setTextCol("sentence");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.transform(texts(List.of("a"))));
        assertTrue(e.getMessage().contains("textCol \"sentence\""), e.getMessage());
    }

    @Test
    void savedAndLoadedOnAHadoopPathItScoresTheSame() throws Exception {
        XentModel model = XentModel.fromBundle(bundle).setPredictionCol("label").setBatchSize(3);
        String path = dir.resolve("saved").toUri().toString();
        model.write().overwrite().save(path);
        XentModel loaded = XentModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("label", loaded.getPredictionCol());
        assertEquals(3, loaded.getBatchSize());
        assertArrayEquals(java.nio.file.Files.readAllBytes(bundle),
                java.nio.file.Files.readAllBytes(dir.resolve("saved").resolve("model.xent")));
        List<String> texts = List.of("w1 w2 w3", "w25 w30 w41");
        assertEquals(model.transform(texts(texts)).orderBy("id").collectAsList(),
                loaded.transform(texts(texts)).orderBy("id").collectAsList());
    }

    @Test
    void aTaggerGivesTheTagsOfXentPredictPerToken() throws Exception {
        List<TaggedSentence> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(new TaggedSentence(List.of("Lena", "saw", "Oslo", "today"), List.of("B-PER", "O", "B-LOC", "O"), i));
            train.add(new TaggedSentence(List.of("Ola", "left", "Bergen"), List.of("B-PER", "O", "B-LOC"), i));
        }
        TaggerConfig config = new TaggerConfig(8, 0, 0, 1, 8, false, false, 0f, 0, false, 1e-2, 8, 2, 0, false, 1);
        TaggerTask task = TaggerTask.create(config, train, train.subList(0, 4));
        task.fit(task.options().build());
        Path file = dir.resolve("tag.xent");
        task.tagger().save(file);
        Tagger tagger = Tagger.load(file);
        List<String> texts = Arrays.asList("Lena saw  Bergen", null, "", "Ola left Oslo today");
        XentModel model = XentModel.fromBundle(file).setBatchSize(3);
        assertEquals("tag", model.task());
        List<Row> out = model.transform(texts(texts)).orderBy("id").collectAsList();
        for (int i : new int[] {0, 3}) {
            List<String> tokens = List.of(texts.get(i).split("\\s+"));
            assertEquals(tokens, out.get(i).getList(out.get(i).fieldIndex("tokens")));
            assertEquals(tagger.tag(tokens), out.get(i).getList(out.get(i).fieldIndex("tags")));
            assertNull(out.get(i).getAs("error"));
        }
        assertEquals("the text is null", out.get(1).getAs("error"));
        assertEquals(List.of(), out.get(2).getList(out.get(2).fieldIndex("tags")));
    }

    @Test
    void aLanguageModelGivesCrossEntropyAndPerplexityPerText() throws Exception {
        String train = "the cat sat on the mat . the dog sat on the log . ".repeat(20);
        LmConfig config = LmConfig.builder().level("char").dim(8).batch(4).seqLen(8).lr(0.01).build();
        LmTask task = LmTask.create(config, train, train.substring(0, 200));
        task.fit(TrainOptions.builder().epochs(1).clipNorm(1).build());
        Path file = dir.resolve("lm.xent");
        task.save(file);
        LmBundle lm = LmBundle.read(file);
        List<String> texts = Arrays.asList("the cat sat", "on the log", null);
        XentModel model = XentModel.fromBundle(file);
        assertEquals("lm", model.task());
        List<Row> out = model.transform(texts(texts)).orderBy("id").collectAsList();
        for (int i = 0; i < 2; i++) {
            double nats = lm.score(texts.get(i)).natsPerToken();
            assertEquals(nats, (double) out.get(i).getAs("crossEntropy"), 0.0);
            assertEquals(Math.exp(nats), (double) out.get(i).getAs("perplexity"), 0.0);
            assertNull(out.get(i).getAs("error"));
        }
        assertNull(out.get(2).getAs("crossEntropy"));
        assertEquals("the text is null", out.get(2).getAs("error"));
    }
}
