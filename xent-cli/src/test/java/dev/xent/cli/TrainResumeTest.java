// `xent train classify|tag --resume` in-process: resumed from a mid-run checkpoint, a run ends as the uninterrupted one.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.io.ModelBundle;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `xent train classify|tag --resume` in-process: a finished run keeps all its checkpoints; a copy of its directory
 * as it was after checkpoint k (later checkpoints, the model, summary and report gone; metrics.jsonl as written
 * then, with later records still in it, as after a crash) is resumed, and must end with the same weights,
 * validation metrics and metrics records. The crash in a real process is ResumeAfterKillTest's.
 */
class TrainResumeTest {

    @Test
    void classifyResumesExactlyWithOneThread(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 60, 2, false);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-input", train.toString(), "-valid", valid.toString(), "-dim", "8",
                "-epoch", "5", "-lr", "0.3", "-thread", "1", "-bucket", "1000", "-wordNgrams", "2", "--runs-dir",
                runs.toString(), "-output", "full", "--set", "checkpointEvery=200", "--set", "keepCheckpoints=100",
                "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path full = runs.resolve("full");
        // every 200 steps; no epoch-end ones (300, 600, ...): a hogwild run spaces those 10 s apart, and this one is short
        assertEquals(List.of(0L, 200L, 400L, 600L, 800L, 1000L, 1200L, 1400L), steps(full));
        for (long k : List.of(800L)) {   // mid-epoch 3
            Path crashed = crashedCopy(full, runs.resolve("at" + k), k);
            // a run from before `-model` existed has no "model" setting: it is a fastText run
            var config = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
                    crashed.resolve("config.json").toFile());
            assertEquals("fasttext", config.remove("model").asText());
            new ObjectMapper().writeValue(crashed.resolve("config.json").toFile(), config);
            // settings equal to the run's own may be repeated
            Cli r = Cli.run("train", "classify", "--resume", crashed.toString(), "-thread", "1", "--progress", "none");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("resumed   from") && r.out().contains("ckpt-" + k + ".xent"), r.out());
            assertSameRun(full, crashed);
        }
    }

    @Test
    void tagResumesExactlyAndSkipsACorruptedNewestCheckpoint(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 40, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 10, 2);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-valid", valid.toString(), "-dim", "6",
                "--set", "hidden=6", "--set", "batch=8", "--set", "dropout=0.2", "-epoch", "2", "-lr", "0.05",
                "--runs-dir", runs.toString(), "-output", "full", "--set", "checkpointEvery=3",
                "--set", "keepCheckpoints=100", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path full = runs.resolve("full");
        assertEquals(List.of(0L, 3L, 5L, 6L, 9L, 10L), steps(full), "5 batches an epoch; at the start, every 3 and epoch ends");
        Path crashed = crashedCopy(full, runs.resolve("at6"), 9);
        Files.write(crashed.resolve("checkpoints/ckpt-9.xent"), new byte[] {1, 2, 3});   // torn by the crash
        Cli r = Cli.run("train", "tag", "--resume", crashed.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("skipped   checkpoint") && r.out().contains("ckpt-6.xent: step 6"), r.out());
        assertSameRun(full, crashed);
    }

    @Test
    void resumeIsValidated(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 20, 1);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-dim", "4", "--set", "hidden=4", "-epoch", "1",
                "--runs-dir", runs.toString(), "-output", "r", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path run = runs.resolve("r");

        Cli other = Cli.run("train", "tag", "--resume", run.toString(), "-epoch", "4", "--progress", "none");
        assertEquals(ExitCodes.USAGE, other.code(), other.err());
        assertTrue(other.cleanError() && other.err().contains("epoch is 1 in the run but 4 here")
                && other.err().contains("Drop those flags"), other.err());

        Cli task = Cli.run("train", "classify", "--resume", run.toString());
        assertTrue(task.cleanError() && task.err().contains("xent train tag --resume"), task.code() + task.out() + task.err());

        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Cli none = Cli.run("train", "tag", "--resume", run.toString(), "--progress", "none");
        assertTrue(none.cleanError() && none.err().contains("has no checkpoint") && none.err().contains("start a new run"),
                none.err());

        Cli missing = Cli.run("train", "tag", "--resume", dir.resolve("nope").toString());
        assertTrue(missing.cleanError() && missing.err().contains("is not a run directory"), missing.err());
    }

    @Test
    void aCheckpointOfAnEarlierXentIsRefusedAsBadInput(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 100, 1, false);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-input", train.toString(), "-dim", "4", "-epoch", "1", "-thread", "1",
                "--runs-dir", runs.toString(), "-output", "r", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path run = runs.resolve("r");
        long next = steps(run).get(steps(run).size() - 1) + 1;   // newer than the run's own: resume takes it
        new dev.xent.io.Checkpoints(run.resolve("checkpoints"), 100).save(next, new dev.xent.io.Checkpoint(
                Map.of("input", Tensor.zeros(2)), Map.of("step", new long[] {next}), null));
        Cli old = Cli.run("train", "classify", "--resume", run.toString(), "--progress", "none");
        assertEquals(ExitCodes.BAD_INPUT, old.code(), old.err());
        assertTrue(old.cleanError() && old.err().contains("ckpt-" + next + ".xent is a checkpoint of an earlier xent")
                && old.err().contains("Start a new run"), old.err());
    }

    /** The run directory as a crash right after checkpoint k would leave it. */
    static Path crashedCopy(Path full, Path to, long k) throws IOException {
        Files.createDirectories(to.resolve("checkpoints"));
        Files.copy(full.resolve("config.json"), to.resolve("config.json"));
        Files.copy(full.resolve("metrics.jsonl"), to.resolve("metrics.jsonl"));   // later records are dropped on resume
        for (long s : steps(full)) {
            if (s <= k) Files.copy(full.resolve("checkpoints/ckpt-" + s + ".xent"), to.resolve("checkpoints/ckpt-" + s + ".xent"));
        }
        return to;
    }

    static void assertSameRun(Path a, Path b) throws IOException {
        JsonNode sa = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        JsonNode sb = new ObjectMapper().readTree(b.resolve("summary.json").toFile());
        for (String key : List.of("valid_accuracy", "valid_f1", "valid_macro_f1", "valid_log_loss", "train_loss")) {
            assertEquals(sa.path("final").path(key), sb.path("final").path(key), key);
        }
        Map<String, Tensor> wa = ModelBundle.read(a.resolve("model.xent")).weights();
        Map<String, Tensor> wb = ModelBundle.read(b.resolve("model.xent")).weights();
        assertEquals(wa.keySet(), wb.keySet());
        for (String k : wa.keySet()) assertArrayEquals(wa.get(k).data(), wb.get(k).data(), k);
        assertEquals(records(a), records(b));
    }

    /** metrics.jsonl without its timing fields (elapsed_s, time, tokens_per_s, examples_per_s...). */
    private static List<String> records(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            var r = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(line);
            r.remove(List.of("elapsed_s", "time"));
            r.remove(r.properties().stream().map(Map.Entry::getKey).filter(k -> k.endsWith("_per_s")).toList());
            out.add(r.toString());
        }
        return out;
    }

    private static List<Long> steps(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.xent"))
                    .map(n -> Long.parseLong(n.substring(5, n.length() - 5))).sorted().toList();
        }
    }
}
