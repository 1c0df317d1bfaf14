// A leak-free validation split for phrase-level data (SST): hold out whole sentences, drop every phrase inside one.
package dev.xent.bench.classify;

import dev.xent.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SST-2's training rows are the phrases of ~6.9k parsed sentences: a sentence and many of its sub-phrases are
 * all rows. A random row hold-out therefore validates on phrases whose parents, children and siblings were
 * trained on, and rewards memorisation. This split instead:
 * <ol>
 *   <li>finds the <em>maximal</em> texts — those with at least {@code minTokens} tokens that are not a
 *       contiguous token span of any longer text (the sentences, plus the occasional orphan phrase whose
 *       parents were filtered out of the data);</li>
 *   <li>takes a seeded random {@code fraction} of them as validation;</li>
 *   <li>keeps for training every other text that is not a contiguous token span of a validation text.</li>
 * </ol>
 * A training text may still share words with validation texts, as dev sentences do, but no validation
 * sentence, and none of its phrases, is trained on. The validation texts are full sentences, like SST-2 dev.
 */
public final class SentenceHoldout {
    private SentenceHoldout() {}

    /** Row indices: {@code train} and {@code valid} are disjoint; {@code dropped} rows (spans of valid) are in neither. */
    public record Split(int[] train, int[] valid, int dropped, int maximal) {}

    public static Split split(int[][] texts, double fraction, int minTokens, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1); got " + fraction);
        }
        if (minTokens < 1) throw new IllegalArgumentException("minTokens must be >= 1; got " + minTokens);
        int[] maximal = maximalTexts(texts, minTokens);
        int nValid = (int) Math.round(fraction * maximal.length);
        if (nValid < 1 || nValid == maximal.length) {
            throw new IllegalArgumentException("fraction " + fraction + " of " + maximal.length
                    + " maximal texts leaves an empty train or validation part; choose another fraction");
        }
        int[] order = maximal.clone();
        new Rng(seed).shuffle(order);
        int[] valid = Arrays.copyOf(order, nValid);
        Arrays.sort(valid);
        Set<String> spans = new HashSet<>();
        for (int v : valid) {
            int[] t = texts[v];
            for (int a = 0; a < t.length; a++) for (int b = a + 1; b <= t.length; b++) spans.add(key(t, a, b));
        }
        List<Integer> train = new ArrayList<>();
        int dropped = 0;
        boolean[] isValid = new boolean[texts.length];
        for (int v : valid) isValid[v] = true;
        for (int i = 0; i < texts.length; i++) {
            if (isValid[i]) continue;
            if (spans.contains(key(texts[i], 0, texts[i].length))) dropped++;
            else train.add(i);
        }
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(), valid, dropped, maximal.length);
    }

    /** Texts with >= minTokens tokens that are no contiguous span of a longer text, ascending. */
    public static int[] maximalTexts(int[][] texts, int minTokens) {
        int maxId = 0;
        for (int[] t : texts) for (int id : t) maxId = Math.max(maxId, id);
        // posting[id] = the texts containing id (each once), to search only texts sharing the rarest token
        int[] count = new int[maxId + 1];
        for (int[] t : texts) for (int id : distinct(t)) count[id]++;
        int[][] posting = new int[maxId + 1][];
        for (int id = 0; id <= maxId; id++) posting[id] = new int[count[id]];
        int[] fill = new int[maxId + 1];
        for (int i = 0; i < texts.length; i++) for (int id : distinct(texts[i])) posting[id][fill[id]++] = i;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            int[] t = texts[i];
            if (t.length < minTokens) continue;
            int rarest = t[0];
            for (int id : t) if (count[id] < count[rarest]) rarest = id;
            boolean inside = false;
            for (int j : posting[rarest]) {
                if (texts[j].length > t.length && containsSpan(texts[j], t)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean containsSpan(int[] hay, int[] needle) {
        outer:
        for (int s = 0; s + needle.length <= hay.length; s++) {
            for (int k = 0; k < needle.length; k++) if (hay[s + k] != needle[k]) continue outer;
            return true;
        }
        return false;
    }

    private static int[] distinct(int[] t) {
        return Arrays.stream(t).distinct().toArray();
    }

    /** An exact key for tokens [a, b): two chars per id. */
    private static String key(int[] t, int a, int b) {
        char[] c = new char[2 * (b - a)];
        for (int i = a; i < b; i++) {
            c[2 * (i - a)] = (char) (t[i] >>> 16);
            c[2 * (i - a) + 1] = (char) t[i];
        }
        return new String(c);
    }
}
