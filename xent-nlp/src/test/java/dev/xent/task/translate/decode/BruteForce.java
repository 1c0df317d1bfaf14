// Exhaustive reference for the search tests: every token sequence up to the length cap, scored as the searches score.
package dev.xent.task.translate.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

final class BruteForce {
    private BruteForce() {}

    /**
     * Every hypothesis y (at most maxTokens non-eos tokens, then eos) with log p(y | source) > -inf, best score
     * first; log-probs rounded to float per step as the decoder returns them.
     */
    static List<Hypothesis> all(ToyDecoder model, int[] source, int maxTokens, SearchConfig config) {
        List<Hypothesis> out = new ArrayList<>();
        extend(model, source, new int[] {ToyDecoder.BOS}, 0.0, maxTokens, config, out);
        out.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return out;
    }

    private static void extend(ToyDecoder model, int[] source, int[] prefix, double logProb, int maxTokens,
                               SearchConfig config, List<Hypothesis> out) {
        double[] lp = model.logProbs(source, prefix);
        int[] y = java.util.Arrays.copyOfRange(prefix, 1, prefix.length);
        double end = logProb + (float) lp[ToyDecoder.EOS];
        if (end > Double.NEGATIVE_INFINITY) out.add(new Hypothesis(y, end, end / config.lengthPenalty(y.length + 1)));
        if (y.length == maxTokens) return;
        for (int v = 0; v < lp.length; v++) {
            if (v == ToyDecoder.EOS || lp[v] == Double.NEGATIVE_INFINITY) continue;
            int[] next = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            next[prefix.length] = v;
            extend(model, source, next, logProb + (float) lp[v], maxTokens, config, out);
        }
    }

    /** The path that takes the most probable token at every step (eos forced after maxTokens). */
    static Hypothesis argmaxPath(ToyDecoder model, int[] source, int maxTokens, SearchConfig config) {
        List<Integer> prefix = new ArrayList<>(List.of(ToyDecoder.BOS));
        double logProb = 0;
        while (true) {
            double[] lp = model.logProbs(source, prefix.stream().mapToInt(Integer::intValue).toArray());
            int best = 0;
            for (int v = 1; v < lp.length; v++) if (lp[v] > lp[best]) best = v;
            if (prefix.size() - 1 == maxTokens) best = ToyDecoder.EOS;
            logProb += (float) lp[best];
            if (best == ToyDecoder.EOS) break;
            prefix.add(best);
        }
        int[] y = prefix.stream().skip(1).mapToInt(Integer::intValue).toArray();
        return new Hypothesis(y, logProb, logProb / config.lengthPenalty(y.length + 1));
    }
}
