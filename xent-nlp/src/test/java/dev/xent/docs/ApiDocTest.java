// docs/api.md's task examples are the code of tests that run: each block's lines appear, in order, in its source.
package dev.xent.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Java block in docs/api.md preceded by {@code <!-- source: path -->} (a path from the repository root) is an
 * excerpt of that file: every non-blank line of the block, without its indentation, is found in the file in the
 * same order. The sources are the *ApiExampleTest classes, so each example on the page runs as a test.
 */
class ApiDocTest {
    static final Path ROOT = Path.of("..");
    static final List<String> EXAMPLES = List.of(
            "xent-nlp/src/test/java/dev/xent/task/classify/FastTextApiExampleTest.java",
            "xent-nlp/src/test/java/dev/xent/task/classify/NeuralClassifierApiExampleTest.java",
            "xent-nlp/src/test/java/dev/xent/task/tag/TaggerApiExampleTest.java",
            "xent-nlp/src/test/java/dev/xent/task/lm/LmApiExampleTest.java",
            "xent-nlp/src/test/java/dev/xent/task/embed/WordVectorApiExampleTest.java");

    /** Source path → the block's lines, for every marked block of the page. */
    static Map<String, List<String>> blocks(List<String> doc) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < doc.size(); i++) {
            String line = doc.get(i).strip();
            if (!line.startsWith("<!-- source: ")) continue;
            String source = line.substring("<!-- source: ".length(), line.length() - "-->".length()).strip();
            if (i + 1 >= doc.size() || !doc.get(i + 1).strip().equals("```java")) {
                fail("docs/api.md line " + (i + 1) + ": a source marker must be followed by a ```java block");
            }
            List<String> block = new ArrayList<>();
            for (int j = i + 2; j < doc.size() && !doc.get(j).strip().equals("```"); j++) block.add(doc.get(j));
            out.put(source, block);
        }
        return out;
    }

    /** The first block line (stripped) not found, in order, among the source's stripped lines; null when all are. */
    static String firstMissing(List<String> block, List<String> source) {
        int at = 0;
        for (String line : block) {
            if (line.isBlank()) continue;
            while (at < source.size() && !source.get(at).strip().equals(line.strip())) at++;
            if (at == source.size()) return line;
            at++;
        }
        return null;
    }

    @Test
    void everyTaskExampleIsTheCodeOfATest() throws IOException {
        Map<String, List<String>> blocks = blocks(Files.readAllLines(ROOT.resolve("docs/api.md")));
        assertEquals(EXAMPLES, new ArrayList<>(blocks.keySet()), "docs/api.md's examples and their test sources");
        for (Map.Entry<String, List<String>> b : blocks.entrySet()) {
            String missing = firstMissing(b.getValue(), Files.readAllLines(ROOT.resolve(b.getKey())));
            assertNull(missing, "docs/api.md's example from " + b.getKey() + " differs from its source at: " + missing);
        }
    }

    @Test
    void anEditedExampleIsCaught() {
        List<String> source = List.of("    a();", "    b();", "    c();");
        assertNull(firstMissing(List.of("a();", "", "c();"), source));
        assertTrue(firstMissing(List.of("a();", "b(1);"), source) != null, "a changed line");
        assertTrue(firstMissing(List.of("c();", "a();"), source) != null, "lines out of order");
    }
}
