// Each neural classifier learns a toy rule on generated data (binary, multi-class, multi-label).
package dev.xent.task.classify;

import dev.xent.train.Average;
import dev.xent.train.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralClassifiersLearnTest {

    static NeuralTextClassifier small(String kind, Objective obj, int classes, long seed) {
        return switch (kind) {
            case "cnn" -> new TextCnnClassifier(NeuralToyData.VOCAB, obj, classes,
                    new TextCnnClassifier.Config(16, new int[] {2, 3}, 8, 0.1f), seed);
            case "bilstm" -> new RnnClassifier(NeuralToyData.VOCAB, obj, classes, new RnnClassifier.Config(
                    RnnClassifier.Cell.LSTM, 16, 12, 1, RnnClassifier.Pooling.MAX, 0.1f), seed);
            case "bigru" -> new RnnClassifier(NeuralToyData.VOCAB, obj, classes, new RnnClassifier.Config(
                    RnnClassifier.Cell.GRU, 16, 12, 1, RnnClassifier.Pooling.MEAN, 0.1f), seed);
            case "bilstm-maxmean" -> new RnnClassifier(NeuralToyData.VOCAB, obj, classes, new RnnClassifier.Config(
                    RnnClassifier.Cell.LSTM, 16, 12, 1, RnnClassifier.Pooling.MAX_MEAN, 0.1f), seed);
            case "transformer" -> new TransformerClassifier(NeuralToyData.VOCAB, obj, classes,
                    new TransformerClassifier.Config(16, 2, 32, 1, 16, 0.0f), seed);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static ConfusionMatrix trainAndScore(NeuralTextClassifier m, LabeledTokens train, LabeledTokens test,
                                                 int epochs, double lr) {
        NeuralClassifierTask task = new NeuralClassifierTask(m, train, null,
                NeuralTrainConfig.defaults(epochs).withBatchSize(16).withLearningRate(lr));
        task.fit(task.options().build());
        return score(m, test);
    }

    private static ConfusionMatrix score(NeuralTextClassifier m, LabeledTokens test) {
        return m.objective().score(m.probabilities(test.tokens(), 64), test);
    }

    private static void learnsKeyword(String kind, int epochs, double lr) {
        ConfusionMatrix s = trainAndScore(small(kind, Objective.BINARY, 2, 3), NeuralToyData.keyword(400, 1),
                NeuralToyData.keyword(200, 2), epochs, lr);
        assertTrue(s.accuracy() > 0.9, kind + " on the keyword rule: " + s.summary());
    }

    @Test
    void cnnLearnsKeyword() {
        learnsKeyword("cnn", 8, 1e-2);
    }

    @Test
    void biLstmLearnsKeyword() {
        learnsKeyword("bilstm", 8, 1e-2);
    }

    @Test
    void biLstmMaxMeanLearnsKeyword() {
        learnsKeyword("bilstm-maxmean", 8, 1e-2);
    }

    @Test
    void biGruLearnsKeyword() {
        learnsKeyword("bigru", 8, 1e-2);
    }

    @Test
    void transformerLearnsKeyword() {
        learnsKeyword("transformer", 10, 3e-3);
    }

    @Test
    void multiClassSoftmax() {
        ConfusionMatrix s = trainAndScore(small("cnn", Objective.MULTICLASS, 3, 5), NeuralToyData.whichMarker(400, 3),
                NeuralToyData.whichMarker(200, 4), 8, 1e-2);
        assertTrue(s.accuracy() > 0.9, "3-class marker rule: " + s.summary());
        assertTrue(s.f1(Average.MACRO) > 0.9, "3-class marker rule: " + s.summary());
    }

    @Test
    void multiLabelSigmoids() {
        ConfusionMatrix s = trainAndScore(small("bigru", Objective.MULTILABEL, 3, 7), NeuralToyData.markerSet(400, 5),
                NeuralToyData.markerSet(200, 6), 10, 1e-2);
        assertTrue(s.accuracy() > 0.9, "multi-label exact match: " + s.summary());
    }

    @Test
    void untrainedModelIsNearChance() {   // control: the rule is not learnable without training
        NeuralTextClassifier m = small("cnn", Objective.BINARY, 2, 3);
        LabeledTokens test = NeuralToyData.keyword(200, 2);
        ConfusionMatrix s = score(m, test);
        assertTrue(s.accuracy() < 0.75, "an untrained CNN should not know the rule: " + s.summary());
    }
}
