// Corpus BLEU: sacreBLEU's README example, hand-worked scores, the BLEU paper's modified precisions, 13a tokens.
package dev.xent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {
    private static final double EPS = 1e-10;

    private static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void matchesSacreBleusReadmeExampleDigitForDigit() {
        // sacreBLEU README (2.x): BLEU().corpus_score(sys, refs) with two reference streams prints this line.
        List<String> sys = List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
        List<List<String>> refs = List.of(
                List.of("The dog bit the man.", "The dog had bit the man."),
                List.of("It was not unexpected.", "No one was surprised."),
                List.of("The man bit him first.", "The man had bitten the dog."));
        Bleu bleu = new Bleu();
        for (int i = 0; i < sys.size(); i++) bleu.add(sys.get(i), refs.get(i));
        assertEquals("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
                bleu.score().toString());
    }

    @Test
    void handWorkedSentenceWithExpSmoothingOfTheMissingFourGram() {
        // the cat sat on the mat | the cat is on the mat: p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0/3 → 1/(2·3); BP = 1.
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));
        assertArrayEquals(new long[] {5, 3, 1, 0}, s.correct());
        assertArrayEquals(new long[] {6, 5, 4, 3}, s.total());
        assertArrayEquals(new double[] {500.0 / 6, 60, 25, 100.0 / 6}, s.precisions(), EPS);
        assertEquals(1.0, s.brevityPenalty());
        assertEquals(100 * Math.pow(1.0 / 48, 0.25), s.score(), EPS);
    }

    @Test
    void secondZeroOrderIsSmoothedTwiceAsHard() {
        // a b x c d | a b c d: p = 4/5, 2/4, 0/3 → 1/(2·3), 0/2 → 1/(4·2); c = 5 ≥ r = 4.
        BleuScore s = Bleu.corpus(List.of("a b x c d"), List.of("a b c d"));
        assertEquals(100 * Math.pow(0.8 * 0.5 / 6 / 8, 0.25), s.score(), EPS);
    }

    @Test
    void brevityPenaltyAndTheZeroCases() {
        BleuScore s = Bleu.corpus(List.of("the cat sat on"), List.of("the cat sat on the mat"));
        assertEquals(Math.exp(1 - 6.0 / 4), s.brevityPenalty(), EPS);
        assertEquals(100 * Math.exp(-0.5), s.score(), EPS);
        // No 4-gram in the whole corpus: sacreBLEU stops at that order and the score is 0 (log 0 floored).
        assertEquals(0.0, Bleu.corpus(List.of("the cat"), List.of("the cat sat")).score());
        assertEquals(0.0, Bleu.corpus(List.of("x y z w v"), List.of("a b c d e")).score());
        BleuScore empty = Bleu.corpus(List.of(""), List.of("a b c d e"));
        assertEquals(0.0, empty.score());
        assertEquals(0.0, empty.brevityPenalty());
        assertEquals(100.0, Bleu.corpus(List.of("a b c d"), List.of("a b c d")).score(), EPS);
    }

    @Test
    void bleuPaperModifiedPrecisions() {
        // Papineni et al. 2002, section 2.1 (tokens as the paper counts them: words only, case folded).
        List<List<String>> refs = List.of(
                words("it is a guide to action that ensures that the military will forever heed party commands"),
                words("it is the guiding principle which guarantees the military forces always being under the command of the party"),
                words("it is the practical guide for the army always to heed the directions of the party"));
        Bleu c1 = new Bleu();
        c1.addTokens(words("it is a guide to action which ensures that the military always obeys the commands of the party"), refs);
        assertEquals(17, c1.score().correct()[0]);
        assertEquals(18, c1.score().total()[0]);
        assertEquals(10, c1.score().correct()[1]);
        assertEquals(17, c1.score().total()[1]);
        Bleu c2 = new Bleu();
        c2.addTokens(words("it is to insure the troops forever hearing the activity guidebook that party direct"), refs);
        assertEquals(8, c2.score().correct()[0]);
        assertEquals(14, c2.score().total()[0]);
        assertEquals(1, c2.score().correct()[1]);
        assertEquals(13, c2.score().total()[1]);
        Bleu the = new Bleu();                       // "the" clipped to its maximum count in one reference: 2/7
        the.addTokens(words("the the the the the the the"),
                List.of(words("the cat is on the mat"), words("there is a cat on the mat")));
        assertEquals(2, the.score().correct()[0]);
        assertEquals(7, the.score().total()[0]);
    }

    @Test
    void closestReferenceLengthPrefersTheShorterOnATie() {
        Bleu bleu = new Bleu();
        bleu.addTokens(words("a b c d e f"), List.of(words("a b c d e f g"), words("a b c d e")));
        assertEquals(5, bleu.score().referenceLength());
        assertEquals(100.0, bleu.score().score(), EPS);
    }

    @Test
    void caseSensitiveAndOrderIndependent() {
        assertEquals(0.0, Bleu.corpus(List.of("THE CAT SAT ON"), List.of("the cat sat on")).score());
        List<String> h = List.of("a man rides a bike .", "two dogs play in the snow", "the girl is smiling");
        List<String> r = List.of("a man is riding a bike.", "two dogs are playing in snow", "a girl smiles");
        assertEquals(Bleu.corpus(h, r).score(),
                Bleu.corpus(List.of(h.get(2), h.get(0), h.get(1)), List.of(r.get(2), r.get(0), r.get(1))).score());
    }

    @Test
    void tokenizer13aOnHandPickedLines() {
        assertEquals("Hello , world !", Tokenizer13a.tokenize("Hello, world!"));
        assertEquals("He paid $ 1,000.50 for 3 - 4 tickets ( \" cheap \" ) , didn't he ?",
                Tokenizer13a.tokenize("He paid $1,000.50 for 3-4 tickets (\"cheap\"), didn't he?"));
        assertEquals("an e-mail at 5.30pm .", Tokenizer13a.tokenize("an e-mail at 5.30pm."));
        assertEquals("\" a \" & < b >", Tokenizer13a.tokenize("&quot;a&quot; &amp; &lt;b&gt;"));
        assertEquals("x y", Tokenizer13a.tokenize("x<skipped> y  \n"));
        assertEquals("a b", Tokenizer13a.tokenize("a\u00A0b"), "Python's split() treats no-break space as space");
        assertEquals("Straße { ok } ; # 1 @ home ~ 50 % off", Tokenizer13a.tokenize("Straße {ok}; #1 @home ~ 50% off"));
        assertEquals("", Tokenizer13a.tokenize("   "));
    }

    @Test
    void errorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a", "b"), List.of("a")));
        assertEquals("BLEU needs one reference per hypothesis; got 2 hypotheses and 1 references", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bleu().add("a", ""));
        assertThrows(IllegalArgumentException.class, () -> Bleu.compute(new long[3], new long[4], 1, 1));
    }
}
