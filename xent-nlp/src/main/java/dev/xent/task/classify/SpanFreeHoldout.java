// A hold-out split with no leak through nested texts: hold out a seeded fraction of the maximal texts (those that
// are no contiguous token span of a longer text) and train on no text that is a span of a held-out one.
package dev.xent.task.classify;

import dev.xent.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Phrase-level data such as SST-2 holds a sentence and many of its sub-phrases as separate rows; a random row
 * hold-out then scores phrases whose parents and children were trained on, and rewards memorisation (it chose
 * recipes that were worse on SST-2 dev). Where no text is a span of another (most corpora), this is a plain seeded
 * hold-out of {@code fraction} of the rows. xent-bench's SentenceHoldout (the SST-2 experiments) uses this rule too.
 */
public final class SpanFreeHoldout {
    private SpanFreeHoldout() {
    }

    /**
     * Row indices: train and valid are disjoint; {@code dropped} rows (spans of a held-out text) are in neither;
     * {@code maximal} texts were eligible for validation. {@code valid} is in the seeded draw's order.
     */
    public record Split(int[] train, int[] valid, int dropped, int maximal) {}

    /** The split of whitespace-tokenized texts, every text of >= 1 token eligible. */
    static Split split(List<String> texts, double fraction, long seed) {
        return split(ids(texts), fraction, 1, seed);
    }

    /** The split of texts given as token ids; texts shorter than {@code minTokens} are never held out. */
    public static Split split(int[][] tokens, double fraction, int minTokens, long seed) {
        Postings index = new Postings(tokens);
        int[] maximal = maximalTexts(tokens, minTokens, index);
        int nValid = (int) Math.round(fraction * maximal.length);
        if (nValid < 1 || nValid >= maximal.length) {
            throw new IllegalArgumentException("a " + fraction + " hold-out of the " + maximal.length + " texts that are"
                    + " no span of a longer one leaves an empty training or validation part. Fix: give a validation "
                    + "file (-valid), or more data");
        }
        int[] order = maximal.clone();
        new Rng(seed).shuffle(order);
        int[] valid = Arrays.copyOf(order, nValid);
        boolean[] held = new boolean[tokens.length];
        for (int v : valid) held[v] = true;
        // a text is dropped when it is a span of a held-out text (itself included): only held-out texts that hold
        // its rarest token are searched, never the O(L^2) spans of each held-out text (AG News: 1,216 texts of ~40
        // tokens held out, ~1M span keys and seconds of allocation)
        List<Integer> train = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (held[i]) continue;
            boolean inside = false;
            if (tokens[i].length > 0) {
                for (int j : index.posting[index.rarest(tokens[i])]) {
                    if (held[j] && tokens[j].length >= tokens[i].length && containsSpan(tokens[j], tokens[i])) {
                        inside = true;
                        break;
                    }
                }
            }
            if (inside) dropped++;
            else train.add(i);
        }
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(), valid, dropped, maximal.length);
    }

    /** For each token id, the texts that hold it (ascending) and how many. */
    private static final class Postings {
        final int[] count;
        final int[][] posting;

        Postings(int[][] texts) {
            int maxId = 0;
            for (int[] t : texts) for (int id : t) maxId = Math.max(maxId, id);
            count = new int[maxId + 1];
            int[][] sets = new int[texts.length][];
            for (int i = 0; i < texts.length; i++) {
                sets[i] = distinct(texts[i]);
                for (int id : sets[i]) count[id]++;
            }
            posting = new int[maxId + 1][];
            for (int id = 0; id <= maxId; id++) posting[id] = new int[count[id]];
            int[] fill = new int[maxId + 1];
            for (int i = 0; i < texts.length; i++) for (int id : sets[i]) posting[id][fill[id]++] = i;
        }

        /** The token of {@code t} (non-empty) held by the fewest texts: a text holding t is among its posting. */
        int rarest(int[] t) {
            int r = t[0];
            for (int id : t) if (count[id] < count[r]) r = id;
            return r;
        }
    }

    /**
     * Each text's whitespace tokens (as {@link FastTextTokens} splits them) as ids, first seen first. A token is
     * known by a 64-bit hash of its characters, read in place (no substrings): two distinct tokens share an id with
     * probability ~ n^2 / 2^65 for n distinct tokens (below 1e-10 for a million), and then at worst a text that is
     * not a span of a held-out one is left out of training.
     */
    private static int[][] ids(List<String> texts) {
        LongIntMap ids = new LongIntMap(1 << 14);
        int[][] out = new int[texts.size()][];
        int[] buf = new int[64];
        for (int i = 0; i < out.length; i++) {
            String text = texts.get(i);
            int n = 0, len = text.length();
            long h = 0;
            boolean in = false;
            for (int c = 0; c <= len; c++) {
                if (c == len || FastTextTokens.isSeparator(text.charAt(c))) {
                    if (in) {
                        if (n == buf.length) buf = Arrays.copyOf(buf, 2 * n);
                        buf[n++] = ids.putIfAbsent(h, ids.size());
                        in = false;
                    }
                } else {
                    if (!in) h = 0xcbf29ce484222325L;   // FNV-1a over the UTF-16 chars, then mixed by LongIntMap
                    h = (h ^ text.charAt(c)) * 0x100000001b3L;
                    in = true;
                }
            }
            out[i] = Arrays.copyOf(buf, n);
        }
        return out;
    }

    /** Texts of >= minTokens tokens that are no contiguous span of a longer text, ascending. */
    public static int[] maximalTexts(int[][] texts, int minTokens) {
        return maximalTexts(texts, minTokens, new Postings(texts));
    }

    /** As {@link #maximalTexts(int[][], int)}; only the texts in {@code index} sharing the rarest token are searched. */
    private static int[] maximalTexts(int[][] texts, int minTokens, Postings index) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            int[] t = texts[i];
            if (t.length == 0 || t.length < minTokens) continue;
            boolean inside = false;
            for (int j : index.posting[index.rarest(t)]) {
                if (texts[j].length > t.length && containsSpan(texts[j], t)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether {@code needle} occurs in {@code hay} as a contiguous run. */
    public static boolean containsSpan(int[] hay, int[] needle) {
        outer:
        for (int s = 0; s + needle.length <= hay.length; s++) {
            for (int k = 0; k < needle.length; k++) if (hay[s + k] != needle[k]) continue outer;
            return true;
        }
        return false;
    }

    /** The distinct ids of {@code t}, ascending. */
    private static int[] distinct(int[] t) {
        int[] s = t.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) if (m == 0 || s[i] != s[m - 1]) s[m++] = s[i];
        return m == s.length ? s : Arrays.copyOf(s, m);
    }
}
