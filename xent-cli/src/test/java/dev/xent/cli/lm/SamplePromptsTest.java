// Sample prompts come from the training text: evenly spread non-blank lines, their opening words, deterministic.
package dev.xent.cli.lm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplePromptsTest {
    private static final String TEXT = " = Valkyria Chronicles = \n\n a1 a2 a3 a4\n b1 b2\n\n c1 c2 c3\n d1\n e1 e2 e3 e4 e5\n";

    @Test
    void openingWordsOfLinesSpreadOverTheText() {
        // 6 non-blank lines; 3 prompts take the centres of thirds: lines 1, 3, 5 (0-based) of the non-blank ones
        assertEquals(List.of("a1 a2 a3 ", "c1 c2 c3 ", "e1 e2 e3 "), SamplePrompts.pick(TEXT, 3, 3));
        assertEquals(List.of("c1 c2 c3 "), SamplePrompts.pick(TEXT, 1, 3));   // the centre line, 3 of 0..5
        assertEquals(SamplePrompts.pick(TEXT, 4, 2), SamplePrompts.pick(TEXT, 4, 2), "deterministic");
        assertEquals(List.of(), SamplePrompts.pick(TEXT, 0, 3));
    }

    @Test
    void textWithoutWordsIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> SamplePrompts.pick(" \n\n", 2, 3));
        assertTrue(e.getMessage().contains("no non-blank line"), e.getMessage());
    }

    @Test
    void wordLevelDefaultsKeepEveryWordAndYieldToWhatIsGiven() {
        Map<String, String> d = LmSettings.levelDefaults(Map.of("level", "word", "valid", "v.txt", "maxChars", "5000"));
        assertEquals("1", d.get("minCount"));
        assertEquals("0", d.get("validChars"));
        assertTrue(!d.containsKey("maxChars"), "given settings win: " + d);
        assertEquals(Map.of(), LmSettings.levelDefaults(Map.of("level", "char")));
        assertEquals("0", LmSettings.levelDefaults(Map.of("level", "word", "input", "t.txt")).get("maxChars"),
                "the whole -input file");
    }
}
