// Skip-gram and CBOW learn which words share contexts on generated two-topic text; .vec round trip; copyInto.
package dev.xent.task.embed;

import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorTrainerTest {
    /** Sentences of 8 words, all from topic a (a0..a9) or all from topic b (b0..b9), plus a shared "the". */
    static List<String[]> twoTopics(int n, long seed) {
        return generate(n, seed, true);
    }

    /** With topics off every word is drawn from a or b at random: no structure to learn (the control). */
    static List<String[]> generate(int n, long seed, boolean topics) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String topic = r.nextBoolean() ? "a" : "b";
            String[] s = new String[8];
            for (int k = 0; k < s.length; k++) {
                s[k] = k == 3 ? "the" : (topics ? topic : r.nextBoolean() ? "a" : "b") + r.nextInt(10);
            }
            out.add(s);
        }
        return out;
    }

    /** Mean cosine within topics minus mean cosine across topics. */
    static double margin(WordVectors v) {
        double same = 0, cross = 0;
        int ns = 0, nc = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                if (i != j) {
                    same += v.cosine("a" + i, "a" + j) + v.cosine("b" + i, "b" + j);
                    ns += 2;
                }
                cross += v.cosine("a" + i, "b" + j);
                nc++;
            }
        }
        return same / ns - cross / nc;
    }

    @Test
    void skipGramAndCbowSeparateTheTopics() {
        for (WordVectorConfig c : List.of(WordVectorConfig.skipGram(), WordVectorConfig.cbow())) {
            WordVectorConfig cfg = c.withDim(16).withEpochs(3).withMinCount(1).withSample(1e-2);
            WordVectorTrainer.Result r = WordVectorTrainer.train(twoTopics(1500, 1), cfg);
            assertEquals(21, r.vectors().size());
            assertTrue(margin(r.vectors()) > 0.5, cfg.mode() + ": margin " + margin(r.vectors()));
            // control: the same training on text whose words ignore the topics finds no topics
            WordVectorTrainer.Result mixed = WordVectorTrainer.train(generate(1500, 1, false), cfg);
            assertTrue(Math.abs(margin(mixed.vectors())) < 0.1, cfg.mode() + ": control margin " + margin(mixed.vectors()));
        }
    }

    @Test
    void rejectsACorpusWithoutContexts() {
        WordVectorConfig cfg = WordVectorConfig.skipGram().withMinCount(1);
        assertThrows(IllegalArgumentException.class, () -> WordVectorTrainer.train(List.of(new String[] {"a"},
                new String[] {"b"}), cfg));
        assertThrows(IllegalArgumentException.class, () -> WordVectorConfig.skipGram().withDim(0));
    }

    @Test
    void oneThreadIsDeterministic() {
        WordVectorConfig cfg = WordVectorConfig.skipGram().withDim(8).withEpochs(1).withMinCount(1);
        WordVectors a = WordVectorTrainer.train(twoTopics(200, 2), cfg).vectors();
        WordVectors b = WordVectorTrainer.train(twoTopics(200, 2), cfg).vectors();
        assertArrayEquals(a.vector("a3"), b.vector("a3"));
    }

    @Test
    void saveLoadRoundTripAndCopyInto() throws Exception {
        WordVectors v = new WordVectors(List.of("good", "bad"), new float[] {1, 2, 3, -1, -2, -3}, 3);
        Path f = Files.createTempFile("xent-vec", ".vec");
        try {
            v.save(f);
            WordVectors w = WordVectors.load(f);
            assertEquals(List.of("good", "bad"), w.words());
            assertArrayEquals(new float[] {-1, -2, -3}, w.vector("bad"));
        } finally {
            Files.delete(f);
        }
        Vocabulary vocab = Vocabulary.builder().addAll(List.of("good", "film", "film")).build(1, Integer.MAX_VALUE);
        Tensor table = Tensor.full(7f, vocab.size(), 3);
        assertEquals(1, v.copyInto(table, vocab, false));
        assertArrayEquals(new float[] {1, 2, 3}, row(table, vocab.id("good")));
        assertArrayEquals(new float[] {7, 7, 7}, row(table, vocab.id("film")));
        // matchStd: copied rows are scaled to the element std of the rows left alone (7 here): 1,2,3 · 7/sqrt(14/3)
        Tensor t2 = Tensor.full(7f, vocab.size(), 3);
        v.copyInto(t2, vocab, true);
        float s = (float) (7 / Math.sqrt(14.0 / 3));
        assertArrayEquals(new float[] {s, 2 * s, 3 * s}, row(t2, vocab.id("good")), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> v.copyInto(Tensor.zeros(vocab.size(), 4), vocab, false));
    }

    static float[] row(Tensor t, int r) {
        int d = t.shape()[1];
        return java.util.Arrays.copyOfRange(t.data(), r * d, (r + 1) * d);
    }
}
