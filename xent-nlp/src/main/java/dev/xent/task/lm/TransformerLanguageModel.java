// A GPT-style decoder-only Transformer language model: token + learned positions → causal blocks → LayerNorm → CE.
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.loss.LinearCrossEntropy;
import dev.xent.nn.LayerNormLayer;
import dev.xent.nn.Module;
import dev.xent.nn.TransformerDecoderOnlyBlock;
import dev.xent.ops.Arith;
import dev.xent.ops.Dropout;
import dev.xent.ops.Embedding;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ids (B, T) → wte (V, D) lookup + wpe (maxLen, D) rows 0..T−1 → dropout → N × {@link TransformerDecoderOnlyBlock}
 * (pre-norm, causal, GELU MLP of width F) → ln_f → logits = h·Wᵀ (+ b) with W = wte (tied) or lm_head.weight
 * (V, D) → softmax cross-entropy against the next ids, mean over B·T, as one fused {@link LinearCrossEntropy}.
 *
 * <p>Parameter names: {@code wte.weight}, {@code wpe.weight}, {@code blocks.<i>.*} (PyTorch's
 * TransformerEncoderLayer names: self_attn.in_proj_weight, ..., norm2.bias), {@code ln_f.weight},
 * {@code ln_f.bias}, and when untied {@code lm_head.weight}, {@code lm_head.bias}. Initialisation: wte and wpe
 * N(0, 0.02) (GPT-2), blocks as PyTorch's defaults (xavier-uniform in_proj, uniform ±1/√fan_in linears),
 * lm_head uniform ±1/√D with zero bias. bench/charlm_torch.py builds the same model with the same scheme.
 */
public final class TransformerLanguageModel extends Module {
    /** The architecture. {@code tied}: the output projection is the token table (no output bias). */
    public record Config(int vocab, int dModel, int nHead, int layers, int dimFeedforward, int maxLen,
                         float dropout, boolean tied) {
        public Config {
            if (vocab < 1 || dModel < 1 || nHead < 1 || layers < 1 || dimFeedforward < 1 || maxLen < 1) {
                throw new IllegalArgumentException("TransformerLanguageModel.Config: vocab, dModel, nHead, layers,"
                        + " dimFeedforward and maxLen must be >= 1; got " + vocab + ", " + dModel + ", " + nHead
                        + ", " + layers + ", " + dimFeedforward + ", " + maxLen);
            }
            if (dModel % nHead != 0) {
                throw new IllegalArgumentException("TransformerLanguageModel.Config: dModel (" + dModel
                        + ") must be a multiple of nHead (" + nHead + ") so each head gets dModel/nHead features");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("TransformerLanguageModel.Config: dropout must be in [0, 1); got "
                        + dropout);
            }
        }
    }

    /** A holder so names come out as "wte.weight", "lm_head.bias". */
    private static final class Group extends Module {
        Tensor add(String name, Tensor t) {
            return parameter(name, t);
        }
    }

    /** A holder for the blocks: "blocks.0.…", "blocks.1.…". */
    private static final class Blocks extends Module {
        <M extends Module> M add(String name, M m) {
            return module(name, m);
        }
    }

    private final Config cfg;
    private final Tensor wte, wpe, headWeight, headBias;
    private final TransformerDecoderOnlyBlock[] blocks;
    private final LayerNormLayer lnF;
    private final Rng dropoutRng;
    private final Map<String, Rng> rngs = new LinkedHashMap<>();   // every generator training draws from

