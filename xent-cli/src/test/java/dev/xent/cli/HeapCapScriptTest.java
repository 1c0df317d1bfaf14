package dev.xent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** scripts/heap-cap.sh, the launcher's heap cap: 512 MB (768 MB for train translate, 640 MB for train lm, 192 MB for train tag with at least 320 MB) + 8 × the bytes of the files named, at most RAM / 4. */
class HeapCapScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "heap-cap.sh");

    private static int capMb(String ramMb, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (ramMb != null) pb.environment().put("XENT_RAM_MB", ramMb);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "heap-cap.sh exit status");
        return Integer.parseInt(out);
    }

    /** A sparse file of {@code mb} MiB (its length is what counts, not its blocks). */
    private static Path file(Path dir, String name, int mb) throws Exception {
        Path f = dir.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength((long) mb << 20);
        }
        return f;
    }

    @Test
    void withoutFilesTheCapIs512Mb() throws Exception {
        assertEquals(512, capMb("65536", "--version"));
        assertEquals(512, capMb("65536", "train", "classify", "-input", "/no/such/file", "--set", "epoch=3"));
    }

    @Test
    void eachNamedFileAddsEightTimesItsSize(@TempDir Path dir) throws Exception {
        Path train = file(dir, "train.txt", 10), valid = file(dir, "valid.txt", 3);
        assertEquals(512 + 80, capMb("65536", "train", "classify", "-input", train.toString()));
        assertEquals(640 + 104, capMb("65536", "train", "lm", "--input=" + train, "-valid", valid.toString()));
        // a directory (--resume RUN_DIR) is not data
        assertEquals(640, capMb("65536", "train", "lm", "--resume", dir.toString()));
    }

    @Test
    void trainTagStartsFrom192MbWithAtLeast320(@TempDir Path dir) throws Exception {
        Path train = file(dir, "train.txt", 10), valid = file(dir, "valid.txt", 3), big = file(dir, "big.txt", 30);
        assertEquals(320, capMb("65536", "train", "tag", "--input=" + train, "-valid", valid.toString()));  // 296 < 320
        assertEquals(192 + 240, capMb("65536", "train", "tag", "-input", big.toString()));
        assertEquals(320, capMb("65536", "train", "tag", "--resume", dir.toString()));
        assertEquals(250, capMb("1000", "train", "tag", "-input", train.toString()));  // at most RAM / 4
    }

    @Test
    void trainTranslateStartsFrom768Mb(@TempDir Path dir) throws Exception {
        Path src = file(dir, "train.de", 2), tgt = file(dir, "train.en", 2);
        assertEquals(768 + 32, capMb("65536", "train", "translate", "-src", src.toString(), "-tgt", tgt.toString()));
        assertEquals(512 + 16, capMb("65536", "translate", "model.xent", src.toString()));   // decoding: the default
    }

    @Test
    void theCapIsAtMostAQuarterOfTheRam(@TempDir Path dir) throws Exception {
        Path big = file(dir, "big.txt", 1024);
        assertEquals(2048, capMb("8192", "train", "lm", "-input", big.toString()));
        assertEquals(640 + 8192, capMb("65536", "train", "lm", "-input", big.toString()));
        assertEquals(500, capMb("2000", "--version"));   // a small machine: a quarter of its RAM even without data
        Files.delete(big);
    }
}
