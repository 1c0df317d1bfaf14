// Text generation and scoring with a trained language model (RNN: LSTM/GRU, tied or not; or Transformer), seeded.
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.ops.Embedding;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;

import java.util.Arrays;

/**
 * Decodes one stream (batch 1, no graph, dropout off): the prompt is fed, then each token a {@link Sampler} draws
 * from the next-token logits is fed back. How a model is fed:
 * <ul>
 * <li>{@link LstmLanguageModel}: the prompt goes through the recurrent layers in one call, then one token per
 *     call, carrying the state (constant cost per token). The decoder is applied to the last top-layer hidden
 *     state only: logits (V) = decoder.weight (V, H) · h (H) + decoder.bias (V), or an adaptive softmax's exact
 *     log-probabilities (V).</li>
 * <li>{@link TransformerLanguageModel}: {@link TransformerLanguageModel#nextLogits} over the last maxLen tokens,
 *     recomputed for every new token (no KV cache: fine for samples of a few hundred tokens).</li>
 * </ul>
 * Read-only on a model in eval mode, so several threads may share it, each with its own Generator call.
 */
public final class Generator {
    private final LstmLanguageModel rnn;                  // exactly one of the two is set
    private final TransformerLanguageModel transformer;

    public Generator(LstmLanguageModel model) {
        this.rnn = model;
        this.transformer = null;
    }

    public Generator(TransformerLanguageModel model) {
        this.rnn = null;
        this.transformer = model;
    }

    /**
     * The prompt (at least one id) followed by up to {@code maxTokens} sampled ids; stops early after
     * {@code stopId} is produced (pass -1 for none). Same model, prompt, sampler and rng state: same ids.
     * Returns only the new ids.
     */
    public int[] generate(int[] prompt, int maxTokens, Sampler sampler, Rng rng, int stopId) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generate: the prompt must hold at least one token; give a start token");
        }
        if (maxTokens < 0) throw new IllegalArgumentException("generate: maxTokens must be >= 0; got " + maxTokens);
        int[] out = new int[maxTokens];
        int n = 0;
        try (GradMode.Scope off = GradMode.off()) {
            Stream s = newStream();
            s.feed(prompt);
            float[] logits = new float[vocabularySize()];
            while (n < maxTokens) {
                s.logits(logits);
                int next = sampler.sample(logits, rng);
                out[n++] = next;
                if (next == stopId) break;
                s.feed(new int[] {next});
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Total next-token cross-entropy (nats) of ids[1..] given ids[0..], and the count of predicted tokens. */
    public record Score(double nats, long tokens) {
        public double natsPerToken() {
            return tokens == 0 ? Double.NaN : nats / tokens;
        }
    }

    /**
     * Scores a token sequence in chunks of {@code chunk} tokens with the model's batched forward. An RNN starts
     * from a zero state and carries it from chunk to chunk, so the result does not depend on the chunk size; a
     * Transformer sees each chunk (at most maxLen tokens) on its own. The model must be in eval mode (no
     * dropout); this method does not switch it, so threads may share the model.
     */
    public Score score(int[] ids, int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("score: chunk must be >= 1; got " + chunk);
        if (rnn != null ? rnn.isTraining() : transformer.isTraining()) {
            throw new IllegalStateException("score: the model is in training mode (dropout on); call model.eval() first");
        }
        int step = rnn != null ? chunk : Math.min(chunk, transformer.config().maxLen());
        double total = 0;
        long count = 0;
        try (GradMode.Scope off = GradMode.off()) {
            LstmLanguageModel.State s = rnn != null ? rnn.initialState(1) : null;
            for (int start = 0; start + 1 < ids.length; start += step) {
                int len = Math.min(step, ids.length - 1 - start);
                int[] in = Arrays.copyOfRange(ids, start, start + len), tg = Arrays.copyOfRange(ids, start + 1, start + 1 + len);
                if (rnn != null) {
                    LstmLanguageModel.Output o = rnn.forward(IntTensor.of(in, len, 1), IntTensor.of(tg, len), s, null);
                    total += (double) len * o.loss().item();
                    s = o.state();
                } else {
                    try (Workspace ws = Workspace.open()) {
                        total += (double) len * transformer.loss(IntTensor.of(in, 1, len), IntTensor.of(tg, len)).item();
                    }
                }
                count += len;
            }
        }
        return new Score(total, count);
    }

    /** Next-token logits after each token of {@code tokens}, fed one at a time from the start: (len, V). */
    float[][] logitsAfterEach(int[] tokens) {
        float[][] out = new float[tokens.length][vocabularySize()];
        try (GradMode.Scope off = GradMode.off()) {
            Stream s = newStream();
            for (int i = 0; i < tokens.length; i++) {
                s.feed(new int[] {tokens[i]});
                s.logits(out[i]);
            }
        }
        return out;
    }

    private int vocabularySize() {
        return rnn != null ? rnn.vocabularySize() : transformer.config().vocab();
    }

    private Stream newStream() {
        return rnn != null ? new RnnStream(rnn) : new TransformerStream(transformer);
    }

    /** One stream being decoded: the tokens fed so far, and the next-token logits after them. */
    private interface Stream {
        void feed(int[] ids);

        /** Writes the next-token logits (V) after every token fed so far. */
        void logits(float[] out);
    }

    /** The carried recurrent state and the last top-layer hidden state h (H). */
    private static final class RnnStream implements Stream {
        private final LstmLanguageModel model;
        private final Tensor encoder, decoderWeight, decoderBias;
        private LstmLanguageModel.State state;
        private final float[] h;

        RnnStream(LstmLanguageModel model) {
            this.model = model;
            encoder = model.encoderWeight();
            decoderWeight = model.decoderWeight();   // the encoder table when tied
            decoderBias = model.decoderBias();
            state = model.initialState(1);
            h = new float[model.hiddenSize()];
        }

        @Override
        public void feed(int[] ids) {
            int t = ids.length;
            Tensor x = Embedding.lookup(encoder, IntTensor.of(ids.clone(), t, 1));   // (T, 1, E)
            state = model.recurrent(x, state, false, null).state().copy();
            System.arraycopy(state.h()[model.layers() - 1].data(), 0, h, 0, h.length);
        }

        @Override
        public void logits(float[] out) {
            if (model.adaptiveSoftmax() != null) {   // exact log-probabilities: as logits, they sample the same words
                float[] lp = model.adaptiveSoftmax().logProb(Tensor.of(h.clone(), 1, h.length)).data();
                System.arraycopy(lp, 0, out, 0, out.length);
                return;
            }
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

    /** The tokens so far; the logits come from a forward over the last maxLen of them. */
    private static final class TransformerStream implements Stream {
        private final TransformerLanguageModel model;
        private int[] context = new int[64];
        private int length;

        TransformerStream(TransformerLanguageModel model) {
            this.model = model;
        }

        @Override
        public void feed(int[] ids) {
            if (length + ids.length > context.length) context = Arrays.copyOf(context, 2 * (length + ids.length));
            System.arraycopy(ids, 0, context, length, ids.length);
            length += ids.length;
        }

        @Override
        public void logits(float[] out) {
            float[] l = model.nextLogits(Arrays.copyOf(context, length));
            System.arraycopy(l, 0, out, 0, out.length);
        }
    }
}
