// The load-test classifier: a proper distribution, deterministic per seed, sorted top-k, and its bench requests serve.
package dev.xent.bench.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.serve.LabelProbability;
import dev.xent.serve.ServeConfig;
import dev.xent.serve.XentServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomBagOfWordsClassifierTest {
    static final List<String> LABELS = List.of("w", "x", "y", "z");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void wordsAreDistinctAndKnown() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) assertTrue(seen.add(RandomBagOfWordsClassifier.word(i)), "word " + i);
        assertEquals("ba", RandomBagOfWordsClassifier.word(0));
        assertEquals("koba", RandomBagOfWordsClassifier.word(20));
    }

    @Test
    void probabilitiesSumToOneAndDependOnTheText() {
        var m = new RandomBagOfWordsClassifier(1000, 500, 16, LABELS, 3);
        double[] p = m.probabilities("ko ri te mu sa");
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-12);
        for (double v : p) assertTrue(v > 0 && v < 1);
        assertFalse(java.util.Arrays.equals(p, m.probabilities("lo ne di fu ga")));
        // word order matters through the bigrams only
        assertNotEquals(p[0], m.probabilities("sa mu te ri ko")[0]);
        // without bigram buckets, order does not matter
        var unigrams = new RandomBagOfWordsClassifier(1000, 0, 16, LABELS, 3);
        assertArrayEquals(unigrams.probabilities("ko ri te"), unigrams.probabilities("te ri ko"), 1e-12);
    }

    @Test
    void sameSeedSameModelAndCaseAndSpacingIgnored() {
        var a = new RandomBagOfWordsClassifier(1000, 500, 16, LABELS, 3);
        var b = new RandomBagOfWordsClassifier(1000, 500, 16, LABELS, 3);
        assertArrayEquals(a.probabilities("ko ri te"), b.probabilities("  KO ri\tTe "), 0);
    }

    @Test
    void unknownTextIsUniform() {
        var m = new RandomBagOfWordsClassifier(1000, 500, 16, LABELS, 3);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, m.probabilities("qqq zzz"), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, m.probabilities(""), 1e-12);
    }

    @Test
    void topKIsSortedAndBounded() {
        var m = new RandomBagOfWordsClassifier(1000, 500, 16, LABELS, 3);
        List<LabelProbability> top = m.predict("ko ri te mu", 3);
        assertEquals(3, top.size());
        assertTrue(top.get(0).probability() >= top.get(1).probability());
        assertTrue(top.get(1).probability() >= top.get(2).probability());
        assertEquals(4, m.predict("ko", 10).size());
    }

    @Test
    void benchRequestsAreServedByTheBenchModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        ServeBenchMain.writeRequests(file, 20, 5);
        List<String> lines = Files.readAllLines(file);
        assertEquals(20, lines.size());
        var model = new RandomBagOfWordsClassifier(ServeBenchMain.VOCAB, 1000, 8, LABELS, 1);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (XentServer server = XentServer.start(model, ServeConfig.defaults().withPort(0))) {
            String base = "http://127.0.0.1:" + server.port();
            for (String line : lines) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/predict"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(line))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                int k = MAPPER.readTree(line).get("k").asInt();
                assertEquals(k, MAPPER.readTree(r.body()).get("predictions").size());
            }
            HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/info"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertFalse(MAPPER.readTree(info.body()).at("/model/provenance/trained").asBoolean(true));
        }
    }
}
