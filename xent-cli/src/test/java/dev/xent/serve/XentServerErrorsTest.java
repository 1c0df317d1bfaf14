// Every error status the server answers, each with its JSON {"error", "field", "fix"} body.
package dev.xent.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XentServerErrorsTest {
    static XentServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = XentServer.start(new ToyModel(), ServeConfig.defaults().withPort(0));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ZERO);
    }

    /** The reply has this status and a JSON error naming {@code field} (null: none) with a non-empty fix. */
    static void assertError(Http.Reply r, int status, String field, String errorPart) {
        assertEquals(status, r.status(), r.json().toString());
        String error = r.json().get("error").asText();
        assertTrue(error.contains(errorPart), "error '" + error + "' should mention '" + errorPart + "'");
        if (field == null) assertTrue(r.json().get("field").isNull(), r.json().toString());
        else assertEquals(field, r.json().get("field").asText());
        assertFalse(r.json().get("fix").asText().isBlank(), r.json().toString());
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() throws Exception {
        assertError(http.post("/v1/predict", "{\"text\": \"a\",\n \"k\": }"), 400, null, "line 2");
        assertError(http.post("/v1/predict", "{\"text\": \"a\"} trailing"), 400, null, "malformed JSON");
        assertError(http.post("/v1/predict", "{\"text\": \"a\", \"text\": \"b\"}"), 400, null, "Duplicate");
        assertError(http.post("/v1/predict", ""), 400, null, "empty request body");
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        String req = "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 14\r\nConnection: close\r\n\r\n{\"text\": \"\u00ff\u00fe\"}";
        assertEquals(400, Http.rawStatus(server.port(), req));  // bytes FF FE: not UTF-8
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertError(http.get("/v1/nope"), 404, null, "/v1/nope");
        assertError(http.get("/"), 404, null, "no endpoint");
        assertError(http.post("/v1/predict/", "{}"), 404, null, "no endpoint");
    }

    @Test
    void wrongMethodIs405WithAllowHeader() throws Exception {
        var r = http.get("/v1/predict");
        assertError(r, 405, null, "GET is not allowed");
        assertEquals("POST", r.raw().headers().firstValue("Allow").orElse(""));
        var d = http.method("DELETE", "/v1/health");
        assertError(d, 405, null, "DELETE");
        assertEquals("GET, HEAD", d.raw().headers().firstValue("Allow").orElse(""));
        assertError(http.post("/v1/info", "{}"), 405, null, "POST");
    }

    @Test
    void headOnAGetEndpointAnswersHeadersOnly() throws Exception {
        String req = "HEAD /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertEquals(200, Http.rawStatus(server.port(), req));
        String post = "HEAD /v1/predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertEquals(405, Http.rawStatus(server.port(), post));
    }

    @Test
    void deeplyNestedJsonIs400NotAStackOverflow() throws Exception {
        String deep = "{\"text\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(http.post("/v1/predict", deep), 400, null, "nesting depth");
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        assertError(http.post("/v1/predict", "{\"text\": \"a\"}", null), 415, null, "no Content-Type");
        assertError(http.post("/v1/predict", "text=a", "application/x-www-form-urlencoded"), 415, null, "urlencoded");
        assertError(http.post("/v1/predict", "{\"text\": \"a\"}", "application/json; charset=latin1"), 415, null,
                "latin1");
    }

    @Test
    void invalidValuesAre422NamingTheField() throws Exception {
        assertError(http.post("/v1/predict", "[1, 2]"), 422, null, "must be a JSON object");
        assertError(http.post("/v1/predict", "{\"txt\": \"a\"}"), 422, "txt", "unknown field 'txt'");
        assertError(http.post("/v1/predict", "{\"k\": 1}"), 422, "text", "missing field 'text'");
        assertError(http.post("/v1/predict", "{\"text\": \"a\", \"texts\": [\"b\"]}"), 422, "texts", "both");
        assertError(http.post("/v1/predict", "{\"text\": 5}"), 422, "text", "must be a JSON string");
        assertError(http.post("/v1/predict", "{\"texts\": []}"), 422, "texts", "non-empty JSON array");
        assertError(http.post("/v1/predict", "{\"texts\": [\"a\", null]}"), 422, "texts[1]", "JSON string");
        assertError(http.post("/v1/predict", "{\"text\": \"a\", \"k\": 0}"), 422, "k", "[1, 100]");
        assertError(http.post("/v1/predict", "{\"text\": \"a\", \"k\": 1.5}"), 422, "k", "integer");
        assertError(http.post("/v1/predict", "{\"text\": \"a\", \"k\": \"2\"}"), 422, "k", "integer");
        assertError(http.post("/v1/tag", "{\"tokens\": [\"a\", \"\"]}"), 422, "tokens[1]", "empty");
        assertError(http.post("/v1/tag", "{\"tokens\": \"a b\"}"), 422, "tokens", "array");
        assertError(http.post("/v1/generate", "{\"prompt\": \"a\", \"temperature\": -1}"), 422, "temperature",
                "[0, 100]");
        assertError(http.post("/v1/generate", "{\"prompt\": \"a\", \"top_p\": 0}"), 422, "top_p", "(0, 1]");
        assertError(http.post("/v1/generate", "{\"prompt\": \"a\", \"top_k\": -1}"), 422, "top_k", "integer");
        assertError(http.post("/v1/generate", "{\"prompt\": \"a\", \"seed\": 1e3}"), 422, "seed", "integer");
        assertError(http.post("/v1/score", "{\"text\": \"\"}"), 422, "text", "empty text");
        assertError(http.post("/v1/score", "{\"texts\": [\"a\", \"\"]}"), 422, "texts[1]", "empty text");
        assertError(http.post("/v1/translate", "{\"text\": \"a\", \"beam\": 0}"), 422, "beam", "[1, 16]");
        assertError(http.post("/v1/translate", "{\"text\": \"a\", \"beam\": 17}"), 422, "beam", "[1, 16]");
        assertError(http.post("/v1/translate", "{\"text\": \"a\", \"alpha\": -1}"), 422, "alpha", "[0, 10]");
        assertError(http.post("/v1/translate", "{\"sentence\": \"a\"}"), 422, "sentence", "unknown field");
    }

    @Test
    void modelInputExceptionIs422WithTheModelsFieldAndFix() throws Exception {
        var r = http.post("/v1/predict", "{\"text\": \"please reject\"}");
        assertError(r, 422, "text", "rejects");
        assertEquals("send another word", r.json().get("fix").asText());
        var b = http.post("/v1/score", "{\"texts\": [\"fine\", \"reject\"]}");
        assertError(b, 422, "texts[1]", "item 1 of 'texts': the toy model rejects");
    }

    @Test
    void missingCapabilityIs501() throws Exception {
        try (var onlyTag = XentServer.start(new ToyModel(EnumSet.of(ServedModel.Capability.TAG)),
                ServeConfig.defaults().withPort(0))) {
            Http h = new Http(onlyTag);
            for (String path : List.of("/v1/predict", "/v1/generate", "/v1/score", "/v1/translate")) {
                assertError(h.post(path, "{\"text\": \"a\"}"), 501, null, "does not support " + path);
            }
            assertEquals(200, h.post("/v1/tag", "{\"tokens\": [\"a\"]}").status());
            assertEquals("[\"tag\"]", h.get("/v1/health").json().get("capabilities").toString());
        }
    }

    @Test
    void aModelBugIs500LoggedWithItsStackTraceButNotLeaked() throws Exception {
        List<LogRecord> records = captureServerLog(() -> {
            var r = http.post("/v1/predict", "{\"text\": \"boom\"}");
            assertError(r, 500, null, "internal error");
            assertFalse(r.json().toString().contains("secret internal detail"), r.json().toString());
        });
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("toy bug: secret internal detail", records.get(0).getThrown().getMessage());
        assertEquals(200, http.get("/v1/health").status());  // the server lives on
    }

    @Test
    void aModelBreakingItsContractIs500NotAMalformedAnswer() throws Exception {
        ToyModel broken = new ToyModel() {
            @Override
            public List<String> tag(List<String> tokens) {
                return List.of("only-one");
            }
        };
        try (var s = XentServer.start(broken, ServeConfig.defaults().withPort(0))) {
            List<LogRecord> records = captureServerLog(() -> assertError(
                    new Http(s).post("/v1/tag", "{\"tokens\": [\"a\", \"b\"]}"), 500, null, "internal error"));
            assertEquals(1, records.size());
            assertTrue(records.get(0).getThrown().getMessage().contains("one tag per token"),
                    records.get(0).getThrown().getMessage());
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the server's logger captured (and kept out of the test output); returns its records. */
    static List<LogRecord> captureServerLog(Body body) throws Exception {
        Logger jul = Logger.getLogger(XentServer.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        try {
            body.run();
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(parents);
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
