// The attention RNN as an IncrementalDecoder: encoder outputs once, then one GRU step per token with each row's state.
package dev.xent.task.translate;

import dev.xent.autograd.GradMode;
import dev.xent.ops.Index;
import dev.xent.ops.ShapeOps;
import dev.xent.task.translate.decode.IncrementalDecoder;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

/**
 * The state of a row is the decoder's hidden vector (the whole prefix, summarised) and its source's encoder
 * outputs, attention keys and mask; a step is one GRU step, the attention over the row's source and the tied
 * output layer. Sources are BPE ids without EOS ({@link #start} appends it, as training does).
 */
public final class RnnDecoding implements IncrementalDecoder<RnnDecoding.State> {
    private final RnnTranslator model;

    public RnnDecoding(RnnTranslator model) {
        this.model = model;
        model.eval();
    }

    /** Per row: the encoder memory of its source and the decoder state h (1, R, H). */
    public static final class State {
        RnnTranslator.Memory mem;
        Tensor h;
        int rows;
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
    public State start(int[][] sources) {
        if (sources.length == 0) throw new IllegalArgumentException("start: need at least one source sentence");
        int b = sources.length;
        int[] rows = new int[b];
        for (int i = 0; i < b; i++) rows[i] = i;
        TranslationBatch batch = TranslationBatch.of(sources, new int[b][0], rows);
        State st = new State();
        try (GradMode.Scope off = GradMode.off()) {
            st.mem = model.encode(batch.src(), batch.srcMask());
            st.h = ShapeOps.unsqueeze(st.mem.h0(), 0);
        }
        st.rows = b;
        return st;
    }

    @Override
    public float[] logProbs(State st, int[] lastTokens) {
        if (lastTokens.length != st.rows) {
            throw new IllegalArgumentException("logProbs: need one last token per row (" + st.rows + "); got "
                    + lastTokens.length);
        }
        try (GradMode.Scope off = GradMode.off()) {
            Tensor[] r = model.decode(IntTensor.of(lastTokens.clone(), st.rows, 1), st.h, st.mem);   // out (R, 1, E)
            st.h = r[1];
            float[] z = model.logits(ShapeOps.reshape(r[0], st.rows, model.config().embed())).data();
            return TransformerDecoding.logSoftmaxRows(z, st.rows, vocabSize());
        }
    }

    @Override
    public State select(State st, int[] rows) {
        State n = new State();
        n.rows = rows.length;
        if (rows.length == 0) {
            n.mem = st.mem;
            n.h = st.h;
            return n;
        }
        IntTensor idx = IntTensor.of(rows.clone(), rows.length);
        try (GradMode.Scope off = GradMode.off()) {
            RnnTranslator.Memory m = st.mem;
            n.mem = new RnnTranslator.Memory(Index.indexSelect(m.outputs(), 0, idx), Index.indexSelect(m.keys(), 0, idx),
                    Index.indexSelect(m.mask(), 0, idx), null);
            n.h = Index.indexSelect(st.h, 1, idx);
        }
        return n;
    }
}
