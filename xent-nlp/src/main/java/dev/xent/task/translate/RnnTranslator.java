// An attention RNN translator: bi-GRU encoder, GRU decoder, Luong "general" attention, tied output embedding.
package dev.xent.task.translate;

import dev.xent.nn.GruLayer;
import dev.xent.nn.Linear;
import dev.xent.nn.Module;
import dev.xent.nn.RnnConfig;
import dev.xent.nn.RnnOutput;
import dev.xent.ops.Activations;
import dev.xent.ops.Attention;
import dev.xent.ops.Dropout;
import dev.xent.ops.Embedding;
import dev.xent.ops.MatMul;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Luong et al. (2015) global attention without input feeding, over one shared (V, E) embedding:
 *
 * <pre>
 *   enc, (h→, h←) = BiGRU(Dropout(E[src]), lengths)         enc (B, S, 2H), packed: padding is never read
 *   h0      = tanh(bridge([h→; h←]))                          (B, H) the decoder's initial state
 *   dec     = GRU(Dropout(E[BOS y1 … yn]), h0)                (B, T, H) teacher forcing
 *   ctx     = softmax(dec · (W_a enc)ᵀ / √H, masked) · enc    (B, T, 2H) attention over the real source positions
 *   out     = Dropout(tanh(combine([dec; ctx])))              (B, T, E)
 *   loss    = label-smoothed CE of out · Eᵀ (tied; only at non-padding target positions; one fused op)
 * </pre>
 *
 * Parameter names: embed.weight, encoder.* and decoder.* (PyTorch's nn.GRU names: weight_ih_l0, …, _reverse),
 * bridge.{weight,bias}, attn_key.weight, combine.{weight,bias}; bench/translate_torch.py's RnnSeq2Seq is the same
 * model. Init: E ~ N(0, E^−½), GRUs and linears as PyTorch's defaults.
 */
public final class RnnTranslator extends TranslationModel {
    /** The architecture: vocabulary V, embedding E, hidden H, dropout. */
    public record Config(int vocab, int embed, int hidden, float dropout) {
        public Config {
            if (vocab < 4 || embed < 1 || hidden < 1) {
                throw new IllegalArgumentException("RnnTranslator.Config: need vocab >= 4 and embed, hidden >= 1; got "
                        + vocab + ", " + embed + ", " + hidden);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("RnnTranslator.Config: dropout must be in [0, 1); got " + dropout);
            }
        }
    }

    private static final class Group extends Module {
        Tensor add(String name, Tensor t) {
            return parameter(name, t);
        }
    }

    private final Config cfg;
    private final Tensor embed;                 // (V, E)
    private final GruLayer encoder, decoder;
    private final Linear bridge, attnKey, combine;
    private final Rng dropoutRng;
    private final Map<String, Rng> rngs = new LinkedHashMap<>();

    public RnnTranslator(Config cfg, Rng rng) {
        this.cfg = cfg;
        int e = cfg.embed(), h = cfg.hidden();
        embed = module("embed", new Group()).add("weight", Init.normal(rng, 0f, (float) (1 / Math.sqrt(e)), cfg.vocab(), e));
        encoder = module("encoder", new GruLayer(e, h, RnnConfig.defaults().bidirectional(true).batchFirst(true).rng(rng)));
        decoder = module("decoder", new GruLayer(e, h, RnnConfig.defaults().batchFirst(true).rng(rng)));
        bridge = module("bridge", new Linear(2 * h, h, true, rng));
        attnKey = module("attn_key", new Linear(2 * h, h, false, rng));
        combine = module("combine", new Linear(3 * h, e, true, rng));
        dropoutRng = rng.split();
        rngs.put("dropout", dropoutRng);
    }

    public Config config() {
        return cfg;
    }

    @Override
    public Map<String, Rng> rngs() {
        return Collections.unmodifiableMap(rngs);
    }

    /** The encoder's view of a source batch: outputs (B, S, 2H), their attention keys (B, S, H), the mask, h0. */
    record Memory(Tensor outputs, Tensor keys, Tensor mask, Tensor h0) {}

    private Tensor embedDropped(IntTensor ids) {
        ids.requireRange("RnnTranslator ids", cfg.vocab());
        return Dropout.apply(Embedding.lookup(embed, ids, false, Embedding.NO_PADDING), cfg.dropout(), isTraining(),
                dropoutRng);
    }

    Memory encode(IntTensor src, Tensor srcMask) {
        int b = src.dim(0), s = src.dim(1);
        int[] lengths = new int[b];
        float[] m = srcMask.data();
        for (int i = 0; i < b; i++) for (int j = 0; j < s; j++) if (m[i * s + j] != 0f) lengths[i]++;
        RnnOutput r = encoder.forward(embedDropped(src), null, null, IntTensor.of(lengths, b));
        Tensor last = ShapeOps.concat(1, ShapeOps.squeeze(ShapeOps.slice(r.h(), 0, 0, 1), 0),
                ShapeOps.squeeze(ShapeOps.slice(r.h(), 0, 1, 2), 0));                 // (B, 2H) [h→; h←]
        Tensor h0 = Activations.tanh(bridge.forward(last));                           // (B, H)
        return new Memory(r.output(), attnKey.forward(r.output()), srcMask, h0);
    }

    /** dec (B, T, H) → out (B, T, E) = Dropout(tanh(combine([dec; attention context]))). */
    Tensor attend(Tensor dec, Memory mem) {
        Tensor ctx = Attention.apply(dec, mem.keys(), mem.outputs(), 1, false, mem.mask());   // (B, T, 2H)
        Tensor out = Activations.tanh(combine.forward(ShapeOps.concat(2, dec, ctx)));
        return Dropout.apply(out, cfg.dropout(), isTraining(), dropoutRng);
    }

    /** One decoder run from state h (1, B, H): returns {out (B, T, E), h_T (1, B, H)}. */
    Tensor[] decode(IntTensor tgtIn, Tensor h, Memory mem) {
        RnnOutput r = decoder.forward(embedDropped(tgtIn), h, null);
        return new Tensor[] {attend(r.output(), mem), r.h()};
    }

    /** out (..., E) → logits (..., V) = out · Eᵀ. */
    public Tensor logits(Tensor out) {
        int e = cfg.embed();
        Tensor rows = out.rank() == 2 ? out : ShapeOps.reshape(out, out.size() / e, e);
        Tensor z = MatMul.matmul(rows, embed, false, true);
        if (out.rank() == 2) return z;
        int[] shape = out.shape().clone();
        shape[shape.length - 1] = cfg.vocab();
        return ShapeOps.reshape(z, shape);
    }

    /** The (B, T, V) logits of a teacher-forced batch. */
    public Tensor forward(TranslationBatch batch) {
        Memory mem = encode(batch.src(), batch.srcMask());
        return logits(decode(batch.tgtIn(), ShapeOps.unsqueeze(mem.h0(), 0), mem)[0]);
    }

    @Override
    public Tensor loss(TranslationBatch batch, double labelSmoothing) {
        Memory mem = encode(batch.src(), batch.srcMask());
        Tensor out = decode(batch.tgtIn(), ShapeOps.unsqueeze(mem.h0(), 0), mem)[0];       // (B, T, E)
        return targetLoss(out, batch, embed, labelSmoothing);
    }

    @Override
    public RnnDecoding decoder() {
        return new RnnDecoding(this);
    }

    @Override
    public int vocabSize() {
        return cfg.vocab();
    }

    @Override
    public int maxSourceLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String kind() {
        return "rnn";
    }
}
