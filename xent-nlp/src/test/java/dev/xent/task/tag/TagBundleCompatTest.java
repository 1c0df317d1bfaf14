// A tagger bundle written by `xent train tag` before the tagger moved into xent-nlp still loads and tags the same.
package dev.xent.task.tag;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xent.io.BundleFormatException;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bundles/tagger-6c62b71.xent was written by main at commit 6c62b71 (xent-cli's TagBundle):
 * {@code xent train tag -input train.conll -valid valid.conll -dim 6 --set hidden=5 --set charDim=3
 * --set charFilters=4 --set crf=true --set lowercase=true -epoch 3 -lr 0.05 -seed 7 -thread 1} on 40 sentences
 * "PERSON VERB New CITY" (B-PER O B-LOC I-LOC). The expected tags are what that commit's `xent predict` printed.
 */
class TagBundleCompatTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(TagBundleCompatTest.class.getResource("/bundles/tagger-6c62b71.xent").toURI());
    }

    @Test
    void aBundleFromBeforeTheMoveLoadsAndTagsAsItDidThen() throws Exception {
        Tagger t = Tagger.load(fixture());
        TaggerConfig c = t.model().config();
        assertEquals(List.of(6, 3, 4, 3, 5, true), List.of(c.wordDim(), c.charDim(), c.charFilters(), c.charWidth(),
                c.hidden(), c.crf()));
        assertEquals(List.of("B-LOC", "B-PER", "I-LOC", "O"), t.tags());
        assertTrue(t.encoder().lowercase() && t.chunkTags());
        Map<String, List<String>> expected = Map.of(
                "Lena saw New Oslo", List.of("B-PER", "O", "B-LOC", "I-LOC"),
                "anna left new rome", List.of("B-PER", "O", "B-LOC", "I-LOC"),
                "Zoe loves Berlin", List.of("B-PER", "O", "I-LOC"),
                "Paris Anna", List.of("B-PER", "O"),
                "new new new", List.of("B-LOC", "B-LOC", "I-LOC"),
                "visited", List.of("O"),
                "Marco 12 Lima x y", List.of("B-PER", "O", "O", "B-PER", "O"));
        expected.forEach((text, tags) -> assertEquals(tags, t.tag(List.of(text.split(" "))), text));
    }

    @Test
    void savedAgainItHoldsTheSameWeights(@TempDir Path dir) throws Exception {
        Tagger t = Tagger.load(fixture());
        t.save(dir.resolve("again.xent"));
        Tagger u = Tagger.load(dir.resolve("again.xent"));
        t.model().stateDict().forEach((k, w) -> assertArrayEquals(w.data(), u.model().stateDict().get(k).data(), k));
        assertEquals(t.encoder().words().size(), u.encoder().words().size());
        assertEquals(List.of("B-PER", "O"), u.tag(List.of("Paris", "Anna")));
    }

    @Test
    void anotherTasksBundleIsRefused(@TempDir Path dir) throws Exception {
        Path lm = dir.resolve("lm.xent");
        ModelBundle.builder(JsonNodeFactory.instance.objectNode().put("task", "lm"), Provenance.now(1, Map.of()))
                .build().write(lm);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> Tagger.load(lm));
        assertTrue(e.getMessage().contains("is not a tagger (config task \"lm\")"), e.getMessage());
    }
}
