package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import dev.xent.serve.ServeConfig;
import dev.xent.serve.XentServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `xent train classify -model cnn|rnn|transformer` on separable generated data, then predict, eval, info and serve
 * on the bundle; settings of another model and unknown models are refused; --resume of a neural run is exact.
 */
class NeuralClassifyCommandsTest {
    static final String[] TINY = {"-dim", "8", "--set", "batch=16", "-thread", "1", "--progress", "none"};

    static Cli train(Path dir, String model, String name, String... extra) throws Exception {
        Path train = dir.resolve("train.txt"), valid = dir.resolve("valid.txt");
        if (!Files.exists(train)) {
            ClassifyCommandsTest.data(train, 200, 1, false);
            ClassifyCommandsTest.data(valid, 60, 2, false);
        }
        List<String> a = new ArrayList<>(List.of("train", "classify", "-model", model, "-input", train.toString(),
                "-valid", valid.toString(), "--runs-dir", dir.resolve("runs").toString(), "-output", name));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    private static void learnsAndRoundTrips(Path dir, String model, String... extra) throws Exception {
        Cli t = train(dir, model, model, extra);
        assertEquals(0, t.code(), t.out() + t.err());
        Path run = dir.resolve("runs/" + model);
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(s.path("final").path("valid_accuracy").asDouble() >= 0.95, model + ": " + t.out());
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("Confusion matrix"), model);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        List<String> valid = metrics.stream().filter(l -> l.contains("\"split\":\"valid\"")).toList();
        assertEquals(epochs(extra), valid.size(), "a valid record per epoch: " + metrics);
        assertEquals(epochs(extra), metrics.stream().filter(l -> l.contains("\"split\":\"train_epoch\"")).count(), metrics.toString());
        assertEquals(13L * epochs(extra) / 10, metrics.stream().filter(l -> l.contains("\"split\":\"train\"")).count(),
                "a train record every 10 steps (200 texts / batch 16 = 13 steps an epoch)");
        assertTrue(valid.get(0).contains("\"accuracy\"") && valid.get(0).contains("\"macro_f1\"")
                && valid.get(0).contains("\"loss\""), valid.get(0));

        Path bundle = run.resolve("model.xent"), in = dir.resolve("in.txt");
        Files.writeString(in, "a superb film\n\n__label__pos the plot was dull\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("predict", bundle.toString(), in.toString(), "-k", "2");
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n", -1);
        assertTrue(lines[0].matches("__label__pos 0\\.\\d{5} __label__neg 0\\.\\d{5}"), model + ": " + p.out());
        assertEquals("", lines[1], "a blank line stays blank");
        assertTrue(lines[2].startsWith("__label__neg "), "the gold label on the line is not input: " + p.out());

        Cli e = Cli.run("eval", bundle.toString(), dir.resolve("valid.txt").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy"), e.out());
        assertEquals(s.path("final").path("valid_accuracy").asDouble(), accuracy(e.out()), 1e-4,
                "eval of the saved bundle gives the run's final validation accuracy");

        Cli i = Cli.run("info", bundle.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("\"format\" : \"xent.neural-classifier\"") && i.out().contains("\"kind\" : \"" + model + "\"")
                && i.out().contains("data        " + dir.resolve("train.txt") + "  sha256 ")
                && i.out().contains("embedding.weight") && i.out().contains("valid_accuracy"), i.out());
    }

    private static int epochs(String... extra) {
        for (int k = 0; k < extra.length - 1; k++) if (extra[k].equals("-epoch")) return Integer.parseInt(extra[k + 1]);
        return 5;
    }

    private static double accuracy(String evalOut) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("accuracy (\\d\\.\\d+)").matcher(evalOut);
        assertTrue(m.find(), evalOut);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void cnnTrainsPredictsEvaluatesAndShowsInfo(@TempDir Path dir) throws Exception {
        learnsAndRoundTrips(dir, "cnn", "-epoch", "4", "--set", "filters=8", "--set", "widths=1,2", "-lr", "0.01");
    }

    @Test
    void rnnTrainsPredictsEvaluatesAndShowsInfo(@TempDir Path dir) throws Exception {
        learnsAndRoundTrips(dir, "rnn", "-epoch", "4", "--set", "hidden=8", "--set", "cell=gru", "-lr", "0.02");
    }

    @Test
    void transformerTrainsPredictsEvaluatesAndShowsInfo(@TempDir Path dir) throws Exception {
        learnsAndRoundTrips(dir, "transformer", "-epoch", "3", "--set", "heads=2", "--set", "layers=1",
                "--set", "maxLength=16", "-lr", "0.01");
    }

    @Test
    void servedNeuralClassifierAnswersPredict(@TempDir Path dir) throws Exception {
        Cli t = train(dir, "cnn", "c", "-epoch", "3", "--set", "filters=8", "--set", "widths=2", "-lr", "0.01");
        assertEquals(0, t.code(), t.err());
        try (XentServer s = XentServer.start(ServedModels.load(dir.resolve("runs/c/model.xent")),
                ServeConfig.defaults().withPort(0))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/v1/predict")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"a superb film\", \"k\": 2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().indexOf("\"pos\"") >= 0 && r.body().indexOf("\"pos\"") < r.body().indexOf("\"neg\""), r.body());
            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/v1/info")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, info.statusCode(), info.body());
            assertTrue(info.body().contains("\"model\":\"cnn\"") && info.body().contains("TextCNN"), info.body());
        }
    }

