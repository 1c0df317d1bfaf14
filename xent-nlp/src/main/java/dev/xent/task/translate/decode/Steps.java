// Checks and scans on one step's (rows × V) log-probabilities, shared by greedy and beam search.
package dev.xent.task.translate.decode;

final class Steps {
    private Steps() {}

    static void checkShape(float[] lp, int rows, int vocab) {
        if (lp == null || lp.length != (long) rows * vocab) {
            throw new IllegalStateException("IncrementalDecoder.logProbs must return rows × V = " + rows + " × "
                    + vocab + " = " + (long) rows * vocab + " log-probabilities; got "
                    + (lp == null ? "null" : lp.length));
        }
    }

    /** Index (within the row) of the largest value of lp[off, off + vocab); ties go to the lowest index. */
    static int argmax(float[] lp, int off, int vocab, int row) {
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            float x = lp[off + v];
            if (x != x || x == Float.POSITIVE_INFINITY) throw notLogProb(x, row, v);
            if (x > max) {
                max = x;
                best = v;
            }
        }
        return best;
    }

    static IllegalStateException notLogProb(float x, int row, int token) {
        return new IllegalStateException("IncrementalDecoder.logProbs returned " + x + " for row " + row
                + ", token " + token + "; log-probabilities must be <= 0 or -inf (a log-softmax of finite logits)");
    }
}
