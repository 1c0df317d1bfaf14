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
 * values of positions 0..t (R, t+1, D) and whose cross-attention reads the keys and values of the row's
 * encoder output, projected once in {@link #start}. So step t costs O(t) attention, not a rerun of the prefix.
 * Sources are BPE ids without EOS: {@link #start} appends it, as the training batches do. The model is put in
 * eval mode; the calls run without a graph. Not thread-safe per state; states are independent.
 */
public final class TransformerDecoding implements IncrementalDecoder<TransformerDecoding.State> {
    private final TransformerTranslator model;

    public TransformerDecoding(TransformerTranslator model) {
        this.model = model;
        model.eval();
    }

    /** Per row: its source's cross keys/values and mask; per layer the self-attention cache; t = tokens fed. */
    public static final class State {
        Tensor[] crossK, crossV;     // per layer (R, S, D)
        Tensor mask;                 // (R, S)
        Tensor[] selfK, selfV;       // per layer (R, t, D), null before the first token
        int rows, t;
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
        TransformerDecoderBlock[] layers = model.decoderLayers();
        try (GradMode.Scope off = GradMode.off()) {
            Tensor x = model.embedTokens(IntTensor.of(lastTokens.clone(), st.rows, 1), st.t);   // (R, 1, D)
            if (st.selfK == null) {
                st.selfK = new Tensor[layers.length];
                st.selfV = new Tensor[layers.length];
            }
            for (int l = 0; l < layers.length; l++) {
                Tensor[] kv = layers[l].selfKeysValues(x);                                     // (R, 1, D) each
                st.selfK[l] = st.selfK[l] == null ? kv[0] : ShapeOps.concat(1, st.selfK[l], kv[0]);
                st.selfV[l] = st.selfV[l] == null ? kv[1] : ShapeOps.concat(1, st.selfV[l], kv[1]);
                x = layers[l].step(x, st.selfK[l], st.selfV[l], st.crossK[l], st.crossV[l], st.mask);
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

    @Override
    public State select(State st, int[] rows) {
        State n = new State();
        n.rows = rows.length;
        n.t = st.t;
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
            if (st.selfK != null) {
                n.selfK = new Tensor[layers];
                n.selfV = new Tensor[layers];
                for (int l = 0; l < layers; l++) {
                    n.selfK[l] = Index.indexSelect(st.selfK[l], 0, idx);
                    n.selfV[l] = Index.indexSelect(st.selfV[l], 0, idx);
                }
            }
        }
        return n;
    }
}
