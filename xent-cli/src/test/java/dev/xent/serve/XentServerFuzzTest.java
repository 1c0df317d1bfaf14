// Random bodies never make the server answer 500 or hang: only 200 or a clear 400/422 JSON error.
package dev.xent.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class XentServerFuzzTest {
    static final List<String> PATHS = List.of("/v1/predict", "/v1/tag", "/v1/generate", "/v1/score",
            "/v1/translate");
    static final List<String> KEYS = List.of("text", "texts", "k", "prompt", "prompts", "max_tokens", "temperature",
            "top_k", "top_p", "seed", "tokens", "sentences", "extra");
    static XentServer server;
    static Http http;

    @BeforeContainer
    static void start() throws Exception {
        server = XentServer.start(new ToyModel(), ServeConfig.defaults().withPort(0).withMaxBatch(8));
        http = new Http(server);
    }

    @AfterContainer
    static void stop() {
        server.stop(Duration.ZERO);
    }

    @Property(tries = 50)
    void randomBytesGet400Or422(@ForAll("paths") String path, @ForAll("bytes") byte[] body) throws Exception {
        // bytes decoded as Latin-1 so every byte value reaches the server as itself
        Http.Reply r = http.post(path, new String(body, StandardCharsets.ISO_8859_1), "application/json");
        assertAnswered(r, Set.of(200, 400, 422));
    }

    @Property(tries = 50)
    void randomJsonObjectsGet200Or422(@ForAll("paths") String path, @ForAll("objects") Map<String, Object> body)
            throws Exception {
        Http.Reply r = http.post(path, Http.MAPPER.writeValueAsString(body));
        assertAnswered(r, Set.of(200, 422));
    }

    @Property(tries = 80)
    void mutatedValidRequestsGet200Or422(@ForAll("mutated") Map.Entry<String, Map<String, Object>> request)
            throws Exception {
        Http.Reply r = http.post(request.getKey(), Http.MAPPER.writeValueAsString(request.getValue()));
        assertAnswered(r, Set.of(200, 422));
    }

    private static void assertAnswered(Http.Reply r, Set<Integer> allowed) {
        assertTrue(allowed.contains(r.status()), r.status() + " " + r.json());
        if (r.status() != 200) {
            assertFalse(r.json().get("error").asText().isBlank(), r.json().toString());
            assertFalse(r.json().get("fix").asText().isBlank(), r.json().toString());
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return Arbitraries.maps(Arbitraries.of(KEYS), values(2)).ofMaxSize(5).map(LinkedHashMap::new);
    }

    /** A valid request for a random endpoint, then up to two fields set to random values or removed. */
    @Provide
    Arbitrary<Map.Entry<String, Map<String, Object>>> mutated() {
        Arbitrary<Map.Entry<String, Object>> edit = Combinators.combine(Arbitraries.of(KEYS), values(1))
                .as(AbstractMap.SimpleEntry::new);  // Map.entry refuses the null JSON value
        return Combinators.combine(Arbitraries.of(PATHS), edit.list().ofMaxSize(2),
                Arbitraries.of(true, false)).as((path, edits, remove) -> {
                    Map<String, Object> body = new LinkedHashMap<>(valid(path));
                    for (Map.Entry<String, Object> e : edits) {
                        if (remove && body.containsKey(e.getKey())) body.remove(e.getKey());
                        else body.put(e.getKey(), e.getValue());
                    }
                    return Map.entry(path, body);
                });
    }

    private static Map<String, Object> valid(String path) {
        return switch (path) {
            case "/v1/predict" -> Map.of("text", "a cat", "k", 2);
            case "/v1/tag" -> Map.of("tokens", List.of("A", "cat"));
            case "/v1/generate" -> Map.of("prompt", "a", "max_tokens", 3, "temperature", 0.5, "seed", 1);
            default -> Map.of("text", "a cat");
        };
    }

    /** Any JSON value, nested at most {@code depth} levels. Strings avoid the toy model's trigger words. */
    private static Arbitrary<Object> values(int depth) {
        // no 'b', 'o' or 'r': the toy model's "boom", "block" and "reject" cannot be spelt
        Arbitrary<String> strings = Arbitraries.strings()
                .withChars("acdefghijklmnpqstuvwxyzACDE \u00e9\ud83d\ude00\"\\\n").ofMaxLength(12);
        List<Arbitrary<Object>> leaves = List.of(
                strings.map(s -> s),
                Arbitraries.integers().between(-5, 600).map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.doubles().between(-2, 2).map(d -> d),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.just(null));
        Arbitrary<Object> leaf = Arbitraries.oneOf(leaves);
        if (depth == 0) return leaf;
        Arbitrary<Object> list = values(depth - 1).list().ofMaxSize(10).map(l -> l);
        Arbitrary<Object> listOfStrings = strings.list().ofMaxSize(10).map(l -> l);
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(2, listOfStrings), Tuple.of(1, list));
    }
}
