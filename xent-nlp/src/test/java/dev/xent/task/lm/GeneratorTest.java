// Generation and scoring for the RNN and Transformer LMs: stepping equals the batched forward, seeds, early stop.
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.IntTensor;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Workspace;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorTest {
    /** Trains a tiny LM on "abcabc..." until it predicts the cycle; greedy generation must continue the cycle. */
    @Test
    void greedyGenerationContinuesALearnedCycle() {
        int[] ids = new int[600];
        for (int i = 0; i < ids.length; i++) ids[i] = i % 3;
        LstmLanguageModel model = new LstmLanguageModel(3, 8, 16, 1, 0f, new Rng(1));
        BpttStream stream = new BpttStream(ids, 4, 10);
        new Trainer(new RnnLmTask(model, stream, null, new Rng(2), "token"), new Sgd(model.namedParameters(), 1.0))
                .fit(TrainOptions.builder().epochs(30).clipNorm(1.0).build());
        Workspace ws = Workspace.open();
        ws.close();
        assertTrue(model.evaluate(stream, ws) < 0.1, "the cycle is learned");
        Generator g = new Generator(model);
        int[] out = g.generate(new int[] {0, 1}, 9, Sampler.greedy(), new Rng(1), -1);
        assertArrayEquals(new int[] {2, 0, 1, 2, 0, 1, 2, 0, 1}, out);
        assertArrayEquals(new int[] {2, 0}, g.generate(new int[] {0, 1}, 9, Sampler.greedy(), new Rng(1), 0),
                "stops after the stop id");
    }

    /** Fed one token at a time with the carried state, the logits give the model's batched forward loss. */
    @Test
    void steppedLogitsGiveTheForwardLoss() {
        LstmLanguageModel m = new LstmLanguageModel(9, 6, 5, 2, 0.3f, new Rng(2));
        m.eval();
        int[] seq = {1, 4, 2, 8, 0, 3, 3, 7, 5};
        int t = seq.length - 1;
        double expected;   // one stream (T, 1) from a zero state, mean CE of the next tokens
        try (GradMode.Scope off = GradMode.off()) {
            expected = m.forward(IntTensor.of(Arrays.copyOf(seq, t), t, 1),
                    IntTensor.of(Arrays.copyOfRange(seq, 1, t + 1), t), m.initialState(1), null).loss().item();
        }
        float[][] logits = new Generator(m).logitsAfterEach(Arrays.copyOf(seq, t));
        assertEquals(expected, meanCrossEntropy(logits, seq), 1e-5, "token-by-token state carrying = batched forward");
    }

    /** −log softmax(logits[i])[seq[i + 1]] averaged over i, in double. */
    static double meanCrossEntropy(float[][] logits, int[] seq) {
        double ce = 0;
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float z : logits[i]) max = Math.max(max, z);
            for (float z : logits[i]) sum += Math.exp(z - max);
            ce += max + Math.log(sum) - logits[i][seq[i + 1]];
        }
        return ce / logits.length;
    }

    @Test
    void generationIsSeeded() {
        LstmLanguageModel m = new LstmLanguageModel(9, 6, 5, 1, 0f, new Rng(3));
        Generator g = new Generator(m);
        Sampler s = Sampler.temperature(1.5f);
        int[] a = g.generate(new int[] {1, 2}, 25, s, new Rng(11), -1);
        assertArrayEquals(a, g.generate(new int[] {1, 2}, 25, s, new Rng(11), -1));
        assertFalse(Arrays.equals(a, g.generate(new int[] {1, 2}, 25, s, new Rng(12), -1)));
        assertEquals(0, g.generate(new int[] {1}, 0, s, new Rng(1), -1).length);
        assertThrows(IllegalArgumentException.class, () -> g.generate(new int[0], 3, s, new Rng(1), -1));
    }

    /** A Transformer: its logits are the model's nextLogits of each prefix, and its score is the model's loss. */
    @Test
    void servesTheTransformerLanguageModel() {
        var cfg = new TransformerLanguageModel.Config(7, 8, 2, 1, 16, 6, 0f, false);
        TransformerLanguageModel m = new TransformerLanguageModel(cfg, new Rng(5));
        m.eval();
        int[] seq = {3, 1, 4, 1, 5, 2, 6, 5, 3};
        Generator g = new Generator(m);
        float[][] logits = g.logitsAfterEach(seq);
        for (int i = 0; i < seq.length; i++) {
            assertArrayEquals(m.nextLogits(Arrays.copyOf(seq, i + 1)), logits[i], "after " + (i + 1) + " tokens");
        }
        double expected;
        try (GradMode.Scope off = GradMode.off()) {
            expected = m.loss(IntTensor.of(Arrays.copyOf(seq, 5), 1, 5), IntTensor.of(Arrays.copyOfRange(seq, 1, 6), 5))
                    .item();
        }
        Generator.Score first5 = g.score(Arrays.copyOf(seq, 6), 100);
        assertEquals(5, first5.tokens());
        assertEquals(expected, first5.natsPerToken(), 1e-6);
        assertEquals(8, g.score(seq, 100).tokens(), "chunks of at most maxLen = 6 tokens cover all 8 predictions");
        int[] greedy = g.generate(new int[] {3, 1}, 4, Sampler.greedy(), new Rng(1), -1);
        assertEquals(argmax(m.nextLogits(new int[] {3, 1})), greedy[0]);
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    /** score() equals the model's own loss on the same sequence (one chunk) and is chunk-independent. */
    @Test
    void scoreMatchesTheModelLossAndIgnoresChunking() {
        LstmLanguageModel model = new LstmLanguageModel(5, 4, 6, 2, 0f, new Rng(3));
        model.eval();
        int[] ids = {1, 4, 2, 0, 3, 3, 1, 2, 4, 0, 1};
        Generator g = new Generator(model);
        Generator.Score whole = g.score(ids, 100), chunked = g.score(ids, 3);
        assertEquals(10, whole.tokens());
        double expected;
        try (GradMode.Scope off = GradMode.off()) {
            int[] in = java.util.Arrays.copyOfRange(ids, 0, 10), tg = java.util.Arrays.copyOfRange(ids, 1, 11);
            expected = 10 * model.forward(IntTensor.of(in, 10, 1), IntTensor.of(tg, 10), model.initialState(1), null)
                    .loss().item();
        }
        assertEquals(expected, whole.nats(), 1e-4);
        assertEquals(whole.nats(), chunked.nats(), 1e-4);
    }

    @Test
    void charVocabularyRoundTripsAndMapsRareCharsToUnknown() {
        CharVocabulary v = CharVocabulary.build("aab€€€", 2);
        assertEquals(3, v.size());   // unknown, €, a
        assertEquals("€€a\uFFFD", v.decode(v.encode("€€ab")));
        assertEquals(CharVocabulary.UNKNOWN, v.encode("z")[0]);
        assertArrayEquals(v.codePoints(), new CharVocabulary(v.codePoints()).codePoints());
    }
}
