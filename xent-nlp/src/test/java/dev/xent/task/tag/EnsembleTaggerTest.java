// EnsembleTagger: one member decodes as the tagger itself; k members average softmax or CRF scores; mismatches fail.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleTaggerTest {
    /** Tiny char-CNN BiLSTM; crf and seed vary. */
    private static TaggerConfig small(boolean crf, long seed) {
        return new TaggerConfig(6, 3, 4, 3, 5, crf, crf, 0f, 0, true, 0.02, 4, 2, 5, true, seed);
    }

    private static TaggedSentence s(String tokens, String tags) {
        return new TaggedSentence(List.of(tokens.split(" ")), List.of(tags.split(" ")), 1);
    }

    private static List<TaggedSentence> ner() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(s("Anna met Paul Smith in Rome", "B-PER O B-PER I-PER O B-LOC"));
            out.add(s("Lena saw Oslo", "B-PER O B-LOC"));
        }
        return out;
    }

    private static List<TaggedSentence> pos() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(s("the dog saw a cat", "DET NOUN VERB DET NOUN"));
            out.add(s("a cat ran", "DET NOUN VERB"));
        }
        return out;
    }

    private static Tagger trained(TaggerConfig cfg, List<TaggedSentence> train) {
        TaggerTask task = TaggerTask.create(cfg, train, List.of());
        task.fit(task.options().build());
        return task.tagger();
    }

    private static final List<List<String>> TEXT = List.of(List.of("Paul", "saw", "Rome"), List.of(),
            List.of("Zoe", "met", "a", "dog", "in", "Oslo"));

    @Test
    void oneMemberTagsAndScoresAsTheTaggerItself() {
        for (boolean crf : new boolean[] {false, true}) {
            List<TaggedSentence> data = crf ? ner() : pos();
            Tagger t = trained(small(crf, 1), data);
            EnsembleTagger e = EnsembleTagger.of(List.of(t));
            assertEquals(t.tagAll(TEXT), e.tagAll(TEXT), "crf " + crf);
            assertEquals(t.evaluate(data).report(), e.evaluate(data).report(), "crf " + crf);
            assertEquals(t.chunkTags(), e.chunkTags());
        }
    }

    @Test
    void softmaxMembersVoteWithTheirMeanProbability() {
        Tagger a = trained(small(false, 1), pos()), b = trained(small(false, 2), pos());
        List<TagEncoder.Encoded> enc = new ArrayList<>();
        for (List<String> tokens : TEXT) enc.add(a.encoder().encodeTokens(tokens));
        float[][] sa = a.sentenceScores(enc), sb = b.sentenceScores(enc);
        int k = a.tags().size();
        List<List<String>> want = new ArrayList<>();
        for (int i = 0; i < TEXT.size(); i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < TEXT.get(i).size(); t++) {
                double[] pa = softmax(sa[i], t * k, k), pb = softmax(sb[i], t * k, k);
                int best = 0;
                for (int j = 1; j < k; j++) if (pa[j] + pb[j] > pa[best] + pb[best]) best = j;
                tags.add(a.tags().get(best));
            }
            want.add(tags);
        }
        assertEquals(want, EnsembleTagger.of(List.of(a, b)).tagAll(TEXT));
    }

    @Test
    void crfMembersDecodeTheirMeanScoresByViterbi() {
        Tagger a = trained(small(true, 1), ner()), b = trained(small(true, 2), ner());
        List<TagEncoder.Encoded> enc = new ArrayList<>();
        for (List<String> tokens : TEXT) enc.add(a.encoder().encodeTokens(tokens));
        float[][] sa = a.sentenceScores(enc), sb = b.sentenceScores(enc);
        int k = a.tags().size();
        float[] trans = mean(a.model().crfTransitions(), b.model().crfTransitions());
        float[] start = mean(a.model().crfStart(), b.model().crfStart());
        float[] end = mean(a.model().crfEnd(), b.model().crfEnd());
        List<List<String>> want = new ArrayList<>();
        for (int i = 0; i < TEXT.size(); i++) {
            int len = TEXT.get(i).size();
            want.add(len == 0 ? List.of() : a.names(Viterbi.decode(mean(sa[i], sb[i]), 0, k, len, k, trans, start, end)));
        }
        EnsembleTagger e = EnsembleTagger.of(List.of(a, b));
        assertEquals(want, e.tagAll(TEXT));
        assertTrue(e.chunkTags());
        // written in the data's scheme (IOB2), never as the learned IOBES
        for (List<String> tags : e.tagAll(TEXT)) for (String tag : tags) assertTrue(!tag.startsWith("E-") && !tag.startsWith("S-"), tag);
        TagScores scores = e.evaluate(ner());
        assertEquals(36, scores.tokens());
        assertTrue(scores.chunked());
    }

    @Test
    void membersMustShareTagsAndOutputLayer() {
        Tagger posTagger = trained(small(false, 1), pos());
        Tagger nerCrf = trained(small(true, 1), ner());
        Tagger nerSoftmax = trained(small(false, 1), ner());
        IllegalArgumentException tags = assertThrows(IllegalArgumentException.class,
                () -> EnsembleTagger.of(List.of(posTagger, nerSoftmax)));
        assertTrue(tags.getMessage().contains("member 1 has tags"), tags.getMessage());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> EnsembleTagger.of(List.of(nerCrf, trained(small(true, 2).withIobes(false), ner()))));
        assertTrue(layer.getMessage().contains("tags"), layer.getMessage());   // IOB2 learned: other tags than IOBES
        IllegalArgumentException crf = assertThrows(IllegalArgumentException.class,
                () -> EnsembleTagger.of(List.of(nerSoftmax, trained(small(true, 2).withIobes(false), ner()))));
        assertTrue(crf.getMessage().contains("crf=true"), crf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnsembleTagger.of(List.of()));
    }

    private static double[] softmax(float[] s, int off, int k) {
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (int j = 0; j < k; j++) max = Math.max(max, s[off + j]);
        double[] p = new double[k];
        for (int j = 0; j < k; j++) z += p[j] = Math.exp(s[off + j] - max);
        for (int j = 0; j < k; j++) p[j] /= z;
        return p;
    }

    private static float[] mean(float[] x, float[] y) {
        float[] m = new float[x.length];
        for (int i = 0; i < m.length; i++) m[i] = (x[i] + y[i]) * 0.5f;
        return m;
    }
}
