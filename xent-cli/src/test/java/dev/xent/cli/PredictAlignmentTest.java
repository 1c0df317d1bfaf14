// `xent predict --skip-bad-lines`: one output line per input line, a bad line giving an empty one; from a file and stdin.
package dev.xent.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictAlignmentTest {
    @TempDir
    static Path dir;
    static Path classifier, tagger;

    /** Lines: a text, invalid UTF-8, blank, a text, invalid UTF-8 without a final newline. */
    static byte[] input(String first, String fourth) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((first + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, '(', '\n'});
        b.writeBytes(("\n" + fourth + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xFF, 'x'});
        return b.toByteArray();
    }

    @BeforeAll
    static void models() throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Cli c = Cli.run("train", "classify", "-input", train.toString(), "-dim", "8", "-epoch", "10", "-lr", "0.5",
                "-thread", "1", "-bucket", "1000", "--runs-dir", dir.resolve("runs").toString(), "-output", "c", "-q");
        assertEquals(0, c.code(), c.err());
        classifier = dir.resolve("runs/c/model.xent");
        Path conll = TagCommandsTest.conll(dir.resolve("train.conll"), 60, 1);
        Cli t = Cli.run("train", "tag", "-input", conll.toString(), "-dim", "8", "--set", "hidden=8", "-epoch", "4",
                "-lr", "0.05", "--runs-dir", dir.resolve("runs").toString(), "-output", "t", "-q");
        assertEquals(0, t.code(), t.err());
        tagger = dir.resolve("runs/t/model.xent");
    }

    private static void assertAligned(Cli p, String first, String fourth) {
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n", -1);
        assertEquals(6, lines.length, "5 input lines, 5 output lines (and the final newline): " + p.out());
        assertTrue(lines[0].startsWith(first), p.out());
        assertEquals("", lines[1], "a bad line gives an empty line");
        assertEquals("", lines[2], "a blank line gives an empty line");
        assertTrue(lines[3].startsWith(fourth), p.out());
        assertEquals("", lines[4], "a bad last line gives an empty line too");
        assertTrue(p.err().startsWith("xent: skipped 2 bad lines (an empty output line each); the first: "), p.err());
        assertTrue(p.err().contains(":2") && p.err().contains("invalid UTF-8"), "names the first bad line: " + p.err());
    }

    @Test
    void classifierFromAFile() throws Exception {
        Path in = Files.write(dir.resolve("in.txt"), input("a superb film", "the plot was dull"));
        assertAligned(Cli.run("predict", classifier.toString(), in.toString(), "--skip-bad-lines"), "__label__pos ",
                "__label__neg ");
        Cli stop = Cli.run("predict", classifier.toString(), in.toString());
        assertEquals(ExitCodes.BAD_INPUT, stop.code(), "without --skip-bad-lines a bad line stops: " + stop.err());
        assertTrue(stop.err().contains("in.txt:2"), stop.err());
    }

    @Test
    void classifierFromStdin() {
        assertAligned(withStdin(input("a superb film", "the plot was dull"),
                "predict", classifier.toString(), "-", "--skip-bad-lines"), "__label__pos ", "__label__neg ");
    }

    @Test
    void taggerFromAFileAndStdin() throws Exception {
        byte[] bytes = input("Lena saw Oslo", "Paul left Rome");
        Path in = Files.write(dir.resolve("in.conll.txt"), bytes);
        assertAligned(Cli.run("predict", tagger.toString(), in.toString(), "--skip-bad-lines"), "Lena/B-PER saw/O",
                "Paul/B-PER left/O");
        assertAligned(withStdin(bytes, "predict", tagger.toString(), "--skip-bad-lines"), "Lena/B-PER", "Paul/B-PER");
    }

    private static Cli withStdin(byte[] bytes, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(bytes));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
