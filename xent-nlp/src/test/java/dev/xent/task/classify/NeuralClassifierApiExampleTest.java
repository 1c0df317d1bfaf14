// The neural classifiers as a library, the docs/api.md example: read fastText files, train, save, load, predict.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.data.FastTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralClassifierApiExampleTest {

    @Test
    void trainSaveLoadPredict(@TempDir Path dir) throws IOException {
        Path trainFile = fastText(dir.resolve("train.txt"), 400, 1), validFile = fastText(dir.resolve("valid.txt"), 100, 2);
        Path modelFile = dir.resolve("cnn.xent");

        // --- the example (docs/api.md) ---
        List<Example> train = FastTextReader.open(trainFile, ReadOptions.defaults()).readAll();
        List<Example> valid = FastTextReader.open(validFile, ReadOptions.defaults()).readAll();
        NeuralClassifierSpec cnn = new NeuralClassifierSpec(NeuralClassifierSpec.Kind.CNN,
                new TextCnnClassifier.Config(16, new int[] {1, 2, 3}, 16, 0.5f));   // embedding, widths, filters, dropout
        NeuralTrainConfig config = NeuralTrainConfig.defaults(EPOCHS).withBatchSize(32).withLearningRate(1e-2);
        NeuralClassifier classifier = NeuralClassifier.create(cnn, train, config.seed());
        NeuralClassifierTask task = NeuralClassifierTask.of(classifier, config, train, valid);
        History history = task.fit(task.options().build());   // keeps the epoch with the best validation accuracy
        classifier.save(modelFile, config);

        NeuralClassifier loaded = NeuralClassifier.load(modelFile);
        List<Prediction> top = loaded.predict("the plot was wonderful", 2);   // [pos 0.9…, neg 0.0…]
        ClassificationMetrics scores = loaded.evaluate(valid);                 // accuracy, P/R/F1, log loss
        // --- end of the example ---

        System.out.println("NeuralClassifierApiExampleTest: accuracy " + scores.accuracy() + ", selected epoch "
                + (history.selectedEpoch() + 1) + " of " + history.epochs());
        assertEquals("pos", top.get(0).label());
        assertTrue(scores.accuracy() > 0.95, scores.report());
        assertEquals(history.get("val_accuracy").get(history.selectedEpoch()), scores.accuracy(), 1e-12,
                "the saved model is the selected epoch's");
    }

    static final int EPOCHS = 5;

    /** "__label__pos|neg" lines of filler words with one or two cue words (ToyData.sentiment). */
    static Path fastText(Path file, int n, long seed) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Example e : ToyData.sentiment(n, seed, 0.5)) sb.append("__label__").append(e.label()).append(' ')
                .append(e.text()).append('\n');
        return Files.writeString(file, sb);
    }
}
