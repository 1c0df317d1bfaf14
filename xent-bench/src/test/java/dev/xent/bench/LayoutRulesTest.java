// The layout rules hold on this repository, and each one catches a planted violation, naming the file and the rule.
package dev.xent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutRulesTest {
    /** The repository root: the nearest folder above the working directory that holds xent-core/ and pom.xml. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("xent-core")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no repository root (a folder with xent-core/ and pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    private static void assertNone(List<String> violations) {
        assertTrue(violations.isEmpty(), violations.size() + " violation(s):\n" + String.join("\n", violations));
    }

    @Test
    void noBenchmarkOrEnsembleTypeInShippedCode() {
        assertNone(LayoutRules.benchmarkNames(repositoryRoot()));
    }

    @Test
    void noTestHelperInShippedCode() {
        assertNone(LayoutRules.testHelpers(repositoryRoot()));
    }

    @Test
    void noEntryPointOrPrintingInLibraryCode() {
        assertNone(LayoutRules.drivers(repositoryRoot()));
    }

    @Test
    void everyTaskTrainsOnTheOneLoop() {
        assertNone(LayoutRules.trainingLoops(repositoryRoot()));
    }

    @Test
    void noMachinePathOrBuiltInDataFolderInAnySourceFile() {
        Path root = repositoryRoot();
        List<Path> scanned = LayoutRules.sourceFiles(root);
        // the scan reaches Java, scripts without an extension, bench scripts and the Python reference scripts
        for (String f : List.of("xent-bench/src/main/java/dev/xent/bench/lm/WordLmBenchmark.java", "build",
                "bench/lm.sh", "bench/lm_torch.py")) {
            assertTrue(scanned.contains(root.resolve(f)), "not scanned: " + f);
        }
        assertNone(LayoutRules.machinePaths(root));
    }

    // Planted trees: a rule that cannot fail is no rule.

    @Test
    void plantedBenchmarkAndEnsembleAreNamed(@TempDir Path root) throws IOException {
        write(root, "xent-nlp/src/main/java/a/WordLmBenchmark.java", "public final class WordLmBenchmark {}\n");
        write(root, "xent-core/src/main/java/a/Models.java", "class Models {\n    static final class SstEnsemble {}\n}\n");
        write(root, "xent-cli/src/main/java/a/ServeBenchMain.java", "public class ServeBenchMain {}\n");
        write(root, "xent-bench/src/main/java/a/GemmBench.java", "public class GemmBench {}\n");  // allowed here
        assertEquals(List.of("xent-core/src/main/java/a/Models.java: type SstEnsemble: " + LayoutRules.BENCH_NAME,
                "xent-nlp/src/main/java/a/WordLmBenchmark.java: type WordLmBenchmark: " + LayoutRules.BENCH_NAME,
                "xent-cli/src/main/java/a/ServeBenchMain.java: type ServeBenchMain: " + LayoutRules.BENCH_NAME),
                LayoutRules.benchmarkNames(root));
    }

    @Test
    void plantedTestHelpersAreNamed(@TempDir Path root) throws IOException {
        write(root, "xent-nlp/src/main/java/a/FakeModel.java", "final class FakeModel {}\n");
        write(root, "xent-core/src/main/java/a/Check.java", "package a;\n\nimport org.junit.jupiter.api.Assertions;\n"
                + "\nclass Check {}\n");
        write(root, "xent-core/src/test/java/a/FakeClock.java", "final class FakeClock {}\n");  // allowed in tests
        List<String> v = LayoutRules.testHelpers(root);
        assertEquals(List.of("xent-core/src/main/java/a/Check.java:3: imports a test library: " + LayoutRules.TEST_HELPER,
                "xent-nlp/src/main/java/a/FakeModel.java: type FakeModel: " + LayoutRules.TEST_HELPER), v);
    }

    @Test
    void plantedEntryPointAndPrintingAreNamed(@TempDir Path root) throws IOException {
        write(root, "xent-nlp/src/main/java/a/Run.java", "class Run {\n    public static void main(String[] a) {\n"
                + "        System.out.println(1);\n        System.exit(2);\n    }\n}\n");
        write(root, "xent-cli/src/main/java/a/Main.java", "class Main { public static void main(String[] a) {} }\n");
        List<String> v = LayoutRules.drivers(root);
        assertEquals(3, v.size(), String.join("\n", v));
        assertTrue(v.get(0).startsWith("xent-nlp/src/main/java/a/Run.java:2: 'static void main("), v.toString());
        assertTrue(v.get(1).startsWith("xent-nlp/src/main/java/a/Run.java:3: 'System.out'"), v.toString());
        assertTrue(v.get(2).endsWith(LayoutRules.DRIVER), v.toString());
    }

    @Test
    void plantedTrainingLoopsAreNamed(@TempDir Path root) throws IOException {
        write(root, "xent-cli/src/main/java/a/LmRun.java", "class LmRun {\n    void run() {\n"
                + "        for (int epoch = 0; epoch < 3; epoch++) {\n            loss.backward();\n"
                + "            model.zeroGrad();\n        }\n        new Checkpoint(t, c, s);\n    }\n}\n");
        write(root, "xent-nlp/src/main/java/a/TagTrainState.java", "record TagTrainState() {}\n");
        write(root, "xent-nlp/src/main/java/a/Resume.java", "class Resume { Object c = Checkpoint.read(f); }\n");
        write(root, "xent-core/src/main/java/dev/xent/train/TrainLoop.java",   // the loop itself may
                "class TrainLoop {\n    void fit() { for (int epoch = 0; ; epoch++) loss.backward(); }\n}\n");
        List<String> v = LayoutRules.trainingLoops(root);
        assertEquals(List.of(
                "xent-nlp/src/main/java/a/Resume.java:1: 'Checkpoint.read(': " + LayoutRules.ONE_LOOP,
                "xent-nlp/src/main/java/a/TagTrainState.java: type TagTrainState: " + LayoutRules.ONE_STATE,
                "xent-cli/src/main/java/a/LmRun.java:3: 'for (int epoch': " + LayoutRules.ONE_LOOP,
                "xent-cli/src/main/java/a/LmRun.java:4: '.backward(': " + LayoutRules.ONE_LOOP,
                "xent-cli/src/main/java/a/LmRun.java:5: 'zeroGrad(': " + LayoutRules.ONE_LOOP,
                "xent-cli/src/main/java/a/LmRun.java:7: 'new Checkpoint(': " + LayoutRules.ONE_LOOP), v);
    }

    @Test
    void plantedMachinePathsAreNamed(@TempDir Path root) throws IOException {
        String work = "/" + "work/";   // spelled in two parts so that this file passes its own rule
        write(root, "xent-bench/src/main/java/a/B.java", "class B {\n    String d = \"" + work + "data\";\n"
                + "    String t = \"/" + "tmp/x\";\n}\n");
        write(root, "bench/run", "#!/usr/bin/env bash\ndata=\"${DATA:-../shared" + "/data}\"\n");
        write(root, "bench/ok.sh", "out=\"$HOME/work/x\" tmp=/tmp/x rel=a" + work + "b\n");   // not absolute
        write(root, "docs/notes.md", "data in " + work + "shared\n");   // docs are not source files
        write(root, "xent-core/target/x.java", work + "\n");           // build output is not scanned
        List<String> v = LayoutRules.machinePaths(root);
        assertEquals(List.of("bench/run:2: 'shared" + "/data': " + LayoutRules.SHARED_DATA,
                "xent-bench/src/main/java/a/B.java:2: '" + work + "': " + LayoutRules.MACHINE_PATH,
                "xent-bench/src/main/java/a/B.java:3: '\"/" + "tmp/': " + LayoutRules.MACHINE_PATH), v);
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path f = root.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
