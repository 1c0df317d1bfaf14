// Greedy and beam search against exhaustive search over every output of a tiny deterministic model.
package dev.xent.task.translate.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {
    private static final double EPS = 1e-9;
    // Sources of lengths 1..4: with the cap |src| - 1 + 1 = |src| tokens they get 1..4 tokens before eos.
    private static final int[][] SOURCES = {{3}, {2, 4}, {4, 4, 2}, {2, 3, 3, 4}, {3, 2}, {4}};
    private static final SearchConfig CAP = new SearchConfig(1, 0.0, 1.0, 0);

    private static void assertSame(Hypothesis want, Hypothesis got, String what) {
        assertArrayEquals(want.tokens(), got.tokens(), what + ": tokens");
        assertEquals(want.logProb(), got.logProb(), EPS, what + ": logProb");
        assertEquals(want.score(), got.score(), EPS, what + ": score");
    }

    @Test
    void greedyFollowsTheArgmaxPathForEverySentenceOfABatch() {
        for (int vocab : new int[] {4, 5}) {
            for (double alpha : new double[] {0, 0.6}) {
                SearchConfig config = CAP.withAlpha(alpha);
                ToyDecoder model = new ToyDecoder(vocab);
                List<Hypothesis> got = new GreedySearch(config).best(model, SOURCES);
                for (int b = 0; b < SOURCES.length; b++) {
                    Hypothesis want = BruteForce.argmaxPath(model, SOURCES[b], SOURCES[b].length, config);
                    assertSame(want, got.get(b), "V=" + vocab + " α=" + alpha + " sentence " + b);
                }
            }
        }
    }

    @Test
    void greedyStopsAtEosAndForcesEosAtTheCap() {
        ToyDecoder model = new ToyDecoder(4);
        List<Hypothesis> got = new GreedySearch(CAP.withMaxLen(0, 2)).best(model, SOURCES);
        boolean sawShort = false;
        boolean sawCapped = false;
        for (Hypothesis h : got) {
            assertTrue(h.tokens().length <= 2);
            for (int v : h.tokens()) assertTrue(v != ToyDecoder.EOS);
            sawShort |= h.tokens().length < 2;
            sawCapped |= h.tokens().length == 2;
        }
        assertTrue(sawShort && sawCapped, "the toy sources should cover both endings");
        assertEquals(0, new GreedySearch(CAP.withMaxLen(0, 0)).best(model, SOURCES).get(0).tokens().length);
    }

    @Test
    void beamAsWideAsTheOutputSpaceReturnsEveryOutputInExhaustiveOrder() {
        // 3 non-eos tokens and at most 3 tokens before eos: 1 + 3 + 9 + 27 = 40 outputs, so beam 40 misses none.
        for (double alpha : new double[] {0, 0.6, 2}) {
            SearchConfig config = new SearchConfig(40, alpha, 1.0, 0);
            ToyDecoder model = new ToyDecoder(4);
            int[][] sources = {{3}, {2, 4}, {4, 4, 2}, {2, 3}};
            List<List<Hypothesis>> got = new BeamSearch(config).search(model, sources);
            for (int b = 0; b < sources.length; b++) {
                List<Hypothesis> want = BruteForce.all(model, sources[b], sources[b].length, config);
                assertEquals(want.size(), got.get(b).size(), "α=" + alpha + " sentence " + b + ": n-best size");
                for (int i = 0; i < want.size(); i++) {
                    assertSame(want.get(i), got.get(b).get(i), "α=" + alpha + " sentence " + b + " rank " + i);
                }
            }
        }
    }

    @Test
    void wideBeamFindsTheExhaustiveOptimumOnALargerVocabulary() {
        // V = 5, 4 tokens before eos at most: 1 + 4 + 16 + 64 + 256 = 341 outputs; beam 341.
        SearchConfig config = new SearchConfig(341, 0.6, 0, 4);
        ToyDecoder model = new ToyDecoder(5);
        List<Hypothesis> got = new BeamSearch(config).best(model, SOURCES);
        for (int b = 0; b < SOURCES.length; b++) {
            assertSame(BruteForce.all(model, SOURCES[b], 4, config).get(0), got.get(b), "sentence " + b);
        }
    }

    @Test
    void beamOfOneIsGreedy() {
        for (int vocab : new int[] {4, 5}) {
            ToyDecoder model = new ToyDecoder(vocab);
            SearchConfig config = new SearchConfig(1, 0.6, 1.0, 1);
            List<Hypothesis> greedy = new GreedySearch(config).best(model, SOURCES);
            List<Hypothesis> beam = new BeamSearch(config).best(model, SOURCES);
            for (int b = 0; b < SOURCES.length; b++) assertSame(greedy.get(b), beam.get(b), "sentence " + b);
        }
    }

    @Test
    void aBatchDecodesEachSentenceAsIfAlone() {
        ToyDecoder model = new ToyDecoder(5);
        for (int beam : new int[] {2, 3, 5}) {
            SearchConfig config = new SearchConfig(beam, 0.6, 1.0, 1);
            List<List<Hypothesis>> batched = new BeamSearch(config).search(model, SOURCES);
            for (int b = 0; b < SOURCES.length; b++) {
                List<Hypothesis> alone = new BeamSearch(config).search(model, new int[][] {SOURCES[b]}).get(0);
                assertEquals(alone.size(), batched.get(b).size());
                assertTrue(alone.size() <= beam && !alone.isEmpty());
                for (int i = 0; i < alone.size(); i++) {
                    assertSame(alone.get(i), batched.get(b).get(i), "beam " + beam + " sentence " + b + " rank " + i);
                }
            }
        }
    }

    /**
     * Source-independent model over {bos, eos, a}: p(eos) after n a's is q[n]; bos is forbidden (p = 0).
     * log p(a^n eos) for n = 0..3: −0.80, −2.90, −3.01, −0.91. Without a length penalty the empty output wins;
     * with α = 1, a a a scores −0.91 / ((5 + 4) / 6) = −0.61 > −0.80 / 1, so it wins.
     */
    private static ToyDecoder lengthSensitiveModel() {
        double[] q = {0.45, 0.1, 0.1, 0.9};
        return new ToyDecoder(3, (source, prefix) -> {
            double eos = q[Math.min(prefix.length - 1, 3)];
            return new double[] {0, eos, 1 - eos};
        });
    }

    @Test
    void lengthPenaltyChangesTheChoiceWhereItShould() {
        ToyDecoder model = lengthSensitiveModel();
        int[][] src = {{2}};
        for (double alpha : new double[] {0, 1}) {
            SearchConfig config = new SearchConfig(4, alpha, 0, 3);      // 4 outputs, beam 4: exhaustive
            Hypothesis want = BruteForce.all(model, src[0], 3, config).get(0);
            Hypothesis got = new BeamSearch(config).best(model, src).get(0);
            assertSame(want, got, "α=" + alpha);
            assertArrayEquals(alpha == 0 ? new int[0] : new int[] {2, 2, 2}, got.tokens(), "α=" + alpha);
        }
        assertEquals(Math.log(0.45), new BeamSearch(new SearchConfig(4, 0, 0, 3)).best(model, src).get(0).logProb(),
                1e-6);
    }

    @Test
    void aSentenceStopsOnceBeamHypothesesFinishAsInFairseq() {
        // Beam 2: eos after bos and eos after "a" are both among the top 2 of their steps, so two hypotheses
        // finish by step 1 and the search stops, never reaching a a a although it scores higher with α = 1.
        ToyDecoder model = lengthSensitiveModel();
        List<Hypothesis> nBest = new BeamSearch(new SearchConfig(2, 1, 0, 3)).search(model, new int[][] {{2}}).get(0);
        assertEquals(2, nBest.size());
        assertArrayEquals(new int[0], nBest.get(0).tokens());
        assertArrayEquals(new int[] {2}, nBest.get(1).tokens());
        assertEquals(2, model.logProbCalls.get());
    }

    @Test
    void theModelsPositionLimitCapsTheOutput() {
        ToyDecoder model = new ToyDecoder(4);
        model.maxTarget = 3;                                        // bos + 2 tokens: at most 2 before eos
        SearchConfig loose = new SearchConfig(3, 0.6, 0, 50);
        for (Hypothesis h : new GreedySearch(loose).best(model, SOURCES)) assertTrue(h.tokens().length <= 2);
        for (List<Hypothesis> nBest : new BeamSearch(loose).search(model, SOURCES)) {
            for (Hypothesis h : nBest) assertTrue(h.tokens().length <= 2);
        }
        List<Hypothesis> capped = new BeamSearch(loose.withBeam(40)).search(model, new int[][] {{2}}).get(0);
        assertEquals(1 + 3 + 9, capped.size(), "every output of <= 2 tokens, none longer");
    }

    @Test
    void finishedSentencesLeaveTheBatch() {
        ToyDecoder model = new ToyDecoder(4);
        int[][] sources = {{2}, {2, 3, 4, 2, 3, 4, 2, 3}};           // caps 1 and 8 tokens
        new GreedySearch(CAP).best(model, sources);
        int steps = model.logProbCalls.get();
        assertTrue(model.rowsScored.get() < 2 * steps, "rows scored " + model.rowsScored.get() + " over " + steps + " steps");
    }

    @Test
    void forbiddenTokensAreNeverChosenAndBadLogProbsAreNamed() {
        ToyDecoder model = lengthSensitiveModel();                   // bos has probability 0
        for (Hypothesis h : new BeamSearch(new SearchConfig(4, 0.6, 0, 3)).search(model, new int[][] {{2}}).get(0)) {
            assertFalse(Arrays.stream(h.tokens()).anyMatch(v -> v == ToyDecoder.BOS));
            assertTrue(Double.isFinite(h.logProb()));
        }
        ToyDecoder nan = new ToyDecoder(3, (s, p) -> new double[] {Double.NaN, 1, 1});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BeamSearch(SearchConfig.DEFAULT).search(nan, new int[][] {{2}}));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("row 0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new GreedySearch(SearchConfig.DEFAULT).best(nan, new int[][] {{2}}));
    }

    @Test
    void configRejectsBadOptionsAndComputesGnmtPenaltyAndCap() {
        assertThrows(IllegalArgumentException.class, () -> new SearchConfig(0, 0.6, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SearchConfig(5, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SearchConfig(5, 0.6, -1, 1));
        SearchConfig c = new SearchConfig(5, 1, 1.2, 10);
        assertEquals(1.0, c.lengthPenalty(1), 0);
        assertEquals(15.0 / 6.0, c.lengthPenalty(10), 1e-12);
        assertEquals(Math.pow(15.0 / 6.0, 0.6), c.withAlpha(0.6).lengthPenalty(10), 1e-12);
        assertEquals(22, c.maxTokens(10, Integer.MAX_VALUE));        // ⌊1.2·10 + 10⌋
        assertEquals(7, c.maxTokens(10, 8));                         // bos + 7 tokens fill 8 positions
    }
}
