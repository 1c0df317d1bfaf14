// Character n-gram subwords (-minn/-maxn): fastText's n-grams of "<word>" by hand, unseen words classified by their
// n-grams (and at chance without them: the control), and the setting surviving a save/load round trip.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextSubwordsTest {
    static final FastTextConfig BASE = FastTextConfig.defaults().withDim(16).withEpoch(10).withLr(0.5)
            .withBucket(50_000).withThreads(1).withSeed(3);

    @Test
    void ngramsAreFastTextsOfTheBracketedWord() {
        assertEquals(List.of("<a", "<ab", "a", "ab", "ab>", "b", "b>"), strings(FastTextSubwords.ngrams("ab", 1, 3)));
        assertEquals(List.of("<ab", "ab>"), strings(FastTextSubwords.ngrams("ab", 3, 3)));
        // characters, not bytes: é is two UTF-8 bytes and one character
        assertEquals(List.of("<é", "é", "é>"), strings(FastTextSubwords.ngrams("é", 1, 2)));
        int[] b = FastTextSubwords.buckets("ab", 3, 3, 1000);
        assertEquals(Integer.remainderUnsigned(FastTextHash.hash("<ab"), 1000), b[0]);
        assertEquals(Integer.remainderUnsigned(FastTextHash.hash("ab>"), 1000), b[1]);
    }

    @Test
    void unseenWordsAreClassifiedByTheirCharacterNgrams() {
        List<Example> train = stems(600, 1, "abcdefgh");
        List<Example> unseen = stems(300, 2, "stuvwxyz");   // every test word is new: other suffix letters
        double with = FastTextClassifier.train(train, BASE.withSubwords(3, 4)).evaluate(unseen).accuracy();
        double without = FastTextClassifier.train(train, BASE).evaluate(unseen).accuracy();
        assertTrue(with > 0.95, "with subwords: " + with);
        assertTrue(without < 0.65, "without subwords an unseen text is only </s>: " + without);
    }

    @Test
    void subwordSettingSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        FastTextClassifier m = FastTextClassifier.train(stems(300, 1, "abcdefgh"), BASE.withSubwords(2, 5)
                .withWordNgrams(2));
        m.save(dir.resolve("m.xent"));
        FastTextClassifier again = FastTextClassifier.load(dir.resolve("m.xent"));
        assertEquals(2, again.config().minn());
        assertEquals(5, again.config().maxn());
        assertArrayEquals(m.probabilities("joyzzz sadqqq"), again.probabilities("joyzzz sadqqq"));
    }

    @Test
    void badRangeIsRefusedNamingTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> BASE.withSubwords(5, 3));
        assertTrue(e.getMessage().startsWith("minn must be in [1, maxn = 3]"), e.getMessage());
    }

    /** Texts of two words "joy"/"sad" + 3 random suffix letters (the class) and one neutral filler word. */
    private static List<Example> stems(int n, long seed, String suffixLetters) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            String w = (pos ? "joy" : "sad") + suffix(r, suffixLetters);
            out.add(new Example(w + " the", List.of(pos ? "pos" : "neg"), i + 1));
        }
        return out;
    }

    private static String suffix(Random r, String letters) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 3; k++) s.append(letters.charAt(r.nextInt(letters.length())));
        return s.toString();
    }

    private static List<String> strings(List<byte[]> grams) {
        return grams.stream().map(g -> new String(g, StandardCharsets.UTF_8)).toList();
    }
}
