// Linear-chain CRF negative log-likelihood of the gold tag path: forward algorithm in log space, forward-backward gradient.
package dev.xent.loss;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * Emissions E (B, T, K), transitions A (K, K) with A[i][j] the score of tag i followed by tag j, start s (K),
 * end e (K), gold tags y (B, T), mask (B, T) of 0/1 with each row a prefix of ones (length L_b ≥ 1).
 *
 * <p>score(y) = s[y_0] + Σ_{t<L} E[t, y_t] + Σ_{1≤t<L} A[y_{t−1}, y_t] + e[y_{L−1}];
 * log Z = log Σ_{all paths} exp(score), by the forward recursion α_0 = s + E_0,
 * α_t[j] = logsumexp_i(α_{t−1}[i] + A[i][j]) + E_t[j], log Z = logsumexp_k(α_{L−1}[k] + e[k]).
 * The loss per sequence is NLL = log Z − score(gold) ≥ 0 (a sequence-level cross-entropy).
 *
 * <p>Gradient: ∂logZ/∂E[t,k] = P(y_t = k), ∂logZ/∂A[i][j] = Σ_t P(y_{t−1} = i, y_t = j), ∂logZ/∂s[k] = P(y_0 = k),
 * ∂logZ/∂e[k] = P(y_{L−1} = k) — marginals from α and the backward recursion β; minus the gold path's
 * indicator counts. Everything is computed in double. MEAN averages over sequences (torchcrf's 'mean').
 */
public final class CrfLoss {
    private CrfLoss() {}

    static final String NAME = "CrfLoss";

    public static Tensor of(Tensor emissions, IntTensor tags, Tensor mask, Tensor transitions, Tensor start, Tensor end,
                            Reduction r) {
        if (emissions.rank() != 3) {
            throw new IllegalArgumentException(NAME + ": emissions must be (B, T, K); got " + Shapes.str(emissions.shape()));
        }
        int bN = emissions.dim(0), tN = emissions.dim(1), kN = emissions.dim(2);
        if (!Arrays.equals(tags.shape(), new int[] {bN, tN})) {
            throw new IllegalArgumentException(NAME + ": tags must be (B, T) = (" + bN + ", " + tN + "); got "
                    + Shapes.str(tags.shape()));
        }
        Checks.requireClassIndices(NAME, tags, kN, Checks.NO_IGNORE);
        requireShape("transitions", transitions, kN, kN);
        requireShape("start", start, kN);
        requireShape("end", end, kN);
        int[] len = lengths(mask, bN, tN);
        float[] em = emissions.data(), a = transitions.data(), s = start.data(), e = end.data();
        int[] y = tags.data();
        double[][][] alpha = new double[bN][][];
        double[] logZ = new double[bN];
        double[] nll = new double[bN];
        double[] buf = new double[kN];
        for (int b = 0; b < bN; b++) {
            int lb = len[b], base = b * tN * kN;
            double[][] al = new double[lb][kN];
            for (int k = 0; k < kN; k++) al[0][k] = (double) s[k] + em[base + k];
            for (int t = 1; t < lb; t++) {
                for (int j = 0; j < kN; j++) {
                    for (int i = 0; i < kN; i++) buf[i] = al[t - 1][i] + a[i * kN + j];
                    al[t][j] = lse(buf) + em[base + t * kN + j];
                }
            }
            for (int k = 0; k < kN; k++) buf[k] = al[lb - 1][k] + e[k];
            logZ[b] = lse(buf);
            alpha[b] = al;
            double gold = (double) s[y[b * tN]] + e[y[b * tN + lb - 1]];
            for (int t = 0; t < lb; t++) {
                gold += em[base + t * kN + y[b * tN + t]];
                if (t > 0) gold += a[y[b * tN + t - 1] * kN + y[b * tN + t]];
            }
            nll[b] = logZ[b] - gold;
        }
        Tensor out = Reduce.output(nll, new int[] {bN}, r, bN, bN);
        if (GradMode.needsGrad(emissions, transitions, start, end)) {
            out.withNode(new Node("crf-nll", emissions, transitions, start, end) {
                @Override
                public void backward(Tensor g) {
                    double[] sc = Reduce.scales(g, bN, r, bN, bN);
                    double[] dEm = new double[bN * tN * kN], dA = new double[kN * kN], dS = new double[kN], dE = new double[kN];
                    double[] tmp = new double[kN];
                    for (int b = 0; b < bN; b++) {
                        int lb = len[b], base = b * tN * kN;
                        double[][] al = alpha[b];
                        double[][] be = new double[lb][kN];   // β_t[i]: log-sum of scores after position t
                        for (int k = 0; k < kN; k++) be[lb - 1][k] = e[k];
                        for (int t = lb - 2; t >= 0; t--) {
                            for (int i = 0; i < kN; i++) {
                                for (int j = 0; j < kN; j++) tmp[j] = (double) a[i * kN + j] + em[base + (t + 1) * kN + j] + be[t + 1][j];
                                be[t][i] = lse(tmp);
                            }
                        }
                        double k0 = sc[b];
                        for (int t = 0; t < lb; t++) {
                            for (int k = 0; k < kN; k++) {
                                double p = Math.exp(al[t][k] + be[t][k] - logZ[b]);
                                dEm[base + t * kN + k] += k0 * p;
                                if (t == 0) dS[k] += k0 * p;
                                if (t == lb - 1) dE[k] += k0 * p;
                            }
                            if (t > 0) {
                                for (int i = 0; i < kN; i++) {
                                    for (int j = 0; j < kN; j++) {
                                        dA[i * kN + j] += k0 * Math.exp(al[t - 1][i] + (double) a[i * kN + j]
                                                + em[base + t * kN + j] + be[t][j] - logZ[b]);
                                    }
                                }
                            }
                            int yt = y[b * tN + t];
                            dEm[base + t * kN + yt] -= k0;
                            if (t > 0) dA[y[b * tN + t - 1] * kN + yt] -= k0;
                        }
                        dS[y[b * tN]] -= k0;
                        dE[y[b * tN + lb - 1]] -= k0;
                    }
                    addInto(emissions, dEm);
                    addInto(transitions, dA);
                    addInto(start, dS);
                    addInto(end, dE);
                }
            });
        }
        return out;
    }

    private static void addInto(Tensor t, double[] d) {
        if (!t.requiresGrad()) return;
        float[] g = t.gradForAccumulation().data();
        for (int i = 0; i < d.length; i++) g[i] += (float) d[i];
    }

    /** Sequence lengths from a prefix mask (null = all T). */
    static int[] lengths(Tensor mask, int bN, int tN) {
        int[] len = new int[bN];
        if (mask == null) {
            Arrays.fill(len, tN);
            return len;
        }
        if (!Arrays.equals(mask.shape(), new int[] {bN, tN})) {
            throw new IllegalArgumentException(NAME + ": mask must be (B, T) = (" + bN + ", " + tN + "); got "
                    + Shapes.str(mask.shape()));
        }
        float[] m = mask.data();
        for (int b = 0; b < bN; b++) {
            int l = 0;
            while (l < tN && m[b * tN + l] == 1f) l++;
            for (int t = l; t < tN; t++) {
                if (m[b * tN + t] != 0f) {
                    throw new IllegalArgumentException(NAME + ": each mask row must be ones then zeros (right padding);"
                            + " row " + b + " has " + m[b * tN + t] + " at position " + t + " after a 0 at " + l);
                }
            }
            if (l == 0) {
                throw new IllegalArgumentException(NAME + ": sequence " + b + " has length 0 (mask[" + b + ", 0] = 0);"
                        + " every sequence needs at least one token");
            }
            len[b] = l;
        }
        return len;
    }

    private static void requireShape(String arg, Tensor t, int... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(NAME + ": " + arg + " must have shape " + Shapes.str(shape)
                    + " for K = " + shape[0] + " tags; got " + Shapes.str(t.shape()));
        }
    }

    static double lse(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) max = Math.max(max, x);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (double x : v) s += Math.exp(x - max);
        return max + Math.log(s);
    }
}
