package dev.xent.data;

import static dev.xent.data.Files2.all;
import static dev.xent.data.Files2.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConllReaderTest {
    private static final String CONLL2003 = "-DOCSTART- -X- -X- O\n\n"
            + "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n"
            + "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n\n"
            + "-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n";

    private static ConllReader reader(String s, ConllReader.Format f, ReadOptions o) {
        return new ConllReader(utf8(s), "ner.conll", f, o);
    }

    @Test
    void conll2003SentencesDocstartSkippedLastColumnIsTag() {
        List<TaggedSentence> got = all(reader(CONLL2003, ConllReader.Format.standard(), ReadOptions.defaults()));
        assertEquals(3, got.size());
        assertEquals(new TaggedSentence(List.of("EU", "rejects", "German"), List.of("B-ORG", "O", "B-MISC"), 3),
                got.get(0));
        assertEquals(List.of("B-PER", "I-PER"), got.get(1).tags());
        assertEquals(7, got.get(1).line());
        assertEquals(List.of("BRUSSELS"), got.get(2).tokens());
        // another column as tag: the chunk column
        List<TaggedSentence> chunks = all(reader(CONLL2003, new ConllReader.Format(0, 2, "", null),
                ReadOptions.defaults()));
        assertEquals(List.of("B-NP", "B-VP", "B-NP"), chunks.get(0).tags());
    }

    @Test
    void repeatedTokensAndTagsAreOneStringEach() {
        // a large file repeats a few tags and tens of thousands of words millions of times: one String each
        List<TaggedSentence> got = all(reader("the\tO\ncat\tB-X\n\nthe\tO\ndog\tO\n",
                ConllReader.Format.standard(), ReadOptions.defaults()));
        assertEquals(List.of("the", "dog"), got.get(1).tokens());
        assertSame(got.get(0).tokens().get(0), got.get(1).tokens().get(0));
        assertSame(got.get(0).tags().get(0), got.get(1).tags().get(0));
        assertSame(got.get(1).tags().get(0), got.get(1).tags().get(1));
    }

    @Test
    void wikiannPrefixIsStrippedAndSchemeChecked() {
        String data = "en:R.H.\tB-ORG\nen:Saunders\tI-ORG\n\nen:in\tO\nen:Paris\tB-LOC\n";
        List<TaggedSentence> got = all(reader(data, ConllReader.Format.wikiann("en"), ReadOptions.defaults()));
        assertEquals(List.of("R.H.", "Saunders"), got.get(0).tokens());
        DataException e = assertThrows(DataException.class, () -> all(reader("en:a\tO\nen:b\tI-PER\n",
                ConllReader.Format.wikiann("en"), ReadOptions.defaults())));
        assertTrue(e.getMessage().startsWith("ner.conll:1: tags do not follow IOB2: tag 2 \"I-PER\" follows \"O\""),
                e.getMessage());
        e = assertThrows(DataException.class, () -> all(reader("en:a\tO\nen:b\tX-PER\n",
                ConllReader.Format.wikiann("en"), ReadOptions.defaults())));
        assertTrue(e.getMessage().contains("tag 2 \"X-PER\" is not a IOB2 tag"), e.getMessage());
    }

    @Test
    void wrongColumnCountSkipsTheWholeSentence() {
        String data = "a O\nb O\n\nc O\nd\ne O\n\nf B-X\n";
        DataException e = assertThrows(DataException.class,
                () -> all(reader(data, ConllReader.Format.standard(), ReadOptions.defaults())));
        assertTrue(e.getMessage().startsWith("ner.conll:5: wrong column count: expected a token (column 0) and a tag"
                + " (column -1), got 1 column: \"d\". Fix:"), e.getMessage());
        ConllReader r = reader(data, ConllReader.Format.standard(), Files2.skip());
        List<TaggedSentence> got = all(r);
        assertEquals(List.of(List.of("a", "b"), List.of("f")), got.stream().map(TaggedSentence::tokens).toList());
        assertEquals(1, r.report().skipped());
        assertEquals(8, got.get(1).line());
    }

    @Test
    void sentenceOverTheLengthLimit() {
        ReadOptions o = ReadOptions.defaults().withMaxSentenceLength(3);
        String data = "a O\n\nb O\nc O\nd O\ne O\n\nf O\n";
        DataException e = assertThrows(DataException.class,
                () -> all(reader(data, ConllReader.Format.standard(), o)));
        assertTrue(e.getMessage().startsWith("ner.conll:3: sentence longer than maxSentenceLength = 3 tokens"),
                e.getMessage());
        ConllReader r = reader(data, ConllReader.Format.standard(), o.withSkipBadLines(true));
        assertEquals(2, all(r).size());
        assertEquals(1, r.report().skipped());
    }
}
