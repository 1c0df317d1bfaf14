// Corpus chrF (Popović 2015) exactly as sacreBLEU 2.x computes it by default: char 6-grams, no word n-grams, β = 2.
package dev.xent.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * chrF with sacreBLEU's {@code CHRF()} defaults (sacrebleu/metrics/chrf.py; signature
 * {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no}), or chrF++ with {@code wordOrder = 2}:
 * <ul>
 * <li>Character n-grams, 1 ≤ n ≤ charOrder, of the line with all whitespace removed (Python's
 *     {@code ''.join(line.split())}), counted over Unicode code points, case-sensitive. Word n-grams (chrF++) are
 *     over whitespace-split words with one leading or trailing ASCII punctuation mark split off.</li>
 * <li>Per sentence and order: hypothesis n-grams (counted only if the reference has n-grams of that order),
 *     reference n-grams, and matches min(hyp count, ref count) summed over n-grams; with several references the
 *     one with the best sentence F wins (the first on a tie). The corpus sums these statistics.</li>
 * <li>From the sums: P_n = matches / hyp, R_n = matches / ref over the orders where both are positive (the
 *     "effective order"); P and R are their means and chrF = 100 · (1 + β²) P R / (β² P + R), 0 if P + R = 0.</li>
 * </ul>
 */
public final class ChrF {
    private static final Set<Character> PUNCTUATION = Set.of('!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+',
            ',', '-', '.', '/', ':', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '^', '_', '`', '{', '|', '}', '~');

    private final int charOrder;
    private final int wordOrder;
    private final double beta;
    private final long[] stats;          // (charOrder + wordOrder, 3): hyp n-grams, ref n-grams, matches

    /** sacreBLEU's default chrF: character order 6, word order 0, β = 2. */
    public ChrF() {
        this(6, 0, 2);
    }

    public ChrF(int charOrder, int wordOrder, double beta) {
        if (charOrder < 1 || wordOrder < 0) {
            throw new IllegalArgumentException("chrF needs charOrder >= 1 and wordOrder >= 0; got charOrder "
                    + charOrder + ", wordOrder " + wordOrder + " (sacreBLEU: 6 and 0; chrF++: 6 and 2)");
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("chrF beta must be finite and > 0; got " + beta + " (sacreBLEU: 2)");
        }
        this.charOrder = charOrder;
        this.wordOrder = wordOrder;
        this.beta = beta;
        this.stats = new long[3 * (charOrder + wordOrder)];
    }

    public void add(String hypothesis, String reference) {
        add(hypothesis, List.of(reference));
    }

    /** One sentence with several references (empty ones skipped, as sacreBLEU skips them). */
    public void add(String hypothesis, List<String> references) {
        List<Map<String, Integer>> hyp = ngrams(hypothesis);
        long[] best = null;
        double bestF = -1;
        for (String reference : references) {
            if (reference == null || reference.isEmpty()) continue;
            List<Map<String, Integer>> ref = ngrams(reference);
            long[] s = new long[stats.length];
            for (int i = 0; i < hyp.size(); i++) {
                long hypCount = 0;
                long refCount = 0;
                long matches = 0;
                for (Map.Entry<String, Integer> e : hyp.get(i).entrySet()) {
                    hypCount += e.getValue();
                    matches += Math.min(e.getValue(), ref.get(i).getOrDefault(e.getKey(), 0));
                }
                for (int c : ref.get(i).values()) refCount += c;
                s[3 * i] = ref.get(i).isEmpty() ? 0 : hypCount;
                s[3 * i + 1] = refCount;
                s[3 * i + 2] = matches;
            }
            double f = fScore(s);
            if (f > bestF) {
                bestF = f;
                best = s;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("chrF needs a non-empty reference for every hypothesis; got "
                    + references.size() + " empty reference(s) for hypothesis \"" + hypothesis + "\"");
        }
        for (int i = 0; i < stats.length; i++) stats[i] += best[i];
    }

    /** Corpus chrF in [0, 100] over the sentences added so far. */
    public double score() {
        return fScore(stats);
    }

    /** The summed statistics: for each order (characters 1..charOrder, then words), hyp, ref, matches. */
    public long[] statistics() {
        return stats.clone();
    }

    /** Corpus chrF (sacreBLEU defaults) of aligned hypothesis and reference lines. */
    public static double corpus(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("chrF needs one reference per hypothesis; got " + hypotheses.size()
                    + " hypotheses and " + references.size() + " references");
        }
        ChrF chrF = new ChrF();
        for (int i = 0; i < hypotheses.size(); i++) chrF.add(hypotheses.get(i), references.get(i));
        return chrF.score();
    }

    /** sacreBLEU's _compute_f_score with eps_smoothing=False (effective-order averaging). */
    private double fScore(long[] s) {
        double factor = beta * beta;
        double avgPrecision = 0;
        double avgRecall = 0;
        int effectiveOrder = 0;
        for (int i = 0; i < s.length / 3; i++) {
            long hyp = s[3 * i];
            long ref = s[3 * i + 1];
            long match = s[3 * i + 2];
            if (hyp > 0 && ref > 0) {
                avgPrecision += (double) match / hyp;
                avgRecall += (double) match / ref;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) return 0.0;
        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0) return 0.0;
        return 100 * ((1 + factor) * avgPrecision * avgRecall / (factor * avgPrecision + avgRecall));
    }

    /** Character n-gram counts for n = 1..charOrder, then word n-gram counts for n = 1..wordOrder. */
    private List<Map<String, Integer>> ngrams(String line) {
        List<Map<String, Integer>> out = new ArrayList<>(charOrder + wordOrder);
        int[] cps = PythonWhitespace.removeAll(line).codePoints().toArray();
        for (int n = 1; n <= charOrder; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= cps.length; i++) counts.merge(new String(cps, i, n), 1, Integer::sum);
            out.add(counts);
        }
        if (wordOrder > 0) {
            List<String> words = splitPunctuation(line);
            for (int n = 1; n <= wordOrder; n++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i + n <= words.size(); i++) {
                    counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
                }
                out.add(counts);
            }
        }
        return out;
    }

    /** sacreBLEU's _remove_punctuation: a word longer than one character loses a final, else an initial, mark. */
    private static List<String> splitPunctuation(String line) {
        List<String> out = new ArrayList<>();
        for (String w : PythonWhitespace.split(line)) {
            if (w.codePointCount(0, w.length()) == 1) {
                out.add(w);
            } else if (PUNCTUATION.contains(w.charAt(w.length() - 1))) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
            } else if (PUNCTUATION.contains(w.charAt(0))) {
                out.add(w.substring(0, 1));
                out.add(w.substring(1));
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
