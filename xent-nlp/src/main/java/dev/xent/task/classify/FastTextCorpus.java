// Training data of the fastText-style classifier, encoded as it is read: each text becomes an int[] of word ids in
// first-seen order (its "</s>" included), so the token strings of a line die with the line and only the distinct
// words are kept as strings (with their counts and fastText hashes, which the dictionary and the n-grams need).
package dev.xent.task.classify;

import dev.xent.data.Example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Examples for {@link FastTextTask#of(FastTextCorpus, FastTextConfig)}, added one at a time as a reader yields them:
 * <pre>{@code
 * FastTextCorpus corpus = new FastTextCorpus();
 * try (FastTextReader r = FastTextReader.open(file, ReadOptions.defaults())) { r.forEachRemaining(corpus::add); }
 * FastTextTask task = FastTextTask.of(corpus, config);   // the corpus's arrays become the task's (no copy)
 * }</pre>
 * Memory: 4 bytes per token (25,000 texts of 230 words: 23 MB), against ~60 for the same tokens held as Strings.
 */
public final class FastTextCorpus {
    private final Map<String, Integer> wordIds = new HashMap<>();
    private final List<String> words = new ArrayList<>();   // by id: first seen first
    private long[] wordCounts = new long[1024];
    private final Map<String, Integer> labelIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private long[] labelCounts = new long[16];
    private int[][] lines = new int[1024][];      // per example: word ids, then the id of "</s>"
    private int[][] lineLabels = new int[1024][]; // per example: label ids
    private int size;
    private boolean used;

    /** Adds one example: its text tokenized as fastText does ({@link FastTextTokens}) and its labels. */
    public void add(Example e) {
        add(e.text(), e.labels());
    }

    public void add(String text, List<String> exampleLabels) {
        if (used) throw new IllegalStateException("this corpus was given to a FastTextTask, which owns its examples now");
        List<String> tokens = FastTextTokens.tokenize(text);
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = wordId(tokens.get(i));
        int[] ls = new int[exampleLabels.size()];
        for (int i = 0; i < ls.length; i++) ls[i] = labelId(exampleLabels.get(i));
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
            lineLabels = Arrays.copyOf(lineLabels, size * 2);
        }
        lines[size] = ids;
        lineLabels[size++] = ls;
    }

    /** Examples added. */
    public int size() {
        return size;
    }

    private int wordId(String w) {
        Integer id = wordIds.get(w);
        if (id == null) {
            id = words.size();
            wordIds.put(w, id);
            words.add(w);
            if (id == wordCounts.length) wordCounts = Arrays.copyOf(wordCounts, id * 2);
        }
        wordCounts[id]++;
        return id;
    }

    private int labelId(String l) {
        Integer id = labelIds.get(l);
        if (id == null) {
            id = labels.size();
            labelIds.put(l, id);
            labels.add(l);
            if (id == labelCounts.length) labelCounts = Arrays.copyOf(labelCounts, id * 2);
        }
        labelCounts[id]++;
        return id;
    }

    /** The examples encoded for training with {@code dict}'s ids, and the token counts of fastText's schedule. */
    record Encoded(int[][] inputs, int[][] targets, int[] tokens) {}

    /**
     * The dictionary of these examples (words with count < minCount dropped; words and labels sorted by count, most
     * frequent first, ties in first-seen order, as fastText orders them).
     */
    FastTextDictionary dictionary(int minCount, int wordNgrams, int bucket) {
        return dictionary(minCount, wordNgrams, bucket, 0, 0);
    }

    /** As above, with character n-gram subwords of minn..maxn characters (none when maxn == 0). */
    FastTextDictionary dictionary(int minCount, int wordNgrams, int bucket, int minn, int maxn) {
        return FastTextDictionary.build(words.toArray(String[]::new), Arrays.copyOf(wordCounts, words.size()),
                labels.toArray(String[]::new), Arrays.copyOf(labelCounts, labels.size()), minCount, wordNgrams, bucket,
                minn, maxn);
    }

    /**
     * Encodes every example with {@code dict} (made by {@link #dictionary}): input rows as {@link
     * FastTextDictionary#encode} gives them, creating n-gram rows in example order, and label ids. The lines are
     * rewritten in place (with words only and none dropped they are the inputs themselves); the corpus cannot be
     * used afterwards.
     */
    Encoded encode(FastTextDictionary dict) {
        used = true;
        int[] finalId = new int[words.size()];   // first-seen id -> dictionary id, or -1 when dropped (minCount)
        int[] hash = dict.wordNgrams > 1 ? new int[words.size()] : null;
        int[][] subwordsOf = dict.maxn > 0 ? new int[words.size()][] : null;   // per first-seen id, computed once
        for (int w = 0; w < finalId.length; w++) {
            finalId[w] = dict.wordId(words.get(w));
            if (hash != null) hash[w] = FastTextHash.hash(words.get(w));
            if (subwordsOf != null) subwordsOf[w] = dict.subwords(words.get(w), finalId[w]);
        }
        int[] labelOf = new int[labels.size()];
        for (int l = 0; l < labelOf.length; l++) labelOf[l] = dict.labelId(labels.get(l));
        int[][] inputs = new int[size][];
        int[][] targets = new int[size][];
        int[] tokens = new int[size];
        int[] hashes = new int[0];
        int[][] subwords = new int[0][];
        for (int i = 0; i < size; i++) {
            int[] ids = lines[i];
            lines[i] = null;
            int n = ids.length;
            if (hash != null) {
                if (hashes.length < n) hashes = new int[Math.max(n, 2 * hashes.length)];
                for (int t = 0; t < n; t++) hashes[t] = hash[ids[t]];
            }
            if (subwordsOf != null) {
                if (subwords.length < n) subwords = new int[Math.max(n, 2 * subwords.length)][];
                for (int t = 0; t < n; t++) subwords[t] = subwordsOf[ids[t]];
            }
            for (int t = 0; t < n; t++) ids[t] = finalId[ids[t]];
            inputs[i] = dict.rows(ids, subwordsOf == null ? null : subwords, hash == null ? null : hashes, n, true);
            int[] ls = lineLabels[i];
            lineLabels[i] = null;
            for (int j = 0; j < ls.length; j++) ls[j] = labelOf[ls[j]];
            targets[i] = ls;
            tokens[i] = n + ls.length;   // fastText counts the words, "</s>" and the labels
        }
        return new Encoded(inputs, targets, tokens);
    }
}
