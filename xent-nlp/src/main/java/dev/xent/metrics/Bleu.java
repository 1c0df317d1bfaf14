// Corpus BLEU exactly as sacreBLEU 2.x computes it by default: 13a tokens, case-sensitive, n ≤ 4, 'exp' smoothing.
package dev.xent.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni et al. 2002) with sacreBLEU's defaults ({@code BLEU()} in sacrebleu/metrics/bleu.py,
 * signature {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp}): each detokenised line is right-stripped and
 * tokenised by {@link Tokenizer13a}; per sentence, n-gram matches are clipped by the reference counts (the
 * maximum over references), and the reference length is the closest to the hypothesis's (the shorter on a tie).
 * Over the corpus, with c = Σ hypothesis length, r = Σ reference length, and p_n = matches_n / total_n:
 * <pre>
 *   BLEU = 100 · BP · exp(¼ Σ_{n=1..4} log p_n),   BP = 1 if c ≥ r, else exp(1 − r/c) (0 if c = 0)
 * </pre>
 * Smoothing is sacreBLEU's default {@code smooth_method='exp'} (mteval-v13a's NIST smoothing, Chen and Cherry's
 * method 3, NLTK's {@code SmoothingFunction().method3}): the k-th order with zero matches gets
 * p_n = 1 / (2^k · total_n) instead of 0. Not smoothed: no match of any order gives BLEU 0, and an order with no
 * hypothesis n-grams at all (total_n = 0) stops the sum with log 0 floored at −9999999999, so BLEU is 0 as well.
 *
 * <p>Accumulate with {@link #add}, read with {@link #score()}; sums are exact (longs), so the result does not
 * depend on the order of sentences.
 */
public final class Bleu {
    public static final int MAX_ORDER = 4;
    private static final double LOG_ZERO = -9999999999.0;    // sacreBLEU's my_log(0)

    private final long[] correct = new long[MAX_ORDER];     // clipped n-gram matches, n = 1..4
    private final long[] total = new long[MAX_ORDER];       // hypothesis n-grams
    private long hypothesisLength;
    private long referenceLength;

    /** One sentence: a detokenised hypothesis and its detokenised reference. */
    public void add(String hypothesis, String reference) {
        add(hypothesis, List.of(reference));
    }

    /**
     * One sentence with several references; empty references are skipped as sacreBLEU skips them (at least one
     * must be non-empty).
     */
    public void add(String hypothesis, List<String> references) {
        List<List<String>> refs = references.stream()
                .filter(r -> r != null && !r.isEmpty())
                .map(r -> Tokenizer13a.tokens(PythonWhitespace.rstrip(r)))
                .toList();
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs a non-empty reference for every hypothesis; got "
                    + references.size() + " empty reference(s) for hypothesis \"" + hypothesis + "\"");
        }
        addTokens(Tokenizer13a.tokens(PythonWhitespace.rstrip(hypothesis)), refs);
    }

    /** One sentence already tokenised (no 13a applied): for callers that tokenise their own way. */
    public void addTokens(List<String> hypothesis, List<List<String>> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference per hypothesis; got none");
        }
        Map<List<String>, Integer> refCounts = new HashMap<>();
        int closest = -1;
        int h = hypothesis.size();
        for (List<String> ref : references) {
            int len = ref.size();
            if (closest < 0 || Math.abs(h - len) < Math.abs(h - closest)
                    || (Math.abs(h - len) == Math.abs(h - closest) && len < closest)) {
                closest = len;
            }
            for (Map.Entry<List<String>, Integer> e : ngrams(ref).entrySet()) {
                refCounts.merge(e.getKey(), e.getValue(), Math::max);
            }
        }
        for (Map.Entry<List<String>, Integer> e : ngrams(hypothesis).entrySet()) {
            int n = e.getKey().size() - 1;
            total[n] += e.getValue();
            correct[n] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
        }
        hypothesisLength += h;
        referenceLength += closest;
    }

    /** Counts of every n-gram, 1 ≤ n ≤ 4, of the tokens. */
    private static Map<List<String>, Integer> ngrams(List<String> tokens) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Corpus BLEU over the sentences added so far. */
    public BleuScore score() {
        return compute(correct.clone(), total.clone(), hypothesisLength, referenceLength);
    }

    /** sacreBLEU's {@code BLEU.compute_bleu} with smooth_method='exp', effective_order=False, on the statistics. */
    public static BleuScore compute(long[] correct, long[] total, long hypothesisLength, long referenceLength) {
        if (correct.length != MAX_ORDER || total.length != MAX_ORDER) {
            throw new IllegalArgumentException("BLEU statistics need " + MAX_ORDER + " orders; got correct "
                    + correct.length + ", total " + total.length);
        }
        double bp = hypothesisLength < referenceLength
                ? (hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0)
                : 1.0;
        double[] precisions = new double[MAX_ORDER];
        boolean anyMatch = false;
        for (long c : correct) anyMatch |= c != 0;
        if (!anyMatch) {
            return new BleuScore(0.0, precisions, bp, hypothesisLength, referenceLength, correct, total);
        }
        double smooth = 1;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (total[n] == 0) break;
            if (correct[n] == 0) {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        double logSum = 0;
        for (double p : precisions) logSum += p == 0.0 ? LOG_ZERO : Math.log(p);
        double score = bp * Math.exp(logSum / MAX_ORDER);
        return new BleuScore(score, precisions, bp, hypothesisLength, referenceLength, correct, total);
    }

    /** Corpus BLEU of aligned hypothesis and reference lines. */
    public static BleuScore corpus(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("BLEU needs one reference per hypothesis; got " + hypotheses.size()
                    + " hypotheses and " + references.size() + " references");
        }
        Bleu bleu = new Bleu();
        for (int i = 0; i < hypotheses.size(); i++) bleu.add(hypotheses.get(i), references.get(i));
        return bleu.score();
    }
}
