// How `xent train tag` ends when training diverges, or when it gets SIGINT (Ctrl-C) or SIGTERM mid-run.
package dev.xent.cli;

import dev.xent.io.Checkpoint;
import dev.xent.io.ModelBundle;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagTrainStopsTest {

    /**
     * Adam at rate 1e38 puts the weights near float's limit in one step; the next forward pass overflows. (At -lr
     * 1e6 the tagger does not diverge: Adam's step is bounded by the rate and softmax cross-entropy stays finite
     * for huge logits.) The run stops at step 2, exit 1, and model.xent is the last good checkpoint's model.
     */
    @Test
    void divergenceStopsWithExit1AndKeepsTheLastGoodModel(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 40, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 10, 2);
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-valid", valid.toString(), "-dim", "6",
                "--set", "hidden=6", "--set", "batch=4", "-epoch", "3", "-lr", "1e38", "--runs-dir",
                dir.resolve("runs").toString(), "-output", "nan", "--progress", "none");
        assertEquals(ExitCodes.FAILURE, t.code(), t.out() + t.err());
        assertTrue(t.cleanError() && t.err().contains("at step 2 (epoch 1, batch 2)")
                && t.err().contains("the last finite loss was") && t.err().contains("-lr SMALLER"), t.err());
        Path run = dir.resolve("runs/nan");
        Matcher m = Pattern.compile("last checkpoint \\((\\S+ckpt-(\\d+)\\.xent), step").matcher(t.err());
        assertTrue(m.find(), t.err());
        Map<String, Tensor> saved = ModelBundle.read(run.resolve("model.xent")).weights();
        Map<String, Tensor> good = Checkpoint.read(Path.of(m.group(1))).tensors();
        for (Map.Entry<String, Tensor> w : saved.entrySet()) {
            for (float x : w.getValue().data()) assertTrue(Float.isFinite(x), w.getKey() + " holds " + x);
            assertArrayEquals(good.get("model/" + w.getKey()).data(), w.getValue().data(), w.getKey());
        }
        Cli e = Cli.run("eval", run.resolve("model.xent").toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertFalse(e.out().contains("NaN"), e.out());
    }

    /**
     * SIGINT, then SIGTERM, mid-run (child JVMs, one kernel thread): exit 130 / 143, a checkpoint at the step the
     * run stopped after, a message naming it and the resume command; --resume then ends as the uninterrupted run
     * (weights, final metrics and metrics records bit for bit). 200 sentences / batch 4 = 50 steps an epoch, 8 epochs;
     * the default recipe's parts (char CNN, CRF for these BIO tags, word dropout) at small sizes.
     */
    @Tag("slow")
    @Test
    void interruptedRunsCheckpointAndResumeExactly(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 200, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 30, 2);
        Path runs = dir.resolve("runs");
        List<String> settings = List.of("-input", train.toString(), "-valid", valid.toString(), "-dim", "16",
                "--set", "hidden=16", "--set", "charDim=8", "--set", "charFilters=8", "--set", "batch=4",
                "--set", "dropout=0.2", "-epoch", "8", "-lr", "0.01",
                "-thread", "1", "--set", "checkpointEvery=20", "--set", "keepCheckpoints=2", "--progress", "none");
        assertEquals(0, ChildCli.run(dir, "full", train(runs, "full", settings)), ChildCli.log(dir, "full"));
        for (String signal : List.of("INT", "TERM")) {
            String name = "sig" + signal.toLowerCase();
            Path run = runs.resolve(name);
            Process p = ChildCli.start(dir, name, train(runs, name, settings));
            ChildCli.awaitCheckpoint(p, run, 60);
            assertTrue(p.isAlive(), "still training when signalled; " + ChildCli.log(dir, name));
            ChildCli.signal(p, signal);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "stops after SIG" + signal);
            assertEquals(signal.equals("INT") ? ExitCodes.INTERRUPTED : ExitCodes.TERMINATED, p.exitValue(),
                    ChildCli.log(dir, name));
            String log = ChildCli.log(dir, name);
            Matcher m = Pattern.compile("stopped by SIG" + signal + " after step (\\d+); checkpoint (\\S+)\\. Continue "
                    + "exactly from there with: xent train tag --resume " + Pattern.quote(run.toString())).matcher(log);
            assertTrue(m.find(), log);
            long step = Long.parseLong(m.group(1));
            assertEquals(run.resolve("checkpoints/ckpt-" + step + ".xent").toString(), m.group(2), log);
            assertEquals(step, ChildCli.highestStep(run.resolve("checkpoints")), "the newest checkpoint is the stop's");
            assertFalse(Files.exists(run.resolve("model.xent")), "stopped before the end");

            List<String> resume = List.of("train", "tag", "--resume", run.toString(), "--progress", "none");
            assertEquals(0, ChildCli.run(dir, name + "-resumed", resume), ChildCli.log(dir, name + "-resumed"));
            assertTrue(ChildCli.log(dir, name + "-resumed").contains("resumed   from " + m.group(2) + ": step " + step));
            TrainResumeTest.assertSameRun(runs.resolve("full"), run);
        }
    }

    private static List<String> train(Path runs, String name, List<String> settings) {
        List<String> a = new ArrayList<>(List.of("train", "tag", "--runs-dir", runs.toString(), "-output", name));
        a.addAll(settings);
        return a;
    }
}
