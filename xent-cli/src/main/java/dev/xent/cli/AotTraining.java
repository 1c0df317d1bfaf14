// The start-up cache's training run: the launcher runs this once per jar under -XX:AOTCacheOutput (JDK 25+), so the
// classes short commands load (picocli excepted: its Java 5 class files cannot be cached) come pre-parsed and
// pre-linked from the cache on every later launch.
package dev.xent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Runs the everyday commands once on tiny generated data in a temporary directory, then deletes it. */
final class AotTraining {
    private final List<String> failed = new ArrayList<>();

    private AotTraining() {}

    private static final String[] WORDS = {"a", "fine", "moving", "film", "dull", "plot", "great", "acting", "bad",
        "script", "the", "story", "is", "not", "worth", "it", "loved", "every", "minute", "boring"};

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("xent-aot");
        try {
            // a failed command only leaves its classes out of the cache: reported, not fatal
            for (String f : run(dir)) System.err.println("xent aot training: failed: xent " + f);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the workload in {@code dir}; returns the command lines that did not exit 0. */
    static List<String> run(Path dir) throws IOException {
        AotTraining t = new AotTraining();
        Path train = dir.resolve("train.txt"), valid = dir.resolve("valid.txt"), texts = dir.resolve("texts.txt");
        Path conll = dir.resolve("train.conll");
        writeLabelled(train, 200, 1);
        writeLabelled(valid, 40, 2);
        Files.writeString(texts, "a fine and moving film\n\nthe plot is dull\n", StandardCharsets.UTF_8);
        writeTagged(conll, 60);
        String runs = dir.resolve("runs").toString();
        String ft = runs + "/ft/model.xent", cnn = runs + "/cnn/model.xent", tag = runs + "/tag/model.xent";
        String lm = runs + "/lm/model.xent";

        t.cli("--version");
        t.cli("--help");
        t.cli("predict", "--help");
        t.cli("train", "classify", "-input", train.toString(), "-valid", valid.toString(), "-epoch", "2", "-dim", "8",
                "-thread", "1", "--progress", "none", "--runs-dir", runs, "-output", "ft");
        t.cli("predict", ft, texts.toString(), "-k", "2");
        t.cli("eval", ft, valid.toString());
        t.cli("info", ft);
        // -model auto (the default for small data) under a time budget: the hold-out search, NBSVM, the trial plots
        t.cli("train", "classify", "-input", train.toString(), "--set", "budget=3s", "-thread", "2",
                "--progress", "none", "--runs-dir", runs, "-output", "auto");
        t.cli("eval", runs + "/auto/model.xent", valid.toString());
        t.cli("train", "classify", "-model", "cnn", "-input", train.toString(), "-epoch", "1", "-dim", "8",
                "--set", "filters=4", "--progress", "none", "--runs-dir", runs, "-output", "cnn");
        t.cli("predict", cnn, texts.toString());
        t.cli("train", "tag", "-input", conll.toString(), "-epoch", "1", "-dim", "8", "--set", "hidden=8",
                "--progress", "none", "--runs-dir", runs, "-output", "tag");
        t.cli("predict", tag, texts.toString());
        t.cli("train", "lm", "-input", train.toString(), "-dim", "16", "--set", "maxSteps=2", "--set", "bptt=8",
                "--set", "batch=4", "--set", "validChars=800", "--set", "minCount=1", "--set", "samples=1",
                "--set", "sampleLength=8", "--progress", "none", "--runs-dir", runs, "-output", "lm");
        t.cli("generate", lm, "--prompt", "a fine", "-n", "8");
        t.cli("score", lm, texts.toString());
        return t.failed;
    }

    /** One command line, its output discarded. */
    private void cli(String... args) {
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        int code = Main.run(args, none, none);
        if (code != ExitCodes.OK) failed.add(String.join(" ", args) + "  (exit " + code + ")");
    }

    private static void writeLabelled(Path file, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(r.nextBoolean() ? "__label__pos" : "__label__neg");
            for (int n = 4 + r.nextInt(8); n > 0; n--) sb.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static void writeTagged(Path file, int sentences) throws IOException {
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            for (int n = 3 + r.nextInt(6); n > 0; n--) {
                String w = WORDS[r.nextInt(WORDS.length)];
                sb.append(w).append('\t').append(w.length() > 4 ? "B-X" : "O").append('\n');
            }
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