    /** Two independent labels per text ("pos"/"neg" by the sentiment word, "long" iff the text has a 4th word). */
    @Test
    void multiLabelDataTrainsSigmoidsWithOva(@TempDir Path dir) throws Exception {
        java.util.Random r = new java.util.Random(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            boolean p = r.nextBoolean(), longer = r.nextBoolean();
            sb.append(p ? "__label__pos " : "__label__neg ").append(longer ? "__label__long " : "")
                    .append(p ? "great" : "dull").append(" film").append(longer ? " indeed here" : "").append('\n');
        }
        Path train = Files.writeString(dir.resolve("ml.txt"), sb);
        Cli t = Cli.run("train", "classify", "-model", "cnn", "-input", train.toString(), "-valid", train.toString(),
                "-loss", "ova", "-dim", "8", "--set", "filters=8", "--set", "widths=1,2", "-epoch", "4", "-lr", "0.02",
                "--set", "batch=16", "--runs-dir", dir.resolve("runs").toString(), "-output", "ml", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path bundle = dir.resolve("runs/ml/model.xent");
        Cli i = Cli.run("info", bundle.toString());
        assertTrue(i.out().contains("\"objective\" : \"multilabel\"") && i.out().contains("\"long\""), i.out());
        Path in = Files.writeString(dir.resolve("in.txt"), "great film indeed here\n");
        Cli p = Cli.run("predict", bundle.toString(), in.toString(), "-k", "2");
        assertEquals(0, p.code(), p.err());
        // near 1: 0.9xxxx, or 1.00000 once rounded to five places
        assertTrue(p.out().matches("__label__(pos|long) (0\\.9\\d{4}|1\\.0{5}) __label__(pos|long) (0\\.9\\d{4}|1\\.0{5})\n"),
                "both labels of the text get independent sigmoid probabilities near 1: " + p.out());
    }

    @Test
    void settingsOfAnotherModelAndUnknownModelsAreRefused(@TempDir Path dir) throws Exception {
        Cli other = train(dir, "rnn", "x", "--set", "filters=8");
        assertEquals(ExitCodes.USAGE, other.code(), other.err());
        assertTrue(other.cleanError() && other.err().contains("setting filters applies to -model cnn only; this run is "
                + "-model rnn"), other.err());
        Cli ngrams = train(dir, "cnn", "y", "-wordNgrams", "2");
        assertTrue(ngrams.cleanError() && ngrams.err().contains("setting wordNgrams (flag -wordNgrams) applies to -model "
                + "fasttext, nbsvm only"), ngrams.err());
        Cli unknown = train(dir, "lstm", "z");
        assertTrue(unknown.cleanError() && unknown.err().contains("-model must be one of fasttext, nbsvm, cnn, rnn, transformer, auto")
                && unknown.err().contains("'lstm'"), unknown.err());
        Path yaml = Files.writeString(dir.resolve("gru.yaml"), "model: rnn\ncell: gru\nhidden: 4\nepoch: 1\n");
        Cli fromFile = Cli.run("train", "classify", "--config", yaml.toString(), "-input", dir.resolve("train.txt").toString(),
                "--runs-dir", dir.resolve("runs").toString(), "-output", "f", "--progress", "none");
        assertEquals(0, fromFile.code(), fromFile.err());
        assertTrue(fromFile.out().contains("BiGRU(emb 100, hidden 4"), "the --config file chose the model: " + fromFile.out());
        Cli heads = train(dir, "transformer", "w", "--set", "heads=3");
        assertTrue(heads.cleanError() && heads.err().contains("divisible by heads"), heads.err());
        assertFalse(Files.exists(dir.resolve("runs/w")), "a run that failed before training leaves no directory");
    }

    @Test
    void damagedOrNewerBundlesAreClearErrors(@TempDir Path dir) throws Exception {
        Cli t = train(dir, "cnn", "c", "-epoch", "1", "--set", "filters=4", "--set", "widths=1");
        assertEquals(0, t.code(), t.err());
        ModelBundle b = ModelBundle.read(dir.resolve("runs/c/model.xent"));
        ObjectNode v2 = b.config().deepCopy();
        v2.put("version", 2);
        Path newer = dir.resolve("v2.xent");
        ModelBundle.Builder nb = ModelBundle.builder(v2, b.provenance()).json("vocab", b.json("vocab"));
        b.weights().forEach(nb::weight);
        nb.build().write(newer);
        Path valid = dir.resolve("valid.txt");
        for (Cli c : List.of(Cli.run("predict", newer.toString(), valid.toString()), Cli.run("eval", newer.toString(),
                valid.toString()))) {
            assertEquals(ExitCodes.BAD_INPUT, c.code(), c.err());
            assertTrue(c.cleanError() && c.err().contains("unsupported xent.neural-classifier version 2")
                    && c.err().contains("Fix:"), c.err());
        }
        Path noWeights = dir.resolve("noweights.xent");
        ModelBundle.builder(b.config(), b.provenance()).json("vocab", b.json("vocab")).build().write(noWeights);
        Cli p = Cli.run("predict", noWeights.toString(), valid.toString());
        assertTrue(p.cleanError() && p.err().contains("do not fit") && p.err().contains("embedding.weight"), p.err());
    }

    @Test
    void neuralRunResumesExactly(@TempDir Path dir) throws Exception {
        Cli t = train(dir, "rnn", "full", "-epoch", "2", "--set", "hidden=6", "--set", "dropout=0.3",
                "--set", "checkpointEvery=5", "--set", "keepCheckpoints=100");
        assertEquals(0, t.code(), t.err());
        Path full = dir.resolve("runs/full");
        // 200 examples / batch 16 = 13 steps an epoch: checkpoints at 5, 10, 13 (epoch end), 15, 20, 25, 26
        Cli other = Cli.run("train", "classify", "--resume", full.toString(), "-model", "cnn");
        assertTrue(other.cleanError() && other.err().contains("a -model rnn run; -model cnn differs"), other.err());
        Path crashed = TrainResumeTest.crashedCopy(full, dir.resolve("runs/at15"), 15);
        Cli r = Cli.run("train", "classify", "--resume", crashed.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("resumed   from") && r.out().contains("ckpt-15.xent"), r.out());
        TrainResumeTest.assertSameRun(full, crashed);
    }
}
