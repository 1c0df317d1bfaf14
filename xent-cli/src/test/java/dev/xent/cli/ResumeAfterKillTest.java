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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 mid-epoch, then --resume: the final validation metrics, the weights (classify, tag) and every validation
 * record equal those of an uninterrupted run (one kernel thread, -thread 1 for fastText's hogwild SGD, same seed),
 * for train lm, classify (fastText-style and -model cnn) and tag. The training runs in child JVMs so SIGKILL hits a real process.
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
        List<String> settings = new ArrayList<>(List.of("-input", text.toString()));
        settings.addAll(List.of(SETTINGS));
        Path runs = killAndResume(dir, "lm", settings, 30);

        JsonNode a = summary(runs.resolve("full")), b = summary(runs.resolve("killed"));
        assertEquals(a.path("final").path("valid_loss").asDouble(), b.path("final").path("valid_loss").asDouble(), 0.0,
                "final validation loss after kill and resume");
        assertEquals(validRecords(runs.resolve("full")), validRecords(runs.resolve("killed")));
        assertEquals(a.path("samples"), b.path("samples"), "same weights, same samples");
        System.out.println("ResumeAfterKillTest lm: final valid_loss " + a.path("final").path("valid_loss").asDouble()
                + " in both runs");
    }

    /** fastText-style, one thread (resume is exact only then): 2,000 examples x 300 epochs = 600,000 steps. */
    @Test
    void killedAndResumedClassifyRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 2000, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 200, 2, false);
        Path runs = killAndResume(dir, "classify", List.of("-input", train.toString(), "-valid", valid.toString(),
                "-dim", "64", "-wordNgrams", "2", "-bucket", "20000", "-epoch", "300", "-lr", "0.2", "-thread", "1",
                "-seed", "5", "--set", "checkpointEvery=10000", "--set", "keepCheckpoints=2"), 100_000);
        TrainResumeTest.assertSameRun(runs.resolve("full"), runs.resolve("killed"));
        System.out.println("ResumeAfterKillTest classify: " + summary(runs.resolve("full")).path("final"));
    }

    /** TextCNN with dropout (-model cnn): 2,000 examples / batch 8 = 250 steps an epoch, 30 epochs. */
    @Test
    void killedAndResumedNeuralClassifyRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 2000, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 200, 2, false);
        Path runs = killAndResume(dir, "classify", List.of("-model", "cnn", "-input", train.toString(), "-valid",
                valid.toString(), "-dim", "16", "--set", "filters=16", "--set", "batch=8", "-epoch", "30",
                "-lr", "0.001", "-thread", "1", "-seed", "5", "--set", "checkpointEvery=70",
                "--set", "keepCheckpoints=2", "--progress", "none"), 2100);   // step 2100: mid epoch 9
        TrainResumeTest.assertSameRun(runs.resolve("full"), runs.resolve("killed"));
        System.out.println("ResumeAfterKillTest classify -model cnn: " + summary(runs.resolve("full")).path("final"));
    }

    /**
     * BiLSTM tagger with dropout: 200 sentences / batch 4 = 50 steps an epoch, up to 30 epochs; the default
     * patience stops it after epoch 6 (no better validation score since epoch 1), so the kill comes before that.
     */
    @Test
    void killedAndResumedTagRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 200, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 30, 2);
        Path runs = killAndResume(dir, "tag", List.of("-input", train.toString(), "-valid", valid.toString(),
                "-dim", "16", "--set", "hidden=16", "--set", "batch=4", "--set", "dropout=0.2", "-epoch", "30",
                "-lr", "0.01", "-thread", "1", "--set", "checkpointEvery=20", "--set", "keepCheckpoints=2",
                "--progress", "none"), 170);   // mid epoch 4; early stopping (patience 5) ends the run at step 300
        TrainResumeTest.assertSameRun(runs.resolve("full"), runs.resolve("killed"));
        System.out.println("ResumeAfterKillTest tag: " + summary(runs.resolve("full")).path("final"));
    }

    /**
     * Trains runs/full uninterrupted, then runs/killed until it has a checkpoint at step >= killAt, SIGKILLs it
     * mid-training and resumes it to the end; returns the runs directory.
     */
    private static Path killAndResume(Path dir, String task, List<String> settings, long killAt) throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, ChildCli.run(dir, "full", train(task, settings, runs, "full")), ChildCli.log(dir, "full"));

        Process victim = ChildCli.start(dir, "killed", train(task, settings, runs, "killed"));
        ChildCli.awaitCheckpoint(victim, runs.resolve("killed"), killAt);
        assertTrue(victim.isAlive(), "the run must still be training when it is killed; " + ChildCli.log(dir, "killed"));
        victim.destroyForcibly();   // SIGKILL on Linux
        victim.waitFor();
        long killedAt = ChildCli.highestStep(runs.resolve("killed/checkpoints"));
        assertTrue(!Files.exists(runs.resolve("killed/model.xent")), "killed before the end");

        List<String> resume = new ArrayList<>(List.of("train", task, "--resume", runs.resolve("killed").toString(),
                "--progress", "none"));
        assertEquals(0, ChildCli.run(dir, "resumed", resume), ChildCli.log(dir, "resumed"));
        String out = Files.readString(dir.resolve("resumed.log"));
        assertTrue(out.contains("resumed   from"), out);
        System.out.println("ResumeAfterKillTest " + task + ": killed after checkpoint step " + killedAt + "; "
                + out.lines().filter(l -> l.startsWith("resumed")).findFirst().orElse(""));
        return runs;
    }

    private static List<String> train(String task, List<String> settings, Path runs, String name) {
        List<String> a = new ArrayList<>(List.of("train", task, "--runs-dir", runs.toString(), "-output", name));
        a.addAll(settings);
        return a;
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
