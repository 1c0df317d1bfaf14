// A reusable test of any IncrementalDecoder: batching, padding, cache copies on select and normalisation.
package dev.xent.task.translate.decode;

import java.util.Arrays;

/**
 * Checks the promises {@link IncrementalDecoder} makes, for a model's own tests:
 * <ol>
 * <li>each source decoded alone along a fixed path (its greedy non-eos tokens) gives reference rows;</li>
 * <li>all sources in one batch, rows shuffled and duplicated by {@code select} at every step, give the same
 *     rows, so no row sees another's padding or cache, and a duplicated row's cache is a copy, not shared;</li>
 * <li>every row is a log-softmax: log Σ exp = 0, or Σ exp ≤ 1 when some tokens were set to {@code -inf} after it
 *     (fairseq's way of forbidding pad).</li>
 * </ol>
 * Throws {@link AssertionError} naming the source, step and token that differ by more than {@code tolerance}.
 */
public final class DecoderContract {
    private DecoderContract() {}

    public static <S> void check(IncrementalDecoder<S> model, int[][] sources, int steps, double tolerance) {
        int vocab = model.vocabSize();
        int eos = model.eos();
        int batch = sources.length;
        int[][] path = new int[batch][steps];          // token fed after bos at step k
        float[][][] want = new float[batch][steps + 1][];
        for (int b = 0; b < batch; b++) {
            S s = model.start(new int[][] {sources[b]});
            int last = model.bos();
            for (int k = 0; k <= steps; k++) {
                float[] row = model.logProbs(s, new int[] {last});
                checkRow(row, vocab, tolerance, "source " + b + " alone, step " + k);
                want[b][k] = row;
                if (k == steps) break;
                int best = -1;
                for (int v = 0; v < vocab; v++) {
                    if (v != eos && (best < 0 || row[v] > row[best])) best = v;
                }
                path[b][k] = best;
                last = best;
            }
        }
        S s = model.start(sources);
        int[] rowSource = new int[batch];
        for (int b = 0; b < batch; b++) rowSource[b] = b;
        int[] last = new int[batch];
        Arrays.fill(last, model.bos());
        for (int k = 0; k <= steps; k++) {
            float[] rows = model.logProbs(s, last);
            if (rows.length != rowSource.length * vocab) {
                throw new AssertionError("step " + k + ": logProbs returned " + rows.length + " values for "
                        + rowSource.length + " rows × V = " + vocab);
            }
            for (int r = 0; r < rowSource.length; r++) {
                int b = rowSource[r];
                float[] got = Arrays.copyOfRange(rows, r * vocab, (r + 1) * vocab);
                for (int v = 0; v < vocab; v++) {
                    float w = want[b][k][v];
                    boolean same = got[v] == w                   // covers -inf, forbidden in both
                            || Math.abs(got[v] - w) <= tolerance * Math.max(1, Math.abs(w));
                    if (!same) {
                        throw new AssertionError("step " + k + ", row " + r + " (source " + b + "), token " + v
                                + ": batched log-prob " + got[v] + " but " + want[b][k][v] + " alone");
                    }
                }
            }
            if (k == steps) break;
            // Reverse the rows and duplicate the first: every step reorders, copies and drops nothing twice.
            int n = rowSource.length;
            int[] pick = new int[Math.min(n + 1, 2 * batch)];
            for (int i = 0; i < pick.length; i++) pick[i] = i < n ? n - 1 - i : n - 1;
            s = model.select(s, pick);
            int[] nextSource = new int[pick.length];
            last = new int[pick.length];
            for (int i = 0; i < pick.length; i++) {
                nextSource[i] = rowSource[pick[i]];
                last[i] = path[nextSource[i]][k];
            }
            rowSource = nextSource;
        }
    }

    private static void checkRow(float[] row, int vocab, double tolerance, String where) {
        if (row.length != vocab) throw new AssertionError(where + ": " + row.length + " log-probs for V = " + vocab);
        double max = Double.NEGATIVE_INFINITY;
        boolean masked = false;
        for (float x : row) {
            max = Math.max(max, x);
            masked |= x == Float.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (float x : row) sum += Math.exp(x - max);
        double logZ = max + Math.log(sum);
        double slack = Math.max(tolerance, 1e-4);
        // Tokens set to -inf after the log-softmax (fairseq does this for pad) take their mass away, so such rows
        // only need Σ p ≤ 1: an untrained model with a tiny vocabulary gives pad and bos a large share.
        boolean ok = masked ? logZ > Double.NEGATIVE_INFINITY && logZ <= slack : Math.abs(logZ) <= slack;
        if (!ok) {
            throw new AssertionError(where + ": log Σ exp(row) = " + logZ + ", not 0"
                    + (masked ? " (or below, for masked tokens)" : "") + ": return a log-softmax");
        }
    }
}
