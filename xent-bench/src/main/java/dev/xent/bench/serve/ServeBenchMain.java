// Entry point for the loopback load test: serves a random fastText-shaped classifier, or writes sample requests.
package dev.xent.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.serve.ServeConfig;
import dev.xent.serve.XentServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Used by {@code bench/serve.sh}; not part of the user CLI.
 * <pre>
 *   ServeBenchMain serve [--host 127.0.0.1] [--port 8080] [--seed 1]
 *       prints "listening http://HOST:PORT" and serves until SIGTERM/SIGINT (then stops gracefully)
 *   ServeBenchMain requests FILE [--count 512] [--seed 2]
 *       writes COUNT /v1/predict bodies, one JSON per line: 10 to 60 words, ~5% out of vocabulary, k in 1..3
 * </pre>
 * The model: V = 10,000 words, 100,000 bigram buckets, D = 100, 4 labels (fastText's default dim; AG-News-like).
 */
public final class ServeBenchMain {
    static final int VOCAB = 10_000;

    private ServeBenchMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0) {
            System.err.println("usage: ServeBenchMain serve [--host H] [--port P] [--seed S] | "
                    + "requests FILE [--count N] [--seed S]");
            System.exit(2);
        }
        switch (args[0]) {
            case "serve" -> serve(args, out);
            case "requests" -> writeRequests(Path.of(args[1]), intOpt(args, "--count", 512), intOpt(args, "--seed", 2));
            default -> {
                System.err.println("unknown command '" + args[0] + "'; use serve or requests");
                System.exit(2);
            }
        }
    }

    private static void serve(String[] args, PrintStream out) throws IOException, InterruptedException {
        var model = new RandomBagOfWordsClassifier(VOCAB, 100_000, 100,
                List.of("World", "Sports", "Business", "Sci/Tech"), intOpt(args, "--seed", 1));
        var config = ServeConfig.defaults().withHost(strOpt(args, "--host", ServeConfig.LOOPBACK))
                .withPort(intOpt(args, "--port", 8080));
        XentServer server = XentServer.start(model, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(2));
            stopped.countDown();
        }));
        out.println("listening http://" + config.host() + ":" + server.port());
        out.flush();
        stopped.await();
    }

    /** COUNT predict bodies over the bench vocabulary, one JSON object per line. */
    static void writeRequests(Path file, int count, long seed) throws IOException {
        Random rng = new Random(seed);
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int words = 10 + rng.nextInt(51);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) text.append(' ');
                // Zipf-ish: squaring a uniform favours frequent (low-id) words, as real text does
                double u = rng.nextDouble();
                text.append(rng.nextDouble() < 0.05 ? "oov" + rng.nextInt(1000)
                        : RandomBagOfWordsClassifier.word((int) (u * u * VOCAB)));
            }
            lines.add(mapper.writeValueAsString(Map.of("text", text.toString(), "k", 1 + rng.nextInt(3))));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String strOpt(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    private static int intOpt(String[] args, String name, int fallback) {
        String v = strOpt(args, name, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            System.err.println(name + " must be an integer; got '" + v + "'");
            System.exit(2);
            return fallback;
        }
    }
}
