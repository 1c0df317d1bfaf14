// Pretrained vectors in a tagger: rows copied (re-keyed, scaled), vocabulary extended, dims checked, bundle round trip.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.nn.Parameter;
import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectorTrainer;
import dev.xent.task.embed.WordVectors;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagVectorsTest {
    /** dim 4, char CNN on, so the bundle carries every part. */
    private static final TaggerConfig SMALL = new TaggerConfig(4, 3, 4, 3, 5, true, true, 0f, 0, true, 0.01, 4, 2, 5,
            true, 3);

    private static TaggedSentence s(String tokens, String tags) {
        return new TaggedSentence(List.of(tokens.split(" ")), List.of(tags.split(" ")), 1);
    }

    private static List<TaggedSentence> train() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(s("Anna met Paul in Rome", "B-PER O B-PER O B-LOC"));
            out.add(s("Lena saw Oslo in 1999", "B-PER O B-LOC O O"));
        }
        return out;
    }

    /** Vectors with distinct rows: "Rome" and "rome" both (the first, "Rome", must win the key "rome"), "Berlin" and "1984" not in training. */
    private static WordVectors vectors(int dim) {
        List<String> words = List.of("Rome", "rome", "anna", "Berlin", "1984", "met");
        float[] v = new float[words.size() * dim];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(1.7 * i + 0.3);
        return new WordVectors(words, v, dim);
    }

    private static Tensor wordEmbedding(Tagger t) {
        for (Parameter p : t.model().namedParameters()) if (p.name().equals("word_emb")) return p.tensor();
        throw new AssertionError("no word_emb");
    }

    private static float[] row(Tensor emb, int id) {
        int dim = emb.dim(1);
        float[] r = new float[dim];
        System.arraycopy(emb.data(), id * dim, r, 0, dim);
        return r;
    }

    @Test
    void vectorsLandInTheirRowsScaledByOneCommonFactor() {
        WordVectors vec = vectors(4);
        TaggerTask task = TaggerTask.create(SMALL, 20, train(), List.of(), vec);
        Vocabulary words = task.tagger().encoder().words();
        Tensor emb = wordEmbedding(task.tagger());
        // rome <- "Rome" (first in the file), anna, met, berlin, 0000 (1984 with digits folded)
        String[][] pairs = {{"rome", "Rome"}, {"anna", "anna"}, {"met", "met"}, {"berlin", "Berlin"}, {"0000", "1984"}};
        float[] r0 = row(emb, words.id("rome"));
        double scale = r0[0] / vec.vector("Rome")[0];
        assertTrue(scale > 0, "one positive factor");
        for (String[] p : pairs) {
            assertTrue(words.contains(p[0]), p[0]);
            float[] want = vec.vector(p[1]);
            for (int k = 0; k < want.length; k++) want[k] *= (float) scale;
            assertArrayEquals(want, row(emb, words.id(p[0])), 1e-5f, p[0] + " <- " + p[1]);
        }
        float[] lower = vec.vector("rome");
        for (int k = 0; k < lower.length; k++) lower[k] *= (float) scale;
        assertFalse(java.util.Arrays.equals(lower, r0), "the check can fail: the second form's vector differs");

        TagVectors.Use use = task.vectorUse();
        assertEquals(6, use.vectorWords());
        assertEquals(5, use.keys(), "Rome and rome share a key");
        assertEquals(9, use.trainingWords(), "anna met paul in rome lena saw oslo 0000");
        assertEquals(4, use.trainingWordsWithVector(), "rome anna met 0000");
        assertEquals(1, use.added(), "berlin");
        assertEquals(60, use.trainingTokens());
        assertEquals(6 * (3 + 1), use.trainingTokensWithVector(), "anna met rome | 0000 (1999)");
    }

    @Test
    void aWordSeenOnlyInTheVectorsGetsItsOwnIdAndIsTaggedWithIt() {
        List<String> sentence = List.of("Anna", "met", "Berlin");
        TaggerTask without = TaggerTask.create(SMALL, 20, train(), List.of());
        TagEncoder.Encoded plain = without.tagger().encoder().encodeTokens(sentence);
        assertEquals(Vocabulary.UNK, plain.words()[2], "without vectors Berlin is unknown");

        TaggerTask with = TaggerTask.create(SMALL, 20, train(), List.of(), vectors(4));
        Vocabulary words = with.tagger().encoder().words();
        int berlin = with.tagger().encoder().encodeTokens(sentence).words()[2];
        assertNotEquals(Vocabulary.UNK, berlin);
        assertEquals("berlin", words.token(berlin));
        assertEquals(0, words.frequency(berlin), "count 0: never a training word, never word-dropped");
        for (String w : without.tagger().encoder().words().tokens()) {
            assertEquals(without.tagger().encoder().words().id(w), words.id(w), "training ids unchanged: " + w);
        }
    }

    @Test
    void aDimensionMismatchIsRefusedNamingBothSizesAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaggerTask.create(SMALL, 20, train(), List.of(), vectors(7)));
        assertTrue(e.getMessage().contains("dim 7") && e.getMessage().contains("wordDim 4")
                && e.getMessage().contains("-dim 7"), e.getMessage());
    }

    @Test
    void trainedVectorsWithOneThreadGiveTheSameTaggerTwice() {
        List<String[]> text = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            text.add("anna met paul in rome".split(" "));
            text.add("lena saw oslo in berlin".split(" "));
        }
        WordVectorConfig c = WordVectorConfig.skipGram().withDim(4).withMinCount(1).withEpochs(2);
        WordVectors a = WordVectorTrainer.train(text, c).vectors(), b = WordVectorTrainer.train(text, c).vectors();
        for (String w : a.words()) assertArrayEquals(a.vector(w), b.vector(w), 0f, w);
        TaggerTask ta = TaggerTask.create(SMALL, 20, train(), List.of(), a);
        TaggerTask tb = TaggerTask.create(SMALL, 20, train(), List.of(), b);
        ta.fit(ta.options().build());
        tb.fit(tb.options().build());
        assertArrayEquals(wordEmbedding(ta.tagger()).data(), wordEmbedding(tb.tagger()).data(), 0f);
    }

    @Test
    void aSavedTaggerWithAnExtendedVocabularyLoadsAndTagsTheSame(@TempDir Path dir) throws Exception {
        TaggerTask task = TaggerTask.create(SMALL, 20, train(), List.of(), vectors(4));
        task.fit(task.options().build());
        Path file = dir.resolve("tagger.xent");
        task.tagger().save(file);
        Tagger loaded = Tagger.load(file);
        assertEquals(task.tagger().encoder().words().tokens(), loaded.encoder().words().tokens());
        assertTrue(loaded.encoder().words().contains("berlin"));
        assertArrayEquals(wordEmbedding(task.tagger()).data(), wordEmbedding(loaded).data(), 0f);
        List<List<String>> text = List.of(List.of("Lena", "met", "Anna", "in", "Berlin"), List.of("Paul", "saw", "Rome"));
        assertEquals(task.tagger().tagAll(text), loaded.tagAll(text));
    }
}
