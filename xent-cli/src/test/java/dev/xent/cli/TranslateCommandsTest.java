package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train translate (gzipped files, -src/-tgt/-valid-src/-valid-tgt) → translate, on a toy word-for-word pair. */
class TranslateCommandsTest {
    static final String[] DE = {"der", "hund", "katze", "läuft", "schläft", "rot"};
    static final String[] EN = {"the", "dog", "cat", "runs", "sleeps", "red"};

    /** Writes n pairs as FILE.de.gz and FILE.en.gz. */
    static void pairs(Path dir, String name, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder de = new StringBuilder(), en = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(3);
            for (int k = 0; k < len; k++) {
                int w = r.nextInt(DE.length);
                de.append(k == 0 ? "" : " ").append(DE[w]);
                en.append(k == 0 ? "" : " ").append(EN[w]);
            }
            de.append('\n');
            en.append('\n');
        }
        gzip(dir.resolve(name + ".de.gz"), de.toString());
        gzip(dir.resolve(name + ".en.gz"), en.toString());
    }

    static void gzip(Path p, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void trainThenTranslate(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 200, 1);
        pairs(dir, "val", 20, 2);
        Cli t = Cli.run("train", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-valid-src", dir.resolve("val.de.gz").toString(),
                "-valid-tgt", dir.resolve("val.en.gz").toString(), "-dim", "16", "--set", "heads=2",
                "--set", "encoderLayers=1", "--set", "decoderLayers=1", "--set", "feedForward=32",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "maxLen=32", "--set", "warmup=10",
                "--set", "dropout=0", "--set", "bleuSentences=20", "-lr", "0.005", "-epoch", "2",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "toy", "--progress", "none");
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("epoch 2/2") && t.out().contains("val_bleu"), t.out());
        Path run = dir.resolve("runs/toy");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(s.path("final").has("val_perplexity") && s.path("final").has("val_bleu"), s.toString());

        Path in = Files.writeString(dir.resolve("in.de"), "der hund läuft\n\nrot katze\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("translate", run.resolve("model.xent").toString(), in.toString(), "--beam", "3");
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n", -1);
        assertEquals(4, lines.length, p.out());   // three lines and the final newline
        assertEquals("", lines[1], "a blank line translates to a blank line");
    }

    @Test
    void theAttentionRnnTrainsAndTranslates(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 100, 3);
        pairs(dir, "val", 10, 4);
        Cli t = Cli.run("train", "translate", "-model", "rnn", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-valid-src", dir.resolve("val.de.gz").toString(),
                "-valid-tgt", dir.resolve("val.en.gz").toString(), "-dim", "8", "--set", "hidden=8",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "warmup=5", "-epoch", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "rnn", "--progress", "none");
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("attention RNN") && t.out().contains("val_perplexity"), t.out());
        Cli p = Cli.run("translate", dir.resolve("runs/rnn/model.xent").toString(), dir.resolve("val.de.gz").toString(),
                "--beam", "2");
        assertEquals(0, p.code(), p.err());
        assertEquals(10, p.out().split("\n", -1).length - 1, p.out());
        Cli scored = Cli.run("translate", dir.resolve("runs/rnn/model.xent").toString(),
                dir.resolve("val.de.gz").toString(), "--beam", "2", "--ref", dir.resolve("val.en.gz").toString());
        assertEquals(p.out(), scored.out());
        assertTrue(scored.err().contains("BLEU = ") && scored.err().contains("chrF2 = "), scored.err());
        Cli bad = Cli.run("train", "translate", "-model", "rnn", "--set", "heads=2", "-src", "x", "-tgt", "y",
                "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertTrue(bad.code() != 0 && bad.err().contains("heads"), bad.err());
    }

    @Test
    void aMissingTargetFileIsNamed(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 5, 1);
        Cli t = Cli.run("train", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("nope.en").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--progress", "none");
        assertTrue(t.code() != 0 && t.err().contains("nope.en") && t.err().contains("not found"), t.err());
    }

    @Test
    void srcAndInputTogetherAreRefused(@TempDir Path dir) {
        Cli t = Cli.run("train", "translate", "-src", "a", "-input", "b", "-tgt", "c",
                "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertTrue(t.code() != 0 && t.err().contains("-src and -input are the same setting"), t.err());
    }
}
