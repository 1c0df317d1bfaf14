// docs/seeds.md's Java blocks are copies of the example sources: each block's lines appear, in order, in its source file.
package dev.xent.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SeedsDocTest {
    static final Path DOC = Path.of("../docs/seeds.md");
    static final Path SOURCES = Path.of("src/main/java/dev/xent/examples");

    /** The blocks of the doc: [source file name, block lines...]; each Java block must name its source. */
    static List<List<String>> javaBlocks(List<String> doc) {
        List<List<String>> blocks = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            if (!doc.get(i).equals("```java")) continue;
            String marker = i > 0 ? doc.get(i - 1).trim() : "";
            if (!marker.startsWith("<!-- source: ")) fail("docs/seeds.md line " + (i + 1) + ": a java block without a <!-- source: File.java --> line above it");
            List<String> block = new ArrayList<>();
            block.add(marker.substring("<!-- source: ".length(), marker.length() - " -->".length()).trim());
            for (i++; !doc.get(i).equals("```"); i++) block.add(doc.get(i));
            blocks.add(block);
        }
        return blocks;
    }

    /** The first block line not found (in order) among the source's lines, or null when all are. */
    static String firstMissing(List<String> block, List<String> source) {
        int at = 0;
        for (String line : block.subList(1, block.size())) {
            if (line.isBlank()) continue;
            while (at < source.size() && !source.get(at).equals(line)) at++;
            if (at == source.size()) return line;
            at++;
        }
        return null;
    }

    @Test
    void everyJavaBlockIsInItsSource() throws IOException {
        List<List<String>> blocks = javaBlocks(Files.readAllLines(DOC));
        assertEquals(8, blocks.size(), "docs/seeds.md has eight Java excerpts");
        for (List<String> block : blocks) {
            String missing = firstMissing(block, Files.readAllLines(SOURCES.resolve(block.get(0))));
            assertTrue(missing == null, "docs/seeds.md excerpt of " + block.get(0) + " differs from the source at: " + missing);
        }
    }

    @Test
    void anEditedExcerptIsCaught() {
        // negative control: one changed character, or lines out of order, is a mismatch
        List<String> source = List.of("a();", "b();", "c();");
        assertEquals(null, firstMissing(List.of("F.java", "a();", "", "c();"), source));
        assertEquals("b() ;", firstMissing(List.of("F.java", "a();", "b() ;"), source));
        assertEquals("a();", firstMissing(List.of("F.java", "b();", "a();"), source));
    }
}
