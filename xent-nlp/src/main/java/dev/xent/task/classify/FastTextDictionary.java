// Vocabulary and labels of the fastText-style model, and the mapping of a token list to input-matrix rows: one
// row per in-vocabulary word, plus one row per hashed word n-gram or character n-gram bucket seen in training
// (compact storage of fastText's (nwords + bucket) x dim matrix: a bucket never seen in training keeps its initial
// random row, which is regenerated on demand instead of stored).
package dev.xent.task.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Words (ids 0..nwords-1, most frequent first, as fastText orders them), labels, and n-gram bucket rows. */
final class FastTextDictionary {
    final String[] words;
    final long[] wordCounts;
    final String[] labels;
    final long[] labelCounts;
    final int wordNgrams;
    final int bucket;
    final int minn;
    final int maxn;
    private final Map<String, Integer> wordIds;
    /** Per word id: its subword buckets (none for "</s>"); null when maxn == 0. */
    private final int[][] subwordsOfWord;
    private final Map<String, Integer> labelIds;
    /** bucket -> its row (>= nwords), or -1; null when there are no word n-grams and no subwords. */
    private final int[] rowOfBucket;
    /** row - nwords -> bucket, for rows 0..bucketRows-1. */
    private int[] bucketOfRow;
    private int bucketRows;

    FastTextDictionary(String[] words, long[] wordCounts, String[] labels, long[] labelCounts, int wordNgrams,
            int bucket, int[] bucketOfRow) {
        this(words, wordCounts, labels, labelCounts, wordNgrams, bucket, 0, 0, bucketOfRow);
    }

    FastTextDictionary(String[] words, long[] wordCounts, String[] labels, long[] labelCounts, int wordNgrams,
            int bucket, int minn, int maxn, int[] bucketOfRow) {
        this.words = words;
        this.wordCounts = wordCounts;
        this.labels = labels;
        this.labelCounts = labelCounts;
        this.wordNgrams = wordNgrams;
        this.bucket = bucket;
        this.minn = minn;
        this.maxn = maxn;
        this.wordIds = index(words);
        this.labelIds = index(labels);
        this.rowOfBucket = wordNgrams > 1 || maxn > 0 ? new int[bucket] : null;
        this.subwordsOfWord = maxn > 0 ? new int[words.length][] : null;
        for (int i = 0; subwordsOfWord != null && i < words.length; i++) {
            subwordsOfWord[i] = words[i].equals(FastTextTokens.EOS) ? new int[0]
                    : FastTextSubwords.buckets(words[i], minn, maxn, bucket);
        }
        if (rowOfBucket != null) {
            Arrays.fill(rowOfBucket, -1);
        }
        this.bucketOfRow = new int[Math.max(16, bucketOfRow.length)];
        for (int b : bucketOfRow) {
            if (b < 0 || b >= bucket || rowOfBucket == null || rowOfBucket[b] >= 0) {
                throw new IllegalArgumentException("bucket rows: bucket " + b + " is out of [0, " + bucket
                        + "), repeated, or given with wordNgrams = 1 and maxn = 0. Fix: the model file is damaged; retrain");
            }
            rowOfBucket[b] = words.length + bucketRows;
            this.bucketOfRow[bucketRows++] = b;
        }
    }

    /**
     * Counts the words and labels of tokenized training data. Words with count < minCount are dropped; words
     * and labels are each sorted by count, most frequent first (ties: first seen first).
     */
    static FastTextDictionary build(List<List<String>> tokens, List<List<String>> exampleLabels, int minCount,
            int wordNgrams, int bucket) {
        return build(tokens, exampleLabels, minCount, wordNgrams, bucket, 0, 0);
    }

    /** As above, with character n-gram subwords of minn..maxn characters (none when maxn == 0). */
    static FastTextDictionary build(List<List<String>> tokens, List<List<String>> exampleLabels, int minCount,
            int wordNgrams, int bucket, int minn, int maxn) {
        Map<String, long[]> wc = new LinkedHashMap<>();
        for (List<String> line : tokens) {
            for (String w : line) {
                wc.computeIfAbsent(w, k -> new long[1])[0]++;
            }
        }
        Map<String, long[]> lc = new LinkedHashMap<>();
        for (List<String> ls : exampleLabels) {
            for (String l : ls) {
                lc.computeIfAbsent(l, k -> new long[1])[0]++;
            }
        }
        List<Map.Entry<String, long[]>> ws = sortByCount(wc, minCount);
        List<Map.Entry<String, long[]>> ls = sortByCount(lc, 1);
        return new FastTextDictionary(ws.stream().map(Map.Entry::getKey).toArray(String[]::new),
                ws.stream().mapToLong(e -> e.getValue()[0]).toArray(),
                ls.stream().map(Map.Entry::getKey).toArray(String[]::new),
                ls.stream().mapToLong(e -> e.getValue()[0]).toArray(), wordNgrams, bucket, minn, maxn, new int[0]);
    }

