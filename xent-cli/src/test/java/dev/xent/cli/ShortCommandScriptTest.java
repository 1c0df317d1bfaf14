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

    /** A sparse file of {@code kb} KiB (its length is what counts). */
    private static String file(Path dir, String name, long kb) throws Exception {
        Path f = dir.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(kb << 10);
        }
        return f.toString();
    }

    @Test
    void commandsWithoutWorkAreAlwaysShort() throws Exception {
        for (String c : new String[] {"--version", "-V", "--help", "help", "info", "export", "report", "info-theory"}) {
            assertTrue(isShort(c, "x"), c);
        }
    }

    @Test
    void trainingServingAndTuningAreNot() throws Exception {
        assertFalse(isShort("train", "classify", "-input", "x"));
        assertFalse(isShort("tune", "classify"));
        assertFalse(isShort("serve", "model.xent"));
        assertFalse(isShort());
        assertFalse(isShort("--debug", "predict", "model.xent"));   // a leading option: not recognised, the safe side
    }

    @Test
    void predictionIsShortForASmallModelAndSmallInputs(@TempDir Path dir) throws Exception {
        String model = file(dir, "m.xent", 6 << 10), big = file(dir, "big.xent", 17 << 10);
        String oneLine = file(dir, "one.txt", 1), mb = file(dir, "mb.txt", 1 << 10), more = file(dir, "more.txt", 1025);
        assertTrue(isShort("predict", model, oneLine, "-k", "2"));
        assertTrue(isShort("predict", model));             // stdin: interactive use
        assertTrue(isShort("eval", model, mb));            // 1 MB of inputs is still short
        assertFalse(isShort("score", model, more));        // over 1 MB
        assertFalse(isShort("predict", model, mb, oneLine));
        assertFalse(isShort("predict", big, oneLine));     // a model over 16 MB: C2 hashes and loads it faster
        assertTrue(isShort("generate", model, "--prompt", "a fine"));
        assertFalse(isShort("translate", model, "--input=" + more));   // --name=FILE counts too
    }
}
