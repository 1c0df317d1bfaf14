// WikiText-2 as LM benchmarks count it (slow; skipped unless XENT_DATA or DATA names the data folder): 2,088,628 training tokens, 33,278 types.
package dev.xent.task.lm;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * pytorch/examples' word_language_model (data.py: {@code line.split() + ['<eos>']} per line, one dictionary over
 * train, valid and test) counts 2,088,628 training tokens and 33,278 types; every validation and test word occurs
 * in the training text, so the training text alone gives the 33,278 too. xent's word vocabulary adds the two
 * specials the text never holds ({@code <pad>}, {@code <bos>}; {@code <unk>} and {@code <eos>} are the data's own):
 * 33,280 ids. Run: {@code ./build test -pl xent-nlp -am -Dtest=WikiText2CountsTest -Dsurefire.excludedGroups=
 * -Dsurefire.failIfNoSpecifiedTests=false} with XENT_DATA (or DATA) set to the folder that holds wikitext-2/.
 */
@Tag("slow")
class WikiText2CountsTest {
    @Test
    void whitespaceSplitWithMinCountOneGivesTheStandardCounts() throws Exception {
        String data = System.getenv().getOrDefault("XENT_DATA", System.getenv().getOrDefault("DATA", ""));
        assumeTrue(!data.isEmpty(), "XENT_DATA (or DATA) is not set: no benchmark data folder");
        Path dir = Path.of(data, "wikitext-2");
        assumeTrue(Files.isRegularFile(dir.resolve("train.txt")), "no WikiText-2 under " + dir);
        String train = Files.readString(dir.resolve("train.txt")), valid = Files.readString(dir.resolve("valid.txt"));
        LmCodec.Words codec = (LmCodec.Words) LmCodec.train("word", train, 1, 0, WordSplit.WHITESPACE);
        int[] ids = codec.encode(train);
        assertEquals(2_088_628, ids.length);
        assertEquals(33_278 + 2, codec.size());
        assertEquals(0, codec.vocabulary().frequency(dev.xent.text.Vocabulary.PAD_TOKEN));
        assertEquals(0, codec.vocabulary().frequency(dev.xent.text.Vocabulary.BOS_TOKEN));
        assertEquals(217_646, codec.encode(valid).length);
        WordCorpus pytorch = new WordCorpus();          // pytorch/examples' own way, as the benchmark reads it
        assertEquals(ids.length, pytorch.readText(train).length);
        pytorch.readText(valid);
        pytorch.readText(Files.readString(dir.resolve("test.txt")));
        assertEquals(33_278, pytorch.vocabularySize());
        for (String t : WordSplit.WHITESPACE.lines(valid)) {
            assertEquals(true, codec.vocabulary().contains(t), "validation word '" + t + "' is not in the vocabulary");
        }
    }
}
