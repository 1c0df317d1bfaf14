// SentenceHoldout: validation texts are maximal, and no training text is a span of a validation text.
package dev.xent.bench.classify;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceHoldoutTest {
    // two "sentences" with their phrases, one phrase shared by both, and an orphan phrase
    static final int[][] TEXTS = {
            {1, 2, 3, 4, 5},      // 0 sentence A
            {2, 3},               // 1 inside A
            {3, 4, 5},            // 2 inside A
            {6, 7, 8, 9},         // 3 sentence B
            {7, 8},               // 4 inside B
            {8, 9},               // 5 inside B
            {10, 11},             // 6 orphan (maximal)
            {4, 5},               // 7 inside A
            {7},                  // 8 one token: never a validation text
            {9, 2, 3},            // 9 maximal; contains (2, 3) which is also in A
    };

    @Test
    void maximalTextsAreTheOnesInsideNoLongerText() {
        assertArrayEquals(new int[] {0, 3, 6, 9}, SentenceHoldout.maximalTexts(TEXTS, 2));
    }

    @Test
    void noTrainingTextIsASpanOfAValidationText() {
        for (long seed = 1; seed <= 20; seed++) {
            SentenceHoldout.Split s = SentenceHoldout.split(TEXTS, 0.5, 2, seed);
            assertEquals(2, s.valid().length);
            assertEquals(4, s.maximal());
            assertEquals(TEXTS.length, s.train().length + s.valid().length + s.dropped());
            for (int v : s.valid()) {
                assertTrue(Arrays.stream(new int[] {0, 3, 6, 9}).anyMatch(m -> m == v));
                for (int t : s.train()) {
                    assertFalse(SentenceHoldout.containsSpan(TEXTS[v], TEXTS[t]),
                            "seed " + seed + ": train text " + t + " is inside validation text " + v);
                }
            }
        }
    }

    @Test
    void holdingOutSentenceAKeepsSentenceBAndItsPhrases() {
        // find a seed whose validation is {0, 6}: then 1, 2, 7 are dropped and 3, 4, 5, 8 are trained on;
        // 9 is trained on too (it is not inside A, though it shares the phrase (2, 3) with it)
        for (long seed = 1; seed <= 200; seed++) {
            SentenceHoldout.Split s = SentenceHoldout.split(TEXTS, 0.5, 2, seed);
            if (Arrays.equals(s.valid(), new int[] {0, 6})) {
                assertArrayEquals(new int[] {3, 4, 5, 8, 9}, s.train());
                assertEquals(3, s.dropped());
                return;
            }
        }
        throw new AssertionError("no seed in 1..200 held out exactly {0, 6}");
    }

    @Test
    void sameSeedSameSplit() {
        assertArrayEquals(SentenceHoldout.split(TEXTS, 0.5, 2, 7).valid(), SentenceHoldout.split(TEXTS, 0.5, 2, 7).valid());
    }
}
