// The HTTP prediction server: JDK HttpServer on virtual threads, JSON in and out, limits, clear errors, graceful stop.
package dev.xent.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves one {@link ServedModel} over HTTP/1.1:
 * <pre>
 *   GET  /v1/health   {"status": "ok", "capabilities": [...]}
 *   GET  /v1/info     model config, provenance and sizes, plus the server's limits
 *   POST /v1/predict  /v1/tag  /v1/generate  /v1/score  /v1/translate   (Content-Type: application/json)
 * </pre>
 * Each request runs on its own virtual thread; all share the one model (see its thread-safety contract). Errors are
 * JSON {@code {"error", "field", "fix"}}: 400 malformed JSON, 404 unknown path, 405 wrong method, 413 body too large,
 * 415 not JSON, 422 invalid value (including every limit on sizes), 501 capability the model lacks, 500 a bug (logged
 * through {@link System.Logger} with its stack trace; the answer carries no internals). Nothing is printed.
 */
public final class XentServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(XentServer.class.getName());
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService executor;
    private final Endpoints endpoints;
    private final ServeConfig config;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private XentServer(ServedModel model, ServeConfig config) throws IOException {
        this.config = config;
        this.endpoints = new Endpoints(model, config);
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    /**
     * Binds {@code config.host():config.port()} and starts answering. Throws {@link IOException} when the address
     * cannot be bound (port in use, unknown host).
     */
    public static XentServer start(ServedModel model, ServeConfig config) throws IOException {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        if (config == null) throw new IllegalArgumentException("config must not be null; use ServeConfig.defaults()");
        XentServer s = new XentServer(model, config);
        s.http.start();
        LOG.log(System.Logger.Level.DEBUG, () -> "serving on " + s.address());
        return s;
    }

    /** The bound address (the real port when the config asked for port 0). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public ServeConfig config() {
        return config;
    }

    /**
     * Stops accepting connections at once, lets requests in flight finish for up to {@code grace}, then ends.
     * Idempotent in effect; returns when stopped.
     */
    public void stop(Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        http.stop((int) Math.min(Integer.MAX_VALUE, seconds));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop} with a 5 s grace period. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void handle(HttpExchange ex) {
        int status;
        Object body;
        try {
            body = route(ex);
            status = 200;
        } catch (ApiError e) {
            status = e.status;
            body = e.body();
            if (e.allow != null) ex.getResponseHeaders().set("Allow", e.allow);
        } catch (ModelInputException e) {
            status = 422;
            body = new ApiError(422, e.getMessage(), e.field(), e.fix()).body();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "bug while serving " + ex.getRequestMethod() + " "
                    + ex.getRequestURI().getPath(), e);
            status = 500;
            body = new ApiError(500, "internal error while serving " + ex.getRequestURI().getPath()
                    + "; this is a bug in the server or the model, and the server log has the details", null,
                    "report it together with the request that caused it").body();
        }
        send(ex, status, body);
    }

    private Object route(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        return switch (path) {
            case "/v1/health" -> get(ex, endpoints::health);
            case "/v1/info" -> get(ex, endpoints::info);
            case "/v1/predict" -> post(ex, endpoints::predict);
            case "/v1/tag" -> post(ex, endpoints::tag);
            case "/v1/generate" -> post(ex, endpoints::generate);
            case "/v1/score" -> post(ex, endpoints::score);
            case "/v1/translate" -> post(ex, endpoints::translate);
            default -> throw new ApiError(404, "no endpoint at " + path, null, "use one of GET /v1/health, GET "
                    + "/v1/info, POST /v1/predict, /v1/tag, /v1/generate, /v1/score, /v1/translate");
        };
    }

    private Object get(HttpExchange ex, Supplier<Object> endpoint) {
        String m = ex.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) throw ApiError.methodNotAllowed(m, ex.getRequestURI().getPath(),
                "GET, HEAD");
        return endpoint.get();
    }

    private Object post(HttpExchange ex, Function<JsonNode, Object> endpoint) {
        if (!ex.getRequestMethod().equals("POST")) {
            throw ApiError.methodNotAllowed(ex.getRequestMethod(), ex.getRequestURI().getPath(), "POST");
        }
        String path = ex.getRequestURI().getPath();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (!isJson(type)) {
            throw new ApiError(415, "POST " + path + " needs Content-Type: application/json; got "
                    + (type == null ? "no Content-Type" : "'" + type + "'"), null,
                    "send the header 'Content-Type: application/json' (curl: -H 'Content-Type: application/json')");
        }
        byte[] bytes = readBody(ex);
        if (bytes.length == 0) {
            throw new ApiError(400, "empty request body", null, "send a JSON object, e.g. "
                    + RequestFields.example(path));
        }
        JsonNode json;
        try {
            json = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ApiError(400, "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage(), null,
                    "send valid UTF-8 JSON, e.g. " + RequestFields.example(path));
        } catch (IOException e) {
            throw new ApiError(400, "unreadable request body: " + e.getMessage(), null, "send valid UTF-8 JSON");
        }
        return endpoint.apply(json);
    }

    /** application/json, optionally with charset=utf-8 (JSON is UTF-8 by RFC 8259). */
    private static boolean isJson(String type) {
        if (type == null) return false;
        String[] parts = type.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) return false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (p.startsWith("charset=") && !p.equals("charset=utf-8") && !p.equals("charset=\"utf-8\"")) return false;
        }
        return true;
    }

    /** The body, at most config.maxBodyBytes(), else 413 (checked on Content-Length first, then while reading). */
    private byte[] readBody(HttpExchange ex) {
        int max = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                n = -1;  // the JDK server rejects bad Content-Length itself; keep reading-side check as the guard
            }
            if (n > max) throw tooLarge(n, max);
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) throw tooLarge(-1, max);
            return bytes;
        } catch (IOException e) {
            throw new ApiError(400, "could not read the request body: " + e.getMessage(), null,
                    "send the whole body with a correct Content-Length");
        }
    }

    private static ApiError tooLarge(long size, int max) {
        return new ApiError(413, "request body " + (size >= 0 ? "of " + size + " bytes " : "") + "exceeds the limit of "
                + max + " bytes", null, "send fewer or shorter texts per request (or start the server with a larger "
                + "body limit)");
    }

    private void send(HttpExchange ex, int status, Object body) {
        try (ex) {
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot serialise the response to " + ex.getRequestURI(), e);
                status = 500;
                bytes = "{\"error\":\"internal error: response not serialisable\",\"field\":null,\"fix\":null}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", JSON);
            // the body was not read to its end: close the connection rather than parse the rest as a request
            if (status == 413) ex.getResponseHeaders().set("Connection", "close");
            if (ex.getRequestMethod().equals("HEAD")) {  // headers only; the exchange ends here
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            // close the response stream first: it flushes the answer, and only then drains any unread request
            // body (closing the exchange alone would drain first, leaving a client that waits for an answer
            // before sending the rest of its body without one)
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        } catch (IOException e) {
            // the client went away mid-answer: nothing to tell it
            LOG.log(System.Logger.Level.DEBUG, () -> "client closed before the answer to " + ex.getRequestURI(), e);
        }
    }
}
