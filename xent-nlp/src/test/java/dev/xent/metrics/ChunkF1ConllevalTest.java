package dev.xent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ChunkF1 against counts produced by conlleval.pl itself on 120 random, mostly ill-formed, tag files. */
class ChunkF1ConllevalTest {
    @Test
    void matchesConllevalOnRandomFiles() throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/conlleval/cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String block : text.split("---\n")) {
            ChunkF1 m = new ChunkF1();
            List<String> gold = new ArrayList<>();
            List<String> pred = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            StringBuilder input = new StringBuilder();
            for (String line : block.split("\n", -1)) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("=> ")) {
                    expected.add(line.substring(3));
                } else if (line.isEmpty()) {
                    if (!gold.isEmpty()) {
                        m.add(gold, pred);
                        gold = new ArrayList<>();
                        pred = new ArrayList<>();
                    }
                } else {
                    String[] f = line.split(" ");
                    gold.add(f[1]);
                    pred.add(f[2]);
                    input.append(line).append('\n');
                }
            }
            if (expected.isEmpty()) {
                continue;
            }
            List<String> got = new ArrayList<>();
            ChunkF1.Counts o = m.overall();
            got.add("overall " + m.tokens() + " " + m.correctTags() + " " + o.correct() + " " + o.predicted() + " "
                    + o.gold());
            m.perType().forEach((t, c) -> got.add(t + " " + c.correct() + " " + c.predicted() + " " + c.gold()));
            assertEquals(expected, got, "input:\n" + input);
            // conlleval: precision = correctChunk / foundGuessed, recall = correctChunk / foundCorrect (0 when empty)
            assertEquals(o.predicted() == 0 ? 0 : (double) o.correct() / o.predicted(), m.precision(), 0,
                    "precision; input:\n" + input);
            assertEquals(o.gold() == 0 ? 0 : (double) o.correct() / o.gold(), m.recall(), 0, "recall; input:\n" + input);
            cases++;
        }
        assertTrue(cases >= 100, "expected >= 100 cases, read " + cases);
    }
}
