// The language prefix of WikiANN-style tokens ("en:Paris"): found only when every training token has it, stripped
// in training and in what is tagged later, and kept in the saved model.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagEncoderPrefixTest {
    private static TaggedSentence s(String tokens, String tags) {
        return new TaggedSentence(List.of(tokens.split(" ")), List.of(tags.split(" ")), 1);
    }

    private static final List<TaggedSentence> PREFIXED = List.of(
            s("en:Anna en:lives en:in en:Paris", "B-PER O O B-LOC"), s("en:Paris en::", "B-LOC O"));

    @Test
    void aPrefixEveryTokenSharesIsFound() {
        assertEquals("en:", TagEncoder.languagePrefix(PREFIXED));
        assertEquals("deu:", TagEncoder.languagePrefix(List.of(s("deu:Anna deu:lebt", "B-PER O"))));
    }

    @Test
    void noPrefixUnlessEveryTokenHasOneOfTheLanguageForm() {
        assertEquals("", TagEncoder.languagePrefix(List.of(s("en:Anna lives", "B-PER O"))), "one token without it");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("en:Anna en:", "B-PER O"))), "nothing after the prefix");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("en:Anna fr:vit", "B-PER O"))), "two languages");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("http://a http://b", "O O"))), "not 2-3 letters");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("EN:Anna EN:lives", "B-PER O"))), "not lowercase");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("e:Anna e:lives", "B-PER O"))), "one letter");
        assertEquals("", TagEncoder.languagePrefix(List.of(s("Anna lives", "B-PER O"))));
    }

    @Test
    void encodedSentencesShareOneCharRowPerDistinctToken() {
        // the char ids of a token are held once, not per occurrence (6.75 M tokens, 33 k distinct words)
        TagEncoder enc = TagEncoder.build(PREFIXED, false, 20);
        List<TagEncoder.Encoded> all = enc.encodeAll(PREFIXED);
        assertSame(all.get(0).chars()[3], all.get(1).chars()[0], "Paris in both sentences");
        assertArrayEquals(enc.encode(PREFIXED.get(1)).chars()[0], all.get(1).chars()[0]);
    }

    @Test
    void wordsAndCharactersSeeTheTokenWithoutThePrefix() {
        TagEncoder enc = TagEncoder.build(PREFIXED, false, 20);
        assertEquals("en:", enc.tokenPrefix());
        assertEquals(Set.of("Anna", "lives", "in", "Paris", ":"), enc.words().tokens().stream()
                .filter(w -> !Vocabulary.SPECIALS.contains(w)).collect(Collectors.toSet()));
        TagEncoder.Encoded prefixed = enc.encodeTokens(List.of("en:Paris", "en:Anna"));
        TagEncoder.Encoded plain = enc.encodeTokens(List.of("Paris", "Anna"));
        assertArrayEquals(plain.words(), prefixed.words());
        assertArrayEquals(plain.chars()[0], prefixed.chars()[0]);
        assertEquals(5, prefixed.chars()[0].length, "P a r i s");
        assertEquals("Paris", enc.strip("en:Paris"));
        assertEquals("en:", enc.strip("en:"), "a bare prefix is a token of its own");
        assertEquals("fr:Paris", enc.strip("fr:Paris"));
    }

    @Test
    void theSavedModelKeepsThePrefix(@TempDir Path dir) throws Exception {
        TaggerConfig small = new TaggerConfig(6, 4, 4, 3, 6, true, true, 0f, 0, false, 0.01, 8, 1, 5, false, 2);
        Tagger tagger = TaggerTask.create(small, PREFIXED, List.of()).tagger();
        Path file = dir.resolve("m.xent");
        tagger.save(file);
        Tagger loaded = Tagger.load(file);
        assertEquals("en:", loaded.encoder().tokenPrefix());
        assertEquals(tagger.tag(List.of("en:Anna", "en:lives")), loaded.tag(List.of("Anna", "lives")));

        TaggedSentence plain = s("Anna lives", "B-PER O");
        assertEquals("", TaggerTask.create(small, List.of(plain), List.of()).tagger().encoder().tokenPrefix());
    }

    @Test
    void aSavedPrefixMustHaveTheLanguageForm() {
        TagEncoder enc = TagEncoder.build(PREFIXED, false, 20);
        assertThrows(IllegalArgumentException.class,
                () -> TagEncoder.of(enc.words(), enc.chars(), enc.tags(), false, 20, "http:"));
    }
}
