package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.IntTensor;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Workspace;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Same model, same sampler and seed: the same tokens as LstmGenerator (its token-by-token twin). */
    @Test
    void agreesWithLstmGenerator() {
        LstmLanguageModel model = new LstmLanguageModel(7, 5, 6, 2, 0f, new Rng(4));
        model.eval();
        int[] prompt = {3, 1, 4};
        Sampler s = Sampler.of(1f, 0, 1f);
        assertArrayEquals(new LstmGenerator(model).generate(prompt, 20, s, 11),
                new Generator(model).generate(prompt, 20, s, new Rng(11), -1));
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
