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
    private static final TaggerConfig SMALL = new TaggerConfig(6, 0, 0, 1, 6, false, 0f, 0, false, 0.01, 8, 1, 5,
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
}
