package dev.xent.cli;

import dev.xent.serve.ServeConfig;
import dev.xent.serve.XentServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models trained by the CLI, served by XentServer through ServedModels, answered over loopback HTTP. */
class ServeModelsTest {
    private static String post(XentServer s, String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.port() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void classifierAndLanguageModelAnswer(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        assertEquals(0, Cli.run("train", "classify", "-input", train.toString(), "-dim", "8", "-epoch", "20", "-lr", "0.5",
                "-thread", "1", "-bucket", "100", "--runs-dir", dir.toString(), "-output", "c", "-q").code());
        try (XentServer s = XentServer.start(ServedModels.load(dir.resolve("c/model.xent")),
                ServeConfig.defaults().withPort(0))) {
            String body = post(s, "/v1/predict", "{\"text\": \"a superb film\", \"k\": 2}");
            assertTrue(body.indexOf("\"pos\"") < body.indexOf("\"neg\""), body);
        }

        Path text = TinyText.write(dir.resolve("lm.txt"), 4000, 2);
        Cli t = Cli.run(LmCommandsTest.args("train", "lm", "-input", text.toString(), "--runs-dir", dir.toString(),
                "-output", "lm", "--set", "maxSteps=10"));
        assertEquals(0, t.code(), t.err());
        try (XentServer s = XentServer.start(ServedModels.load(dir.resolve("lm/model.xent")),
                ServeConfig.defaults().withPort(0))) {
            String g1 = post(s, "/v1/generate", "{\"prompt\": \"the \", \"max_tokens\": 12, \"seed\": 3}");
            String g2 = post(s, "/v1/generate", "{\"prompt\": \"the \", \"max_tokens\": 12, \"seed\": 3}");
            assertEquals(g1, g2, "seeded");
            String sc = post(s, "/v1/score", "{\"text\": \"the commission must act.\"}");
            assertTrue(sc.contains("\"perplexity\""), sc);
        }
    }

    @Test
    void translatorAnswersAsXentTranslateDoes(@TempDir Path dir) throws Exception {
        TranslateCommandsTest.pairs(dir, "train", 120, 1);
        Cli t = Cli.run("train", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-dim", "16", "--set", "heads=2",
                "--set", "encoderLayers=1", "--set", "decoderLayers=1", "--set", "feedForward=32",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "maxLen=32", "--set", "warmup=10",
                "-lr", "0.005", "-epoch", "1", "--runs-dir", dir.toString(), "-output", "mt", "--progress", "none");
        assertEquals(0, t.code(), t.err() + t.out());
        Path model = dir.resolve("mt/model.xent");
        Path in = java.nio.file.Files.writeString(dir.resolve("in.de"), "der hund läuft\nrot katze\n");
        Cli cli = Cli.run("translate", model.toString(), in.toString(), "--beam", "3");
        assertEquals(0, cli.code(), cli.err());
        String[] want = cli.out().split("\n");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (XentServer s = XentServer.start(ServedModels.load(model), ServeConfig.defaults().withPort(0))) {
            String one = post(s, "/v1/translate", "{\"text\": \"der hund läuft\", \"beam\": 3}");
            assertEquals(want[0], json.readTree(one).get("translation").asText(), one);
            String batch = post(s, "/v1/translate", "{\"texts\": [\"der hund läuft\", \"rot katze\"], \"beam\": 3}");
            var results = json.readTree(batch).get("results");
            assertEquals(want[0], results.get(0).get("translation").asText(), batch);
            assertEquals(want[1], results.get(1).get("translation").asText(), batch);
            String info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/v1/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("translate", json.readTree(info).at("/model/task").asText(), info);
            assertEquals("transformer", json.readTree(info).at("/model/config/model").asText(), info);
            assertEquals("[\"translate\"]", json.readTree(info).get("capabilities").toString(), info);
        }
    }
}
