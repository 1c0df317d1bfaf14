package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 mid-epoch, then --resume: the final validation loss and every validation record equal those of an
 * uninterrupted run (one kernel thread, same seed). The training runs in child JVMs so SIGKILL hits a real process.
 *
 * <p>The children use the default (Vector API) kernels. Those give the same bits before and after the JIT compiles
 * them (KernelDeterminismTest), which a resumed process needs: it compiles its kernels at another step than the
 * uninterrupted run. (With {@code reduceLanes(ADD)} and {@code lanewise(EXP/TANH)} the runs agreed only to ~1e-7.)
 */
@Tag("slow")
class ResumeAfterKillTest {
    private static final String[] SETTINGS = {"-dim", "24", "-epoch", "2", "-thread", "1", "-seed", "3", "-lr", "0.01",
        "--set", "bptt=8", "--set", "batch=4", "--set", "validChars=1500", "--set", "maxSeconds=0",
        "--set", "checkpointEvery=10", "--set", "keepCheckpoints=2", "--set", "samples=1", "--set", "sampleLength=10",
        "--set", "dropout=0.1", "--progress", "none"};

    @Test
    void killedAndResumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 30000, 7);
        Path runs = dir.resolve("runs");
        Process full = start(dir, train(text, runs, "full"));
        assertEquals(0, full.waitFor(), log(dir, "full"));

        Process victim = start(dir, train(text, runs, "killed"));
        Path ckpts = runs.resolve("killed/checkpoints");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (highestStep(ckpts) < 30 && victim.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(victim.isAlive(), "the run must still be training when it is killed; " + log(dir, "killed"));
        victim.destroyForcibly();   // SIGKILL on Linux
        victim.waitFor();
        long killedAt = highestStep(ckpts);
        assertTrue(!Files.exists(runs.resolve("killed/model.xent")), "killed before the end");

        List<String> resume = new ArrayList<>(List.of("train", "lm", "--resume", runs.resolve("killed").toString(),
                "--progress", "none"));
        Process resumed = start(dir, resume);
        assertEquals(0, resumed.waitFor(), log(dir, "resumed"));
        String out = Files.readString(dir.resolve("resumed.log"));
        assertTrue(out.contains("resumed   from"), out);

        JsonNode a = summary(runs.resolve("full")), b = summary(runs.resolve("killed"));
        assertEquals(a.path("final").path("valid_loss").asDouble(), b.path("final").path("valid_loss").asDouble(), 0.0,
                "final validation loss after kill at step " + killedAt + " and resume");
        assertEquals(validRecords(runs.resolve("full")), validRecords(runs.resolve("killed")));
        assertEquals(a.path("samples"), b.path("samples"), "same weights, same samples");
        System.out.println("ResumeAfterKillTest: killed after checkpoint step " + killedAt + "; final valid_loss "
                + a.path("final").path("valid_loss").asDouble() + " in both runs");
    }

    private static List<String> train(Path text, Path runs, String name) {
        List<String> a = new ArrayList<>(List.of("train", "lm", "-input", text.toString(), "--runs-dir", runs.toString(),
                "-output", name));
        a.addAll(List.of(SETTINGS));
        return a;
    }

    private static Process start(Path dir, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dxent.threads=1", "-cp", System.getProperty("java.class.path"),
                "dev.xent.cli.Main"));
        cmd.addAll(args);
        String name = args.contains("--resume") ? "resumed" : args.get(args.indexOf("-output") + 1);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static String log(Path dir, String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }

    private static long highestStep(Path ckpts) throws IOException {
        if (!Files.isDirectory(ckpts)) return -1;
        try (Stream<Path> s = Files.list(ckpts)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.xent"))
                    .mapToLong(n -> Long.parseLong(n.substring(5, n.length() - 5))).max().orElse(-1);
        }
    }

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    /** The validation records (step, epoch, loss), without timing fields. */
    private static List<String> validRecords(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode r = new ObjectMapper().readTree(line);
            if (r.path("split").asText().equals("valid")) {
                out.add(r.path("step").asLong() + "/" + r.path("epoch").asInt() + "/" + r.path("loss").asDouble());
            }
        }
        return out;
    }
}
