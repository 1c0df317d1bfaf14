// How `xent train lm` ends besides finishing: divergence (exit 1, the last good model kept), SIGINT/SIGTERM (130/143, resume).
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.io.Checkpoint;
import dev.xent.task.lm.LmBundle;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmTrainEndingsTest {

    /**
     * -lr 1e38: Adam's first update throws the weights to ~1e38 and step 2's loss is NaN. The run stops there
     * (exit 1, the message names the step), and model.xent holds the weights of the last good checkpoint (the one
     * written at the start), all finite.
     */
    @Test
    void aDivergingRunStopsAtOnceAndKeepsTheLastGoodModel(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 4000, 1);
        Path run = dir.resolve("runs/div");
        Cli t = Cli.run("train", "lm", "-input", text.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "-output", "div", "-lr", "1e38", "-dim", "16", "--set", "bptt=8", "--set", "batch=4",
                "--set", "validChars=800", "--set", "maxSeconds=0", "--set", "checkpointEvery=20", "--progress", "none");
        assertEquals(ExitCodes.FAILURE, t.code(), t.err());
        assertTrue(t.cleanError() && t.err().contains("at step 2 ") && t.err().contains(run.resolve("model.xent").toString()),
                t.err());
        Map<String, Tensor> saved = LmBundle.read(run.resolve("model.xent")).bundle().weights();
        Checkpoint good = Checkpoint.read(run.resolve("checkpoints/ckpt-0.xent"));
        assertEquals(good.tensors().keySet().stream().filter(k -> k.startsWith("model/")).count(), saved.size());
        saved.forEach((name, w) -> {
            for (float v : w.toArray()) assertTrue(Float.isFinite(v), name + " holds " + v);
            assertArrayEquals(good.tensor("model/" + name).toArray(), w.toArray(), name + " = the checkpoint's");
        });
    }

    /**
     * A signal mid-run: the child writes a checkpoint at the step it stops at, names it and the resume command,
     * and exits 130 (SIGINT) or 143 (SIGTERM); --resume then ends exactly as a run never stopped (same validation
     * records, final loss and samples; one kernel thread, dropout on).
     */
    @Tag("slow")
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"rnn,SIGINT,130", "transformer,SIGTERM,143"})
    void aSignalStopsWithACheckpointAndResumeEqualsTheUninterruptedRun(String model, String signal, int code,
                                                                        @TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 12000, 7);   // ~330 (rnn), ~160 steps an epoch
        List<String> settings = new ArrayList<>(List.of("-model", model, "-input", text.toString(), "-dim", "16",
                "-epoch", "2", "-thread", "1", "-seed", "3", "-lr", "0.01", "--set", "batch=4", "--set", "validChars=1500",
                "--set", "maxSeconds=0", "--set", "checkpointEvery=10", "--set", "samples=1", "--set", "sampleLength=10",
                "--set", "dropout=0.1", "--progress", "none"));
        settings.addAll(model.equals("rnn") ? List.of("--set", "bptt=8")
                : List.of("--set", "layers=1", "--set", "heads=2", "--set", "blockLen=16"));
        Path runs = dir.resolve("runs");
        assertEquals(0, ChildCli.run(dir, "full", train(runs, "full", settings)), ChildCli.log(dir, "full"));

        Process p = ChildCli.start(dir, "cut", train(runs, "cut", settings));
        ChildCli.awaitCheckpoint(p, runs.resolve("cut"), 30);
        assertTrue(p.isAlive(), "the run must still be training when signalled; " + ChildCli.log(dir, "cut"));
        ChildCli.signal(p, signal.substring(3));
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "stops after a " + signal);
        String log = ChildCli.log(dir, "cut");
        assertEquals(code, p.exitValue(), log);
        Matcher m = Pattern.compile("stopped by " + signal + " after step (\\d+); checkpoint (\\S+)\\. ").matcher(log);
        assertTrue(m.find(), log);
        long step = Long.parseLong(m.group(1));
        assertEquals(runs.resolve("cut/checkpoints/ckpt-" + step + ".xent").toString(), m.group(2));
        assertEquals(step, ChildCli.highestStep(runs.resolve("cut/checkpoints")), "the newest checkpoint is the stop's");
        assertTrue(log.contains("xent train lm --resume " + runs.resolve("cut")), log);

        List<String> resume = List.of("train", "lm", "--resume", runs.resolve("cut").toString(), "--progress", "none");
        assertEquals(0, ChildCli.run(dir, "resumed", resume), ChildCli.log(dir, "resumed"));
        assertTrue(ChildCli.log(dir, "resumed").contains("resumed   from " + m.group(2) + ": step " + step),
                ChildCli.log(dir, "resumed"));
        JsonNode a = summary(runs.resolve("full")), b = summary(runs.resolve("cut"));
        assertEquals(a.path("final").path("valid_loss").asDouble(), b.path("final").path("valid_loss").asDouble(), 0.0);
        assertEquals(validRecords(runs.resolve("full")), validRecords(runs.resolve("cut")));
        assertEquals(a.path("samples"), b.path("samples"), "same weights, same samples");
    }

    private static List<String> train(Path runs, String name, List<String> settings) {
        List<String> a = new ArrayList<>(List.of("train", "lm", "--runs-dir", runs.toString(), "-output", name));
        a.addAll(settings);
        return a;
    }

    private static JsonNode summary(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    /** The validation records (step, epoch, loss), without timing fields. */
    private static List<String> validRecords(Path run) throws Exception {
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
