// The attention RNN translator against PyTorch (bench/translate_torch.py's RnnSeq2Seq, same weights): logits, loss, grads.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.autograd.GradMode;
import dev.xent.io.Safetensors;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RnnTranslatorGoldenTest {
    private static final double RTOL = 1e-4, ATOL = 1e-6;

    @Test
    void logitsLossAndGradientsMatchPyTorch() {
        Safetensors.Contents c = Golden.load("translate", "rnn");
        RnnTranslator m = new RnnTranslator(new RnnTranslator.Config(13, 8, 6, 0f), new Rng(3));
        Map<String, Tensor> state = new HashMap<>();
        for (String k : m.stateDict().keySet()) state.put(k, c.tensor("param." + k));
        m.loadStateDict(state, true);
        TranslationBatch b = TransformerTranslatorGoldenTest.batch(c);

        try (GradMode.Scope off = GradMode.off()) {
            float[] e = c.tensor("logits").data(), a = m.forward(b).data();
            for (int i = 0; i < b.tgtOut().size(); i++) {
                if (b.tgtOut().data()[i] == 0) continue;   // padded target positions: read by nothing
                for (int j = 0; j < 13; j++) {
                    assertEquals(e[i * 13 + j], a[i * 13 + j], ATOL + RTOL * Math.abs(e[i * 13 + j]), "logit " + i + "," + j);
                }
            }
        }
        Tensor loss = m.loss(b, 0.1);
        loss.backward();
        float expected = c.tensor("loss").data()[0];
        assertEquals(expected, loss.item(), ATOL + RTOL * Math.abs(expected), "loss");
        for (var p : m.namedParameters()) {
            Golden.assertClose("gradient of " + p.name(), c.tensor("grad." + p.name()), p.tensor().grad(), RTOL, ATOL);
        }
    }
}
