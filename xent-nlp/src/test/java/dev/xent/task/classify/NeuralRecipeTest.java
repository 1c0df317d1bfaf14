// Neural recipes in a model search: the epoch is chosen on the validation examples and recorded in the recipe, a
// validation file's trial keeps its model, word vectors start the embeddings, and a mixed ensemble saves and loads.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.task.embed.WordVectors;
import dev.xent.train.TrainOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralRecipeTest {
    @TempDir
    Path dir;

    /** A small BiGRU with max+mean pooling: milliseconds an epoch on the toy data. */
    static ClassifierRecipe.Neural gru(int epochs, ClassifierRecipe.Vectors vectors) {
        return new ClassifierRecipe.Neural(new NeuralClassifierSpec(NeuralClassifierSpec.Kind.RNN,
                new RnnClassifier.Config(RnnClassifier.Cell.GRU, 8, 6, 1, RnnClassifier.Pooling.MAX_MEAN, 0.1f)),
                NeuralTrainConfig.defaults(epochs).withBatchSize(16).withLearningRate(0.01), 
                NeuralTextEncoding.Settings.defaults(), vectors);
    }

    static ClassifierRecipe.Neural cnn(int epochs) {
        return new ClassifierRecipe.Neural(new NeuralClassifierSpec(NeuralClassifierSpec.Kind.CNN,
                new TextCnnClassifier.Config(8, new int[] {2, 3}, 4, 0.1f)),
                NeuralTrainConfig.defaults(epochs).withBatchSize(16).withLearningRate(0.01),
                NeuralTextEncoding.Settings.defaults(), null);
    }

    @Test
    void fitChoosesTheEpochOnTheValidationExamplesAndTheRecipeRetrainsTheSameModel() {
        List<Example> train = ToyData.sentiment(200, 1, 0.5), valid = ToyData.sentiment(60, 2, 0.5);
        ClassifierRecipe.Fit fit = gru(6, null).fit(train, valid, TrainOptions.builder().build());
        int epochs = ((ClassifierRecipe.Neural) fit.recipe()).training().epochs();
        assertTrue(epochs >= 1 && epochs <= 6, "" + epochs);
        assertEquals(epochs, fit.recipe().settings().get("epoch"));
        assertTrue(fit.model().evaluate(valid).accuracy() > 0.9, "" + fit.model().evaluate(valid).accuracy());
        // the kept epoch's weights are those of training that many epochs without validation
        TrainedClassifier again = fit.recipe().train(train, TrainOptions.builder().build());
        for (Example e : valid.subList(0, 10)) {
            assertArrayEquals(fit.model().probabilities(e.text()), again.probabilities(e.text()), 1e-5f, e.text());
        }
    }

    @Test
    void settingsNameTheTrainClassifySettings() {
        Map<String, Object> s = gru(3, null).settings();
        assertEquals("rnn", s.get("model"));
        assertEquals("gru", s.get("cell"));
        assertEquals("max_mean", s.get("pooling"));
        assertEquals(0.1, s.get("dropout"), "the float's decimal, not 0.10000000149...");
        assertEquals(3, s.get("epoch"));
        assertEquals("2,3", cnn(2).settings().get("widths"));
        assertEquals("cnn", cnn(2).model());
    }

    @Test
    void vectorsStartTheEmbeddingsAndMustMatchTheirDim() {
        List<String> words = List.of("great", "awful");
        float[] v = new float[2 * 8];
        for (int i = 0; i < v.length; i++) v[i] = i < 8 ? 1 : -1;
        var vectors = new ClassifierRecipe.Vectors("toy.vec", new WordVectors(words, v, 8));
        assertEquals("toy.vec", gru(2, vectors).settings().get("pretrainedVectors"));
        var e = assertThrows(IllegalArgumentException.class, () -> new ClassifierRecipe.Neural(
                new NeuralClassifierSpec(NeuralClassifierSpec.Kind.CNN, new TextCnnClassifier.Config(4,
                        new int[] {2}, 4, 0f)), NeuralTrainConfig.defaults(1), NeuralTextEncoding.Settings.defaults(),
                vectors));
        assertTrue(e.getMessage().contains("have dim 8 but the model's embeddings 4"), e.getMessage());
        List<Example> train = ToyData.sentiment(100, 1, 0.5);
        NeuralClassifier c = NeuralClassifier.create(gru(1, null).spec(), train, NeuralTextEncoding.Settings.defaults(),
                false, 1);
        assertEquals(2, c.model().initEmbeddings(vectors.vectors(), c.encoding().tokens()));
    }

    @Test
    void aSearchWithAValidationFileKeepsNeuralTrialModelsAndSavesAMixedEnsemble() throws Exception {
        List<Example> train = ToyData.sentiment(200, 3, 0.5), valid = ToyData.sentiment(60, 4, 0.5);
        List<ClassifierRecipe> candidates = List.of(new ClassifierRecipe.NbSvm(ModelSearchTest.NB), gru(3, null),
                cnn(3));
        ModelSearch.Result r = ModelSearch.search(train, ModelSearch.validation(train.size(), valid, 0),
                candidates.iterator(), ModelSearch.Budget.none(), null);
        assertEquals(3, r.trials().size());
        assertNull(r.trials().get(0).model(), "an n-gram trial's model is not kept: it retrains in seconds");
        assertNotNull(r.trials().get(1).model());
        assertEquals(r.trials().get(1).accuracy(), r.trials().get(1).model().evaluate(valid).accuracy(), 1e-12);
        List<TrainedClassifier> members = new ArrayList<>();
        members.add(new ClassifierRecipe.NbSvm(ModelSearchTest.NB).train(train, TrainOptions.builder().build()));
        members.add(r.trials().get(1).model());
        members.add(r.trials().get(2).model());
        EnsembleClassifier ens = new EnsembleClassifier(members);
        Path file = dir.resolve("ens.xent");
        ens.save(file, Map.of());
        EnsembleClassifier back = EnsembleClassifier.load(ModelBundle.read(file), file);
        assertEquals(3, back.members().size());
        List<String> texts = valid.stream().map(Example::text).toList();
        float[][] a = ens.probabilities(texts), b = back.probabilities(texts);
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 1e-6f, texts.get(i));
        assertArrayEquals(a[0], ens.probabilities(texts.get(0)), 1e-6f, "batched = one at a time");
    }

    @Test
    void theSearchSpaceTriesTheNeuralFamiliesAfterTheNgramOnesAndDrawsThemAtRandom() {
        ClassifierSearchSpace space = new ClassifierSearchSpace(Set.of("fasttext", "nbsvm", "rnn", "cnn"), 1, 1);
        List<ClassifierRecipe> fixed = space.fixed();
        List<String> models = fixed.stream().map(ClassifierRecipe::model).toList();
        assertEquals(List.of("rnn", "rnn", "rnn", "rnn", "rnn", "rnn", "cnn", "cnn"), models.subList(7, models.size()));
        assertTrue(fixed.get(7).describe().contains("cell lstm") && fixed.get(8).describe().contains("cell gru"));
        assertEquals(2L, fixed.get(9).settings().get("seed"), "the second round: the next seed");
        var it = space.withRandom();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) seen.add(it.next().model());
        assertEquals(Set.of("fasttext", "nbsvm", "rnn", "cnn"), seen);
        assertTrue(new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 1, 1).fixed().stream()
                .noneMatch(c -> c instanceof ClassifierRecipe.Neural));
    }
}
