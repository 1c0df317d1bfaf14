// The encoder-decoder Transformer as an IncrementalDecoder: encoder output once, per-layer key/value caches per row.
package dev.xent.task.translate;

import dev.xent.autograd.GradMode;
import dev.xent.nn.TransformerDecoderBlock;
import dev.xent.ops.Index;
import dev.xent.ops.ShapeOps;
import dev.xent.task.translate.decode.IncrementalDecoder;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

/**
 * A step feeds one token per row: its embedding at position t goes through each decoder layer's
 * {@link TransformerDecoderBlock#step}, whose self-attention reads the layer's cache of projected keys and
 * values of positions 0..t and whose cross-attention reads the keys and values of the row's encoder output,
 * projected once in {@link #start}. So step t costs O(t) attention, not a rerun of the prefix.
 *
 * <p>The self-attention cache of a layer is one preallocated buffer (R, C, D) per keys and values; step t writes
 * position t of every row in place and attention reads the filled prefix 0..t in place, so no step copies the
 * cache. C is the most tokens a row will be fed ({@link #start(int[][], int)}: the search's length cap + 1, at most
 * the model's maxLen); a state started without it begins at {@link #INITIAL_CAPACITY} and doubles when full.
 * {@link #select} copies the kept rows' filled prefixes into the spare buffers the previous select left behind, so
 * beam search reorders rows without allocating once the row count is steady.
 *
 * <p>Sources are BPE ids without EOS: {@link #start} appends it, as the training batches do. The model is put in
 * eval mode; the calls run without a graph. Not thread-safe per state; states are independent.
 */
public final class TransformerDecoding implements IncrementalDecoder<TransformerDecoding.State> {
    /** Cache positions of a state started without a length cap; doubled (one copy) whenever it fills. */
    static final int INITIAL_CAPACITY = 32;

    private final TransformerTranslator model;

    public TransformerDecoding(TransformerTranslator model) {
        this.model = model;
        model.eval();
    }

    /** Per row: its source's cross keys/values and mask; per layer the self-attention cache; t = tokens fed. */
    public static final class State {
        Tensor[] crossK, crossV;     // per layer (R, S, D)
        Tensor mask;                 // (R, S)
        Tensor[] selfK, selfV;       // per layer (R, C, D), positions 0..t−1 filled
        Tensor[] spareK, spareV;     // per layer (R', C, D) buffers select may reuse, or null
        int rows, t, capacity;
    }

    @Override
    public int vocabSize() {
        return model.config().vocab();
    }

    @Override
    public int bos() {
        return Vocabulary.BOS;
    }

    @Override
    public int eos() {
        return Vocabulary.EOS;
    }

    @Override
    public int maxTargetLength() {
        return model.config().maxLen();
    }

    @Override
    public State start(int[][] sources) {
        return start(sources, INITIAL_CAPACITY);
    }

    @Override
    public State start(int[][] sources, int maxFeeds) {
        if (maxFeeds < 1) throw new IllegalArgumentException("start: maxFeeds must be >= 1 (bos); got " + maxFeeds);
        if (sources.length == 0) throw new IllegalArgumentException("start: need at least one source sentence");
        int b = sources.length, s = 1;
        for (int[] x : sources) s = Math.max(s, x.length + 1);
        if (s > model.config().maxLen()) {
            throw new IllegalArgumentException("a source of " + (s - 1) + " tokens (+ EOS) exceeds the model's maxLen "
                    + model.config().maxLen() + "; split the sentence");
        }
        int[][] empty = new int[b][0];
        int[] rows = new int[b];
        for (int i = 0; i < b; i++) rows[i] = i;
        TranslationBatch batch = TranslationBatch.of(sources, empty, rows);
        State st = new State();
        try (GradMode.Scope off = GradMode.off()) {
            Tensor memory = model.encode(batch.src(), batch.srcMask());
            TransformerDecoderBlock[] layers = model.decoderLayers();
            st.crossK = new Tensor[layers.length];
            st.crossV = new Tensor[layers.length];
            for (int l = 0; l < layers.length; l++) {
                Tensor[] kv = layers[l].crossKeysValues(memory);
                st.crossK[l] = kv[0];
                st.crossV[l] = kv[1];
            }
        }
        st.mask = batch.srcMask();
        st.rows = b;
        st.capacity = Math.min(maxFeeds, model.config().maxLen());
        st.selfK = buffers(b, st.capacity);
        st.selfV = buffers(b, st.capacity);
        return st;
    }

