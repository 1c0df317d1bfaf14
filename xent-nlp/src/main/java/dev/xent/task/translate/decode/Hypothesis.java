// One finished translation: target ids, their total log-probability and the length-normalised search score.
package dev.xent.task.translate.decode;

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

    /** |Y|: the predicted tokens, eos included. */
    public int length() {
        return tokens.length + 1;
    }
}
