// Bundles written by `xent train lm` before the one training loop (main 6c62b71) still load, score and generate the same.
package dev.xent.task.lm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The two fixtures were trained by main at 6c62b71 on a 4,000-character text of random words (30 steps, dim 8):
 * a char LSTM and a tied word GRU. The expected numbers and texts are what that main's `xent score` and
 * `xent generate --prompt 'the commission ' -n 12 --seed 7 --temperature 0.9` printed for them.
 */
class LmBundleCompatibilityTest {
    private static final String LINE1 = "the commission must act on this report.\n", LINE2 = "we vote for it today.\n";
    private static final Sampler SAMPLER = Sampler.of(0.9f, 0, 1f);

    private static LmBundle load(String name) throws Exception {
        return LmBundle.read(Path.of(LmBundleCompatibilityTest.class.getResource("/lm/" + name).toURI()));
    }

    @Test
    void aCharLstmBundleOfTheOldMainLoadsAndScoresAsItDid() throws Exception {
        LmBundle lm = load("char-lstm-6c62b71.xent");
        assertEquals("char", lm.codec().level());
        assertEquals(LstmLanguageModel.Cell.LSTM, lm.rnn().cell());
        assertFalse(lm.rnn().tied());
        Generator.Score s1 = lm.score(LINE1), s2 = lm.score(LINE2);
        assertEquals(39, s1.tokens());
        assertEquals(2.6233, s1.natsPerToken(), 5e-5);
        assertEquals(21, s2.tokens());
        assertEquals(2.4697, s2.natsPerToken(), 5e-5);
        assertEquals("i lne io itu", lm.generate("the commission ", 12, SAMPLER, 7));
    }

    @Test
    void aTiedWordGruBundleOfTheOldMainLoadsAndScoresAsItDid() throws Exception {
        LmBundle lm = load("word-gru-tied-6c62b71.xent");
        assertEquals("word", lm.codec().level());
        assertEquals(LstmLanguageModel.Cell.GRU, lm.rnn().cell());
        assertEquals(true, lm.rnn().tied());
        Generator.Score s1 = lm.score(LINE1), s2 = lm.score(LINE2);
        assertEquals(8, s1.tokens());
        assertEquals(2.9305, s1.natsPerToken(), 5e-5);
        assertEquals(6, s2.tokens());
        assertEquals(2.7053, s2.natsPerToken(), 5e-5);
        assertEquals("president\neurope must this..\n\na\ncouncil", lm.generate("the commission ", 12, SAMPLER, 7));
    }
}
