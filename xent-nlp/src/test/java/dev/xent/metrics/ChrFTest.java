// chrF against hand-computed values and sacreBLEU's README example.
package dev.xent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChrFTest {
    private static final double EPS = 1e-10;

    @Test
    void oneSentenceByHand() {
        // ab | abc: order 1 (2, 3, 2), order 2 (1, 2, 1), order 3 (0, 1, 0) not effective, orders 4-6 empty.
        // P = (2/2 + 1/1) / 2 = 1, R = (2/3 + 1/2) / 2 = 7/12, chrF2 = 5PR / (4P + R) = 7/11.
        ChrF chrF = new ChrF();
        chrF.add("ab", "abc");
        assertArrayEquals(new long[] {2, 3, 2, 1, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, chrF.statistics());
        assertEquals(100.0 * 7 / 11, chrF.score(), EPS);
    }

    @Test
    void corpusSumsStatisticsBeforeTheFScore() {
        // + xy | xy: order 1 (4, 5, 4), order 2 (2, 3, 2); P = 1, R = (4/5 + 2/3) / 2 = 11/15 → 55/71.
        assertEquals(100.0 * 55 / 71, ChrF.corpus(List.of("ab", "xy"), List.of("abc", "xy")), EPS);
    }

    @Test
    void hypothesisNgramsCountOnlyWhereTheReferenceHasThatOrder() {
        // abcd | ab: order 3 is (0, 0, 0), not (2, 0, 0). Alone: P = (2/4 + 1/3) / 2 = 5/12, R = 1 → 25/32.
        assertEquals(100.0 * 25 / 32, ChrF.corpus(List.of("abcd"), List.of("ab")), EPS);
        // With xyz | xyz the corpus order 3 is (1, 1, 1): P = (5/7 + 3/5 + 1) / 3 = 27/35, R = 1 → 135/143.
        assertEquals(100.0 * 135 / 143, ChrF.corpus(List.of("abcd", "xyz"), List.of("ab", "xyz")), EPS);
    }

    @Test
    void whitespaceIsIgnoredAndCaseIsNot() {
        assertEquals(100.0, ChrF.corpus(List.of("a b\u00A0c"), List.of("abc")), EPS);
        assertEquals(0.0, ChrF.corpus(List.of("ABC"), List.of("abc")), EPS);
        assertEquals(0.0, ChrF.corpus(List.of(""), List.of("abc")), EPS);
    }

    @Test
    void codePointsNotUtf16Units() {
        // 😀 is one character (two UTF-16 units): x😀 | x😀 has 2 unigrams and 1 bigram, all matching.
        ChrF chrF = new ChrF();
        chrF.add("x\uD83D\uDE00", "x\uD83D\uDE00");
        assertArrayEquals(new long[] {2, 2, 2, 1, 1, 1}, java.util.Arrays.copyOf(chrF.statistics(), 6));
    }

    @Test
    void chrFPlusPlusWordNgramsSplitPunctuation() {
        // cat. | cat with char order 1, word order 1: chars (4, 3, 3), words [cat, .] vs [cat] (2, 1, 1).
        // P = (3/4 + 1/2) / 2 = 5/8, R = 1 → 25/28.
        ChrF chrF = new ChrF(1, 1, 2);
        chrF.add("cat.", "cat");
        assertEquals(100.0 * 25 / 28, chrF.score(), EPS);
    }

    @Test
    void matchesSacreBleusReadmeExample() {
        // sacreBLEU README (2.x): CHRF().corpus_score(sys, refs) → chrF2 = 59.73 (two reference streams).
        List<String> sys = List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
        List<List<String>> refs = List.of(
                List.of("The dog bit the man.", "The dog had bit the man."),
                List.of("It was not unexpected.", "No one was surprised."),
                List.of("The man bit him first.", "The man had bitten the dog."));
        ChrF chrF = new ChrF();
        for (int i = 0; i < sys.size(); i++) chrF.add(sys.get(i), refs.get(i));
        assertEquals("59.73", String.format(java.util.Locale.ROOT, "%.2f", chrF.score()));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ChrF(0, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChrF(6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChrF().add("a", ""));
        assertThrows(IllegalArgumentException.class, () -> ChrF.corpus(List.of("a"), List.of()));
    }
}
