// Options of greedy and beam search: beam size, GNMT length penalty, maximum output length a·|src| + b.
package dev.xent.task.translate.decode;

/**
 * @param beam          hypotheses kept per sentence (1 = greedy)
 * @param alpha         GNMT length-penalty exponent α ≥ 0: a hypothesis ranks by log p(Y) / ((5 + |Y|) / 6)^α
 *                      (Wu et al. 2016, eq. 14); 0 ranks by log p(Y) alone, larger α favours longer outputs
 * @param maxLenA       a in the length cap a·|src| + b (fairseq's {@code --max-len-a}), |src| = the source
 *                      array's length as given to {@link IncrementalDecoder#start}
 * @param maxLenB       b in the length cap (fairseq's {@code --max-len-b})
 */
public record SearchConfig(int beam, double alpha, double maxLenA, int maxLenB) {
    /** Beam 5, α = 0.6 (GNMT's and Tensor2Tensor's), cap 1.2·|src| + 10 (fairseq's translation examples). */
    public static final SearchConfig DEFAULT = new SearchConfig(5, 0.6, 1.2, 10);

    public SearchConfig {
        if (beam < 1) {
            throw new IllegalArgumentException("beam must be >= 1 (1 = greedy); got " + beam);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha (length penalty) must be finite and >= 0 (0 = none); got "
                    + alpha + ". GNMT uses 0.6 to 0.7.");
        }
        if (!(maxLenA >= 0) || Double.isInfinite(maxLenA) || maxLenB < 0) {
            throw new IllegalArgumentException("the length cap a·|src| + b needs finite a >= 0 and b >= 0; got a = "
                    + maxLenA + ", b = " + maxLenB);
        }
    }

    public SearchConfig withBeam(int beam) {
        return new SearchConfig(beam, alpha, maxLenA, maxLenB);
    }

    public SearchConfig withAlpha(double alpha) {
        return new SearchConfig(beam, alpha, maxLenA, maxLenB);
    }

    public SearchConfig withMaxLen(double a, int b) {
        return new SearchConfig(beam, alpha, a, b);
    }

    /** GNMT's lp(|Y|) = ((5 + |Y|) / 6)^α, |Y| counting the final eos. */
    public double lengthPenalty(int length) {
        return alpha == 0 ? 1 : Math.pow((5.0 + length) / 6.0, alpha);
    }

    /**
     * The most tokens a hypothesis may have before its eos: ⌊a·|src| + b⌋ (fairseq's max_len), also capped so the
     * prefix fed to the model (bos + tokens) fits {@code modelMaxTarget}. Eos is forced after that many.
     */
    public int maxTokens(int sourceLength, int modelMaxTarget) {
        long cap = (long) Math.floor(maxLenA * sourceLength + maxLenB);
        return (int) Math.max(0, Math.min(cap, (long) modelMaxTarget - 1));
    }
}
