// The NBSVM feature space: each distinct word n-gram of the training data (keyed by a 64-bit hash) is one
// feature; a text is the set of its known n-grams (binarized, as Wang & Manning); per class c the naive-Bayes
// log-count ratio r_c[f] = log((p_c[f] / |p_c|_1) / (q_c[f] / |q_c|_1)), p_c = alpha + counts in class c,
// q_c = alpha + counts in the other classes.
package dev.xent.task.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** n-gram keys → feature ids, and the ratios (labels, features) that scale them. */
final class NbSvmFeatures {
    final int ngrams;
    final boolean lowercase;
    final long[] keys;          // (F) feature id -> n-gram key
    final float[] ratio;        // (K, F) log-count ratio of feature f for class c, at c * F + f
    private final LongIntMap ids;

    NbSvmFeatures(int ngrams, boolean lowercase, long[] keys, float[] ratio) {
        this.ngrams = ngrams;
        this.lowercase = lowercase;
        this.keys = keys;
        this.ratio = ratio;
        this.ids = new LongIntMap(keys.length);
        for (int f = 0; f < keys.length; f++) ids.putIfAbsent(keys[f], f);
    }

    int size() {
        return keys.length;
    }

    /**
     * The features of the training texts (every n-gram becomes one) and their ratios for {@code labels} classes;
     * {@code encoded} receives each text's sorted, distinct feature ids.
     */
    static NbSvmFeatures build(List<String> texts, int[] labels, int classes, int ngrams, boolean lowercase,
            double alpha, int[][] encoded) {
        LongIntMap ids = new LongIntMap(1 << 16);
        long[] keys = new long[1 << 16];
        for (int i = 0; i < texts.size(); i++) {
            long[] k = keys(texts.get(i), ngrams, lowercase);
            int[] f = new int[k.length];
            for (int j = 0; j < k.length; j++) {
                int id = ids.putIfAbsent(k[j], ids.size());
                if (id == keys.length) keys = Arrays.copyOf(keys, 2 * keys.length);
                keys[id] = k[j];
                f[j] = id;
            }
            encoded[i] = distinct(f, f.length);
        }
        int nf = ids.size();
        double[] total = new double[nf];
        double[][] inClass = new double[classes][nf];   // texts of class c holding feature f
        for (int i = 0; i < encoded.length; i++) {
            for (int f : encoded[i]) {
                inClass[labels[i]][f]++;
                total[f]++;
            }
        }
        float[] ratio = new float[classes * nf];
        double sumAll = Arrays.stream(total).sum();
        for (int c = 0; c < classes; c++) {
            double sumIn = Arrays.stream(inClass[c]).sum();
            double normP = sumIn + alpha * nf, normQ = sumAll - sumIn + alpha * nf;
            for (int f = 0; f < nf; f++) {
                double p = (inClass[c][f] + alpha) / normP;
                double q = (total[f] - inClass[c][f] + alpha) / normQ;
                ratio[c * nf + f] = (float) Math.log(p / q);
            }
        }
        return new NbSvmFeatures(ngrams, lowercase, Arrays.copyOf(keys, nf), ratio);
    }

    /** The sorted, distinct ids of the known n-grams of {@code text} (unknown ones have no weight: dropped). */
    int[] encode(String text) {
        long[] k = keys(text, ngrams, lowercase);
        int[] f = new int[k.length];
        int n = 0;
        for (long key : k) {
            int id = ids.get(key);
            if (id >= 0) f[n++] = id;
        }
        return distinct(f, n);
    }

    /**
     * The keys of a text's n-grams (n = 1..ngrams) over its whitespace tokens: fastText's word hash, chained as
     * fastText chains n-gram hashes (h·116049371 + hash(next)), then mixed with n so lengths never share a key.
     */
    static long[] keys(String text, int ngrams, boolean lowercase) {
        List<String> tokens = FastTextTokens.tokenize(lowercase ? text.toLowerCase(Locale.ROOT) : text);
        int t = tokens.size() - 1;   // without the trailing "</s>"
        long[] word = new long[t];
        for (int i = 0; i < t; i++) word[i] = FastTextHash.hash(tokens.get(i));
        long[] out = new long[FastTextHash.ngramCount(t, ngrams) + t];
        int k = 0;
        for (int i = 0; i < t; i++) {
            long h = word[i];
            out[k++] = mix(h, 1);
            for (int j = i + 1; j < t && j < i + ngrams; j++) {
                h = h * FastTextHash.NGRAM_MULTIPLIER + word[j];
                out[k++] = mix(h, j - i + 1);
            }
        }
        return out;
    }

    private static long mix(long h, int n) {
        long z = h + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] distinct(int[] a, int n) {
        int[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || s[i] != s[m - 1]) s[m++] = s[i];
        return Arrays.copyOf(s, m);
    }
}
