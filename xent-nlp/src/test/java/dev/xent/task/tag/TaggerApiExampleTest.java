// The tagger as a library, the docs/api.md example: read CoNLL, train, save, load, tag raw tokens, score.
package dev.xent.task.tag;

import dev.xent.data.ConllReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.TaggedSentence;
import dev.xent.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaggerApiExampleTest {

    @Test
    void trainSaveLoadTag(@TempDir Path dir) throws IOException {
        Path trainFile = conll(dir.resolve("train.conll"), 120, 1), devFile = conll(dir.resolve("dev.conll"), 30, 2);
        Path modelFile = dir.resolve("ner.xent");

        // --- the example (docs/api.md) ---
        List<TaggedSentence> train = ConllReader.open(trainFile, ConllReader.Format.standard(), ReadOptions.defaults())
                .readAll();
        List<TaggedSentence> dev = ConllReader.open(devFile, ConllReader.Format.standard(), ReadOptions.defaults())
                .readAll();
        TaggerTask task = TaggerTask.create(TaggerConfig.plain().withEpochs(3), train, dev);
        History history = task.fit(task.options().build());   // keeps the epoch with the best dev entity F1
        task.tagger().save(modelFile);

        Tagger tagger = Tagger.load(modelFile);
        List<String> tags = tagger.tag(List.of("Lena", "saw", "Oslo"));   // [B-PER, O, B-LOC]
        TagScores scores = tagger.evaluate(dev);                           // accuracy, entity P/R/F1
        // --- end of the example ---

        System.out.println("TaggerApiExampleTest: " + scores.text() + "; selected epoch "
                + (history.selectedEpoch() + 1) + " of " + history.epochs());
        assertEquals(List.of("B-PER", "O", "B-LOC"), tags);
        assertEquals(1.0, scores.entities().f1(), 1e-9, scores.text());
        assertEquals(history.bestEpoch("val_f1", true), history.selectedEpoch(), "chosen by dev entity F1");
    }

    /** Sentences "PERSON VERB CITY" tagged B-PER O B-LOC. */
    static Path conll(Path file, int sentences, long seed) throws IOException {
        String[] people = {"Anna", "Marco", "Lena", "Paul"}, cities = {"Paris", "Rome", "Oslo", "Lima"};
        String[] verbs = {"visited", "left", "loves", "saw"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            sb.append(people[r.nextInt(4)]).append(" B-PER\n").append(verbs[r.nextInt(4)]).append(" O\n")
                    .append(cities[r.nextInt(4)]).append(" B-LOC\n\n");
        }
        return Files.writeString(file, sb);
    }
}
