// Multi-head attention as torch.nn.MultiheadAttention (batch_first): packed input projection, H heads, output projection.
package dev.xent.nn;

import dev.xent.ops.Attention;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * out = (softmax(Q Kᵀ / √d + mask) V) W_oᵀ + b_o per head, heads concatenated, with
 * Q = query · W_qᵀ + b_q, K = key · W_kᵀ + b_k, V = value · W_vᵀ + b_v, where W_q, W_k, W_v are the three
 * (E, E) row blocks of {@code in_proj_weight} (3E, E) and b_q, b_k, b_v the thirds of {@code in_proj_bias}
 * (3E). d = E / H. Parameter names and initialisation follow PyTorch: in_proj_weight Xavier-uniform,
 * in_proj_bias 0, out_proj.weight U(−1/√E, 1/√E), out_proj.bias 0. So a PyTorch state dict loads as is.
 *
 * <p>Shapes are batch-first: query (B, T, E), key and value (B, S, E), output (B, T, E). Masks: {@code causal}
 * hides key s from query t when s &gt; t; {@code keyMask} (B, S) holds 1 for real keys and 0 for padding
 * (PyTorch's key_padding_mask is the negation: True = ignore). Masked scores are −∞ before the softmax. A
 * query whose keys are all masked gets zero attention weights (PyTorch gives NaN): its output is out_proj.bias.
 * {@code dropout} applies to the attention weights in training mode, as in PyTorch.
 */
public final class MultiHeadAttention extends Module {
    private final int embedDim, numHeads;
    private final float dropout;
    private final Rng rng;
    final Tensor inProjWeight;    // (3E, E)
    final Tensor inProjBias;      // (3E) or null
    final Linear outProj;       // (E, E) + (E)

    /** Seed 0 for the initial weights and the dropout masks. */
    public MultiHeadAttention(int embedDim, int numHeads, float dropout, boolean bias) {
        this(embedDim, numHeads, dropout, bias, new Rng(0));
    }

    /** {@code rng} draws the initial weights, then the dropout masks (keep it only for this module). */
    public MultiHeadAttention(int embedDim, int numHeads, float dropout, boolean bias, Rng rng) {
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: embedDim must be a positive multiple of numHeads; "
                    + "got embedDim = " + embedDim + ", numHeads = " + numHeads);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1); got " + dropout);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.rng = rng;
        this.inProjWeight = parameter("in_proj_weight", Init.xavierUniform(rng, 3 * embedDim, embedDim));
        this.inProjBias = bias ? parameter("in_proj_bias", Tensor.zeros(3 * embedDim)) : null;
        this.outProj = module("out_proj", new Linear(embedDim, embedDim, bias, rng));
        if (bias) Arrays.fill(outProj.bias.data(), 0f);   // PyTorch zeroes out_proj.bias
    }

    public int embedDim() {
        return embedDim;
    }

    public int numHeads() {
        return numHeads;
    }

    /** Self-attention of x (B, T, E) with no mask. */
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false);
    }

    /** Self-attention of x (B, T, E); keyMask (B, T) or null; causal for decoder-style attention. */
    public Tensor selfAttention(Tensor x, Tensor keyMask, boolean causal) {
        return forward(x, x, x, keyMask, causal);
    }

    /**
     * query (B, T, E), key and value (B, S, E) → (B, T, E). When query, key and value are the same tensor the
     * three projections run as one (B·T, E) × (E, 3E) product, which attention reads in place.
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor keyMask, boolean causal) {
        checkInput("query", query);
        checkInput("key", key);
        checkInput("value", value);
        Tensor heads;                                                                     // (B, T, E)
        if (query == key && key == value) {          // attention reads q, k, v in place from (B, T, 3E)
            Tensor qkv = Linear.apply("MultiHeadAttention", query, inProjWeight, inProjBias);
            heads = Attention.packed(qkv, numHeads, causal, keyMask, dropout, isTraining(), rng);
        } else {
            heads = Attention.apply(project(query, 0), project(key, 1), project(value, 2), numHeads, causal, keyMask,
                    dropout, isTraining(), rng);
        }
        return outProj.forward(heads);
    }

    /**
     * The projected keys and values {K, V}, each (B, S, E), of {@code memory} (B, S, E): what an incremental
     * decoder caches once per source (cross-attention) or grows by one row per step (self-attention), so that
     * {@link #attendProjected} need not project earlier positions again.
     */
    public Tensor[] keysValues(Tensor memory) {
        checkInput("key", memory);
        return new Tensor[] {project(memory, 1), project(memory, 2)};
    }

    /** query (B, T, E) against already projected k, v (B, S, E) from {@link #keysValues}; keyMask (B, S) or null. */
    public Tensor attendProjected(Tensor query, Tensor k, Tensor v, Tensor keyMask, boolean causal) {
        checkInput("query", query);
        Tensor heads = Attention.apply(project(query, 0), k, v, numHeads, causal, keyMask, dropout, isTraining(), rng);
        return outProj.forward(heads);
    }

    /**
     * As {@link #attendProjected(Tensor, Tensor, Tensor, Tensor, boolean)} over the first {@code keys} positions
     * of k, v (B, C, E), a key/value cache of capacity C filled up to {@code keys} (read in place, not copied).
     */
    public Tensor attendProjected(Tensor query, Tensor k, Tensor v, int keys, Tensor keyMask, boolean causal) {
        checkInput("query", query);
        Tensor heads = Attention.applyToPrefix(project(query, 0), k, v, keys, numHeads, causal, keyMask, dropout,
                isTraining(), rng);
        return outProj.forward(heads);
    }

    /** x · W_iᵀ + b_i with the i-th (E, E) block of the packed projection (i = 0 query, 1 key, 2 value). */
    private Tensor project(Tensor x, int i) {
        int e = embedDim;
        Tensor w = ShapeOps.slice(inProjWeight, 0, i * e, (i + 1) * e);          // (E, E)
        Tensor b = inProjBias == null ? null : ShapeOps.slice(inProjBias, 0, i * e, (i + 1) * e);
        return Linear.apply("MultiHeadAttention", x, w, b);
    }

    private void checkInput(String name, Tensor x) {
        if (x.rank() != 3 || x.dim(2) != embedDim) {
            throw new IllegalArgumentException("MultiHeadAttention: " + name + " must be (B, T, E) with E = " + embedDim
                    + " (batch first); got " + Shapes.str(x.shape()));
        }
    }
}
