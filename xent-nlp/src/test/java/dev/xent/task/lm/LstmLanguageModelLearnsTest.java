// The LSTM LM learns a tiny generated language, and the corpus/batching match pytorch/examples' conventions.
package dev.xent.task.lm;

import dev.xent.optim.Sgd;
import dev.xent.tensor.Rng;
import dev.xent.train.History;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LstmLanguageModelLearnsTest {
    private static final String[] SENTENCES = {
        "the cat sat on the mat", "a dog ran to the park", "the bird sang in the tree",
        "a cat ran on the grass", "the dog sat in the park"};

    /** Lines of sentences drawn at random: within a sentence the next word is nearly determined. */
    private static String text(Rng rng, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) sb.append(SENTENCES[rng.nextInt(SENTENCES.length)]).append('\n');
        return sb.toString();
    }

    @Test
    void validationLossFallsFarBelowUniform() {
        Rng rng = new Rng(7);
        WordCorpus corpus = new WordCorpus();
        int[] train = corpus.readText(text(rng, 120)), valid = corpus.readText(text(rng, 40));
        int v = corpus.vocabularySize();
        BpttStream trainStream = new BpttStream(train, 8, 10), validStream = new BpttStream(valid, 4, 10);
        LstmLanguageModel model = new LstmLanguageModel(v, 16, 24, 2, 0f, rng);
        RnnLmTask task = new RnnLmTask(model, trainStream, validStream, rng.split(), "word");
        History h = new Trainer(task, new Sgd(model.namedParameters(), 5)).fit(TrainOptions.builder().epochs(25)
                .clipNorm(1.0).validateAtStart(true).build());
        double before = h.initial().get("val_loss"), after = h.last("val_loss");
        // Uniform guessing costs ln V ≈ 2.77 nats and word frequencies alone ≈ 2.54; plain SGD plateaus
        // there for ~10 epochs, then the LSTM picks up the sentences (≈ 0.3 nats after 25 epochs here).
        assertEquals(Math.log(v), before, 0.3, "an untrained model should be near uniform");
        assertTrue(after < 1.0, "validation loss should fall from " + before + " to below 1.0 nats; got " + after);
    }

    @Test
    void corpusAddsEosPerLineAndSplitsOnWhitespace() {
        WordCorpus c = new WordCorpus();
        // lines " a  b\t", "<eos>", "", "a" (the final newline ends the last line, as in a file)
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 2, 0, 2}, c.readText(" a  b\t\n<eos>\n\na\n"));
        assertEquals(3, c.vocabularySize());
        assertEquals(WordCorpus.EOS, c.word(2));
    }

    @Test
    void batchifyIsContiguousColumnsLikePytorchExamples() {
        int[] tokens = new int[23];
        for (int i = 0; i < tokens.length; i++) tokens[i] = i;
        BpttStream s = new BpttStream(tokens, 2, 4);      // 2 columns of 11 (token 22 dropped): 0..10, 11..21
        assertEquals(3, s.batches());                    // starts 0, 4, 8; last has min(4, 11-1-8) = 2 rows
        assertArrayEquals(new int[] {0, 11, 1, 12, 2, 13, 3, 14}, s.input(0).data());
        assertArrayEquals(new int[] {1, 12, 2, 13, 3, 14, 4, 15}, s.target(0).data());
        assertArrayEquals(new int[] {8, 19, 9, 20}, s.input(2).data());
        assertArrayEquals(new int[] {9, 20, 10, 21}, s.target(2).data());
        assertThrows(IllegalArgumentException.class, () -> new BpttStream(new int[3], 2, 4));
    }
}
