// A corpus BLEU score with the statistics behind it, printed as sacreBLEU prints it.
package dev.xent.metrics;

import java.util.Locale;

/**
 * @param score            BLEU in [0, 100]
 * @param precisions       p_1..p_4 in percent, smoothed as used in the score (0 after an order with no n-grams)
 * @param brevityPenalty   BP in [0, 1]
 * @param hypothesisLength c, the hypotheses' 13a tokens
 * @param referenceLength  r, the closest references' 13a tokens
 * @param correct          clipped n-gram matches per order
 * @param total            hypothesis n-grams per order
 */
public record BleuScore(double score, double[] precisions, double brevityPenalty, long hypothesisLength,
                        long referenceLength, long[] correct, long[] total) {
    public BleuScore {
        precisions = precisions.clone();
        correct = correct.clone();
        total = total.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    @Override
    public long[] correct() {
        return correct.clone();
    }

    @Override
    public long[] total() {
        return total.clone();
    }

    /** c / r, 0 when there is no reference text. */
    public double ratio() {
        return referenceLength == 0 ? 0 : (double) hypothesisLength / referenceLength;
    }

    /** sacreBLEU's line: {@code BLEU = 35.12 67.0/42.1/28.3/19.4 (BP = 1.000 ratio = 1.012 hyp_len = … ref_len = …)}. */
    @Override
    public String toString() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < precisions.length; i++) {
            if (i > 0) p.append('/');
            p.append(String.format(Locale.ROOT, "%.1f", precisions[i]));
        }
        return String.format(Locale.ROOT, "BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                score, p, brevityPenalty, ratio(), hypothesisLength, referenceLength);
    }
}
