// A pre-norm Transformer decoder layer: causal self-attention, cross-attention to the encoder output, GELU MLP.
package dev.xent.nn;

import dev.xent.ops.Arith;
import dev.xent.ops.Dropout;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation="gelu",
 * batch_first=True, norm_first=True), layer by layer:
 *
 * <pre>
 *   x = x + Dropout(SelfAttention(LayerNorm1(x), causal))                          // (B, T, D)
 *   x = x + Dropout(CrossAttention(LayerNorm2(x), memory, memoryMask))             // memory (B, S, D)
 *   x = x + Dropout(Linear2(Dropout(GELU(Linear1(LayerNorm3(x))))))               // D → F → D
 * </pre>
 *
 * Parameter names are PyTorch's: self_attn.*, multihead_attn.*, linear1.*, linear2.*, norm1.*, norm2.*,
 * norm3.*, so its state dict loads as is. The self-attention has no key-padding mask: with right padding the
 * causal mask already keeps every real position from seeing a padded one (padded positions compute garbage
 * that no real position reads and the loss skips).
 *
 * <p>{@link #step} is the same layer for one new position given a cache of the projected keys and values of
 * the earlier positions, for decoding without recomputing the prefix.
 */
public final class TransformerDecoderBlock extends Module {
    private final int dModel;
    private final float dropout;
    private final Rng rng;
    final MultiHeadAttention selfAttn, crossAttn;
    final Linear linear1, linear2;
    final LayerNormLayer norm1, norm2, norm3;

    /** Seed 0 for the initial weights and the dropout masks. */
    public TransformerDecoderBlock(int dModel, int nHead, int dimFeedforward, float dropout) {
        this(dModel, nHead, dimFeedforward, dropout, new Rng(0));
    }

    /** {@code rng} draws the initial weights, then the dropout masks (keep it only for this block). */
    public TransformerDecoderBlock(int dModel, int nHead, int dimFeedforward, float dropout, Rng rng) {
        if (dimFeedforward < 1) {
            throw new IllegalArgumentException("TransformerDecoderBlock: dimFeedforward must be >= 1; got " + dimFeedforward);
        }
        this.dModel = dModel;
        this.dropout = dropout;
        this.rng = rng;
        this.selfAttn = module("self_attn", new MultiHeadAttention(dModel, nHead, dropout, true, rng));
        this.crossAttn = module("multihead_attn", new MultiHeadAttention(dModel, nHead, dropout, true, rng));
        this.linear1 = module("linear1", new Linear(dModel, dimFeedforward, true, rng));
        this.linear2 = module("linear2", new Linear(dimFeedforward, dModel, true, rng));
        this.norm1 = module("norm1", new LayerNormLayer(dModel, 1e-5f, true));
        this.norm2 = module("norm2", new LayerNormLayer(dModel, 1e-5f, true));
        this.norm3 = module("norm3", new LayerNormLayer(dModel, 1e-5f, true));
    }

    /** x (B, T, D), memory (B, S, D), memoryMask (B, S) with 1 = real source token, or null → (B, T, D). */
    public Tensor forward(Tensor x, Tensor memory, Tensor memoryMask) {
        check("input", x);
        check("memory", memory);
        boolean train = isTraining();
        Tensor a = selfAttn.selfAttention(norm1.forward(x), null, true);
        x = Dropout.residual(x, a, dropout, train, rng);
        Tensor n2 = norm2.forward(x);
        Tensor c = crossAttn.forward(n2, memory, memory, memoryMask, false);
        x = Dropout.residual(x, c, dropout, train, rng);
        return feedForward(x, train);
    }

    /** The cross-attention keys and values {K, V} (B, S, D) of an encoder output, computed once per source. */
    public Tensor[] crossKeysValues(Tensor memory) {
        check("memory", memory);
        return crossAttn.keysValues(memory);
    }

    /** The self-attention keys and values {K, V} (B, T, D) of this layer's inputs x (B, T, D). */
    public Tensor[] selfKeysValues(Tensor x) {
        return selfAttn.keysValues(norm1.forward(x));
    }

    /**
     * The layer's output for the newest position alone. x (B, 1, D) is that position's input; selfK, selfV
     * (B, t+1, D) are the projected keys/values of positions 0..t (this one included: {@link #selfKeysValues}
     * of x appended to the cache); crossK, crossV from {@link #crossKeysValues}. Equals row t of
     * {@link #forward} over the whole prefix (eval mode).
     */
    public Tensor step(Tensor x, Tensor selfK, Tensor selfV, Tensor crossK, Tensor crossV, Tensor memoryMask) {
        return step(x, selfK, selfV, selfK.dim(1), crossK, crossV, memoryMask);
    }

    /**
     * {@link #step} with the self-attention keys/values in a preallocated cache (B, C, D) whose first
     * {@code length} = t+1 positions are filled: read in place, so the cache grows without being copied.
     */
    public Tensor step(Tensor x, Tensor selfK, Tensor selfV, int length, Tensor crossK, Tensor crossV,
                       Tensor memoryMask) {
        check("input", x);
        Tensor a = selfAttn.attendProjected(norm1.forward(x), selfK, selfV, length, null, false);
        x = Arith.add(x, a);
        x = Arith.add(x, crossAttn.attendProjected(norm2.forward(x), crossK, crossV, memoryMask, false));
        return feedForward(x, false);
    }

    private Tensor feedForward(Tensor x, boolean train) {
        Tensor h = Dropout.gelu(linear1.forward(norm3.forward(x)), dropout, train, rng);   // (B, T, F) dropped GELU
        h = linear2.forward(h);                                                          // (B, T, D)
        return Dropout.residual(x, h, dropout, train, rng);
    }

    private void check(String name, Tensor x) {
        if (x.rank() != 3 || x.dim(2) != dModel) {
            throw new IllegalArgumentException("TransformerDecoderBlock: " + name + " must be (B, T, D) with D = "
                    + dModel + "; got " + Shapes.str(x.shape()));
        }
    }
}
