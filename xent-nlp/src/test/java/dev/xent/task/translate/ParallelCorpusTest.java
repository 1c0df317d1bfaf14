// Reading a parallel corpus: plain and gzipped files, and the pairing errors that name file and line.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.DataException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusTest {
    @TempDir
    Path dir;

    private Path plain(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path gzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void readsPlainAndGzippedLinesInPairs() throws IOException {
        ParallelCorpus c = ParallelCorpus.read(gzip("train.de.gz", "Ein Hund läuft.\nZwei Männer.\n"),
                plain("train.en", "A dog runs.\r\nTwo men.  \n"));
        assertEquals(List.of("Ein Hund läuft.", "Zwei Männer."), c.sources());
        assertEquals(List.of("A dog runs.", "Two men."), c.targets());
    }

    @Test
    void differentLengthsNameTheLongerFileAndItsFirstUnpairedLine() throws IOException {
        Path de = plain("a.de", "eins\nzwei\ndrei\n"), en = plain("a.en", "one\ntwo\n");
        DataException e = assertThrows(DataException.class, () -> ParallelCorpus.read(de, en));
        assertTrue(e.getMessage().startsWith(de + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("has 3 lines") && e.getMessage().contains("has 2"), e.getMessage());
        assertTrue(e.getMessage().contains("drei"), e.getMessage());
    }

    @Test
    void anEmptyLineNamesItsFileLineAndPartner() throws IOException {
        Path de = plain("b.de", "eins\n  \ndrei\n"), en = plain("b.en", "one\ntwo\nthree\n");
        DataException e = assertThrows(DataException.class, () -> ParallelCorpus.read(de, en));
        assertTrue(e.getMessage().startsWith(de + ":2: empty line"), e.getMessage());
        assertTrue(e.getMessage().contains("two"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.de");
        DataException e = assertThrows(DataException.class, () -> ParallelCorpus.read(missing, missing));
        assertTrue(e.getMessage().contains("nope.de") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void batchesAreOfSimilarLengthWithinTheBudgetAndTheSameEachEpochUpToOrder() {
        int n = 50;
        int[] src = new int[n], tgt = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = 1 + (i * 7) % 13;
            tgt[i] = 1 + (i * 5) % 11;
        }
        LengthBatches b = new LengthBatches(src, tgt, 40, 3, true);
        java.util.Set<String> e0 = new java.util.HashSet<>(), e1 = new java.util.HashSet<>();
        int seen = 0;
        for (int k = 0; k < b.count(); k++) {
            int[] rows = b.rows(0, k);
            int longest = 0;
            for (int r : rows) longest = Math.max(longest, Math.max(src[r], tgt[r]));
            assertTrue((long) longest * rows.length <= 40, "batch " + k + " exceeds the token budget");
            seen += rows.length;
            e0.add(java.util.Arrays.toString(rows));
            e1.add(java.util.Arrays.toString(b.rows(1, k)));
        }
        assertEquals(n, seen, "every pair in exactly one batch");
        assertEquals(e0, e1, "the same batches every epoch");
        assertEquals(java.util.Arrays.toString(b.rows(1, 0)),
                java.util.Arrays.toString(new LengthBatches(src, tgt, 40, 3, true).rows(1, 0)), "order fixed by seed, epoch");
    }
}
