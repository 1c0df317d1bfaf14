// Vocabulary and labels of the fastText-style model, and the mapping of a token list to input-matrix rows: one
// row per in-vocabulary word, plus one row per hashed word n-gram bucket seen in training (compact storage of
// fastText's (nwords + bucket) x dim matrix: a bucket never seen in training keeps its initial random row, which
// is regenerated on demand instead of stored).
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
    private final Map<String, Integer> wordIds;
    private final Map<String, Integer> labelIds;
    /** bucket -> its row (>= nwords), or -1; null when wordNgrams == 1. */
    private final int[] rowOfBucket;
    /** row - nwords -> bucket, for rows 0..bucketRows-1. */
    private int[] bucketOfRow;
    private int bucketRows;

    FastTextDictionary(String[] words, long[] wordCounts, String[] labels, long[] labelCounts, int wordNgrams,
            int bucket, int[] bucketOfRow) {
        this.words = words;
        this.wordCounts = wordCounts;
        this.labels = labels;
        this.labelCounts = labelCounts;
        this.wordNgrams = wordNgrams;
        this.bucket = bucket;
        this.wordIds = index(words);
        this.labelIds = index(labels);
        this.rowOfBucket = wordNgrams > 1 ? new int[bucket] : null;
        if (rowOfBucket != null) {
            Arrays.fill(rowOfBucket, -1);
        }
        this.bucketOfRow = new int[Math.max(16, bucketOfRow.length)];
        for (int b : bucketOfRow) {
            if (b < 0 || b >= bucket || rowOfBucket == null || rowOfBucket[b] >= 0) {
                throw new IllegalArgumentException("bucket rows: bucket " + b + " is out of [0, " + bucket
                        + "), repeated, or given with wordNgrams = 1. Fix: the model file is damaged; retrain");
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
        Integer[] w = byCount(wordCounts, minCount);
        Integer[] l = byCount(labelCounts, 1);
        return new FastTextDictionary(Arrays.stream(w).map(i -> words[i]).toArray(String[]::new),
                Arrays.stream(w).mapToLong(i -> wordCounts[i]).toArray(),
                Arrays.stream(l).map(i -> labels[i]).toArray(String[]::new),
                Arrays.stream(l).mapToLong(i -> labelCounts[i]).toArray(), wordNgrams, bucket, new int[0]);
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
     * The input rows of a tokenized line, as fastText's getLine builds them: the ids of in-vocabulary words
     * (out-of-vocabulary words are dropped but still take part in n-grams), then the n-gram buckets. A bucket
     * without a row gets a new one when {@code grow} (training), else it is returned as -(nwords + bucket) - 1,
     * meaning "the untrained initial row of global row nwords + bucket".
     */
    int[] encode(List<String> tokens, boolean grow) {
        int n = tokens.size();
        int[] ids = new int[n];
        int[] hashes = wordNgrams > 1 ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            ids[i] = wordId(tokens.get(i));
            if (hashes != null) {
                hashes[i] = FastTextHash.hash(tokens.get(i));
            }
        }
        return rows(ids, hashes, n, grow);
    }

    /**
     * As {@link #encode}, from a line's word ids (-1: out of vocabulary) and, with n-grams, every word's hash.
     * Overwrites {@code ids}, and returns it when the line has all its words in the vocabulary and no n-grams.
     */
    int[] rows(int[] ids, int[] hashes, int n, boolean grow) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (ids[i] >= 0) {
                ids[k++] = ids[i];
            }
        }
        if (wordNgrams <= 1) {
            return k == ids.length ? ids : Arrays.copyOf(ids, k);
        }
        int[] buckets = new int[FastTextHash.ngramCount(n, wordNgrams)];
        int nb = FastTextHash.ngramBuckets(hashes, n, wordNgrams, bucket, buckets);
        int[] out = Arrays.copyOf(ids, k + nb);
        for (int j = 0; j < nb; j++) {
            int b = buckets[j];
            int row = rowOfBucket[b];
            if (row < 0 && grow) {
                row = addBucketRow(b);
            }
            out[k + j] = row >= 0 ? row : -(words.length + b) - 1;
        }
        return out;
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
