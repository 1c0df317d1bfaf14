// Generates text from a trained LstmLanguageModel (LSTM or GRU, tied or not) one token at a time, carrying the state.
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.ops.Embedding;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the model's parameters by name (encoder.weight, decoder.weight, decoder.bias from
 * {@link LstmLanguageModel#torchStateDict()}, so a tied model's decoder.weight is the encoder table) and runs
 * the recurrent layers ({@link LstmLanguageModel#recurrent}) in eval mode (no dropout, no graph): the prompt is fed once, token by
 * token, then each new token is drawn by a {@link Sampler} from logits = h_top · decoderᵀ + bias and fed
 * back. The state is carried, so the cost per token is constant (no window to recompute).
 */
public final class LstmGenerator {
    private final LstmLanguageModel model;
    private final Map<String, Tensor> p = new HashMap<>();

    public LstmGenerator(LstmLanguageModel model) {
        this.model = model;
        p.putAll(model.torchStateDict());
    }

    /** Appends {@code n} tokens after {@code prompt} (at least one token); returns only the new tokens. */
    public int[] generate(int[] prompt, int n, Sampler sampler, long seed) {
        if (prompt.length == 0) throw new IllegalArgumentException("generate: the prompt must hold at least one token");
        if (n < 0) throw new IllegalArgumentException("generate: n must be >= 0; got " + n);
        Rng rng = new Rng(seed);
        Tensor[] h = new Tensor[model.layers()], c = new Tensor[model.layers()];   // null = zero state
        int[] out = new int[n];
        try (GradMode.Scope off = GradMode.off()) {
            float[] logits = null;
            for (int id : prompt) logits = feed(id, h, c);
            for (int i = 0; i < n; i++) {
                out[i] = sampler.sample(logits, rng);
                if (i + 1 < n) logits = feed(out[i], h, c);
            }
        }
        return out;
    }

    /** Next-token logits after each token of {@code tokens}, from a zero state: (len, V). */
    float[][] logitsAfterEach(int[] tokens) {
        Tensor[] h = new Tensor[model.layers()], c = new Tensor[model.layers()];
        float[][] out = new float[tokens.length][];
        try (GradMode.Scope off = GradMode.off()) {
            for (int i = 0; i < tokens.length; i++) out[i] = feed(tokens[i], h, c);
        }
        return out;
    }

    /** Feeds one token, updating h and c (per layer, (1, H); c unused by a GRU) in place; returns the logits (V). */
    private float[] feed(int id, Tensor[] h, Tensor[] c) {
        int v = model.vocabularySize(), hid = model.hiddenSize();
        Tensor x = Embedding.lookup(p.get("encoder.weight"), IntTensor.of(new int[] {id}, 1, 1));       // (1, 1, E)
        boolean lstm = model.cell() == LstmLanguageModel.Cell.LSTM;
        LstmLanguageModel.Recurrent r = model.recurrent(x, new LstmLanguageModel.State(h, lstm ? c : null), false, null);
        for (int l = 0; l < h.length; l++) {
            h[l] = r.state().h()[l];
            if (lstm) c[l] = r.state().c()[l];
        }
        x = r.outputs();                                                                                 // (1, 1, H)
        float[] top = x.data(), w = p.get("decoder.weight").data(), b = p.get("decoder.bias").data();
        float[] logits = new float[v];
        for (int j = 0; j < v; j++) {                                  // logits = h · Wᵀ + b, (V)
            double s = b[j];
            for (int k = 0; k < hid; k++) s += (double) top[k] * w[j * hid + k];
            logits[j] = (float) s;
        }
        return logits;
    }
}
