// Vocabulary and labels of the fastText-style model, and the mapping of a token list to input-matrix rows: one
// row per in-vocabulary word, plus one row per hashed word n-gram or character n-gram bucket seen in training
// (compact storage of fastText's (nwords + bucket) x dim matrix: a bucket never seen in training keeps its initial
// random row, which is regenerated on demand instead of stored).
package dev.xent.task.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
     * The dictionary of counted words and labels, each given in first-seen order: words with count < minCount are
     * dropped; words and labels are each sorted by count, most frequent first (ties: first seen first).
     */
    static FastTextDictionary build(String[] words, long[] wordCounts, String[] labels, long[] labelCounts, int minCount,
            int wordNgrams, int bucket) {
        return build(words, wordCounts, labels, labelCounts, minCount, wordNgrams, bucket, 0, 0);
    }

    /** As above, with character n-gram subwords of minn..maxn characters (none when maxn == 0). */
    static FastTextDictionary build(String[] words, long[] wordCounts, String[] labels, long[] labelCounts, int minCount,
            int wordNgrams, int bucket, int minn, int maxn) {
        Integer[] w = byCount(wordCounts, minCount);
        Integer[] l = byCount(labelCounts, 1);
        return new FastTextDictionary(Arrays.stream(w).map(i -> words[i]).toArray(String[]::new),
                Arrays.stream(w).mapToLong(i -> wordCounts[i]).toArray(),
                Arrays.stream(l).map(i -> labels[i]).toArray(String[]::new),
                Arrays.stream(l).mapToLong(i -> labelCounts[i]).toArray(), wordNgrams, bucket, minn, maxn, new int[0]);
    }

    /** Indices with count >= minCount, most frequent first; the sort is stable, so ties keep first-seen order. */
    private static Integer[] byCount(long[] counts, int minCount) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= minCount) {
                keep.add(i);
            }
        }
        Integer[] out = keep.toArray(Integer[]::new);
        Arrays.sort(out, Comparator.comparingLong(i -> -counts[i]));
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

    /** The word's id, or -1 if it is not in the vocabulary. */
    int wordId(String word) {
        Integer i = wordIds.get(word);
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
        int[] ids = new int[n];
        int[][] subwords = maxn > 0 ? new int[n][] : null;
        int[] hashes = wordNgrams > 1 ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            String t = tokens.get(i);
            ids[i] = wordId(t);
            if (subwords != null) {
                subwords[i] = subwords(t, ids[i]);
            }
            if (hashes != null) {
                hashes[i] = FastTextHash.hash(t);
            }
        }
        return rows(ids, subwords, hashes, n, grow);
    }

    /** The subword buckets of {@code word} (its id, or -1 out of vocabulary): none for "</s>" or when maxn == 0. */
    int[] subwords(String word, int id) {
        if (subwordsOfWord == null) return new int[0];
        return id >= 0 ? subwordsOfWord[id]
                : word.equals(FastTextTokens.EOS) ? new int[0] : FastTextSubwords.buckets(word, minn, maxn, bucket);
    }

    /**
     * As {@link #encode}, from a line's word ids (-1: out of vocabulary), with subwords each token's subword
     * buckets ({@link #subwords}; null when maxn == 0), and with n-grams every word's hash. Overwrites {@code ids},
     * and returns it when the line has all its words in the vocabulary, no subwords and no n-grams.
     */
    int[] rows(int[] ids, int[][] subwords, int[] hashes, int n, boolean grow) {
        int[] out = ids;
        int k = 0;
        if (subwords == null) {
            for (int i = 0; i < n; i++) {
                if (ids[i] >= 0) {
                    ids[k++] = ids[i];
                }
            }
        } else {
            out = new int[n];
            for (int i = 0; i < n; i++) {
                if (ids[i] >= 0) {
                    out = room(out, k + 1);
                    out[k++] = ids[i];
                }
                out = room(out, k + subwords[i].length);
                for (int b : subwords[i]) out[k++] = rowOf(b, grow);
            }
        }
        if (wordNgrams <= 1) {
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
