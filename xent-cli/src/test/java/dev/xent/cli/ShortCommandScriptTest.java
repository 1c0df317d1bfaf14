package dev.xent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/short-command.sh: which command lines the launcher runs with the client compiler alone. */
class ShortCommandScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "short-command.sh");

    private static boolean isShort(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", ". \"$0\"; short_command \"$@\"", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        int code = p.waitFor();
        assertTrue(out.isEmpty(), "short_command prints nothing; got: " + out);
        return code == 0;
    }

    /** A sparse file of {@code bytes} bytes (its length is what counts). */
    private static String file(Path dir, String name, long bytes) throws Exception {
        Path f = dir.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(bytes);
        }
        return f.toString();
    }

    @Test
    void commandsWithoutAModelAreAlwaysShort() throws Exception {
        for (String c : new String[] {"--version", "-V", "--help", "help", "report", "info-theory"}) {
            assertTrue(isShort(c, "x"), c);
        }
    }

    @Test
    void infoAndExportAreShortForAModelOfAtMost16Mb(@TempDir Path dir) throws Exception {
        String model = file(dir, "m.xent", 16L << 20), big = file(dir, "big.xent", (16L << 20) + 1);
        assertTrue(isShort("info", model));
        assertTrue(isShort("export", model, "--safetensors", dir.resolve("out.safetensors").toString()));
        assertFalse(isShort("info", big));
        assertFalse(isShort("info", dir.resolve("missing.xent").toString()));
    }

    @Test
    void trainingServingTuningAndGenerationAreNot() throws Exception {
        assertFalse(isShort("train", "classify", "-input", "x"));
        assertFalse(isShort("tune", "classify"));
        assertFalse(isShort("serve", "model.xent"));
        assertFalse(isShort("generate", "model.xent", "--prompt", "a"));   // its work is -n, not a file's size
        assertFalse(isShort());
        assertFalse(isShort("--debug", "predict", "model.xent"));   // a leading option: not recognised, the safe side
    }

    @Test
    void predictionIsShortForASmallModelAndAFewLines(@TempDir Path dir) throws Exception {
        String model = file(dir, "m.xent", 6L << 20), big = file(dir, "big.xent", 17L << 20);
        String oneLine = file(dir, "one.txt", 24), half = file(dir, "half.txt", 512), more = file(dir, "more.txt", 513);
        assertTrue(isShort("predict", model, oneLine, "-k", "2"));
        assertTrue(isShort("eval", model, half));                  // 512 bytes of input is still short
        assertFalse(isShort("score", model, more));                // over 512 bytes
        assertFalse(isShort("predict", model, half, oneLine));     // counted together
        assertFalse(isShort("predict", model));                    // stdin: its size is unknown
        assertFalse(isShort("predict", model, "-"));
        assertFalse(isShort("predict", big, oneLine));             // a model over 16 MB: C2 hashes and loads it faster
        assertFalse(isShort("eval", model, "--data=" + more));     // --name=FILE counts too
        assertTrue(isShort("eval", model, "--data=" + oneLine));
    }
}