    public TransformerLanguageModel(Config cfg, Rng rng) {
        this.cfg = cfg;
        int v = cfg.vocab(), d = cfg.dModel();
        wte = module("wte", new Group()).add("weight", Init.normal(rng, 0f, 0.02f, v, d));
        wpe = module("wpe", new Group()).add("weight", Init.normal(rng, 0f, 0.02f, cfg.maxLen(), d));
        Blocks bs = module("blocks", new Blocks());
        blocks = new TransformerDecoderOnlyBlock[cfg.layers()];
        for (int i = 0; i < blocks.length; i++) {
            Rng blockRng = rng.split();   // the block's init, then its dropout masks
            rngs.put("block" + i, blockRng);
            blocks[i] = bs.add(Integer.toString(i), new TransformerDecoderOnlyBlock(d, cfg.nHead(),
                    cfg.dimFeedforward(), cfg.dropout(), blockRng));
        }
        lnF = module("ln_f", new LayerNormLayer(d, 1e-5f, true));
        if (cfg.tied()) {
            headWeight = wte;
            headBias = null;
        } else {
            Group head = module("lm_head", new Group());
            float bound = (float) (1 / Math.sqrt(d));
            headWeight = head.add("weight", Init.uniform(rng, -bound, bound, v, d));
            headBias = head.add("bias", Tensor.zeros(v));
        }
        dropoutRng = rng.split();
        rngs.put("dropout", dropoutRng);
    }

    public Config config() {
        return cfg;
    }

    /** The generators dropout draws from in training (embedding dropout, each block's), by name, for checkpoints. */
    public Map<String, Rng> rngs() {
        return Collections.unmodifiableMap(rngs);
    }

    /** ids (B, T) → final hidden states after ln_f, (B, T, D). */
    public Tensor hidden(IntTensor ids) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("TransformerLanguageModel: ids must be (B, T); got rank " + ids.rank());
        }
        int t = ids.dim(1);
        if (t > cfg.maxLen()) {
            throw new IllegalArgumentException("TransformerLanguageModel: sequence length " + t + " exceeds maxLen "
                    + cfg.maxLen() + "; use blocks of at most maxLen tokens (Generator slides a window)");
        }
        ids.requireRange("TransformerLanguageModel ids", cfg.vocab());
        Tensor pos = t == cfg.maxLen() ? wpe : ShapeOps.slice(wpe, 0, 0, t);          // (T, D)
        Tensor x = Arith.add(Embedding.lookup(wte, ids, false, Embedding.NO_PADDING), pos);  // (B, T, D)
        x = Dropout.apply(x, cfg.dropout(), isTraining(), dropoutRng);
        for (TransformerDecoderOnlyBlock b : blocks) x = b.forward(x);
        return lnF.forward(x);
    }

    /** Mean next-token cross-entropy (nats): input (B, T), target (B·T) next ids, batch-major. */
    public Tensor loss(IntTensor input, IntTensor target) {
        Tensor h = hidden(input);
        int rows = input.dim(0) * input.dim(1);
        if (target.size() != rows) {
            throw new IllegalArgumentException("TransformerLanguageModel: target must hold B·T = " + rows
                    + " ids; got " + target.size());
        }
        return LinearCrossEntropy.of(h.reshape(rows, cfg.dModel()), headWeight, headBias, target);
    }

    /** The next-token logits (V) after the given ids (the last maxLen of them are read). Eval mode, no graph. */
    public float[] nextLogits(int[] context) {
        if (context.length == 0) {
            throw new IllegalArgumentException("TransformerLanguageModel: the context must hold at least one token");
        }
        int t = Math.min(context.length, cfg.maxLen());
        int[] window = java.util.Arrays.copyOfRange(context, context.length - t, context.length);
        int d = cfg.dModel(), v = cfg.vocab();
        float[] logits = new float[v];
        boolean wasTraining = isTraining();
        eval();
        try (GradMode.Scope off = GradMode.off(); Workspace ws = Workspace.open()) {
            float[] h = hidden(IntTensor.of(window, 1, t)).data();                       // (1, T, D)
            float[] w = headWeight.data();
            int last = (t - 1) * d;
            for (int j = 0; j < v; j++) {                                                // logits = h_T · Wᵀ + b
                double s = headBias == null ? 0 : headBias.data()[j];
                for (int k = 0; k < d; k++) s += (double) h[last + k] * w[j * d + k];
                logits[j] = (float) s;
            }
        } finally {
            if (wasTraining) train();
        }
        return logits;
    }
}
