package dev.xent.task.classify;

import dev.xent.data.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Examples encoded as they are read give the dictionary and input rows that encoding their token strings gives. */
class FastTextCorpusTest {

    /** Zipf-like words (many seen once, so minCount drops some; some with 2- and 3-byte characters), one or two labels per line. */
    private static List<Example> data() {
        Random r = new Random(5);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0, n = 1 + r.nextInt(12); k < n; k++) {
                text.append(k == 0 ? "" : r.nextBoolean() ? " " : "\t").append(r.nextInt(4) == 0 ? "wé€" : "w").append((int) Math.pow(200, r.nextDouble()));
            }
            List<String> labels = r.nextInt(5) == 0 ? List.of("c" + r.nextInt(3), "c" + (3 + r.nextInt(2)))
                    : List.of("c" + r.nextInt(5));
            out.add(new Example(text.toString(), labels, i + 1));
        }
        return out;
    }

    @Test
    void encodesAsTheTokenStringsWouldBe() {
        for (int minCount : new int[] {1, 3}) {
            for (int ngrams : new int[] {1, 2, 3}) {
                encodesAsTheTokenStringsWouldBe(minCount, ngrams, 0, 0);
            }
        }
    }

    /** With character n-gram subwords: in-vocabulary words and words dropped by minCount alike get their rows. */
    @Test
    void encodesSubwordsAsTheTokenStringsWouldBe() {
        for (int minCount : new int[] {1, 3}) {
            for (int ngrams : new int[] {1, 2}) {
                encodesAsTheTokenStringsWouldBe(minCount, ngrams, 2, 4);
                encodesAsTheTokenStringsWouldBe(minCount, ngrams, 3, 6);
            }
        }
    }

    private static void encodesAsTheTokenStringsWouldBe(int minCount, int ngrams, int minn, int maxn) {
        FastTextCorpus corpus = new FastTextCorpus();
        data().forEach(corpus::add);
        FastTextDictionary d = corpus.dictionary(minCount, ngrams, 1000, minn, maxn);
        FastTextCorpus.Encoded got = corpus.encode(d);

        // the reference: count the token strings, sort (stable) by count, encode each line's strings
        List<List<String>> lines = data().stream().map(e -> FastTextTokens.tokenize(e.text())).toList();
        java.util.Map<String, long[]> wc = new java.util.LinkedHashMap<>(), lc = new java.util.LinkedHashMap<>();
        lines.forEach(l -> l.forEach(w -> wc.computeIfAbsent(w, k -> new long[1])[0]++));
        data().forEach(e -> e.labels().forEach(l -> lc.computeIfAbsent(l, k -> new long[1])[0]++));
        List<String> words = wc.keySet().stream().filter(w -> wc.get(w)[0] >= minCount)
                .sorted(java.util.Comparator.comparingLong(w -> -wc.get(w)[0])).toList();
        List<String> labels = lc.keySet().stream().sorted(java.util.Comparator.comparingLong(l -> -lc.get(l)[0])).toList();
        assertEquals(words, List.of(d.words), "words, minCount " + minCount);
        assertEquals(labels, List.of(d.labels));
        FastTextDictionary ref = new FastTextDictionary(d.words, d.wordCounts, d.labels, d.labelCounts, ngrams, 1000,
                minn, maxn, new int[0]);
        for (int i = 0; i < lines.size(); i++) {
            String where = "line " + i + ", minCount " + minCount + ", wordNgrams " + ngrams + ", minn " + minn
                    + ", maxn " + maxn;
            assertArrayEquals(ref.encode(lines.get(i), true), got.inputs()[i], where);
            assertArrayEquals(data().get(i).labels().stream().mapToInt(d::labelId).toArray(), got.targets()[i], where);
            assertEquals(lines.get(i).size() + data().get(i).labels().size(), got.tokens()[i], where);
        }
        assertArrayEquals(ref.bucketsOfRows(), d.bucketsOfRows());
    }

    @Test
    void aCorpusGivenToATaskIsNotReused() {
        FastTextCorpus corpus = new FastTextCorpus();
        data().forEach(corpus::add);
        FastTextTask.of(corpus, FastTextConfig.defaults().withDim(4).withThreads(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> corpus.add("more", List.of("c0")));
        assertEquals("this corpus was given to a FastTextTask, which owns its examples now", e.getMessage());
    }
}
