// What the tagger task validates and how it picks the best epoch: entity F1 for chunk tags, accuracy otherwise.
package dev.xent.task.tag;

import dev.xent.data.TagScheme;
import dev.xent.data.TaggedSentence;
import dev.xent.metrics.ChunkF1;
import dev.xent.train.Selection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaggerTaskTest {
    private static final TaggerConfig SMALL = new TaggerConfig(6, 0, 0, 1, 6, false, false, 0f, 0, false, 0.01, 8, 1, 5,
            false, 2);

    private static TaggedSentence s(String tokens, String tags) {
        return new TaggedSentence(List.of(tokens.split(" ")), List.of(tags.split(" ")), 1);
    }

    /** NER-like sentences in IOBES: single-word and two-word entities. */
    private static List<TaggedSentence> iobes() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(s("Anna Berg met Paul in Rome", "B-PER E-PER O S-PER O S-LOC"));
            out.add(s("New York hosts Lena", "B-LOC E-LOC O S-PER"));
        }
        return out;
    }

    @Test
    void chunkTagsAreRecognisedAndOtherTagsAreNot() {
        assertEquals(TagScheme.IOBES, Tagger.chunkScheme(List.of("B-PER", "E-PER", "O", "S-LOC")));
        assertEquals(TagScheme.IOB2, Tagger.chunkScheme(List.of("B-PER", "I-PER", "O")));
        assertNull(Tagger.chunkScheme(List.of("ADJ", "NOUN", "VERB")), "UPOS tags");
        assertNull(Tagger.chunkScheme(List.of("A0", "B1", "B2")), "tags without a dash");
        assertNull(Tagger.chunkScheme(List.of("O")), "no entity tag");
    }

    @Test
    void chunkTagsAreValidatedAndChosenByEntityF1() {
        TaggerTask ner = TaggerTask.create(SMALL, iobes(), iobes().subList(0, 4));
        assertEquals(Set.of("val_accuracy", "val_f1", "val_precision", "val_recall"), ner.validate().keySet());
        Selection sel = ner.selection();
        assertEquals("highest val_f1, then highest val_accuracy", sel.toString());
        assertTrue(sel.better(Map.of("val_f1", 0.80, "val_accuracy", 0.90), Map.of("val_f1", 0.70, "val_accuracy", 0.95)),
                "a higher entity F1 wins over a higher token accuracy");

        List<TaggedSentence> pos = List.of(s("the cat sat", "DET NOUN VERB"), s("a dog ran", "DET NOUN VERB"));
        TaggerTask tagger = TaggerTask.create(SMALL, pos, pos);
        assertEquals(Set.of("val_accuracy"), tagger.validate().keySet());
        assertEquals("highest val_accuracy", tagger.selection().toString());
        assertEquals(Map.of(), TaggerTask.create(SMALL, pos, List.of()).validate(), "no validation data");
    }

    @Test
    void iobesEntitiesAreScoredAsIob2LikeConllevalUsage() {
        List<TaggedSentence> data = iobes();
        Tagger untrained = TaggerTask.create(SMALL, data, List.of()).tagger();   // random tags: many mistakes
        TagScores got = untrained.evaluate(data);
        ChunkF1 iob2 = new ChunkF1(), raw = new ChunkF1();
        long right = 0, tokens = 0;
        for (TaggedSentence s : data) {
            List<String> guess = untrained.tag(s.tokens());
            iob2.addIobes(s.tags(), guess);
            raw.add(s.tags(), guess);
            for (int i = 0; i < guess.size(); i++) if (guess.get(i).equals(s.tags().get(i))) right++;
            tokens += guess.size();
        }
        assertEquals(iob2.overall(), got.entities().overall());
        assertNotEquals(raw.overall(), got.entities().overall(), "the check can fail: raw conlleval reads S-/E- otherwise");
        assertEquals((double) right / tokens, got.accuracy(), 0, "accuracy on the tags as written (S-PER is not B-PER)");
        assertFalse(got.accuracy() == 1.0, "an untrained tagger makes mistakes");
    }

    @Test
    void anAllOModelIsNeverChosenOverOneThatFindsEntities() {
        Selection sel = TaggerTask.create(SMALL, iobes(), iobes().subList(0, 4)).selection();
        Map<String, Double> allO = Map.of("val_f1", 0.0, "val_accuracy", 0.95), some = Map.of("val_f1", 0.01,
                "val_accuracy", 0.60);
        assertTrue(sel.better(some, allO), "any entity F1 > 0 beats an all-O epoch, whatever its token accuracy");
        assertFalse(sel.better(allO, some), "and an all-O epoch never replaces it");
    }

    /** BIO sentences: two-word and one-word entities. */
    private static List<TaggedSentence> bio() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(s("Anna Berg met Paul in Rome", "B-PER I-PER O B-PER O B-LOC"));
            out.add(s("New York hosts Lena", "B-LOC I-LOC O B-PER"));
        }
        return out;
    }

    @Test
    void bioTagsAreLearnedAsIobesAndOutputAsBio(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TaggerConfig cfg = SMALL.withIobes(true).withCrf(true).withEpochs(30);
        TaggerTask task = TaggerTask.create(cfg, bio(), bio());
        Tagger t = task.tagger();
        assertEquals(List.of("B-LOC", "B-PER", "E-LOC", "E-PER", "O", "S-LOC", "S-PER"), t.tags(), "learned tags");
        assertEquals(TagScheme.IOB2, t.outputScheme());
        task.fit(task.options().build());
        assertEquals(List.of("B-PER", "I-PER", "O", "B-PER", "O", "B-LOC"), t.tag(List.of("Anna", "Berg", "met",
                "Paul", "in", "Rome")), "BIO out");
        TagScores sc = t.evaluate(bio());
        assertEquals(1.0, sc.accuracy(), "scored on the BIO tags as written");
        assertEquals(1.0, sc.entities().f1());

        java.nio.file.Path file = dir.resolve("t.xent");
        t.save(file);
        Tagger back = Tagger.load(file);
        assertEquals(TagScheme.IOB2, back.outputScheme());
        assertTrue(back.model().config().iobes());
        assertEquals(t.tag(List.of("New", "York", "hosts", "Lena")), back.tag(List.of("New", "York", "hosts", "Lena")));

        assertNull(TaggerTask.create(cfg, iobes(), List.of()).tagger().outputScheme(), "IOBES data: output as learned");
        assertNull(TaggerTask.create(SMALL, bio(), List.of()).tagger().outputScheme(), "iobes off: BIO learned");
    }

    @Test
    void theOutputSchemeIsTheOneMostEntitiesStartIn() {
        List<TaggedSentence> noisyBio = new ArrayList<>(bio());
        noisyBio.add(s("in Rome", "O I-LOC"));   // one stray I- start among 36 B- starts
        assertEquals(TagScheme.IOB2, TaggerTask.dataScheme(noisyBio));
        assertEquals(TagScheme.IOB1, TaggerTask.dataScheme(List.of(s("Anna Berg met Paul", "I-PER I-PER O I-PER"),
                s("Anna Paul", "I-PER B-PER"))));
        assertEquals(TagScheme.IOBES, TaggerTask.dataScheme(iobes()));
        TaggedSentence iob1 = s("Anna Berg met Paul Rome", "I-PER I-PER O I-PER I-LOC");
        Tagger t = TaggerTask.create(SMALL.withIobes(true), List.of(iob1), List.of()).tagger();
        assertEquals(TagScheme.IOB1, t.outputScheme());
        assertEquals(List.of("B-PER", "E-PER", "O", "S-LOC", "S-PER"), t.tags(), "Anna Berg: B E; Paul, Rome: S");
    }
}
