// The encoder-decoder Transformer against PyTorch (bench/translate_torch.py, same weights): logits, loss, every gradient.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.autograd.GradMode;
import dev.xent.io.Safetensors;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransformerTranslatorGoldenTest {
    private static final double RTOL = 1e-4, ATOL = 1e-6;

    static TransformerTranslator model(Safetensors.Contents c) {
        var cfg = new TransformerTranslator.Config(13, 8, 2, 2, 2, 16, 16, 0f);
        TransformerTranslator m = new TransformerTranslator(cfg, new Rng(3));
        Map<String, Tensor> state = new HashMap<>();
        for (String k : m.stateDict().keySet()) state.put(k, c.tensor("param." + k));
        m.loadStateDict(state, true);
        return m;
    }

    static TranslationBatch batch(Safetensors.Contents c) {
        IntTensor src = c.intTensor("src"), tout = c.intTensor("tgt_out");
        float[] mask = new float[src.size()];
        for (int i = 0; i < mask.length; i++) mask[i] = src.data()[i] != 0 ? 1f : 0f;
        int tokens = 0;
        for (int y : tout.data()) if (y != 0) tokens++;
        return new TranslationBatch(src, Tensor.of(mask, src.shape()), c.intTensor("tgt_in"), tout, tokens);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "smoothed"})
    void logitsLossAndGradientsMatchPyTorch(String name) {
        Safetensors.Contents c = Golden.load("translate", name);
        TransformerTranslator m = model(c);
        TranslationBatch b = batch(c);
        double eps = name.equals("smoothed") ? 0.1 : 0.0;

        try (GradMode.Scope off = GradMode.off()) {
            Tensor logits = m.logits(m.decode(b.tgtIn(), m.encode(b.src(), b.srcMask()), b.srcMask()));
            Tensor expected = c.tensor("logits");
            // padded target positions compute values no real position reads; compare the real ones
            float[] e = expected.data(), a = logits.data();
            int v = 13;
            for (int i = 0; i < b.tgtOut().size(); i++) {
                if (b.tgtOut().data()[i] == 0) continue;
                for (int j = 0; j < v; j++) {
                    assertEquals(e[i * v + j], a[i * v + j], ATOL + RTOL * Math.abs(e[i * v + j]), "logit " + i + "," + j);
                }
            }
        }
        Tensor loss = m.loss(b, eps);
        loss.backward();
        float expected = c.tensor("loss").data()[0];
        assertEquals(expected, loss.item(), ATOL + RTOL * Math.abs(expected), "loss");
        for (var p : m.namedParameters()) {
            Golden.assertClose("gradient of " + p.name(), c.tensor("grad." + p.name()), p.tensor().grad(), RTOL, ATOL);
        }
    }
}
