// Every endpoint's happy path against the toy model: health, info, predict, tag, generate, score, translate; one and batch.
package dev.xent.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XentServerEndpointsTest {
    static XentServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = XentServer.start(new ToyModel(), ServeConfig.defaults().withPort(0));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.stop(java.time.Duration.ZERO);
    }

    @Test
    void healthListsCapabilities() throws Exception {
        var r = http.get("/v1/health");
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
        assertEquals("[\"predict\",\"tag\",\"generate\",\"score\",\"translate\"]", r.json().get("capabilities").toString());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void infoHasModelInfoAndLimits() throws Exception {
        var r = http.get("/v1/info");
        assertEquals(200, r.status());
        assertEquals("toy", r.json().at("/model/name").asText());
        assertEquals(1 << 20, r.json().at("/limits/max_body_bytes").asInt());
        assertEquals(512, r.json().at("/limits/max_generate_tokens").asInt());
        assertEquals(Endpoints.MAX_BEAM, r.json().at("/limits/max_beam").asInt());
    }

    @Test
    void predictTopKSortedWithProbabilities() throws Exception {
        var r = http.post("/v1/predict", "{\"text\": \"cc b\", \"k\": 2}");
        assertEquals(200, r.status(), r.json().toString());
        JsonNode p = r.json().get("predictions");
        assertEquals(2, p.size());
        assertEquals("c", p.get(0).get("label").asText());  // weights a=1, b=2, c=3 over 6
        assertEquals(0.5, p.get(0).get("probability").asDouble(), 1e-12);
        assertEquals("b", p.get(1).get("label").asText());
        assertEquals(2.0 / 6, p.get(1).get("probability").asDouble(), 1e-12);
    }

    @Test
    void predictDefaultsToOneLabelAndCapsAtTheModelsLabels() throws Exception {
        assertEquals(1, http.post("/v1/predict", "{\"text\": \"aaa\"}").json().get("predictions").size());
        assertEquals(3, http.post("/v1/predict", "{\"text\": \"x\", \"k\": 50}").json().get("predictions").size());
    }

    @Test
    void predictBatchKeepsOrder() throws Exception {
        var r = http.post("/v1/predict", "{\"texts\": [\"aa\", \"bb\", \"cc\"]}");
        assertEquals(200, r.status(), r.json().toString());
        JsonNode results = r.json().get("results");
        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf("abc".charAt(i)), results.get(i).at("/predictions/0/label").asText());
        }
    }

    @Test
    void tagOneSentenceAndABatch() throws Exception {
        var r = http.post("/v1/tag", "{\"tokens\": [\"John\", \"lives\", \"in\", \"Paris\"]}");
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("[\"CAP\",\"low\",\"low\",\"CAP\"]", r.json().get("tags").toString());
        assertEquals("[\"John\",\"lives\",\"in\",\"Paris\"]", r.json().get("tokens").toString());
        var b = http.post("/v1/tag", "{\"sentences\": [[\"a\"], [\"B\", \"c\"]]}");
        assertEquals("[\"low\"]", b.json().at("/results/0/tags").toString());
        assertEquals("[\"CAP\",\"low\"]", b.json().at("/results/1/tags").toString());
    }

    @Test
    void generateIsReproducibleForASeedAndEchoesARandomOne() throws Exception {
        String req = "{\"prompt\": \"once\", \"max_tokens\": 20, \"temperature\": 0.8, \"top_k\": 3, "
                + "\"top_p\": 0.9, \"seed\": 7}";
        var a = http.post("/v1/generate", req);
        assertEquals(200, a.status(), a.json().toString());
        assertEquals(20, a.json().get("text").asText().split(" ").length);
        assertEquals(7, a.json().get("seed").asLong());
        assertEquals(a.json(), http.post("/v1/generate", req).json());
        assertNotEquals(a.json().get("text"),
                http.post("/v1/generate", req.replace("\"seed\": 7", "\"seed\": 8")).json().get("text"));
        var random = http.post("/v1/generate", "{\"prompt\": \"once\"}");
        assertEquals(64, random.json().get("text").asText().split(" ").length);  // default max_tokens
        long seed = random.json().get("seed").asLong();
        var again = http.post("/v1/generate", "{\"prompt\": \"once\", \"seed\": " + seed + "}");
        assertEquals(random.json().get("text"), again.json().get("text"));
    }

    @Test
    void generateGreedyAndBatch() throws Exception {
        var r = http.post("/v1/generate", "{\"prompts\": [\"x\", \"y\"], \"max_tokens\": 2, \"temperature\": 0}");
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("alpha alpha", r.json().at("/results/0/text").asText());
        assertEquals("alpha alpha", r.json().at("/results/1/text").asText());
    }

    @Test
    void scoreGivesCrossEntropyBitsPerCharAndPerplexity() throws Exception {
        var r = http.post("/v1/score", "{\"text\": \"ab cd\"}");  // 5 chars, 2 tokens, 5 ln 2 nats
        assertEquals(200, r.status(), r.json().toString());
        assertEquals(2.5 * Math.log(2), r.json().get("cross_entropy").asDouble(), 1e-12);
        assertEquals(1.0, r.json().get("bits_per_char").asDouble(), 1e-12);
        assertEquals(Math.pow(2, 2.5), r.json().get("perplexity").asDouble(), 1e-9);
        assertEquals(2, r.json().get("tokens").asInt());
        assertEquals(5, r.json().get("chars").asInt());
        var b = http.post("/v1/score", "{\"texts\": [\"a\", \"\u00e9t\u00e9 \ud83d\ude00\"]}");
        assertEquals(200, b.status(), b.json().toString());
        assertEquals(5, b.json().at("/results/1/chars").asInt());  // code points, not UTF-16 units
    }

    @Test
    void translateOneTextABatchAndItsSettings() throws Exception {
        var r = http.post("/v1/translate", "{\"text\": \"ein hund\", \"beam\": 1, \"alpha\": 0}");
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("{\"translation\":\"hund ein\"}", r.json().toString());
        var d = http.post("/v1/translate", "{\"text\": \"a b\"}");   // defaults: beam 5, alpha 0.6
        assertEquals("b+b+b+b+b+a+a+a+a+a", d.json().get("translation").asText());
        var b = http.post("/v1/translate", "{\"texts\": [\"x y\", \"\", \"z\"], \"beam\": 2, \"alpha\": 0}");
        assertEquals(200, b.status(), b.json().toString());
        assertEquals("{\"results\":[{\"translation\":\"y y x x\"},{\"translation\":\"\"},{\"translation\":\"z z\"}]}",
                b.json().toString());
    }

    @Test
    void queryStringsAndCharsetParameterAreAccepted() throws Exception {
        assertEquals(200, http.get("/v1/health?verbose=1").status());
        assertEquals(200, http.post("/v1/predict", "{\"text\": \"a\"}", "application/json; charset=UTF-8").status());
    }
}
