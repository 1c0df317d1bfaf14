// Ensembles: greedy selection starts from the best trial and never raises the validation log loss; an ensemble's
// probabilities are the mean of its members' (labels aligned by name); one bundle holds the members exactly.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleClassifierTest {
    @Test
    void greedySelectionStartsFromTheBestAndNeverRaisesTheLogLoss() {
        List<Example> data = ToyData.sentiment(300, 5, 0.5);
        List<ClassifierRecipe> c = List.of(new ClassifierRecipe.FastText(ModelSearchTest.FT.withEpoch(2)),
                new ClassifierRecipe.NbSvm(ModelSearchTest.NB), new ClassifierRecipe.NbSvm(ModelSearchTest.NB.withNgrams(1)));
        ModelSearch.Result r = ModelSearch.search(data, new ModelSearch.Validation.KFold(3, 1), c.iterator(),
                ModelSearch.Budget.none(), null);
        ModelSearch.EnsembleChoice e = ModelSearch.ensemble(r, 5);
        assertSame(r.best(), e.members().get(0));
        assertTrue(e.members().size() <= 5);
        assertTrue(e.logLoss() <= r.best().logLoss(), e + " vs " + r.best());
        ModelSearch.EnsembleChoice one = ModelSearch.ensemble(r, 1);
        assertEquals(r.best().logLoss(), one.logLoss(), 1e-6);
    }

    @Test
    void probabilitiesAreTheMembersMeanAndABundleHoldsThemExactly(@TempDir Path dir) throws Exception {
        List<Example> train = ToyData.sentiment(200, 6, 0.5);
        NbSvmClassifier a = NbSvmClassifier.train(train, ModelSearchTest.NB);
        FastTextClassifier b = FastTextClassifier.train(train, ModelSearchTest.FT);
        EnsembleClassifier e = new EnsembleClassifier(List.of(a, b, b));
        String text = "the movie was great";
        float[] pa = a.probabilities(text), pb = b.probabilities(text), pe = e.probabilities(text);
        for (int c = 0; c < pe.length; c++) {
            String label = e.labels().get(c);
            double want = (pa[a.labels().indexOf(label)] + 2 * pb[b.labels().indexOf(label)]) / 3;
            assertEquals(want, pe[c], 1e-6, label);
        }
        e.save(dir.resolve("e.xent"), java.util.Map.of());
        EnsembleClassifier back = EnsembleClassifier.load(dev.xent.io.ModelBundle.read(dir.resolve("e.xent")),
                dir.resolve("e.xent"));
        assertEquals(3, back.members().size());
        assertArrayEquals(pe, back.probabilities(text));
        assertEquals(1L, java.nio.file.Files.list(dir).count(), "one self-contained file");
    }
}
