// The word level's two splits on small made-up text: whitespace keeps <unk> and @-@ whole, <eos> per line, bundles keep the split.
package dev.xent.task.lm;

import dev.xent.io.Provenance;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordSplitTest {
    private static final String TEXT = " = Song = \n\nthe <unk> of 1 @,@ 000 men ,\tin  1850 .\u00a0x\nlast";

    @Test
    void whitespaceSplitsOnRunsOfWhitespaceAndEndsEveryLine() {
        assertEquals(List.of("=", "Song", "=", "<eos>", "<eos>", "the", "<unk>", "of", "1", "@,@", "000", "men", ",",
                "in", "1850", ".", "x", "<eos>", "last"), WordSplit.WHITESPACE.lines(TEXT));
    }

    @Test
    void wordSplitsPunctuationAndSoBreaksUnk() {
        List<String> t = WordSplit.WORD.line("the <unk> , men.");
        assertEquals(List.of("the", "<", "unk", ">", ",", "men", "."), t);
    }

    @Test
    void countsMatchPythonSplitPlusEos() {
        // python: sum(len(l.split()) + 1 for l in text.splitlines(keepends=True)) with every line newline-ended
        String text = "a b  c\n\n d\t e \n";
        assertEquals(3 + 1 + 1 + 2 + 1, WordSplit.WHITESPACE.lines(text).size());
    }

    @Test
    void minCountOneKeepsEveryTypeAndUnkIsTheDataOwn() {
        LmCodec.Words w = (LmCodec.Words) LmCodec.train("word", TEXT + "\n", 1, 0, WordSplit.WHITESPACE);
        // 15 distinct word types and <eos>, <unk> from the text; plus <pad> and <bos>, never seen
        assertEquals(Vocabulary.SPECIALS.size() + 14, w.size());
        assertEquals(Vocabulary.UNK, w.vocabulary().id("<unk>"));
        int[] ids = w.encode("the <unk> of\n");
        assertEquals(List.of("the", "<unk>", "of", "<eos>"), w.vocabulary().decode(ids));
    }

    @Test
    void bundleKeepsTheSplitAndOldBundlesReadAsWord(@TempDir Path dir) throws Exception {
        LmCodec.Words w = (LmCodec.Words) LmCodec.train("word", TEXT + "\n", 1, 0, WordSplit.WHITESPACE);
        assertEquals("whitespace", w.toJson().path("tokenizer").asText());
        assertEquals(WordSplit.WHITESPACE, ((LmCodec.Words) LmCodec.read("word", w.toJson())).tokenizer());
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) w.toJson();
        old.remove("tokenizer");
        assertEquals(WordSplit.WORD, ((LmCodec.Words) LmCodec.read("word", old)).tokenizer());

        String train = "the cat sat on the mat\n".repeat(60), valid = "the cat sat\n".repeat(20);
        LmTask task = LmTask.create(LmConfig.builder().level("word").minCount(1).dim(8).batch(2).seqLen(4).build(),
                train, valid);
        Path file = dir.resolve("m.xent");
        task.bundle(Provenance.now(1, Map.of()), Map.of()).write(file);
        assertEquals(WordSplit.WHITESPACE, ((LmCodec.Words) LmBundle.read(file).codec()).tokenizer());
    }

    /**
     * Mikolov's PTB files (not in the shared data, so their 929,589 training tokens are not checked here) write every
     * sentence as " w1 w2 ... wn \n": a space before the first word and after the last, numbers as N, rare words as
     * <unk>. The standard count is n + 1 per line; three such lines, as the file has them.
     */
    @Test
    void ptbStyleLinesCountTheirWordsPlusOneEos() {
        String ptb = " aer banknote berlitz calloway centrust \n pierre <unk> N years old will join the board \n"
                + " mr. <unk> is chairman of <unk> n.v. the dutch publishing group \n";
        List<String> t = WordSplit.WHITESPACE.lines(ptb);
        assertEquals(5 + 1 + 9 + 1 + 11 + 1, t.size());
        assertEquals(List.of("pierre", "<unk>", "N"), t.subList(6, 9));
        assertEquals(WordSplit.WHITESPACE, WordSplit.detect(ptb), "abbreviations (mr., n.v.) do not make it raw text");
    }

    @Test
    void detectTellsTokenisedTextFromRawText() {
        // "U.S." keeps its full stops in tokenised text; only , ; : ! ? stuck to a word mark raw text
        String tokenised = "the <unk> of 1 @,@ 000 men , in 1850 . he said \" no \" to the U.S. army .\n"
                + "the <unk> of 1 @,@ 000 men , in 1850 . he said \" no \" to the US army .\n".repeat(19);
        String raw = "The men, in 1850, said \"no\" to the army. They left.\n".repeat(20);
        assertEquals(WordSplit.WHITESPACE, WordSplit.detect(tokenised));
        assertEquals(WordSplit.WORD, WordSplit.detect(raw));
        LmCodec.Words w = (LmCodec.Words) LmCodec.train("word", raw, 1, 0, null);
        assertEquals(WordSplit.WORD, w.tokenizer(), "a null split is detected from the training text");
    }

    @Test
    void unknownSplitIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> WordSplit.of("spaces"));
        assertTrue(e.getMessage().contains("got 'spaces'"), e.getMessage());
    }
}
