// How `xent train classify -model cnn` ends when training diverges, or when it gets SIGINT (Ctrl-C) mid-run.
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

class NeuralClassifyStopsTest {

    /**
     * Adam at rate 1e20 puts the weights near 1e20 in one step; the next forward pass overflows float. (At -lr 1e6
     * the CNN does not diverge: Adam's step is bounded by the rate, and the binary cross-entropy of huge logits
     * stays finite.) The run stops at step 2, exit 1, and model.xent is the last good checkpoint's model.
     */
    @Test
    void divergenceStopsWithExit1AndKeepsTheLastGoodModel(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 200, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 60, 2, false);
        Cli t = Cli.run("train", "classify", "-model", "cnn", "-input", train.toString(), "-valid", valid.toString(),
                "-dim", "8", "--set", "filters=8", "--set", "batch=16", "-epoch", "3", "-lr", "1e20", "-thread", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "nan", "--progress", "none");
        assertEquals(ExitCodes.FAILURE, t.code(), t.out() + t.err());
        assertTrue(t.cleanError() && t.err().contains("at step 2 (epoch 1, batch 2)")
                && t.err().contains("the last finite loss was") && t.err().contains("-lr SMALLER"), t.err());
        Path run = dir.resolve("runs/nan");
        Matcher m = Pattern.compile("last checkpoint \\((\\S+ckpt-(\\d+)\\.xent), step").matcher(t.err());
        assertTrue(m.find(), t.err());
        Map<String, Tensor> saved = ModelBundle.read(run.resolve("model.xent")).weights();
        Map<String, Tensor> good = Checkpoint.read(Path.of(m.group(1))).tensors();
        assertFalse(saved.isEmpty());
        for (Map.Entry<String, Tensor> w : saved.entrySet()) {
            for (float x : w.getValue().data()) assertTrue(Float.isFinite(x), w.getKey() + " holds " + x);
            assertArrayEquals(good.get("model/" + w.getKey()).data(), w.getValue().data(), w.getKey());
        }
        Cli e = Cli.run("eval", run.resolve("model.xent").toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertFalse(e.out().contains("NaN"), e.out());
    }

    /**
     * SIGINT mid-run (child JVMs, one kernel thread): exit 130, a checkpoint at the step the run stopped after, a
     * message naming it and the resume command; --resume then ends as the uninterrupted run (weights, final metrics
     * and metrics records bit for bit). TextCNN with dropout: 1,000 texts / batch 8 = 125 steps an epoch, 6 epochs.
     */
    @Tag("slow")
    @Test
    void interruptedRunCheckpointsAndResumesExactly(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 1000, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 100, 2, false);
        Path runs = dir.resolve("runs");
        List<String> settings = List.of("-model", "cnn", "-input", train.toString(), "-valid", valid.toString(),
                "-dim", "16", "--set", "filters=16", "--set", "batch=8", "-epoch", "6", "-lr", "0.001", "-thread", "1",
                "-seed", "5", "--set", "checkpointEvery=40", "--set", "keepCheckpoints=2", "--progress", "none");
        assertEquals(0, ChildCli.run(dir, "full", train(runs, "full", settings)), ChildCli.log(dir, "full"));
        Path run = runs.resolve("sigint");
        Process p = ChildCli.start(dir, "sigint", train(runs, "sigint", settings));
        ChildCli.awaitCheckpoint(p, run, 160);   // mid epoch 2
        assertTrue(p.isAlive(), "still training when signalled; " + ChildCli.log(dir, "sigint"));
        ChildCli.signal(p, "INT");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "stops after SIGINT");
        String log = ChildCli.log(dir, "sigint");
        assertEquals(ExitCodes.INTERRUPTED, p.exitValue(), log);
        Matcher m = Pattern.compile("stopped by SIGINT after step (\\d+); checkpoint (\\S+)\\. Continue exactly from "
                + "there with: xent train classify --resume " + Pattern.quote(run.toString())).matcher(log);
        assertTrue(m.find(), log);
        long step = Long.parseLong(m.group(1));
        assertEquals(run.resolve("checkpoints/ckpt-" + step + ".xent").toString(), m.group(2), log);
        assertEquals(step, ChildCli.highestStep(run.resolve("checkpoints")), "the newest checkpoint is the stop's");
        assertFalse(Files.exists(run.resolve("model.xent")), "stopped before the end");

        List<String> resume = List.of("train", "classify", "--resume", run.toString(), "--progress", "none");
        assertEquals(0, ChildCli.run(dir, "resumed", resume), ChildCli.log(dir, "resumed"));
        assertTrue(ChildCli.log(dir, "resumed").contains("resumed   from " + m.group(2) + ": step " + step),
                ChildCli.log(dir, "resumed"));
        TrainResumeTest.assertSameRun(runs.resolve("full"), run);
        System.out.println("NeuralClassifyStopsTest: SIGINT after step " + step + ", resumed to the same weights");
    }

    private static List<String> train(Path runs, String name, List<String> settings) {
        List<String> a = new ArrayList<>(List.of("train", "classify", "--runs-dir", runs.toString(), "-output", name));
        a.addAll(settings);
        return a;
    }
}
