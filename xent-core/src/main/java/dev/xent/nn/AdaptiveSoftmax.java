// Adaptive softmax (Grave et al. 2017): frequent words in a head softmax, rarer ones in clusters of smaller rank.
package dev.xent.nn;

import dev.xent.autograd.GradMode;
import dev.xent.loss.LinearCrossEntropy;
import dev.xent.ops.Arith;
import dev.xent.ops.Index;
import dev.xent.ops.MatMul;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * torch.nn.AdaptiveLogSoftmaxWithLoss, same parameters and names. Ids must be sorted by falling frequency. With
 * cutoffs c_0 &lt; … &lt; c_{k−1} &lt; V (c_k = V): the head is a linear map D → c_0 + k (bias optional): the c_0
 * shortlist words, then one logit per tail cluster i, the ids [c_i, c_{i+1}). Cluster i is two maps without
 * bias, D → D / div^(i+1) (floor) → c_{i+1} − c_i ({@code tail.i.0.weight}, {@code tail.i.1.weight}). So
 * log p(w) = log softmax(head(x))[w] for w &lt; c_0, and log softmax(head(x))[c_0 + i] + log softmax(tail_i(x))[w − c_i]
 * for w in cluster i: an exact, normalised distribution over the V words.
 *
 * <p>Cost per row: D·(c_0 + k) for the head, plus for the rows whose target is in cluster i,
 * D·h_i + h_i·(c_{i+1} − c_i). On WikiText-2 with cutoffs 2000, 10000 (77 % and 16 % of the tokens below them)
 * that is about 1/13 of the full D·V softmax for D = 400, div 4.
 *
 * <p>Training loss (mean NLL over the N rows): the head's cross-entropy with every row's head target (the word, or
 * its cluster's logit) plus, per cluster, (N_i / N) times the mean cross-entropy of its N_i rows in its own
 * softmax. Both are the fused {@link LinearCrossEntropy}, so the (N, c_0 + k) logits are never kept twice and
 * backward is that op's; the rows of a cluster are gathered with {@link Index#indexSelect}.
 *
 * <p>Tied (an LM whose embedding table (V, D) is also its output layer, Press &amp; Wolf 2017): the head's c_0
 * shortlist rows are the table's rows [0, c_0) (not a parameter of this module) and the head's own parameter
 * {@code head.weight} is only the k cluster rows (k, D); the head weight is their concatenation, rebuilt (a
 * c_0·D copy) at every call, so the table's gradient gets the shortlist's part.
 */
public final class AdaptiveSoftmax extends Module {
    private final int inFeatures, vocab;
    private final int[] cutoffs;          // c_0 .. c_{k−1}, then V
    private final float divValue;
    private final Tensor headWeight, headBias;   // headWeight: (c_0 + k, D), or (k, D) when tied
    private final Tensor shortlist;              // tied: the (V, D) table whose rows [0, c_0) head the head; else null
    private final Tensor[] proj, out;     // per cluster: (h_i, D) and (c_{i+1} − c_i, h_i)

    private static final class Group extends Module {
        Tensor add(String name, Tensor t) {
            return parameter(name, t);
        }

        <M extends Module> M child(String name, M m) {
            return module(name, m);
        }
    }

    /**
     * @param cutoffs  strictly increasing, in [1, V), as torch's (without V)
     * @param headBias a bias on the head (torch's head_bias, default false there)
     * @param rng      initialisation: every weight U(±1/√fan_in), as torch's Linear
     */
    public AdaptiveSoftmax(int inFeatures, int vocab, int[] cutoffs, float divValue, boolean headBias, Rng rng) {
        this(inFeatures, vocab, cutoffs, divValue, headBias, null, rng);
    }

    /** @param tiedTable null, or the (V', D) table (V' &gt;= c_0) whose rows [0, c_0) are the head's shortlist rows */
    public AdaptiveSoftmax(int inFeatures, int vocab, int[] cutoffs, float divValue, boolean headBias, Tensor tiedTable,
                           Rng rng) {
        if (inFeatures < 1 || vocab < 2) {
            throw new IllegalArgumentException("AdaptiveSoftmax: inFeatures must be >= 1 and vocab >= 2; got "
                    + inFeatures + " and " + vocab);
        }
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("AdaptiveSoftmax: give at least one cutoff (without one it is a full "
                    + "softmax: use LinearCrossEntropy)");
        }
        for (int i = 0; i < cutoffs.length; i++) {
            if (cutoffs[i] < 1 || cutoffs[i] >= vocab || (i > 0 && cutoffs[i] <= cutoffs[i - 1])) {
                throw new IllegalArgumentException("AdaptiveSoftmax: cutoffs must be strictly increasing and in [1, "
                        + "vocab=" + vocab + "); got " + Arrays.toString(cutoffs));
            }
        }
        if (!(divValue >= 1)) throw new IllegalArgumentException("AdaptiveSoftmax: divValue must be >= 1; got " + divValue);
        if (tiedTable != null && (tiedTable.rank() != 2 || tiedTable.dim(0) < cutoffs[0] || tiedTable.dim(1) != inFeatures)) {
            throw new IllegalArgumentException("AdaptiveSoftmax: a tied table must be (V >= c_0 = " + cutoffs[0] + ", "
                    + inFeatures + "); got " + dev.xent.tensor.Shapes.str(tiedTable.shape()));
        }
        this.shortlist = tiedTable;
        this.inFeatures = inFeatures;
        this.vocab = vocab;
        this.cutoffs = Arrays.copyOf(cutoffs, cutoffs.length + 1);
        this.cutoffs[cutoffs.length] = vocab;
        this.divValue = divValue;
        int k = cutoffs.length, headSize = cutoffs[0] + k;
        float bound = (float) (1 / Math.sqrt(inFeatures));
        Group head = module("head", new Group());
        headWeight = head.add("weight", Init.uniform(rng, -bound, bound, tiedTable == null ? headSize : k, inFeatures));
        this.headBias = headBias ? head.add("bias", Init.uniform(rng, -bound, bound, headSize)) : null;
        Group tail = module("tail", new Group());
        proj = new Tensor[k];
        out = new Tensor[k];
        for (int i = 0; i < k; i++) {
            int hsz = hiddenSize(i), osz = this.cutoffs[i + 1] - this.cutoffs[i];
            if (hsz < 1) {
                throw new IllegalArgumentException("AdaptiveSoftmax: cluster " + i + " would have " + hsz + " features "
                        + "(floor(" + inFeatures + " / " + divValue + "^" + (i + 1) + ")); lower divValue or use fewer cutoffs");
            }
            Group seq = tail.child(Integer.toString(i), new Group());
            proj[i] = seq.child("0", new Group()).add("weight", Init.uniform(rng, -bound, bound, hsz, inFeatures));
            float b2 = (float) (1 / Math.sqrt(hsz));
            out[i] = seq.child("1", new Group()).add("weight", Init.uniform(rng, -b2, b2, osz, hsz));
        }
    }

    /** floor(D / div^(i+1)), as torch's int(in_features // (div_value ** (idx + 1))). */
    private int hiddenSize(int i) {
        return (int) Math.floor(inFeatures / Math.pow(divValue, i + 1));
    }

    /** Mean negative log-likelihood of the targets, x (N, D), target (N) ids in [0, V): a scalar. */
    public Tensor loss(Tensor x, IntTensor target) {
        int n = check(x, target);
        int c0 = cutoffs[0], k = cutoffs.length - 1;
        int[] t = target.data(), headTarget = new int[n], count = new int[k];
        for (int r = 0; r < n; r++) {
            int c = cluster(t[r], r);
            headTarget[r] = c < 0 ? t[r] : c0 + c;
            if (c >= 0) count[c]++;
        }
        Tensor loss = LinearCrossEntropy.of(x, head(), headBias, IntTensor.of(headTarget, n));
        for (int i = 0; i < k; i++) {
            if (count[i] == 0) continue;
            int[] rows = new int[count[i]], local = new int[count[i]];
            for (int r = 0, m = 0; r < n; r++) {
                if (t[r] >= cutoffs[i] && t[r] < cutoffs[i + 1]) {
                    rows[m] = r;
                    local[m++] = t[r] - cutoffs[i];
                }
            }
            Tensor xi = Index.indexSelect(x, 0, IntTensor.of(rows, rows.length));             // (N_i, D)
            Tensor hi = MatMul.matmul(xi, proj[i], false, true);                               // (N_i, h_i)
            Tensor ce = LinearCrossEntropy.of(hi, out[i], null, IntTensor.of(local, local.length));
            loss = Arith.add(loss, Arith.mul(ce, (float) count[i] / n));
        }
        return loss;
    }

    /** log p(target_r | x_r) for every row (N): torch's {@code output}; no graph. */
    public float[] targetLogProb(Tensor x, IntTensor target) {
        int n = check(x, target);
        float[] lp = logProb(x).data(), res = new float[n];
        int[] t = target.data();
        for (int r = 0; r < n; r++) res[r] = lp[r * vocab + t[r]];
        return res;
    }

    /** Full log-probabilities (N, V) of x (N, D), as torch's {@code log_prob}; no graph. */
    public Tensor logProb(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != inFeatures) {
            throw new IllegalArgumentException("AdaptiveSoftmax: x must be (N, " + inFeatures + "); got "
                    + dev.xent.tensor.Shapes.str(x.shape()));
        }
        int n = x.dim(0), c0 = cutoffs[0];
        Tensor res = Tensor.zeros(n, vocab);
        float[] o = res.data();
        try (GradMode.Scope off = GradMode.off()) {
            Tensor z = MatMul.matmul(x, head(), false, true);                                // (N, c_0 + k)
            if (headBias != null) z = Arith.biasAdd(z, headBias);
            float[] head = z.logSoftmax(1).data();
            int hs = c0 + cutoffs.length - 1;
            for (int r = 0; r < n; r++) System.arraycopy(head, r * hs, o, r * vocab, c0);
            for (int i = 0; i + 1 < cutoffs.length; i++) {
                int osz = cutoffs[i + 1] - cutoffs[i];
                float[] tl = MatMul.matmul(MatMul.matmul(x, proj[i], false, true), out[i], false, true).logSoftmax(1).data();
                for (int r = 0; r < n; r++) {
                    float lc = head[r * hs + c0 + i];
                    for (int j = 0; j < osz; j++) o[r * vocab + cutoffs[i] + j] = lc + tl[r * osz + j];
                }
            }
        }
        return res;
    }

    /** The head's weight (c_0 + k, D): the parameter, or (tied) the table's shortlist rows and the cluster rows. */
    private Tensor head() {
        if (shortlist == null) return headWeight;
        return ShapeOps.concat(0, ShapeOps.slice(shortlist, 0, 0, cutoffs[0]), headWeight);
    }

    private int check(Tensor x, IntTensor target) {
        if (x.rank() != 2 || x.dim(1) != inFeatures || target.rank() != 1 || target.dim(0) != x.dim(0) || x.dim(0) == 0) {
            throw new IllegalArgumentException("AdaptiveSoftmax: x must be (N, " + inFeatures + ") with N >= 1 and "
                    + "target (N); got x " + dev.xent.tensor.Shapes.str(x.shape()) + ", target "
                    + dev.xent.tensor.Shapes.str(target.shape()));
        }
        return x.dim(0);
    }

    /** The tail cluster of word w (−1: the shortlist); an id outside [0, V) is an error naming row r. */
    private int cluster(int w, int r) {
        if (w < 0 || w >= vocab) {
            throw new IndexOutOfBoundsException("AdaptiveSoftmax: target " + w + " at row " + r + " is outside [0, V="
                    + vocab + ")");
        }
        for (int i = 0; i + 1 < cutoffs.length; i++) if (w < cutoffs[i + 1]) return w < cutoffs[0] ? -1 : i;
        return -1;
    }

    public int vocabularySize() {
        return vocab;
    }

    public int inFeatures() {
        return inFeatures;
    }

    /** The cutoffs as given (without V). */
    public int[] cutoffs() {
        return Arrays.copyOf(cutoffs, cutoffs.length - 1);
    }

    public float divValue() {
        return divValue;
    }

    public boolean hasHeadBias() {
        return headBias != null;
    }

    /** Whether the head's shortlist rows are an outside table's ({@code tiedTable}). */
    public boolean tied() {
        return shortlist != null;
    }
}
