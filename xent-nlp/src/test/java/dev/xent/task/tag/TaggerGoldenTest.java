package dev.xent.task.tag;

import dev.xent.io.Safetensors;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plain BiLSTM tagger (no chars, no CRF) against PyTorch with the same weights (scripts/golden/cases_tagger.py:
 * nn.Embedding → bidirectional nn.LSTM over pack_padded_sequence → nn.Linear → CrossEntropyLoss(ignore_index)).
 * Loss and global gradient norm within 1e-4 relative; every score and weight gradient too.
 */
class TaggerGoldenTest {
    private static final double RTOL = 1e-4;

    @Test
    void plainBiLstmMatchesPyTorch() {
        Safetensors.Contents c = Golden.load("tagger", "bilstm_plain");
        int v = Integer.parseInt(c.metadata().get("vocab")), e = Integer.parseInt(c.metadata().get("emb"));
        int h = Integer.parseInt(c.metadata().get("hidden")), k = Integer.parseInt(c.metadata().get("tags"));
        TaggerConfig cfg = new TaggerConfig(e, 0, 0, 1, h, false, false, 0f, 0, false, 1e-3, 32, 1, 0, false, 1);
        BiLstmTagger model = new BiLstmTagger(cfg, v, 1, k);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : model.stateDict().keySet()) weights.put(name, c.tensor(name));
        model.loadStateDict(weights, true);

        IntTensor words = c.intTensor("words"), targets = c.intTensor("targets");     // (T, B)
        int nt = words.dim(0), nb = words.dim(1);
        int[] lengths = c.intTensor("lengths").data();
        int tokens = 0;
        for (int n : lengths) tokens += n;
        TagBatch batch = new TagBatch(nt, nb, lengths, words, null, null, null, targets, IntTensor.zeros(nb, nt),
                Tensor.zeros(nb, nt), tokens);

        // scores at real positions only: on padding PyTorch's packed LSTM outputs zeros, xent's run on (ignored)
        Golden.assertClose("scores", realOnly(c.tensor("scores"), lengths), realOnly(model.scores(batch, null), lengths),
                RTOL, 1e-6);
        Tensor loss = model.loss(batch, null);
        double expected = c.tensor("loss").item();
        assertEquals(expected, loss.item(), RTOL * Math.abs(expected), "loss");
        loss.backward();
        double sq = 0;
        for (Map.Entry<String, Tensor> p : model.stateDict().entrySet()) {
            Tensor g = p.getValue().grad();
            Golden.assertClose("grad_" + p.getKey(), c.tensor("grad_" + p.getKey()), g, RTOL, 1e-6);
            for (float x : g.data()) sq += (double) x * x;
        }
        double norm = c.tensor("grad_norm").item();
        assertEquals(norm, Math.sqrt(sq), RTOL * norm, "gradient norm");
    }

    /** A copy of (T, B, K) scores with padding positions (t ≥ length of b) set to 0. */
    private static Tensor realOnly(Tensor s, int[] lengths) {
        int nt = s.dim(0), nb = s.dim(1), k = s.dim(2);
        float[] d = s.toArray();
        for (int t = 0; t < nt; t++) {
            for (int b = 0; b < nb; b++) {
                if (t >= lengths[b]) java.util.Arrays.fill(d, (t * nb + b) * k, (t * nb + b + 1) * k, 0f);
            }
        }
        return Tensor.of(d, nt, nb, k);
    }
}
