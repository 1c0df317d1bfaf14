// The fastText-style classifier as a library, the docs/api.md example: read, train (checkpoints, budgets), save, load, predict.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.data.FastTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.train.Checkpointing;
import dev.xent.train.Hogwild;
import dev.xent.train.StopReason;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTextApiExampleTest {

    @Test
    void trainSaveLoadPredict(@TempDir Path dir) throws IOException {
        Path trainFile = fastText(dir.resolve("train.txt"), 400, 1), validFile = fastText(dir.resolve("valid.txt"), 100, 2);
        Path modelFile = dir.resolve("sentiment.xent");

        // --- the example (docs/api.md) ---
        List<Example> train = FastTextReader.open(trainFile, ReadOptions.defaults()).readAll();
        FastTextConfig config = FastTextConfig.defaults().withEpoch(10).withLr(0.5).withWordNgrams(2).withThreads(1);
        FastTextTask task = FastTextTask.of(train, config);                // dictionary, initial weights, examples
        Hogwild.Result run = task.fit(TrainOptions.builder()
                .checkpointing(Checkpointing.to(dir.resolve("checkpoints")))  // resume: task.resume(same options)
                .maxSeconds(600).build());                                   // budgets: maxSteps (examples), maxSeconds
        task.classifier().save(modelFile);                                  // after a divergence too: last good weights

        FastTextClassifier loaded = FastTextClassifier.load(modelFile);
        List<Prediction> top = loaded.predict("the plot was wonderful", 2);   // [pos 0.9…, neg 0.0…]
        ClassificationMetrics scores = loaded.evaluate(FastTextReader.open(validFile, ReadOptions.defaults()).readAll());
        // --- end of the example ---

        System.out.println("FastTextApiExampleTest: " + run + ", accuracy " + scores.accuracy());
        assertEquals(StopReason.COMPLETED, run.reason());
        assertEquals("pos", top.get(0).label());
        assertTrue(scores.accuracy() > 0.95, scores.report());
    }

    /** "__label__pos|neg" lines of filler words with one or two cue words (ToyData.sentiment). */
    static Path fastText(Path file, int n, long seed) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Example e : ToyData.sentiment(n, seed, 0.5)) sb.append("__label__").append(e.label()).append(' ')
                .append(e.text()).append('\n');
        return Files.writeString(file, sb);
    }
}