    private static List<Map.Entry<String, long[]>> sortByCount(Map<String, long[]> counts, int minCount) {
        List<Map.Entry<String, long[]>> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minCount) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])); // stable
        return out;
    }

    int nwords() {
        return words.length;
    }

    /** Rows of the input matrix: words, then the n-gram buckets that have a row. */
    int rows() {
        return words.length + bucketRows;
    }

    /** The bucket of n-gram row {@code row} (row >= nwords). */
    int bucketOfRow(int row) {
        return bucketOfRow[row - words.length];
    }

    /** The stored bucket rows' buckets, in row order. */
    int[] bucketsOfRows() {
        return Arrays.copyOf(bucketOfRow, bucketRows);
    }

    /** The label's index, or -1 if the model has no such label. */
    int labelId(String label) {
        Integer i = labelIds.get(label);
        return i == null ? -1 : i;
    }

    /**
     * The input rows of a tokenized line, as fastText's getLine builds them: per token, the id of an
     * in-vocabulary word followed by its subword buckets, or for an out-of-vocabulary word (other than "</s>")
     * its subword buckets only (with maxn == 0 it is dropped, but still takes part in n-grams); then the word
     * n-gram buckets. A bucket without a row gets a new one when {@code grow} (training), else it is returned as
     * -(nwords + bucket) - 1, meaning "the untrained initial row of global row nwords + bucket".
     */
    int[] encode(List<String> tokens, boolean grow) {
        int n = tokens.size();
        int[] out = new int[n];
        int[] hashes = wordNgrams > 1 ? new int[n] : null;
        int k = 0;
        for (int i = 0; i < n; i++) {
            String t = tokens.get(i);
            Integer id = wordIds.get(t);
            if (id != null) {
                out = room(out, k + 1);
                out[k++] = id;
            }
            if (subwordsOfWord != null) {
                int[] sub = id != null ? subwordsOfWord[id]
                        : t.equals(FastTextTokens.EOS) ? new int[0] : FastTextSubwords.buckets(t, minn, maxn, bucket);
                out = room(out, k + sub.length);
                for (int b : sub) out[k++] = rowOf(b, grow);
            }
            if (hashes != null) {
                hashes[i] = FastTextHash.hash(t);
            }
        }
        if (hashes == null) {
            return k == out.length ? out : Arrays.copyOf(out, k);
        }
        int[] buckets = new int[FastTextHash.ngramCount(n, wordNgrams)];
        int nb = FastTextHash.ngramBuckets(hashes, n, wordNgrams, bucket, buckets);
        out = Arrays.copyOf(out, k + nb);
        for (int j = 0; j < nb; j++) {
            out[k + j] = rowOf(buckets[j], grow);
        }
        return out;
    }

    private int rowOf(int b, boolean grow) {
        int row = rowOfBucket[b];
        if (row < 0 && grow) {
            row = addBucketRow(b);
        }
        return row >= 0 ? row : -(words.length + b) - 1;
    }

    private static int[] room(int[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, 2 * a.length));
    }

    private int addBucketRow(int b) {
        if (bucketRows == bucketOfRow.length) {
            bucketOfRow = Arrays.copyOf(bucketOfRow, bucketRows * 2);
        }
        int row = words.length + bucketRows;
        rowOfBucket[b] = row;
        bucketOfRow[bucketRows++] = b;
        return row;
    }

    private static Map<String, Integer> index(String[] names) {
        Map<String, Integer> m = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            if (m.put(names[i], i) != null) {
                throw new IllegalArgumentException("duplicate entry \"" + names[i] + "\" in the vocabulary or"
                        + " labels. Fix: the model file is damaged; retrain");
            }
        }
        return m;
    }
}
