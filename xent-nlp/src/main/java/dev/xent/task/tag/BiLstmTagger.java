// BiLSTM sequence tagger: word embeddings (+ char-CNN features) → forward and backward LSTM → linear → tag scores.
package dev.xent.task.tag;

import dev.xent.autograd.GradMode;
import dev.xent.loss.CrfLoss;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Reduction;
import dev.xent.nn.Module;
import dev.xent.ops.Arith;
import dev.xent.ops.Dropout;
import dev.xent.ops.Embedding;
import dev.xent.ops.LstmPair;
import dev.xent.ops.MatMul;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

/**
 * Shapes, time first (T steps, B sentences, N = T·B word slots, W real words, C characters per word):
 * <pre>
 *   words (T, B) → embedding (T, B, E)
 *   char CNN over the batch's real words (W, C) → (W, F) → placed in the word slots (T, B, F), zeros on padding
 *                ({@link CharFeatures})                                  [when charDim &gt; 0]
 *   x = dropout([word; char]) (T, B, E + F)
 *   forward LSTM(x) (T, B, H); backward = reverse(LSTM(reverse(x))) (T, B, H), each sentence reversed within
 *   its own length, so neither direction ever reads padding before a real word; the two run concurrently
 *   ({@link LstmPair})
 *   h = dropout([fwd; bwd]) (T, B, 2H) → scores = h·Wᵀ + b (T, B, K)
 * </pre>
 * Loss: softmax cross-entropy over real tokens (padding targets are ignored), mean per token; or with
 * {@code crf}, the CRF negative log-likelihood per sentence ({@link CrfLoss}, mean over sentences).
 * Initialisation follows PyTorch's defaults: embeddings N(0, 1), LSTM and linear U(−1/√fan, 1/√fan).
 */
public final class BiLstmTagger extends Module {
    private final TaggerConfig cfg;
    private final int tags;
    private final Tensor wordEmb, charEmb, convW, convB;
    private final Tensor[] fwd, bwd;        // wIh (4H, I), wHh (4H, H), bIh (4H), bHh (4H)
    private final Tensor outW, outB;        // (K, 2H), (K)
    private final Tensor trans, start, end; // CRF: (K, K), (K), (K); null without CRF

    public BiLstmTagger(TaggerConfig cfg, int vocabSize, int charVocabSize, int tags) {
        if (vocabSize < 2 || tags < 1) {
            throw new IllegalArgumentException("BiLstmTagger: need vocabSize >= 2 (pad and unk) and tags >= 1; got "
                    + vocabSize + " and " + tags);
        }
        this.cfg = cfg;
        this.tags = tags;
        Rng rng = new Rng(cfg.seed());
        int h = cfg.hidden(), in = cfg.wordDim() + (cfg.chars() ? cfg.charFilters() : 0);
        wordEmb = parameter("word_emb", padRowZero(Init.normal(rng, 0f, 1f, vocabSize, cfg.wordDim())));
        if (cfg.chars()) {
            charEmb = parameter("char_emb", padRowZero(Init.normal(rng, 0f, 1f, charVocabSize, cfg.charDim())));
            float a = (float) (1 / Math.sqrt(cfg.charDim() * cfg.charWidth()));
            convW = parameter("conv_w", Init.uniform(rng, -a, a, cfg.charFilters(), cfg.charDim(), cfg.charWidth()));
            convB = parameter("conv_b", Init.uniform(rng, -a, a, cfg.charFilters()));
        } else {
            charEmb = convW = convB = null;
        }
        fwd = lstm("fwd", rng, in, h);
        bwd = lstm("bwd", rng, in, h);
        float a = (float) (1 / Math.sqrt(2 * h));
        outW = parameter("out_w", Init.uniform(rng, -a, a, tags, 2 * h));
        outB = parameter("out_b", Init.uniform(rng, -a, a, tags));
        if (cfg.crf()) {
            trans = parameter("crf_trans", Init.uniform(rng, -0.1f, 0.1f, tags, tags));
            start = parameter("crf_start", Init.uniform(rng, -0.1f, 0.1f, tags));
            end = parameter("crf_end", Init.uniform(rng, -0.1f, 0.1f, tags));
        } else {
            trans = start = end = null;
        }
    }

    /** PyTorch's padding_idx convention: the padding row starts at zero (and never learns). */
    private static Tensor padRowZero(Tensor table) {
        java.util.Arrays.fill(table.data(), Vocabulary.PAD * table.dim(1), (Vocabulary.PAD + 1) * table.dim(1), 0f);
        return table;
    }

    private Tensor[] lstm(String prefix, Rng rng, int in, int h) {
        float a = (float) (1 / Math.sqrt(h));
        return new Tensor[] {
            parameter(prefix + "_w_ih", Init.uniform(rng, -a, a, 4 * h, in)),
            parameter(prefix + "_w_hh", Init.uniform(rng, -a, a, 4 * h, h)),
            parameter(prefix + "_b_ih", Init.uniform(rng, -a, a, 4 * h)),
            parameter(prefix + "_b_hh", Init.uniform(rng, -a, a, 4 * h)),
        };
    }

