// An encoder–decoder Transformer (pre-norm, sinusoidal positions, cross-attention, one shared tied embedding).
package dev.xent.task.translate;

import dev.xent.loss.LinearCrossEntropy;
import dev.xent.nn.LayerNormLayer;
import dev.xent.nn.Module;
import dev.xent.nn.SinusoidalPositionalEncoding;
import dev.xent.nn.TransformerDecoderBlock;
import dev.xent.nn.TransformerEncoderBlock;
import dev.xent.ops.Arith;
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
 * torch.nn.Transformer(d_model=D, nhead=H, num_encoder_layers=L_e, num_decoder_layers=L_d, dim_feedforward=F,
 * activation="gelu", batch_first=True, norm_first=True) with one (V, D) embedding E shared by the source, the
 * target and the output projection (a joint source/target BPE vocabulary; Press &amp; Wolf 2017):
 *
 * <pre>
 *   enc_in  = Dropout(E[src]·√D + PE)                     (B, S, D)   PE sinusoidal, not a parameter
 *   memory  = encoder.norm(L_e × EncoderLayer(enc_in, srcMask))
 *   dec_in  = Dropout(E[tgtIn]·√D + PE)                   (B, T, D)
 *   h       = decoder.norm(L_d × DecoderLayer(dec_in, memory, causal, srcMask))
 *   logits  = h · Eᵀ                                       (B, T, V)
 *   loss    = mean over the non-PAD positions of tgtOut of the label-smoothed cross-entropy (PyTorch's
 *             F.cross_entropy(logits, tgtOut, ignore_index=PAD, label_smoothing=ε))
 * </pre>
 *
 * Parameter names are nn.Transformer's (encoder.layers.0.self_attn.in_proj_weight, …, encoder.norm.weight,
 * decoder.layers.0.multihead_attn.…, decoder.norm.bias) plus embed.weight; init: E ~ N(0, D^−½) (so E·√D has unit
 * scale, as fairseq), the layers as PyTorch's defaults. The logits are computed only for the non-PAD rows, so
 * padding costs nothing in the output layer and cannot reach the loss; the output layer and the smoothed loss are
 * one fused op ({@link LinearCrossEntropy}), which never materialises the logits' log-softmax or its gradient.
 */
public final class TransformerTranslator extends TranslationModel {
    /** The architecture. */
    public record Config(int vocab, int dModel, int nHead, int encoderLayers, int decoderLayers, int dimFeedforward,
                         int maxLen, float dropout) {
        public Config {
            if (vocab < 4 || dModel < 1 || nHead < 1 || encoderLayers < 1 || decoderLayers < 1 || dimFeedforward < 1
                    || maxLen < 2) {
                throw new IllegalArgumentException("TransformerTranslator.Config: need vocab >= 4 (the specials), maxLen"
                        + " >= 2 and dModel, nHead, layers, dimFeedforward >= 1; got vocab " + vocab + ", dModel "
                        + dModel + ", nHead " + nHead + ", layers " + encoderLayers + "/" + decoderLayers + ", ff "
                        + dimFeedforward + ", maxLen " + maxLen);
            }
            if (dModel % nHead != 0) {
                throw new IllegalArgumentException("TransformerTranslator.Config: dModel (" + dModel
                        + ") must be a multiple of nHead (" + nHead + ")");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("TransformerTranslator.Config: dropout must be in [0, 1); got " + dropout);
            }
        }
    }

    /** A holder so names come out as "embed.weight", "encoder.layers.0.…", "encoder.norm.weight". */
    private static final class Group extends Module {
        Tensor add(String name, Tensor t) {
            return parameter(name, t);
        }

        <M extends Module> M add(String name, M m) {
            return module(name, m);
        }
    }

    private final Config cfg;
    private final Tensor embed;                     // (V, D)
    private final float scale;                      // √D
    private final SinusoidalPositionalEncoding positions;
    private final TransformerEncoderBlock[] encoder;
    private final TransformerDecoderBlock[] decoder;
    private final LayerNormLayer encoderNorm, decoderNorm;
    private final Rng dropoutRng;
    private final Map<String, Rng> rngs = new LinkedHashMap<>();

