// `xent train classify` (fastText-style) ending other than normally: divergence (exit 1, last good model kept),
// SIGINT (exit 130, checkpoint, --resume equals the uninterrupted run bit for bit) and SIGTERM (exit 143).
package dev.xent.cli;

import dev.xent.io.Checkpoint;
import dev.xent.io.ModelBundle;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyRunEndingsTest {

    @Test
    void divergenceStopsWithExitOneAndKeepsTheLastGoodModel(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-input", train.toString(), "-lr", "1e6", "-thread", "1", "-dim", "8",
                "-epoch", "5", "--runs-dir", runs.toString(), "-output", "d", "--progress", "none");
        assertEquals(ExitCodes.FAILURE, t.code(), t.out() + t.err());
        assertTrue(t.cleanError(), t.err());
        String step = t.err().replaceAll("(?s).*the loss became NaN at step (\\d+);.*", "$1");
        assertTrue(step.matches("\\d+") && Long.parseLong(step) < 50, "stops within a few steps, naming it: " + t.err());
        assertTrue(t.err().contains("model.xent holds that last good model") && t.err().contains("-lr SMALLER")
                && !t.err().contains("clipNorm=1"), "fastText has no clipNorm setting: " + t.err());

        Path run = runs.resolve("d");
        Map<String, Tensor> saved = ModelBundle.read(run.resolve("model.xent")).weights();
        Checkpoint start = Checkpoint.read(run.resolve("checkpoints/ckpt-0.xent"));   // the last good state
        for (String k : List.of("input", "output")) {
            for (float v : saved.get(k).data()) assertTrue(Float.isFinite(v), k);
            assertArrayEquals(start.tensor("model/" + k).data(), saved.get(k).data(), k);
        }
        float[] p = FastTextClassifier.load(run.resolve("model.xent")).probabilities("a superb film");
        assertEquals(0.5, p[0], 1e-6, "the untrained model of step 0 (output weights all zero)");
    }

    /** 2,000 examples x 100 epochs, one thread; SIGINT after the step-30,000 checkpoint. */
    @Tag("slow")
    @Test
    void sigintCheckpointsAndResumeEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        List<String> settings = settings(dir, runs);
        assertEquals(0, ChildCli.run(dir, "full", with(settings, "-output", "full")), ChildCli.log(dir, "full"));

        Path run = runs.resolve("stopped");
        String log = stop(dir, "stopped", with(settings, "-output", "stopped"), run, "INT", ExitCodes.INTERRUPTED);
        long at = ChildCli.highestStep(run.resolve("checkpoints"));
        assertTrue(log.contains("stopped by SIGINT after step " + at + "; checkpoint " + run.resolve("checkpoints/ckpt-"
                + at + ".xent")) && log.contains("xent train classify --resume " + run), log);
        assertFalse(run.resolve("model.xent").toFile().exists(), "stopped before the end");

        Cli r = Cli.run("train", "classify", "--resume", run.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resumed   from " + run.resolve("checkpoints/ckpt-" + at + ".xent") + ": step " + at),
                r.out());
        TrainResumeTest.assertSameRun(runs.resolve("full"), run);
        System.out.println("ClassifyRunEndingsTest: SIGINT at step " + at + ", resumed run equals the uninterrupted one");
    }

    @Tag("slow")
    @Test
    void sigtermCheckpointsWithExit143(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Path run = runs.resolve("termed");
        String log = stop(dir, "termed", with(settings(dir, runs), "-output", "termed"), run, "TERM", ExitCodes.TERMINATED);
        long at = ChildCli.highestStep(run.resolve("checkpoints"));
        assertTrue(log.contains("stopped by SIGTERM after step " + at), log);
    }

    private static List<String> settings(Path dir, Path runs) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 2000, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 200, 2, false);
        return List.of("train", "classify", "-input", train.toString(), "-valid", valid.toString(), "-dim", "16",
                "-wordNgrams", "2", "-bucket", "20000", "-epoch", "100", "-lr", "0.2", "-thread", "1", "-seed", "5",
                "--set", "checkpointEvery=10000", "--set", "keepCheckpoints=2", "--runs-dir", runs.toString(),
                "--progress", "none");
    }

    /** Starts the run, sends SIG{@code signal} once it has the step-30,000 checkpoint; returns its output. */
    private static String stop(Path dir, String name, List<String> args, Path run, String signal, int code)
            throws Exception {
        Process p = ChildCli.start(dir, name, args);
        ChildCli.awaitCheckpoint(p, run, 30_000);
        assertTrue(p.isAlive(), "still training when signalled; " + ChildCli.log(dir, name));
        ChildCli.signal(p, signal);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "ends after the signal");
        String log = ChildCli.log(dir, name);
        assertEquals(code, p.exitValue(), log);
        return log;
    }

    private static List<String> with(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
