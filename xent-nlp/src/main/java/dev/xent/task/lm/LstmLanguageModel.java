// The classic word-level RNN language model (pytorch/examples word_language_model, RNNModel): LSTM or GRU, tied or not.
package dev.xent.task.lm;

import dev.xent.tensor.Workspace;
import dev.xent.autograd.GradMode;
import dev.xent.loss.LinearCrossEntropy;
import dev.xent.nn.AdaptiveSoftmax;
import dev.xent.nn.Module;
import dev.xent.ops.Dropout;
import dev.xent.ops.Embedding;
import dev.xent.ops.Gru;
import dev.xent.ops.Lstm;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ids (T, B) → Embedding (V, E) → dropout → LSTM or GRU layers (hidden H, dropout between and after) →
 * Linear (H → V) → softmax cross-entropy against the next ids, mean over the T·B positions.
 *
 * <p>Parameter names and initialisation follow pytorch/examples so weights load both ways:
 * {@code encoder.weight} (V, E) and {@code decoder.weight} (V, H) uniform in ±0.1, {@code decoder.bias}
 * zeros; {@code rnn.weight_ih_l<k>} (4H, in), {@code rnn.weight_hh_l<k>} (4H, H), {@code rnn.bias_ih_l<k>},
 * {@code rnn.bias_hh_l<k>} (4H) uniform in ±1/√H (nn.LSTM's default). A GRU has 3H gate rows instead of 4H
 * (nn.GRU's order r, z, n) and no cell state ({@link State#c()} is null).
 *
 * <p>The embedding gradient is row-sparse (only the ids of the batch), so clipping and SGD touch ~700
 * rows instead of 33,278. The decoder and the loss are one fused op ({@link LinearCrossEntropy}).
 *
 * <p>Tied weights (main.py {@code --tied}, Press &amp; Wolf 2017): the decoder weight IS the encoder table
 * (V, E), which needs E = H. The table then gets two gradients — the embedding's rows and the decoder's full
 * (V, H) matrix — so the lookup writes a dense gradient and both ops add into the one dense buffer (a sparse
 * embedding gradient would land in a separate buffer that the decoder's dense part never sees). The tensor is a
 * parameter once, as {@code encoder.weight}: {@link #namedParameters()} and {@link #stateDict()} list it once, so
 * an optimizer steps it once and clipping counts it once. PyTorch's state_dict of a tied RNNModel also lists
 * {@code decoder.weight} (the same storage); {@link #torchStateDict()} adds that alias for export, and
 * {@link #loadTorchStateDict} accepts a dict with or without it.
 *
 * <p>{@link Options} add AWD-LSTM's regularisers (Merity et al. 2018) and a cheap output layer:
 * <ul>
 * <li>embedDropout: whole words dropped from the table for a batch ({@link LockedDropout#words});
 * <li>variational: every dropout on activations (after the embedding, between layers, before the output) uses one
 *     mask per sequence, the same at every step ({@link LockedDropout}), instead of a fresh mask per element;
 * <li>weightDropout: DropConnect on each layer's W_hh (one mask per batch, shared by all steps), as AWD-LSTM's
 *     WeightDrop;
 * <li>cutoffs: the output layer is an {@link AdaptiveSoftmax} (parameters {@code decoder.head.*} and
 *     {@code decoder.tail.*}; tied: its shortlist rows are the embedding table's, ids sorted by falling
 *     frequency) instead of the full (V, H) softmax: exact log-probabilities, a fraction of the cost.
 * </ul>
 */
public final class LstmLanguageModel extends Module {
    /** The recurrent cell of every layer. */
    public enum Cell { LSTM, GRU }

    /** The hidden and cell state of every layer, carried from batch to batch (no graph); c is null for a GRU. */
    public record State(Tensor[] h, Tensor[] c) {
        /** Heap copies of every tensor (no graph), safe after a workspace closes. */
        public State copy() {
            Tensor[] h2 = new Tensor[h.length], c2 = c == null ? null : new Tensor[c.length];
            for (int l = 0; l < h.length; l++) {
                h2[l] = h[l].copy();
                if (c != null) c2[l] = c[l].copy();
            }
            return new State(h2, c2);
        }
    }

    /** The top layer's outputs (T, B, H) and the final state of every layer (live, in the graph). */
    public record Recurrent(Tensor outputs, State state) {}

    /** The loss of one batch and the final state, detached, to start the next batch from. */
    public record Output(Tensor loss, State state) {}

    /**
     * Regularisers and output layer beyond the classic model ({@link #CLASSIC}: none, full softmax).
     *
     * @param embedDropout  probability of dropping a word's embedding row for one batch, in [0, 1)
     * @param weightDropout DropConnect probability on each W_hh, in [0, 1)
     * @param variational   dropout masks shared over time (locked) rather than drawn per element
     * @param cutoffs       adaptive-softmax cutoffs (strictly increasing, in [1, V)); empty: full softmax
     * @param divValue      adaptive softmax: cluster i projects to H / divValue^(i+1) features
     */
    public record Options(float embedDropout, float weightDropout, boolean variational, int[] cutoffs, float divValue) {
        public static final Options CLASSIC = new Options(0f, 0f, false, new int[0], 4f);

        public Options {
            if (!(embedDropout >= 0 && embedDropout < 1) || !(weightDropout >= 0 && weightDropout < 1)) {
                throw new IllegalArgumentException("embedDropout and weightDropout must be in [0, 1); got "
                        + embedDropout + " and " + weightDropout);
            }
            cutoffs = cutoffs == null ? new int[0] : cutoffs.clone();
        }

        public boolean adaptive() {
            return cutoffs.length > 0;
        }
    }

    private final int vocab, embed, hidden, layers;
    private final float dropout;
    private final Cell cell;
    private final boolean tied;
    private boolean denseEmbeddingGradient;
    private final Options options;
    private final Tensor encoder, decoderWeight, decoderBias;   // the decoder's: null with an adaptive softmax
    private final AdaptiveSoftmax adaptive;                     // null with the full softmax
    private final Tensor[] wIh, wHh, bIh, bHh;

    /** A holder module so names come out as "encoder.weight", "rnn.weight_ih_l0", "decoder.bias". */
    private static final class Group extends Module {
        Tensor add(String name, Tensor t) {
            return parameter(name, t);
        }
    }

    /** An untied LSTM model (the original constructor). */
    public LstmLanguageModel(int vocab, int embed, int hidden, int layers, float dropout, Rng rng) {
        this(vocab, embed, hidden, layers, dropout, Cell.LSTM, false, rng);
    }

    /** {@code tied}: decoder weight = encoder table (needs embed == hidden). */
    public LstmLanguageModel(int vocab, int embed, int hidden, int layers, float dropout, Cell cell, boolean tied,
                             Rng rng) {
        this(vocab, embed, hidden, layers, dropout, cell, tied, Options.CLASSIC, rng);
    }

    /** With AWD-LSTM's regularisers and/or an adaptive softmax ({@link Options}). */
    public LstmLanguageModel(int vocab, int embed, int hidden, int layers, float dropout, Cell cell, boolean tied,
                             Options options, Rng rng) {
        if (vocab < 1 || embed < 1 || hidden < 1 || layers < 1) {
            throw new IllegalArgumentException("LstmLanguageModel: vocab, embed, hidden and layers must be >= 1; got "
                    + vocab + ", " + embed + ", " + hidden + ", " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LstmLanguageModel: dropout must be in [0, 1); got " + dropout);
        }
        if (cell == null) throw new IllegalArgumentException("LstmLanguageModel: cell must be LSTM or GRU; got null");
        if (tied && embed != hidden) {
            throw new IllegalArgumentException("LstmLanguageModel: tied weights need embed == hidden (the decoder "
                    + "weight (V, hidden) is the embedding table (V, embed)); got embed " + embed + " and hidden "
                    + hidden + ". Make them equal, or set tied=false");
        }
        this.cell = cell;
        this.tied = tied;
        this.options = options == null ? Options.CLASSIC : options;
        this.vocab = vocab;
        this.embed = embed;
        this.hidden = hidden;
        this.layers = layers;
        this.dropout = dropout;
        Group enc = module("encoder", new Group()), rnn = module("rnn", new Group());
        encoder = enc.add("weight", Init.uniform(rng, -0.1f, 0.1f, vocab, embed));
        float k = (float) (1 / Math.sqrt(hidden));
        int gates = (cell == Cell.LSTM ? 4 : 3) * hidden;
        wIh = new Tensor[layers];
        wHh = new Tensor[layers];
        bIh = new Tensor[layers];
        bHh = new Tensor[layers];
        for (int l = 0; l < layers; l++) {   // nn.LSTM's / nn.GRU's order: per layer w_ih, w_hh, b_ih, b_hh
            wIh[l] = rnn.add("weight_ih_l" + l, Init.uniform(rng, -k, k, gates, l == 0 ? embed : hidden));
            wHh[l] = rnn.add("weight_hh_l" + l, Init.uniform(rng, -k, k, gates, hidden));
            bIh[l] = rnn.add("bias_ih_l" + l, Init.uniform(rng, -k, k, gates));
            bHh[l] = rnn.add("bias_hh_l" + l, Init.uniform(rng, -k, k, gates));
        }
        if (this.options.adaptive()) {
            adaptive = module("decoder", new AdaptiveSoftmax(hidden, vocab, this.options.cutoffs(),
                    this.options.divValue(), true, tied ? encoder : null, rng));
            decoderWeight = null;
            decoderBias = null;
        } else {
            Group dec = module("decoder", new Group());
            adaptive = null;
            decoderWeight = tied ? encoder : dec.add("weight", Init.uniform(rng, -0.1f, 0.1f, vocab, hidden));
            decoderBias = dec.add("bias", Tensor.zeros(vocab));
        }
    }

    /**
     * Makes the embedding gradient dense (V, E), as nn.Embedding's default, so clipping and SGD touch every row:
     * the same work as PyTorch's word LM, for benchmarks (the row-sparse default trains identically, faster).
     */
    public LstmLanguageModel withDenseEmbeddingGradient() {
        denseEmbeddingGradient = true;
        return this;
    }

    /** Zero state for {@code batch} streams. */
    public State initialState(int batch) {
        Tensor[] h = new Tensor[layers], c = cell == Cell.LSTM ? new Tensor[layers] : null;
        for (int l = 0; l < layers; l++) {
            h[l] = Tensor.zeros(batch, hidden);
            if (c != null) c[l] = Tensor.zeros(batch, hidden);
        }
        return new State(h, c);
    }

    /**
     * Mean next-token cross-entropy of one BPTT batch: input (T, B) ids, target (T·B) ids (time-major, as
     * {@link BpttStream#target}), starting from {@code state}. Dropout is active in training mode and uses
     * {@code rng} (may be null in eval mode). The returned state is a heap copy, safe after a workspace closes.
     */
    public Output forward(IntTensor input, IntTensor target, State state, Rng rng) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException("LstmLanguageModel: input must be (T, B) ids; got rank " + input.rank());
        }
        int t = input.dim(0), b = input.dim(1);
        if (target.size() != t * b) {
            throw new IllegalArgumentException("LstmLanguageModel: target must hold T·B = " + (t * b)
                    + " ids (time-major); got " + target.size());
        }
        if (state.h()[0].dim(0) != b) {
            throw new IllegalArgumentException("LstmLanguageModel: state is for batch " + state.h()[0].dim(0)
                    + " but the input has batch " + b + "; use initialState(" + b + ")");
        }
        boolean train = isTraining();
        // tied: dense, so the lookup's rows and the decoder's (V, H) gradient add into one buffer
        Tensor x = Embedding.lookup(encoder, input, !tied && !denseEmbeddingGradient, Embedding.NO_PADDING);
        x = drop(LockedDropout.words(x, input, vocab, options.embedDropout(), train, rng), train, rng);
        Recurrent r = recurrent(x, state, train, rng);
        Tensor rows = r.outputs().reshape(t * b, hidden);   // (T·B, H)
        Tensor loss = adaptive != null ? adaptive.loss(rows, target)
                : LinearCrossEntropy.of(rows, decoderWeight, decoderBias, target);
        return new Output(loss, r.state().copy());
    }

    /**
     * The recurrent layers over x (T, B, E) from state s, dropout after each layer when {@code train}. The
     * generators call this with train false to step the model token by token.
     */
    public Recurrent recurrent(Tensor x, State s, boolean train, Rng rng) {
        Tensor[] h = new Tensor[layers], c = cell == Cell.LSTM ? new Tensor[layers] : null;
        for (int l = 0; l < layers; l++) {                  // x: (T, B, E) then (T, B, H)
            Tensor whh = Dropout.apply(wHh[l], options.weightDropout(), train, rng);   // DropConnect, one mask per batch
            if (cell == Cell.LSTM) {
                Lstm.Result r = Lstm.sequence(x, s.h()[l], s.c() == null ? null : s.c()[l], wIh[l], whh, bIh[l],
                        bHh[l]);
                x = r.outputs();
                h[l] = r.h();
                c[l] = r.c();
            } else {
                Gru.Result r = Gru.sequence(x, s.h()[l], wIh[l], whh, bIh[l], bHh[l]);
                x = r.outputs();
                h[l] = r.h();
            }
            x = drop(x, train, rng);
        }
        return new Recurrent(x, new State(h, c));
    }

    /** The activation dropout: locked (one mask per sequence) when variational, else per element. */
    private Tensor drop(Tensor x, boolean train, Rng rng) {
        return options.variational() ? LockedDropout.apply(x, dropout, train, rng) : Dropout.apply(x, dropout, train, rng);
    }

    /** The options (regularisers, output layer) this model was built with. */
    public Options options() {
        return options;
    }

    /** The adaptive softmax output layer, or null when the output is the full softmax. */
    public AdaptiveSoftmax adaptiveSoftmax() {
        return adaptive;
    }

    /** The decoder weight (V, H): with tying, the encoder table itself; null with an adaptive softmax. */
    public Tensor decoderWeight() {
        return decoderWeight;
    }

    /** The decoder bias (V). */
    public Tensor decoderBias() {
        return decoderBias;
    }

    /** The embedding table (V, E). */
    public Tensor encoderWeight() {
        return encoder;
    }

    public Cell cell() {
        return cell;
    }

    public boolean tied() {
        return tied;
    }

    /**
     * The state dict as PyTorch's RNNModel lists it: {@link #stateDict()} plus, when tied, {@code decoder.weight}
     * (the same tensor as {@code encoder.weight}) before {@code decoder.bias}. For export and model bundles.
     */
    public Map<String, Tensor> torchStateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        stateDict().forEach((name, t) -> {
            if (tied && adaptive == null && name.equals("decoder.bias")) out.put("decoder.weight", decoderWeight);
            out.put(name, t);
        });
        return out;
    }

    /**
     * Loads a dict from {@link #torchStateDict()} or {@link #stateDict()} (strict names). When tied, a
     * {@code decoder.weight} entry must equal {@code encoder.weight} exactly, as in a PyTorch tied model.
     */
    public void loadTorchStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = new LinkedHashMap<>(state);
        if (tied && own.containsKey("decoder.weight")) {
            Tensor dec = own.remove("decoder.weight"), enc = own.get("encoder.weight");
            if (enc == null || !java.util.Arrays.equals(dec.shape(), enc.shape())
                    || !java.util.Arrays.equals(dec.data(), 0, dec.size(), enc.data(), 0, enc.size())) {
                throw new IllegalArgumentException("LstmLanguageModel: the model is tied but the state dict's "
                        + "decoder.weight differs from encoder.weight; load it into an untied model (tied=false)");
            }
        }
        loadStateDict(own, true);
    }

    public int vocabularySize() {
        return vocab;
    }

    public int embeddingSize() {
        return embed;
    }

    public int hiddenSize() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    /** Mean per-token loss (nats) over a whole stream, from a zero state, dropout off; step buffers from ws. */
    public double evaluate(BpttStream stream, Workspace ws) {
        eval();
        State s = initialState(stream.batchSize());
        double total = 0;
        long rows = 0;
        try (GradMode.Scope off = GradMode.off()) {
            for (int k = 0; k < stream.batches(); k++) {
                ws.reopen();
                try {
                    Output out = forward(stream.input(k), stream.target(k), s, null);
                    total += (double) stream.length(k) * out.loss().item();
                    s = out.state();
                } finally {
                    ws.close();
                }
                rows += stream.length(k);
            }
        }
        train();
        return total / rows;
    }
}
