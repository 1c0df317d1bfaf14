// The pre-norm Transformer block shared by the encoder and decoder-only blocks: attention and GELU MLP sublayers.
package dev.xent.nn;

import dev.xent.ops.Dropout;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation="gelu",
 * batch_first=True, norm_first=True), layer by layer:
 *
 * <pre>
 *   x = x + Dropout(SelfAttention(LayerNorm1(x)))                           // (B, T, D)
 *   x = x + Dropout(Linear2(Dropout(GELU(Linear1(LayerNorm2(x))))))        // Linear1: D → F, Linear2: F → D
 * </pre>
 *
 * GELU is the exact one (x·Φ(x)); layer norms use eps 1e-5. Parameters, in PyTorch's order and names:
 * self_attn.in_proj_weight, self_attn.in_proj_bias, self_attn.out_proj.{weight,bias}, linear1.{weight,bias},
 * linear2.{weight,bias}, norm1.{weight,bias}, norm2.{weight,bias}.
 */
abstract class PreNormBlock extends Module {
    private final int dModel;
    private final float dropout;
    private final Rng rng;
    final MultiHeadAttention selfAttn;
    final Linear linear1, linear2;
    final LayerNormLayer norm1, norm2;

    PreNormBlock(int dModel, int nHead, int dimFeedforward, float dropout, Rng rng) {
        if (dimFeedforward < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dimFeedforward must be >= 1; got "
                    + dimFeedforward);
        }
        this.dModel = dModel;
        this.dropout = dropout;
        this.rng = rng;
        this.selfAttn = module("self_attn", new MultiHeadAttention(dModel, nHead, dropout, true, rng));
        this.linear1 = module("linear1", new Linear(dModel, dimFeedforward, true, rng));
        this.linear2 = module("linear2", new Linear(dimFeedforward, dModel, true, rng));
        this.norm1 = module("norm1", new LayerNormLayer(dModel, 1e-5f, true));
        this.norm2 = module("norm2", new LayerNormLayer(dModel, 1e-5f, true));
    }

    /** x (B, T, D), keyMask (B, T) with 1 = real token or null → (B, T, D). */
    final Tensor block(Tensor x, Tensor keyMask, boolean causal) {
        if (x.rank() != 3 || x.dim(2) != dModel) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input must be (B, T, D) with D = "
                    + dModel + "; got " + Shapes.str(x.shape()));
        }
        boolean train = isTraining();
        Tensor a = selfAttn.selfAttention(norm1.forward(x), keyMask, causal);
        x = Dropout.residual(x, a, dropout, train, rng);
        Tensor h = Dropout.gelu(linear1.forward(norm2.forward(x)), dropout, train, rng);   // (B, T, F) dropped GELU
        h = linear2.forward(h);                                                          // (B, T, D)
        return Dropout.residual(x, h, dropout, train, rng);
    }
}