    public TransformerTranslator(Config cfg, Rng rng) {
        this.cfg = cfg;
        int d = cfg.dModel();
        this.scale = (float) Math.sqrt(d);
        this.embed = module("embed", new Group()).add("weight", Init.normal(rng, 0f, (float) (1 / Math.sqrt(d)), cfg.vocab(), d));
        this.positions = new SinusoidalPositionalEncoding(cfg.maxLen(), d);
        Group enc = module("encoder", new Group()), dec = module("decoder", new Group());
        Group encLayers = enc.add("layers", new Group()), decLayers = dec.add("layers", new Group());
        encoder = new TransformerEncoderBlock[cfg.encoderLayers()];
        for (int i = 0; i < encoder.length; i++) {
            Rng r = rng.split();
            rngs.put("encoder" + i, r);
            encoder[i] = encLayers.add(Integer.toString(i), new TransformerEncoderBlock(d, cfg.nHead(),
                    cfg.dimFeedforward(), cfg.dropout(), r));
        }
        encoderNorm = enc.add("norm", new LayerNormLayer(d, 1e-5f, true));
        decoder = new TransformerDecoderBlock[cfg.decoderLayers()];
        for (int i = 0; i < decoder.length; i++) {
            Rng r = rng.split();
            rngs.put("decoder" + i, r);
            decoder[i] = decLayers.add(Integer.toString(i), new TransformerDecoderBlock(d, cfg.nHead(),
                    cfg.dimFeedforward(), cfg.dropout(), r));
        }
        decoderNorm = dec.add("norm", new LayerNormLayer(d, 1e-5f, true));
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

    /** E[ids]·√D + PE, then dropout: (B, L) → (B, L, D). */
    Tensor embedTokens(IntTensor ids, int firstPosition) {
        ids.requireRange("TransformerTranslator ids", cfg.vocab());
        int len = ids.dim(1);
        if (firstPosition + len > cfg.maxLen()) {
            throw new IllegalArgumentException("TransformerTranslator: a sequence of " + (firstPosition + len)
                    + " tokens exceeds maxLen " + cfg.maxLen() + "; drop longer pairs or build the model with a larger maxLen");
        }
        Tensor x = Arith.mul(Embedding.lookup(embed, ids, false, Embedding.NO_PADDING), scale);
        Tensor pe = positions.positions(firstPosition + len);
        if (firstPosition > 0) pe = ShapeOps.slice(pe, 0, firstPosition, firstPosition + len);
        return Dropout.apply(Arith.add(x, pe), cfg.dropout(), isTraining(), dropoutRng);
    }

    /** src (B, S), srcMask (B, S) → memory (B, S, D) after the encoder's final norm. */
    public Tensor encode(IntTensor src, Tensor srcMask) {
        Tensor x = embedTokens(src, 0);
        for (TransformerEncoderBlock layer : encoder) x = layer.forward(x, srcMask);
        return encoderNorm.forward(x);
    }

    /** tgtIn (B, T) given memory (B, S, D) and srcMask → decoder states (B, T, D) after the final norm. */
    public Tensor decode(IntTensor tgtIn, Tensor memory, Tensor srcMask) {
        Tensor x = embedTokens(tgtIn, 0);
        for (TransformerDecoderBlock layer : decoder) x = layer.forward(x, memory, srcMask);
        return decoderNorm.forward(x);
    }

    /** h (..., D) → logits (..., V) = h · Eᵀ. */
    public Tensor logits(Tensor h) {
        int d = cfg.dModel();
        Tensor rows = h.rank() == 2 ? h : ShapeOps.reshape(h, h.size() / d, d);
        Tensor z = MatMul.matmul(rows, embed, false, true);
        if (h.rank() == 2) return z;
        int[] shape = h.shape().clone();
        shape[shape.length - 1] = cfg.vocab();
        return ShapeOps.reshape(z, shape);
    }

    @Override
    public Tensor loss(TranslationBatch batch, double labelSmoothing) {
        Tensor memory = encode(batch.src(), batch.srcMask());
        Tensor h = decode(batch.tgtIn(), memory, batch.srcMask());                    // (B, T, D)
        return targetLoss(h, batch, embed, labelSmoothing);
    }

    @Override
    public TransformerDecoding decoder() {
        return new TransformerDecoding(this);
    }

    @Override
    public int vocabSize() {
        return cfg.vocab();
    }

    @Override
    public int maxSourceLength() {
        return cfg.maxLen();
    }

    @Override
    public String kind() {
        return "transformer";
    }

    TransformerDecoderBlock[] decoderLayers() {
        return decoder;
    }

    LayerNormLayer decoderNorm() {
        return decoderNorm;
    }
}
