// A trained neural text classifier as model selection sees it (TrainedClassifier): batched probabilities, a bundle.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code classifier} and how it was trained ({@code trainedWith}, null when loaded from a bundle: the bundle keeps
 * its own record), so a search can score it, keep it in an {@link EnsembleClassifier} and save it.
 */
public record TrainedNeuralClassifier(NeuralClassifier classifier, NeuralTrainConfig trainedWith, JsonNode metrics)
        implements TrainedClassifier {
    @Override
    public List<String> labels() {
        return classifier.labels();
    }

    @Override
    public float[] probabilities(String text) {
        return classifier.probabilities(List.of(text))[0];
    }

    @Override
    public float[][] probabilities(List<String> texts) {
        return classifier.probabilities(texts);
    }

    @Override
    public void save(Path file, Map<String, String> dataFingerprint) throws IOException {
        classifier.save(file, trainedWith == null ? 0 : trainedWith.seed(), dataFingerprint,
                trainedWith == null ? null : trainedWith.toJson(), metrics);
    }
}