    @Override
    public float[] logProbs(State st, int[] lastTokens) {
        if (lastTokens.length != st.rows) {
            throw new IllegalArgumentException("logProbs: need one last token per row (" + st.rows + "); got "
                    + lastTokens.length);
        }
        if (st.t + 1 > model.config().maxLen()) {
            throw new IllegalStateException("logProbs: the prefix would exceed maxLen " + model.config().maxLen());
        }
        if (st.t == st.capacity) grow(st);
        TransformerDecoderBlock[] layers = model.decoderLayers();
        int d = model.config().dModel();
        try (GradMode.Scope off = GradMode.off()) {
            Tensor x = model.embedTokens(IntTensor.of(lastTokens.clone(), st.rows, 1), st.t);   // (R, 1, D)
            for (int l = 0; l < layers.length; l++) {
                Tensor[] kv = layers[l].selfKeysValues(x);                                     // (R, 1, D) each
                float[] k = kv[0].data(), v = kv[1].data(), ck = st.selfK[l].data(), cv = st.selfV[l].data();
                for (int r = 0; r < st.rows; r++) {                      // cache[r, t, :] = kv[r, 0, :]
                    int at = (r * st.capacity + st.t) * d;
                    System.arraycopy(k, r * d, ck, at, d);
                    System.arraycopy(v, r * d, cv, at, d);
                }
                x = layers[l].step(x, st.selfK[l], st.selfV[l], st.t + 1, st.crossK[l], st.crossV[l], st.mask);
            }
            st.t++;
            float[] z = model.logits(ShapeOps.reshape(model.decoderNorm().forward(x), st.rows,
                    model.config().dModel())).data();                                          // (R, V)
            return logSoftmaxRows(z, st.rows, vocabSize());
        }
    }

    /** Log-softmax of each of the R rows of z (R × V); PAD and BOS get −∞ (a search never emits them). */
    static float[] logSoftmaxRows(float[] z, int rows, int v) {
        float[] out = new float[rows * v];
        for (int r = 0; r < rows; r++) {
            int o = r * v;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) max = Math.max(max, z[o + j]);
            double sum = 0;
            for (int j = 0; j < v; j++) sum += Math.exp(z[o + j] - max);
            float lse = (float) (max + Math.log(sum));
            for (int j = 0; j < v; j++) out[o + j] = z[o + j] - lse;
            out[o + Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
            out[o + Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
        }
        return out;
    }

    /** Zeroed (rows, capacity, D) caches, one per decoder layer. */
    private Tensor[] buffers(int rows, int capacity) {
        Tensor[] out = new Tensor[model.decoderLayers().length];
        int d = model.config().dModel();
        for (int l = 0; l < out.length; l++) out[l] = Tensor.of(new float[rows * capacity * d], rows, capacity, d);
        return out;
    }

    /** Doubles the capacity (at most maxLen), copying the filled positions once; spare buffers are dropped. */
    private void grow(State st) {
        int capacity = Math.min(2 * st.capacity, model.config().maxLen());
        st.selfK = copyRows(st.selfK, identity(st.rows), st.t, st.capacity, buffers(st.rows, capacity));
        st.selfV = copyRows(st.selfV, identity(st.rows), st.t, st.capacity, buffers(st.rows, capacity));
        st.capacity = capacity;
        st.spareK = st.spareV = null;
    }

    /** into[l][i, 0..t) = from[l][rows[i], 0..t) for every layer l; from has capacity {@code fromCapacity}. */
    private Tensor[] copyRows(Tensor[] from, int[] rows, int t, int fromCapacity, Tensor[] into) {
        int d = model.config().dModel(), capacity = into[0].dim(1);
        for (int l = 0; l < from.length; l++) {
            float[] src = from[l].data(), dst = into[l].data();
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(src, rows[i] * fromCapacity * d, dst, i * capacity * d, t * d);
            }
        }
        return into;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    @Override
    public State select(State st, int[] rows) {
        State n = new State();
        n.rows = rows.length;
        n.t = st.t;
        n.capacity = st.capacity;
        if (rows.length == 0) {
            n.crossK = st.crossK;
            n.crossV = st.crossV;
            n.mask = st.mask;
            return n;
        }
        IntTensor idx = IntTensor.of(rows.clone(), rows.length);
        try (GradMode.Scope off = GradMode.off()) {
            int layers = st.crossK.length;
            n.crossK = new Tensor[layers];
            n.crossV = new Tensor[layers];
            for (int l = 0; l < layers; l++) {
                n.crossK[l] = Index.indexSelect(st.crossK[l], 0, idx);
                n.crossV[l] = Index.indexSelect(st.crossV[l], 0, idx);
            }
            n.mask = Index.indexSelect(st.mask, 0, idx);
        }
        // the old state is not used again: its buffers become the new state's spares
        boolean reuse = st.spareK != null && st.spareK[0].dim(0) == rows.length;
        n.selfK = copyRows(st.selfK, rows, st.t, st.capacity, reuse ? st.spareK : buffers(rows.length, st.capacity));
        n.selfV = copyRows(st.selfV, rows, st.t, st.capacity, reuse ? st.spareV : buffers(rows.length, st.capacity));
        n.spareK = st.selfK;
        n.spareV = st.selfV;
        return n;
    }
}
