// XentSparkMain on local[2]: train classify from fastText-format files, then score to Parquet; flag errors.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.task.classify.FastTextClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XentSparkMainTest {
    @TempDir
    Path dir;

    private Path fastTextFile(String name, List<Example> data) throws Exception {
        StringBuilder s = new StringBuilder();
        for (Example e : data) s.append("__label__").append(e.label()).append(' ').append(e.text()).append("\n\n");
        return Files.writeString(dir.resolve(name), s.toString());
    }

    @Test
    void trainsFromFastTextFilesAndScoresToParquet() throws Exception {
        SparkTests.spark();   // the shared local[2] session: the command takes it over
        Path train = fastTextFile("train.txt", SparkTests.corpus(600, 21));
        Path valid = fastTextFile("valid.txt", SparkTests.corpus(100, 22));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = XentSparkMain.run(new String[] {"train", "classify", "-input", train.toString(), "-valid",
                valid.toString(), "-output", dir.resolve("run").toString(), "-dim", "8", "-epoch", "2", "-lr", "0.5",
                "-syncs", "1", "-partitions", "2"}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, code);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("on 2 partitions"), printed);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("valid accuracy ([0-9.]+) \\(([0-9]+) / 100\\)")
                .matcher(printed);
        assertTrue(m.find() && Double.parseDouble(m.group(1)) > 0.85, printed);
        assertEquals(2, err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch ")).count());
        FastTextClassifier model = FastTextClassifier.load(dir.resolve("run").resolve("model.xent"));
        assertEquals(List.of("a", "b"), model.labels().stream().sorted().toList());

        String scored = dir.resolve("scored.parquet").toString();
        out.reset();
        XentSparkMain.run(new String[] {"score", "-model", dir.resolve("run").resolve("model.xent").toString(),
                "-input", valid.toString(), "-output", scored, "-partitions", "3"}, new PrintStream(out),
                new PrintStream(err));
        String report = out.toString(StandardCharsets.UTF_8);   // the write's tasks (one a partition), one executor
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("scored 100 rows in .* ([0-9]+) partitions\\).*\n"
                + "tasks: executor driver: ([0-9]+) tasks, [0-9.]+ s running, [0-9.]+ s CPU \\([0-9]+%\\)\n").matcher(report);
        assertTrue(t.find() && Integer.parseInt(t.group(2)) >= Integer.parseInt(t.group(1))
                && Integer.parseInt(t.group(1)) >= 3, report);
        List<Row> rows = SparkTests.spark().read().parquet(scored).collectAsList();
        assertEquals(100, rows.size());
        for (Row r : rows) assertEquals(model.predict(r.getAs("text")), r.getAs("prediction"));
    }

    @Test
    void readsTsvJsonLinesAndParquetWithTheirColumnNames() throws Exception {
        Path tsv = Files.writeString(dir.resolve("d.tsv"), "sentence\tlabel\na \"quoted\" film \t1\nbad film \t0\n");
        List<Row> rows = SparkData.read(SparkTests.spark(), tsv.toString(), "tsv", 2).collectAsList();
        assertEquals(List.of("a \"quoted\" film ", "bad film "), rows.stream().map(r -> r.<String>getAs("sentence")).sorted().toList());   // shuffled into 2 partitions
        Path json = Files.writeString(dir.resolve("d.json"), "{\"text\": \"good\", \"y\": 1}\n{\"text\": \"bad\", \"y\": 0}\n");
        Dataset<Row> j = SparkData.read(SparkTests.spark(), json.toString(), "json", 1);
        assertEquals(2, j.count());
        String parquet = dir.resolve("d.parquet").toString();
        j.write().parquet(parquet);
        assertEquals(j.orderBy("text").collectAsList(),
                SparkData.read(SparkTests.spark(), parquet, "parquet", 1).select("text", "y").orderBy("text").collectAsList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.read(SparkTests.spark(), parquet, "xml", 1));
        assertTrue(e.getMessage().startsWith("-format must be"), e.getMessage());
    }

    @Test
    void anUnknownFlagOrAMissingInputIsNamed() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XentSparkMain.run(
                new String[] {"train", "classify", "-input", "x", "-epochs", "3"}, quiet, quiet));
        assertTrue(e.getMessage().startsWith("unknown flag \"-epochs\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XentSparkMain.run(
                new String[] {"train", "classify", "-output", "x"}, quiet, quiet));
        assertEquals("-input is required", e.getMessage());
    }

    @Test
    void trainsATaggerFromCoNllAndALanguageModelFromText() throws Exception {
        SparkTests.spark();
        StringBuilder conll = new StringBuilder();
        for (dev.xent.data.TaggedSentence s : SparkTests.tagged(120, 31, false)) {
            for (int i = 0; i < s.size(); i++) conll.append(s.tokens().get(i)).append(' ').append(s.tags().get(i)).append('\n');
            conll.append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.conll"), conll.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = XentSparkMain.run(new String[] {"train", "tag", "-input", train.toString(), "-output",
                dir.resolve("tag").toString(), "-dim", "8", "-hidden", "8", "-charDim", "0", "-epoch", "2",
                "-batch", "8", "-partitions", "2"}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("on 2 partitions"), out.toString(StandardCharsets.UTF_8));
        dev.xent.task.tag.Tagger tagger = dev.xent.task.tag.Tagger.load(dir.resolve("tag").resolve("model.xent"));
        assertEquals(List.of("DET", "NOUN", "NUM", "VERB"), tagger.tags());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("step 1 (epoch 1, batch 1)"), err.toString(StandardCharsets.UTF_8));

        Path text = Files.write(dir.resolve("text.txt"), XentLanguageModelTest.lines(300, 2));
        code = XentSparkMain.run(new String[] {"train", "lm", "-input", text.toString(), "-output",
                dir.resolve("lm").toString(), "-level", "word", "-minCount", "1", "-dim", "8", "-batch", "4",
                "-bptt", "8", "-partitions", "2"}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, code);
        dev.xent.task.lm.LmBundle lm = dev.xent.task.lm.LmBundle.read(dir.resolve("lm").resolve("model.xent"));
        assertEquals("word", lm.codec().level());

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XentSparkMain.run(
                new String[] {"train", "lm", "-input", "x", "-output", "y", "-cell", "rnn"}, quiet, quiet));
        assertTrue(e.getMessage().startsWith("-cell rnn: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XentSparkMain.run(
                new String[] {"train", "tag", "-input", "x", "-output", "y", "-dim", "big"}, quiet, quiet));
        assertEquals("-dim must be a number; got \"big\"", e.getMessage());
    }

    @Test
    void trainsANeuralClassifierWithTheCliFlags() throws Exception {
        SparkTests.spark();
        Path train = fastTextFile("train.txt", SparkTests.corpus(300, 23));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path valid = fastTextFile("valid.txt", SparkTests.corpus(50, 24));
        int code = XentSparkMain.run(new String[] {"train", "classify", "-model", "cnn", "-input", train.toString(),
                "-valid", valid.toString(), "-output", dir.resolve("cnn").toString(), "-dim", "8", "-filters", "4", "-widths", "2,3", "-epoch", "1",
                "-batch", "16", "-partitions", "2"}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, code);
        dev.xent.task.classify.NeuralClassifier c = dev.xent.task.classify.NeuralClassifier.load(
                dir.resolve("cnn").resolve("model.xent"));
        assertEquals(List.of("a", "b"), c.labels());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("valid accuracy"), out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("step 1 (epoch 1, batch 1)"), err.toString(StandardCharsets.UTF_8));
    }
}