    public TaggerConfig config() {
        return cfg;
    }

    public int tagCount() {
        return tags;
    }

    /** Tag scores (T, B, K). {@code rng} drives dropout in training mode (may be null in eval mode). */
    public Tensor scores(TagBatch batch, Rng rng) {
        int nt = batch.steps(), nb = batch.size(), h = cfg.hidden();
        boolean train = isTraining();
        Tensor x = Embedding.lookup(wordEmb, batch.words(), cfg.sparse(), Vocabulary.PAD);          // (T, B, E)
        if (cfg.chars()) {
            x = ShapeOps.concat(2, x, CharFeatures.of(batch, charEmb, convW, convB, cfg.sparse()));  // (T, B, E+F)
        }
        x = Dropout.apply(x, cfg.dropout(), train, rng);
        // both directions in one op: on two threads, one each (LstmPair); the same bits as two Lstm.sequence calls
        Tensor[] dirs = LstmPair.outputs(x, ReverseSequences.apply(x, batch.lengths()), fwd, bwd);
        Tensor f = dirs[0];                                                                          // (T, B, H)
        Tensor b = ReverseSequences.apply(dirs[1], batch.lengths());
        Tensor hcat = Dropout.apply(ShapeOps.concat(2, f, b), cfg.dropout(), train, rng);           // (T, B, 2H)
        Tensor logits = MatMul.matmul(ShapeOps.reshape(hcat, nt * nb, 2 * h), outW, false, true);  // (N, K)
        return ShapeOps.reshape(Arith.biasAdd(logits, outB), nt, nb, tags);
    }

    /** The training loss of a batch: mean token cross-entropy, or mean sentence CRF NLL. */
    public Tensor loss(TagBatch batch, Rng rng) {
        Tensor s = scores(batch, rng);
        if (cfg.crf()) {
            return CrfLoss.of(ShapeOps.transpose(s, 0, 1), batch.tagsBt(), batch.maskBt(), trans, start, end,
                    Reduction.MEAN);
        }
        return CrossEntropy.of(ShapeOps.reshape(s, batch.steps() * batch.size(), tags), flat(batch), null,
                CrossEntropy.DEFAULT_IGNORE, 0, Reduction.MEAN, 1, null);
    }

    private static dev.xent.tensor.IntTensor flat(TagBatch batch) {
        return dev.xent.tensor.IntTensor.of(batch.targets().data(), batch.steps() * batch.size());
    }

    /**
     * Eval-mode tag scores of each sentence of the batch, no graph: sentence b's (L_b, K) scores row-major, L_b its
     * length (the input of {@link #predict}'s decoding; {@link EnsembleTagger} averages them over taggers).
     */
    public float[][] sentenceScores(TagBatch batch) {
        boolean was = isTraining();
        eval();
        try (GradMode.Scope ignored = GradMode.off()) {
            float[] d = scores(batch, null).data();                                              // (T, B, K)
            int nb = batch.size();
            float[][] out = new float[nb][];
            for (int b = 0; b < nb; b++) {
                int len = batch.lengths()[b];
                out[b] = new float[len * tags];
                for (int t = 0; t < len; t++) System.arraycopy(d, (t * nb + b) * tags, out[b], t * tags, tags);
            }
            return out;
        } finally {
            if (was) train();
        }
    }

    /** The CRF's transition scores A (K, K) row-major (A[i][j]: i followed by j), or null without a CRF. */
    public float[] crfTransitions() {
        return trans == null ? null : trans.data().clone();
    }

    /** The CRF's start scores (K), or null without a CRF. */
    public float[] crfStart() {
        return start == null ? null : start.data().clone();
    }

    /** The CRF's end scores (K), or null without a CRF. */
    public float[] crfEnd() {
        return end == null ? null : end.data().clone();
    }

    /** Best tag ids per sentence (eval mode, no graph): arg max per token, or the Viterbi path with a CRF. */
    public int[][] predict(TagBatch batch) {
        boolean was = isTraining();
        eval();
        try (GradMode.Scope ignored = GradMode.off()) {
            Tensor s = scores(batch, null);
            float[] d = s.data();
            int nb = batch.size();
            int[][] out = new int[nb][];
            for (int b = 0; b < nb; b++) {
                int len = batch.lengths()[b];
                out[b] = Viterbi.decode(d, b * tags, nb * tags, len, tags,
                        cfg.crf() ? trans.data() : null, cfg.crf() ? start.data() : null, cfg.crf() ? end.data() : null);
            }
            return out;
        } finally {
            if (was) train();
        }
    }
}
