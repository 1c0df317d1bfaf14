// AWD-LSTM's regularisers and the adaptive-softmax output of the RNN LM: masks, finite differences, bundles, generation.
package dev.xent.task.lm;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.GradMode;
import dev.xent.io.Provenance;
import dev.xent.nn.AdaptiveSoftmax;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwdOptionsTest {
    private static final IntTensor IN = IntTensor.of(new int[] {1, 4, 2, 6, 0, 3, 5, 2, 9, 11, 8, 1}, 4, 3);   // (T=4, B=3)
    private static final IntTensor TARGET = IntTensor.of(new int[] {4, 2, 6, 0, 3, 5, 2, 9, 11, 8, 1, 7}, 12);

    @Test
    void lockedDropoutUsesOneMaskForEveryStep() {
        Tensor x = Tensor.of(new float[5 * 3 * 4], 5, 3, 4);
        java.util.Arrays.fill(x.data(), 1f);
        float[] y = LockedDropout.apply(x, 0.5f, true, new Rng(2)).data();
        int zeros = 0;
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < 12; i++) {
                assertEquals(y[i], y[t * 12 + i], "step " + t + " unit " + i + " has step 0's factor");
                assertTrue(y[i] == 0f || y[i] == 2f, "0 or 1/(1-p): " + y[i]);
            }
        }
        for (int i = 0; i < 12; i++) if (y[i] == 0f) zeros++;
        assertTrue(zeros > 0 && zeros < 12, "some units dropped, not all: " + zeros);
        assertSame(x, LockedDropout.apply(x, 0.5f, false, null), "identity in eval mode");
    }

    @Test
    void embeddingDropoutDropsAWordEverywhereInTheBatch() {
        Tensor emb = Tensor.of(new float[4 * 3 * 2], 4, 3, 2);
        java.util.Arrays.fill(emb.data(), 1f);
        IntTensor ids = IntTensor.of(new int[] {1, 1, 2, 1, 2, 2, 1, 2, 1, 2, 2, 1}, 4, 3);
        for (long seed = 1; seed < 6; seed++) {
            float[] y = LockedDropout.words(emb, ids, 3, 0.5f, true, new Rng(seed)).data();
            float[] byId = {-1, -1, -1};
            for (int i = 0; i < 12; i++) {
                for (int d = 0; d < 2; d++) {
                    float f = y[i * 2 + d];
                    if (byId[ids.data()[i]] < 0) byId[ids.data()[i]] = f;
                    assertEquals(byId[ids.data()[i]], f, "word " + ids.data()[i] + " gets one factor");
                }
            }
        }
    }

    private static LstmLanguageModel awd(float dropout, LstmLanguageModel.Options o) {
        LstmLanguageModel m = new LstmLanguageModel(12, 4, 4, 2, dropout, LstmLanguageModel.Cell.LSTM, true, o, new Rng(4));
        for (int i = 0; i < m.encoderWeight().size(); i++) m.encoderWeight().data()[i] *= 5;   // ±0.5: larger grads
        return m;
    }

    @Test
    void everyParameterPassesFiniteDifferencesWithAllRegularisersOn() {
        LstmLanguageModel m = awd(0.3f, new LstmLanguageModel.Options(0.2f, 0.4f, true, new int[] {5, 9}, 2f));
        List<Tensor> params = m.parameters();
        // the same masks at every evaluation: a fresh Rng(7) per call
        GradCheck.Result r = GradCheck.check(in -> m.forward(IN, TARGET, m.initialState(3), new Rng(7)).loss(),
                params.toArray(Tensor[]::new));
        assertTrue(r.passed(), r.worst());
        float train = m.forward(IN, TARGET, m.initialState(3), new Rng(7)).loss().item();
        m.eval();
        float eval = m.forward(IN, TARGET, m.initialState(3), null).loss().item();
        assertNotEquals(train, eval, "dropout is on in training only");
    }

    @Test
    void weightDropoutIsDropConnectOnTheRecurrentWeights() {
        LstmLanguageModel.Options wd = new LstmLanguageModel.Options(0f, 0.5f, false, new int[0], 4f);
        LstmLanguageModel a = awd(0f, wd), plain = awd(0f, LstmLanguageModel.Options.CLASSIC);
        float withDrop = a.forward(IN, TARGET, a.initialState(3), new Rng(3)).loss().item();
        float without = plain.forward(IN, TARGET, plain.initialState(3), new Rng(3)).loss().item();
        assertNotEquals(without, withDrop, "W_hh masked in training");
        a.eval();
        plain.eval();
        assertEquals(plain.forward(IN, TARGET, plain.initialState(3), null).loss().item(),
                a.forward(IN, TARGET, a.initialState(3), null).loss().item(), 0f, "and untouched in evaluation");
    }

    @Test
    void adaptiveOutputIsTheLayersExactLossAndTheTableHeadsItWhenTied() {
        LstmLanguageModel m = awd(0f, new LstmLanguageModel.Options(0f, 0f, false, new int[] {5, 9}, 2f));
        AdaptiveSoftmax out = m.adaptiveSoftmax();
        assertTrue(out.tied());
        assertEquals(List.of("encoder.weight", "decoder.head.weight", "decoder.head.bias", "decoder.tail.0.0.weight"),
                m.stateDict().keySet().stream().filter(k -> !k.startsWith("rnn")).toList().subList(0, 4));
        m.eval();
        try (GradMode.Scope off = GradMode.off()) {
            Tensor top = m.recurrent(dev.xent.ops.Embedding.lookup(m.encoderWeight(), IN), m.initialState(3), false, null)
                    .outputs().reshape(12, 4);
            float[] lp = out.logProb(top).data();
            double nll = 0;
            for (int r = 0; r < 12; r++) nll -= lp[r * 12 + TARGET.get(r)];
            assertEquals(nll / 12, m.forward(IN, TARGET, m.initialState(3), null).loss().item(), 1e-5);
        }
    }

    @Test
    void anAdaptiveWordModelRoundTripsThroughItsBundleAndGenerates(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        Rng rng = new Rng(5);
        for (int line = 0; line < 300; line++) {
            for (int w = 0; w < 8; w++) text.append("w").append((int) Math.floor(40 * Math.pow(rng.nextFloat(), 3))).append(' ');
            text.append('\n');
        }
        LmTask task = LmTask.create(LmConfig.builder().level("word").minCount(1).dim(32).batch(4).seqLen(6).tied(true)
                .dropout(0.2).embedDropout(0.1).weightDropout(0.2).variational(true).cutoffs(new int[] {10, 25}).build(),
                text.toString(), text.substring(0, 2000));
        task.fit(dev.xent.train.TrainOptions.builder().epochs(1).maxSteps(5).build());
        Path file = dir.resolve("m.xent");
        task.bundle(Provenance.now(1, Map.of()), Map.of()).write(file);
        LmBundle back = LmBundle.read(file);
        assertArrayEquals(new int[] {10, 25}, back.rnn().options().cutoffs());
        assertEquals(((LstmLanguageModel) task.model()).stateDict().keySet(), back.rnn().stateDict().keySet());
        int[] ids = task.codec().encode("w1 w2 w3 w0\n");
        task.model().eval();
        assertEquals(LmBundle.of(task.model(), task.codec(), Provenance.now(1, Map.of()), Map.of()).score(ids).nats(),
                back.score(ids).nats(), 1e-9);
        String s = back.generate("w1 ", 5, Sampler.of(0.8f, 0, 1f), 3);
        assertEquals(s, back.generate("w1 ", 5, Sampler.of(0.8f, 0, 1f), 3), "seeded generation repeats");
        assertTrue(!s.isBlank(), s);
        assertTrue(back.describe().contains("adaptive softmax [10, 25]"), back.describe());
    }
}
