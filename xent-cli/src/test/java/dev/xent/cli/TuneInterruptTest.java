package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop during `xent tune tag` (a child JVM, signalled once the second trial has started: reading its data or
 * training): exit 143, the finished trial kept in trials.jsonl, the best so far as model.xent with its config.json,
 * the summary and report written, and a message naming them. The signal is SIGTERM, which Ctrl-C's SIGINT shares
 * every step with (Signals, the shared stop, TaskSearch): a JVM started with SIGINT ignored — any background job of
 * a non-interactive shell, such as a test run under the CPU lock script or nohup — cannot install a SIGINT handler at
 * all, so a SIGINT test would fail there for a reason that is not xent's.
 */
class TuneInterruptTest {

    @Test
    void aStopKeepsTheFinishedTrialsAndTheBestSoFar(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 60, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 20, 2);
        Path run = dir.resolve("runs/int");
        // 15 steps an epoch; each trial trains 60 epochs (patience off), far less than its share of the budget
        Process p = ChildCli.start(dir, "int", List.of("tune", "tag", "-input", train.toString(), "-valid",
                valid.toString(), "-dim", "8", "--set", "hidden=8", "--set", "charDim=4", "--set", "charFilters=4",
                "--set", "batch=4", "-epoch", "60", "--set", "patience=0", "--budget", "400000steps", "--trials", "4",
                "-thread", "1", "--runs-dir", dir.resolve("runs").toString(), "-output", "int", "--progress", "none"));
        Path trials = run.resolve("trials.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && System.nanoTime() < deadline && !Files.exists(run.resolve("trials/001/log.txt"))) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still searching after the first trial; " + ChildCli.log(dir, "int"));
        ChildCli.signal(p, "TERM");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "stops after SIGTERM");
        String log = ChildCli.log(dir, "int");
        assertEquals(ExitCodes.TERMINATED, p.exitValue(), log);
        assertTrue(log.contains("xent: error: stopped by SIGTERM during trial 1 (not scored); the 1 finished trial(s) "
                + "are in " + trials + ", and the best so far (trial 0, entity F1 "), log);
        assertTrue(log.contains(") is " + run.resolve("model.xent") + " with its settings in "
                + run.resolve("config.json")), log);
        List<String> lines = Files.readAllLines(trials);
        assertEquals(1, lines.size(), "only the finished trial");
        JsonNode t0 = TuneTasksTest.JSON.readTree(lines.get(0));
        assertEquals(0, t0.path("trial").asInt());
        assertTrue(Files.exists(run.resolve("model.xent")));
        JsonNode config = TuneTasksTest.JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(100000, config.path("maxSteps").asLong(), "trial 0's settings: " + config);
        assertEquals(60, config.path("epoch").asInt());
        JsonNode summary = TuneTasksTest.JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("stop", summary.path("search").path("stopped_by").asText());
        assertTrue(Files.readString(run.resolve("report.html")).contains("against elapsed time"));
        assertFalse(Files.exists(run.resolve("trials/001/checkpoints")), "the stopped trial's checkpoints are deleted");
        assertFalse(Files.exists(run.resolve("trials/002")), "no trial after the stop");

        Cli e = Cli.run("eval", run.resolve("model.xent").toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
    }
}
