package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train classify → predict → eval, end to end, on separable data the test writes; bad lines with and without skip. */
class ClassifyCommandsTest {
    static Path data(Path file, int n, long seed, boolean withBadLine) throws IOException {
        Random r = new Random(seed);
        String[] pos = {"great", "fine", "lovely", "superb"}, neg = {"awful", "dull", "boring", "bad"};
        String[] filler = {"film", "the", "a", "plot", "actors", "was"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean p = r.nextBoolean();
            sb.append(p ? "__label__pos " : "__label__neg ").append(filler[r.nextInt(6)]).append(' ')
                    .append((p ? pos : neg)[r.nextInt(4)]).append(' ').append(filler[r.nextInt(6)]).append('\n');
            if (withBadLine && i == 5) sb.append("this line has no label\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void trainPredictEval(@TempDir Path dir) throws Exception {
        Path train = data(dir.resolve("train.txt"), 400, 1, false), valid = data(dir.resolve("valid.txt"), 100, 2, false);
        Cli t = Cli.run("train", "classify", "-input", train.toString(), "-valid", valid.toString(), "-dim", "10",
                "-epoch", "20", "-lr", "0.5", "-thread", "1", "-bucket", "1000", "--runs-dir", dir.resolve("runs").toString(),
                "-output", "c", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path run = dir.resolve("runs/c");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(1.0, s.path("final").path("valid_accuracy").asDouble(), 1e-9, t.out());
        assertTrue(Files.readString(run.resolve("report.html")).contains("Confusion matrix"));

        Path model = run.resolve("model.xent"), in = dir.resolve("in.txt");
        Files.writeString(in, "a superb film\n\nthe plot was dull\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("predict", model.toString(), in.toString(), "-k", "2");
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n", -1);
        assertTrue(lines[0].matches("__label__pos 0\\.\\d{5} __label__neg 0\\.\\d{5}"), p.out());
        assertEquals("", lines[1], "a blank line stays blank");
        assertTrue(lines[2].startsWith("__label__neg "), p.out());

        Cli e = Cli.run("eval", model.toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy 1.0000"), e.out());

        Cli i = Cli.run("info", model.toString());   // provenance names the training and validation files
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("data        " + train + "  sha256 "), i.out());
        assertTrue(i.out().contains("data        " + valid + "  sha256 "), i.out());
    }

    @Test
    void badLinesStopOrAreSkippedAndCounted(@TempDir Path dir) throws Exception {
        Path train = data(dir.resolve("train.txt"), 200, 3, true);
        String[] common = {"train", "classify", "-input", train.toString(), "-dim", "5", "-thread", "1", "-bucket", "100",
            "--runs-dir", dir.resolve("runs").toString(), "--progress", "none"};
        Cli stop = Cli.run(concat(common, "-output", "a"));
        assertEquals(ExitCodes.BAD_INPUT, stop.code(), stop.err());
        assertTrue(stop.cleanError() && stop.err().contains("train.txt:7"), stop.err());
        Cli skip = Cli.run(concat(common, "-output", "b", "--skip-bad-lines"));
        assertEquals(0, skip.code(), skip.err());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("runs/b/summary.json").toFile());
        assertEquals(1, s.path("skipped_lines").asInt());
        assertTrue(Files.readString(dir.resolve("runs/b/report.html")).contains("1 bad input lines were skipped"));
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
