package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.task.embed.WordVectors;
import dev.xent.task.tag.Tagger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train vectors on tiny text → train tag -pretrainedVectors: run directory, determinism, vocabulary, dim errors. */
class VectorsCommandsTest {
    /** Sentences of the tagging corpus's words plus "Berlin" and "Madrid", which the tagging data never has. */
    static Path text(Path file, int lines, long seed) throws IOException {
        String[] people = {"Anna", "Marco", "Lena", "Paul"}, cities = {"Paris", "Rome", "Oslo", "Lima", "Berlin", "Madrid"};
        String[] verbs = {"visited", "left", "loves", "saw"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(people[r.nextInt(4)]).append(' ').append(verbs[r.nextInt(4)]).append(' ')
                    .append(cities[r.nextInt(6)]).append(" in 19").append(r.nextInt(10)).append(r.nextInt(10)).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    private static Cli vectors(Path dir, String name, String... more) {
        String[] base = {"train", "vectors", "-input", dir.resolve("text.txt").toString(), "-dim", "8", "-minCount", "1",
            "-epoch", "3", "-thread", "1", "--runs-dir", dir.resolve("runs").toString(), "-output", name, "--progress", "none"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    @Test
    void vectorsAreWrittenWithTheRunDirectoryAndRepeatWithOneThread(@TempDir Path dir) throws Exception {
        text(dir.resolve("text.txt"), 300, 1);
        Cli a = vectors(dir, "a", "-lowercase", "-valid", dir.resolve("text.txt").toString());
        assertEquals(0, a.code(), a.err());
        Path run = dir.resolve("runs/a");
        for (String f : new String[] {"config.json", "metrics.jsonl", "summary.json", "report.html", "vectors.vec"}) {
            assertTrue(Files.exists(run.resolve(f)), f + "\n" + a.out());
        }
        WordVectors v = WordVectors.load(run.resolve("vectors.vec"));
        assertEquals(8, v.dim());
        assertTrue(v.contains("berlin") && v.contains("0000") && !v.contains("Berlin") && !v.contains("1999"),
                "-lowercase keys words as the tagger does: " + v.words());
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(1.0, s.path("final").path("valid_coverage").asDouble(), 1e-12, a.out());
        assertEquals("skipgram", new ObjectMapper().readTree(run.resolve("config.json").toFile()).path("model").asText());

        Cli b = vectors(dir, "b", "-lowercase");
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(run.resolve("vectors.vec")), Files.readString(dir.resolve("runs/b/vectors.vec")),
                "one thread, one seed: the same vectors");
        Cli c = vectors(dir, "c", "-lowercase", "-model", "cbow");
        assertEquals(0, c.code(), c.err());
        assertNotEquals(Files.readString(run.resolve("vectors.vec")), Files.readString(dir.resolve("runs/c/vectors.vec")));
    }

    @Test
    void aTaggerStartsFromTheVectorsAndKeepsTheirWords(@TempDir Path dir) throws Exception {
        text(dir.resolve("text.txt"), 300, 1);
        assertEquals(0, vectors(dir, "vec", "-lowercase").code());
        Path vec = dir.resolve("runs/vec/vectors.vec");
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 60, 1);
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-dim", "8", "--set", "hidden=8", "-epoch", "2",
                "-pretrainedVectors", vec.toString(), "--runs-dir", dir.resolve("runs").toString(), "-output", "ner",
                "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("vectors   " + vec) && t.out().contains("100.0% of the 12 training words"), t.out());
        Tagger tagger = Tagger.load(dir.resolve("runs/ner/model.xent"));
        assertTrue(tagger.encoder().words().contains("berlin") && tagger.encoder().words().contains("madrid"),
                "words of the vectors only are in the vocabulary");

        Cli one = Cli.run("train", "tag", "-input", train.toString(), "-dim", "8", "--set", "hidden=8", "-epoch", "1",
                "-unlabeled", dir.resolve("text.txt").toString(), "--set", "vectorMinCount=1", "-thread", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "one", "--progress", "none");
        assertEquals(0, one.code(), one.err());
        WordVectors trained = WordVectors.load(dir.resolve("runs/one/vectors.vec"));
        assertTrue(trained.contains("berlin") && trained.contains("0000") && trained.dim() == 8,
                "one command: vectors keyed as the tagger keys words, then the tagger");
        assertTrue(Tagger.load(dir.resolve("runs/one/model.xent")).encoder().words().contains("madrid"), one.out());

        Cli bad = Cli.run("train", "tag", "-input", train.toString(), "-pretrainedVectors", vec.toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertNotEquals(0, bad.code());
        assertTrue(bad.cleanError() && bad.err().contains(vec.toString()) && bad.err().contains("dim 8")
                && bad.err().contains("wordDim 100") && bad.err().contains("-dim 8"), bad.err());
        Cli missing = Cli.run("train", "tag", "-input", train.toString(), "-pretrainedVectors",
                dir.resolve("nope.vec").toString(), "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertTrue(missing.cleanError() && missing.err().contains("nope.vec: no such file"), missing.err());
    }
}
