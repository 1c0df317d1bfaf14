// Ensembles: an ensemble's probabilities are the mean of its members' (labels aligned by name); one bundle holds the
// members exactly. (Which ensemble a search keeps: FinalChoiceTest.)
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.data.Example;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleClassifierTest {
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
