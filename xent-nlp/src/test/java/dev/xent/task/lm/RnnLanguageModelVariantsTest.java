// GRU and tied RNN LMs: a finite-difference check of the shared table, the "sum of both uses" identity, clear errors,
// and the Generator stepping GRU / tied models exactly as the batched forward computes them.
package dev.xent.task.lm;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.GradMode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RnnLanguageModelVariantsTest {
    private static final IntTensor IN = IntTensor.of(new int[] {1, 4, 2, 6, 0, 3, 5, 2}, 4, 2);   // (T=4, B=2)
    private static final IntTensor TARGET = IntTensor.of(new int[] {4, 2, 6, 0, 3, 5, 2, 1}, 8);

    private static LstmLanguageModel tied(LstmLanguageModel.Cell cell) {
        LstmLanguageModel m = new LstmLanguageModel(7, 3, 3, 2, 0f, cell, true, new Rng(4));
        for (int i = 0; i < m.encoderWeight().size(); i++) m.encoderWeight().data()[i] *= 5;   // ±0.5: larger grads
        return m;
    }

    @ParameterizedTest
    @EnumSource(LstmLanguageModel.Cell.class)
    void tiedTableGradientPassesFiniteDifferences(LstmLanguageModel.Cell cell) {
        LstmLanguageModel m = tied(cell);
        Tensor table = m.encoderWeight();
        GradCheck.Result r = GradCheck.check(in -> m.forward(IN, TARGET, m.initialState(2), null).loss(), table);
        assertTrue(r.passed(), cell + " tied: " + r.worst());
        assertNull(table.sparseGrad(), "a tied table gets one dense gradient");
    }

    @Test
    void tiedGradientIsTheSumOfTheEmbeddingAndDecoderGradients() {
        LstmLanguageModel t = tied(LstmLanguageModel.Cell.LSTM);
        LstmLanguageModel u = new LstmLanguageModel(7, 3, 3, 2, 0f, new Rng(9));   // untied, same values
        Map<String, Tensor> w = new LinkedHashMap<>(t.torchStateDict());
        u.loadStateDict(w, true);
        t.forward(IN, TARGET, t.initialState(2), null).loss().backward();
        u.forward(IN, TARGET, u.initialState(2), null).loss().backward();
        Tensor enc = u.encoderWeight(), dec = u.decoderWeight();
        float[] sum = new float[enc.size()];
        enc.sparseGrad().addTo(sum);                                   // the untied lookup's gradient is row-sparse
        for (int i = 0; i < sum.length; i++) sum[i] += dec.grad().data()[i];
        float[] tiedGrad = t.encoderWeight().grad().toArray();
        for (int i = 0; i < sum.length; i++) assertEquals(sum[i], tiedGrad[i], 1e-6, "element " + i);
        boolean bothUsesMatter = false;
        for (int i = 0; i < sum.length; i++) bothUsesMatter |= Math.abs(dec.grad().data()[i] - tiedGrad[i]) > 1e-4;
        assertTrue(bothUsesMatter, "the embedding's share must be visible (else the test could not fail)");
    }

    @Test
    void tiedParameterIsListedOnceAndLoadsWithOrWithoutTheAlias() {
        LstmLanguageModel m = tied(LstmLanguageModel.Cell.GRU);
        assertEquals(m.parameters().size(), m.namedParameters().stream().map(p -> p.tensor()).distinct().count());
        assertFalse(m.stateDict().containsKey("decoder.weight"));
        assertTrue(m.torchStateDict().containsKey("decoder.weight"));
        LstmLanguageModel n = new LstmLanguageModel(7, 3, 3, 2, 0f, LstmLanguageModel.Cell.GRU, true, new Rng(77));
        n.loadTorchStateDict(m.torchStateDict());
        assertArrayEquals(m.encoderWeight().data(), n.encoderWeight().data());
        n.loadTorchStateDict(m.stateDict());
        Map<String, Tensor> bad = new LinkedHashMap<>(m.torchStateDict());
        bad.put("decoder.weight", Tensor.zeros(7, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.loadTorchStateDict(bad));
        assertTrue(e.getMessage().contains("decoder.weight differs from encoder.weight"), e.getMessage());
    }

    @Test
    void tyingDifferentSizesNamesBothSizesAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LstmLanguageModel(7, 4, 6, 1, 0f, LstmLanguageModel.Cell.LSTM, true, new Rng(1)));
        assertTrue(e.getMessage().contains("embed 4 and hidden 6") && e.getMessage().contains("tied=false"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(LstmLanguageModel.Cell.class)
    void theGeneratorStepsATiedModelAsTheForwardComputesIt(LstmLanguageModel.Cell cell) {
        LstmLanguageModel m = new LstmLanguageModel(9, 5, 5, 2, 0.3f, cell, true, new Rng(2));
        m.eval();
        int[] seq = {1, 4, 2, 8, 0, 3, 3, 7, 5};
        int t = seq.length - 1;
        double expected;
        try (GradMode.Scope off = GradMode.off()) {
            expected = m.forward(IntTensor.of(Arrays.copyOf(seq, t), t, 1),
                    IntTensor.of(Arrays.copyOfRange(seq, 1, t + 1), t), m.initialState(1), null).loss().item();
        }
        Generator g = new Generator(m);
        float[][] logits = g.logitsAfterEach(Arrays.copyOf(seq, t));
        assertEquals(expected, GeneratorTest.meanCrossEntropy(logits, seq), 1e-5,
                cell + ": Generator's token-by-token stepping must equal the batched forward");
        assertEquals(expected, g.score(seq, 3).natsPerToken(), 1e-5, cell + ": Generator.score in chunks of 3");
        int[] a = g.generate(new int[] {1, 2}, 20, Sampler.temperature(1.5f), new Rng(5), -1);
        assertArrayEquals(a, g.generate(new int[] {1, 2}, 20, Sampler.temperature(1.5f), new Rng(5), -1));
        int[] greedy = g.generate(new int[] {1, 2}, 1, Sampler.greedy(), new Rng(5), -1);
        float[] after = g.logitsAfterEach(new int[] {1, 2})[1];
        int best = 0;
        for (int j = 1; j < after.length; j++) if (after[j] > after[best]) best = j;
        assertEquals(best, greedy[0], "greedy picks the arg max of the stepped logits");
    }
}
