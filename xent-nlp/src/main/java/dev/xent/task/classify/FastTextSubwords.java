// A word's character n-gram subwords as fastText 0.9.2 computes them (dictionary.cc computeSubwords): the n-grams
// (n = minn..maxn characters) of "<" + word + ">", hashed with FNV-1a into the shared n-gram buckets.
package dev.xent.task.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * fastText walks the UTF-8 bytes of "&lt;word&gt;" and counts characters (a byte 10xxxxxx continues one); an
 * n-gram is every run of n whole characters, except the lone "&lt;" and "&gt;". Bucket = unsigned hash mod bucket.
 */
final class FastTextSubwords {
    private FastTextSubwords() {
    }

    /** The buckets of {@code word}'s subwords, in fastText's order (by start character, then length). */
    static int[] buckets(String word, int minn, int maxn, int bucket) {
        List<byte[]> grams = ngrams(word, minn, maxn);
        int[] out = new int[grams.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.remainderUnsigned(FastTextHash.hash(grams.get(i)), bucket);
        }
        return out;
    }

    /** The UTF-8 bytes of each subword of {@code word}, in fastText's order. */
    static List<byte[]> ngrams(String word, int minn, int maxn) {
        byte[] w = ("<" + word + ">").getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            if ((w[i] & 0xC0) == 0x80) continue;           // not the first byte of a character
            int j = i;
            for (int n = 1; j < w.length && n <= maxn; n++) {
                j++;
                while (j < w.length && (w[j] & 0xC0) == 0x80) j++;
                if (n >= minn && !(n == 1 && (i == 0 || j == w.length))) {
                    out.add(Arrays.copyOfRange(w, i, j));
                }
            }
        }
        return out;
    }
}
