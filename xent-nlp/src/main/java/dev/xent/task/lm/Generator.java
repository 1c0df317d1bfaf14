// Text generation and scoring with a trained LstmLanguageModel (LSTM or GRU, tied or not): greedy, temperature, top-k, top-p, seeded.
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.ops.Embedding;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * Runs the model one token at a time (batch 1, no graph, dropout off): the prompt goes through the RNN in one
 * call, then each new token is fed back. The decoder is applied only to the last hidden state:
 * logits (V) = decoder.weight (V, H) · h (H) + decoder.bias (V), and a {@link Sampler} draws the next token.
 * ({@link LstmGenerator} does the same token by token; this class adds early stop and {@link #score}.)
 * Read-only on the model, so several threads may share it, each with its own Generator call.
 */
public final class Generator {
    private final LstmLanguageModel model;
    private final Tensor encoder, decoderWeight, decoderBias;

    public Generator(LstmLanguageModel model) {
        this.model = model;
        encoder = model.encoderWeight();
        decoderWeight = model.decoderWeight();   // the encoder table when tied
        decoderBias = model.decoderBias();
    }

    /**
     * The prompt (at least one id) followed by up to {@code maxTokens} sampled ids; stops early after
     * {@code stopId} is produced (pass -1 for none). Returns only the new ids.
     */
    public int[] generate(int[] prompt, int maxTokens, Sampler sampler, Rng rng, int stopId) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generate: the prompt must hold at least one token; give a start token");
        }
        if (maxTokens < 0) throw new IllegalArgumentException("generate: maxTokens must be >= 0; got " + maxTokens);
        int[] out = new int[maxTokens];
        int n = 0;
        try (GradMode.Scope off = GradMode.off()) {
            LstmLanguageModel.State s = model.initialState(1);
            float[] h = new float[model.hiddenSize()];
            s = run(prompt, s, h);
            float[] logits = new float[model.vocabularySize()];
            while (n < maxTokens) {
                logits(h, logits);
                int next = sampler.sample(logits, rng);
                out[n++] = next;
                if (next == stopId) break;
                s = run(new int[] {next}, s, h);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Total next-token cross-entropy (nats) of ids[1..] given ids[0..], and the count of predicted tokens. */
    public record Score(double nats, long tokens) {
        public double natsPerToken() {
            return tokens == 0 ? Double.NaN : nats / tokens;
        }
    }

    /**
     * Scores a token sequence from a zero state in chunks of {@code chunk} tokens, carrying the state. The model
     * must be in eval mode (no dropout); this method does not switch it, so threads may share the model.
     */
    public Score score(int[] ids, int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("score: chunk must be >= 1; got " + chunk);
        if (model.isTraining()) {
            throw new IllegalStateException("score: the model is in training mode (dropout on); call model.eval() first");
        }
        double total = 0;
        long count = 0;
        try (GradMode.Scope off = GradMode.off()) {
            LstmLanguageModel.State s = model.initialState(1);
            for (int start = 0; start + 1 < ids.length; start += chunk) {
                int len = Math.min(chunk, ids.length - 1 - start);
                int[] in = new int[len], tg = new int[len];
                System.arraycopy(ids, start, in, 0, len);
                System.arraycopy(ids, start + 1, tg, 0, len);
                LstmLanguageModel.Output o = model.forward(IntTensor.of(in, len, 1), IntTensor.of(tg, len), s, null);
                total += (double) len * o.loss().item();
                count += len;
                s = o.state();
            }
        }
        return new Score(total, count);
    }

    /** Feeds ids (one stream) from state s; writes the last top-layer hidden state into h; returns the new state. */
    private LstmLanguageModel.State run(int[] ids, LstmLanguageModel.State s, float[] h) {
        int t = ids.length, layers = model.layers();
        Tensor x = Embedding.lookup(encoder, IntTensor.of(ids.clone(), t, 1));   // (T, 1, E)
        LstmLanguageModel.State next = model.recurrent(x, s, false, null).state().copy();
        System.arraycopy(next.h()[layers - 1].data(), 0, h, 0, h.length);
        return next;
    }

    private void logits(float[] h, float[] out) {
        float[] w = decoderWeight.data(), b = decoderBias.data();
        int hidden = h.length;
        for (int v = 0; v < out.length; v++) {
            double sum = b[v];
            int row = v * hidden;
            for (int j = 0; j < hidden; j++) sum += w[row + j] * h[j];
            out[v] = (float) sum;
        }
    }
}
