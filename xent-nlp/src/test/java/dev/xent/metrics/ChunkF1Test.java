package dev.xent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived conlleval counts. Notation: (prev -> cur) are tag prefixes; "start"/"end" refer to conlleval's
 * startOfChunk/endOfChunk; inCorrect is its "the chunk being read is correct so far" flag. Every sentence ends
 * with a boundary that acts as O/O.
 */
class ChunkF1Test {
    private static ChunkF1 score(List<String> gold, List<String> pred) {
        ChunkF1 m = new ChunkF1();
        m.add(gold, pred);
        return m;
    }

    private static void assertCounts(ChunkF1 m, long correct, long predicted, long gold) {
        assertEquals(new ChunkF1.Counts(correct, predicted, gold), m.overall(), m.toString());
    }

    @Test
    void perfectPrediction() {
        List<String> tags = List.of("B-PER", "I-PER", "O", "B-LOC");
        ChunkF1 m = score(tags, tags);
        assertCounts(m, 2, 2, 2);
        assertEquals(1.0, m.f1());
        assertEquals(1.0, m.accuracy());
    }

    @Test
    void truncatedEntityIsWrong() {
        // gold PER[0,2) LOC[3,4); pred PER[0,1) LOC[3,4).
        // t0: both start (O->B), same type -> inCorrect. t1: gold B->I is no end, pred B->O is an end: the ends
        // disagree -> inCorrect = false, PER is not counted. t3: both start LOC; the boundary ends both -> correct.
        ChunkF1 m = score(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-PER", "O", "O", "B-LOC"));
        assertCounts(m, 1, 2, 2);
        assertEquals(0.5, m.precision());
        assertEquals(0.5, m.recall());
        assertEquals(0.5, m.f1());
        assertEquals(0.75, m.accuracy()); // t1 wrong
        assertEquals(new ChunkF1.Counts(0, 1, 1), m.perType().get("PER"));
        assertEquals(new ChunkF1.Counts(1, 1, 1), m.perType().get("LOC"));
        assertEquals("processed 4 tokens with 2 phrases; found: 2 phrases; correct: 1. accuracy:  75.00%;"
                + " precision:  50.00%; recall:  50.00%; FB1:  50.00", m.toString());
    }

    @Test
    void iAfterOStartsAChunk() {
        // pred "I-PER I-PER" is ill-formed IOB2, but (O -> I) is a start, so it reads as PER[0,2) like the gold.
        // t0: both start, same type -> inCorrect; t1: I after B/I of the same type: no end, no start;
        // boundary: both end (I -> O) with equal types -> correct. Token accuracy still sees B != I at t0.
        ChunkF1 m = score(List.of("B-PER", "I-PER"), List.of("I-PER", "I-PER"));
        assertCounts(m, 1, 1, 1);
        assertEquals(0.5, m.accuracy());
    }

    @Test
    void typeChangeInsideAChunkSplitsIt() {
        // pred t1 "I-LOC" after "B-PER": the type rule makes it both an end of PER and a start of LOC, so the
        // prediction has PER[0,1) and LOC[1,2). t1: gold (B -> I, same type) does not end, pred does: the ends
        // disagree -> inCorrect = false. Nothing correct; 2 predicted, 1 gold.
        ChunkF1 m = score(List.of("B-PER", "I-PER"), List.of("B-PER", "I-LOC"));
        assertCounts(m, 0, 2, 1);
        assertEquals(Map.of("LOC", new ChunkF1.Counts(0, 1, 0), "PER", new ChunkF1.Counts(0, 1, 1)), m.perType());
    }

    @Test
    void sameSpanWrongType() {
        // t0: both start but guessedType != correctType -> inCorrect stays false.
        ChunkF1 m = score(List.of("B-PER", "I-PER"), List.of("B-ORG", "I-ORG"));
        assertCounts(m, 0, 1, 1);
        assertEquals(new ChunkF1.Counts(0, 1, 0), m.perType().get("ORG"));
        assertEquals(0.0, m.f1());
    }

    @Test
    void predictedSpanTooLong() {
        // t1: gold B -> O ends, pred B -> I does not: ends disagree -> not correct.
        assertCounts(score(List.of("B-PER", "O"), List.of("B-PER", "I-PER")), 0, 1, 1);
    }

    @Test
    void iob1AdjacentEntities() {
        // gold (IOB1): I-PER I-PER B-PER O = PER[0,2) PER[2,3): at t2 (I -> B) is both an end and a start.
        // pred: I-PER I-PER I-PER O = PER[0,3).
        // t0: both start -> inCorrect. t2: gold ends (I -> B), pred does not (I -> I): disagree -> false;
        // gold starts again, pred does not -> no new inCorrect. Correct 0, predicted 1, gold 2.
        ChunkF1 m = score(List.of("I-PER", "I-PER", "B-PER", "O"), List.of("I-PER", "I-PER", "I-PER", "O"));
        assertCounts(m, 0, 1, 2);
        assertEquals(0.75, m.accuracy());
    }

    @Test
    void ioeEndTags() {
        // gold "E-NP E-NP": t0 (O -> E) starts; t1 (E -> E) ends and starts: two chunks.
        // pred "I-NP E-NP": t0 (O -> I) starts; t1 (I -> E) is neither: one chunk [0,2).
        // t0: both start -> inCorrect; t1: gold ends, pred does not -> false. Correct 0.
        assertCounts(score(List.of("E-NP", "E-NP"), List.of("I-NP", "E-NP")), 0, 1, 2);
        // identical IOE sequences: I-NP E-NP O is one chunk, ended by (E -> O).
        assertCounts(score(List.of("I-NP", "E-NP", "O"), List.of("I-NP", "E-NP", "O")), 1, 1, 1);
    }

    @Test
    void iobesIsScoredAsIob2() {
        // Raw conlleval has no S- rule: "S-PER S-PER" starts at t0 by the type rule ("" -> PER) and nothing
        // ends it at t1 (S -> S is no rule, same type), so it reads as ONE chunk.
        assertCounts(score(List.of("S-PER", "S-PER"), List.of("S-PER", "S-PER")), 1, 1, 1);
        // addIobes rewrites S->B, E->I first.
        // gold S-PER S-PER O B-LOC E-LOC -> B-PER B-PER O B-LOC I-LOC: PER[0,1) PER[1,2) LOC[3,5)
        // pred S-PER B-PER E-PER B-LOC E-LOC -> B-PER B-PER I-PER B-LOC I-LOC: PER[0,1) PER[1,3) LOC[3,5)
        // t1: both end (B -> B) with equal types -> correct 1, both start again -> inCorrect.
        // t2: gold ends (B -> O), pred does not (B -> I) -> false. t3: both start LOC; boundary ends -> correct 2.
        ChunkF1 m = new ChunkF1();
        m.addIobes(List.of("S-PER", "S-PER", "O", "B-LOC", "E-LOC"), List.of("S-PER", "B-PER", "E-PER", "B-LOC", "E-LOC"));
        assertCounts(m, 2, 3, 3);
        assertEquals(0.8, m.accuracy()); // t2: O vs I-PER
    }

    @Test
    void sentenceBoundaryEndsChunks() {
        // Without the boundary, "I-PER" at the start of sentence 2 would continue sentence 1's PER.
        ChunkF1 m = new ChunkF1();
        m.add(List.of("B-PER", "I-PER"), List.of("B-PER", "I-PER"));
        m.add(List.of("I-PER"), List.of("I-PER"));
        assertCounts(m, 2, 2, 2);
        assertEquals(3, m.tokens());
    }

    @Test
    void emptyAndMismatched() {
        ChunkF1 m = new ChunkF1();
        assertEquals(0.0, m.f1());
        assertEquals(0.0, m.accuracy());
        assertThrows(IllegalArgumentException.class, () -> m.add(List.of("O"), List.of()));
    }

    // The cases below have predictions that differ from the gold, with found != gold phrase counts, so precision,
    // recall and F1 all differ; the expected text is what conlleval.pl (v2004-01-26) printed for the same input
    // (one "word gold predicted" line per token, a blank line after each sentence).

    /** What conlleval prints: the overall lines, then one line per type (sorted), "found" count last. */
    private static String conllevalOutput(ChunkF1 m) {
        StringBuilder s = new StringBuilder(m.toString().replaceFirst("\\. accuracy", ".\naccuracy")).append('\n');
        m.perType().forEach((type, c) -> s.append(String.format(Locale.ROOT,
                "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d%n", type, 100 * c.precision(),
                100 * c.recall(), 100 * c.f1(), c.predicted())));
        return s.toString();
    }

    private static List<String> tags(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void missedEntitiesLowerRecallNotPrecision() {
        ChunkF1 m = new ChunkF1();
        m.add(tags("B-PER I-PER O O B-LOC I-LOC"), tags("B-PER I-PER O O O O"));   // John Smith lives in New York
        m.add(tags("B-ORG O B-PER"), tags("B-ORG O O"));                           // Acme hired Mary
        assertEquals("""
                processed 9 tokens with 4 phrases; found: 2 phrases; correct: 2.
                accuracy:  66.67%; precision: 100.00%; recall:  50.00%; FB1:  66.67
                              LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0
                              ORG: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
                              PER: precision: 100.00%; recall:  50.00%; FB1:  66.67  1
                """, conllevalOutput(m));
        // 2 correct of 2 found, of 4 gold: P = 2/2, R = 2/4, F1 = 2·1·0.5/1.5
        assertEquals(1.0, m.precision());
        assertEquals(0.5, m.recall());
        assertEquals(2.0 / 3, m.f1(), 1e-15);
    }

    @Test
    void spuriousAndSplitEntitiesLowerPrecisionNotRecall() {
        ChunkF1 m = new ChunkF1();
        m.add(tags("O B-ORG I-ORG I-ORG O"), tags("B-ORG I-ORG O B-LOC O"));   // The Bank of Spain said: ORG shifted
        m.add(tags("B-LOC O O"), tags("B-LOC O B-MISC"));                      // Paris is big: a spurious MISC
        m.add(tags("B-PER O B-PER"), tags("B-PER B-PER B-PER"));               // Anna met Ben: a spurious PER between
        assertEquals("""
                processed 11 tokens with 4 phrases; found: 7 phrases; correct: 3.
                accuracy:  45.45%; precision:  42.86%; recall:  75.00%; FB1:  54.55
                              LOC: precision:  50.00%; recall: 100.00%; FB1:  66.67  2
                             MISC: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
                              ORG: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
                              PER: precision:  66.67%; recall: 100.00%; FB1:  80.00  3
                """, conllevalOutput(m));
        // correct: Paris, Anna, Ben = 3; found 7 (ORG, LOC Spain, LOC Paris, MISC, 3 PER); gold 4 (ORG, LOC, 2 PER):
        // P = 3/7, R = 3/4, F1 = 2PR/(P+R) = 6/11; per type PER: 2/3 and 2/2, LOC: 1/2 and 1/1
        assertEquals(new ChunkF1.Counts(3, 7, 4), m.overall());
        assertEquals(3.0 / 7, m.precision(), 1e-15);
        assertEquals(0.75, m.recall());
        assertEquals(6.0 / 11, m.f1(), 1e-15);
        assertEquals(new ChunkF1.Counts(2, 3, 2), m.perType().get("PER"));
    }
}
