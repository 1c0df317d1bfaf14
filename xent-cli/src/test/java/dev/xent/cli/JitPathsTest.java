// The launcher's JIT for short commands (C1 alone) prints what the optimising compiler's code prints.
package dev.xent.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `xent predict` in child JVMs: with -XX:TieredStopAtLevel=1 (what ./xent gives a short command) and with C2 made
 * eager (thresholds scaled by 0.01, so C2's code of the kernels, SHA-256 and parsing runs within a few hundred lines).
 * Their outputs must be byte for byte the same: the probabilities are printed to 5 decimals, so a kernel whose result
 * depended on the compiler (a reduction in another order, a fused multiply-add in one only) would show here.
 */
class JitPathsTest {
    @TempDir
    static Path dir;
    static Path fastText, cnn, texts;

    @BeforeAll
    static void models() throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        String runs = dir.resolve("runs").toString();
        Cli f = Cli.run("train", "classify", "-input", train.toString(), "-dim", "16", "-epoch", "5", "-thread", "1",
                "-bucket", "1000", "-wordNgrams", "2", "--runs-dir", runs, "-output", "ft", "-q");
        assertEquals(0, f.code(), f.err());
        Cli c = Cli.run("train", "classify", "-model", "cnn", "-input", train.toString(), "-epoch", "1", "-dim", "16",
                "--set", "filters=8", "--runs-dir", runs, "-output", "cnn", "-q");
        assertEquals(0, c.code(), c.err());
        fastText = dir.resolve("runs/ft/model.xent");
        cnn = dir.resolve("runs/cnn/model.xent");
        texts = ClassifyCommandsTest.data(dir.resolve("texts.txt"), 400, 2, false);
    }

    private static String predict(Path model, String jit) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", jit, "-cp", System.getProperty("java.class.path"),
                "dev.xent.cli.Main", "predict", model.toString(), texts.toString(), "-k", "2"));
        Path out = Files.createTempFile(dir, "predict", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "predict " + jit + " did not end in 3 minutes");
        assertEquals(0, p.exitValue(), "predict " + jit);
        return Files.readString(out);
    }

    @Test
    void clientCompilerAlonePrintsWhatC2Prints() throws Exception {
        for (Path model : new Path[] {fastText, cnn}) {
            String c1 = predict(model, "-XX:TieredStopAtLevel=1"), c2 = predict(model, "-XX:CompileThresholdScaling=0.01");
            assertEquals(400, c1.lines().count(), model + ": one line per input line");
            assertEquals(c2, c1, model.toString());
        }
    }
}
