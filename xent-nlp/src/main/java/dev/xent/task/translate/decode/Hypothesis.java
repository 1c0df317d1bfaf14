// One finished translation: target ids, their total log-probability and the length-normalised search score.
package dev.xent.task.translate.decode;

import java.util.Arrays;

/**
 * @param tokens  the target ids, without bos and without the final eos (length |Y| − 1)
 * @param logProb Σ log p over every predicted token, the final eos included
 * @param score   what the search ranked by: logProb / lp(|Y|) with |Y| = tokens.length + 1 (eos counted, as in
 *                fairseq), see {@link SearchConfig#lengthPenalty(int)}
 */
public record Hypothesis(int[] tokens, double logProb, double score) {
    public Hypothesis {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hypothesis h && Arrays.equals(tokens, h.tokens)
                && Double.compare(logProb, h.logProb) == 0 && Double.compare(score, h.score) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Double.hashCode(logProb);
    }

    @Override
    public String toString() {
        return "Hypothesis" + Arrays.toString(tokens) + " logProb=" + logProb + " score=" + score;
    }

    /** |Y|: the predicted tokens, eos included. */
    public int length() {
        return tokens.length + 1;
    }
}
