// Runs the NBSVM and model-search snippets of docs/classification.md as written, on toy data.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import dev.xent.train.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceDocExampleTest {
    @Test
    void nbsvmSnippet(@TempDir Path dir) throws Exception {
        List<Example> train = ToyData.sentiment(300, 1, 0.5), valid = ToyData.sentiment(100, 2, 0.5);
        NbSvmConfig config = NbSvmConfig.defaults().withNgrams(2).withEpoch(5).withLr(0.1).withThreads(1).withSeed(1);
        NbSvmClassifier nb = NbSvmClassifier.train(train, config);
        String label = nb.predict("a wonderful , moving film");
        double acc = nb.evaluate(valid).accuracy();
        nb.save(dir.resolve("nbsvm.xent"));                     // format xent.nbsvm-classifier
        NbSvmClassifier back = NbSvmClassifier.load(dir.resolve("nbsvm.xent"));
        assertEquals("pos", label);
        assertTrue(acc > 0.95, "" + acc);
        assertEquals(label, back.predict("a wonderful , moving film"));
    }

    @Test
    void searchSnippet() {
        List<Example> train = ToyData.sentiment(300, 1, 0.5);
        ClassifierSearchSpace space = new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), /* threads */ 1, /* seed */ 1);
        ModelSearch.Result r = ModelSearch.search(train, ModelSearch.validation(train.size(), List.of(), 1),
                space.fixed().iterator(), ModelSearch.Budget.none(), t -> System.out.println(t.recipe().describe()));
        ModelSearch.Trial best = r.best();                      // best.accuracy(), best.logLoss(), best.recipe().settings()
        TrainedClassifier model = best.recipe().train(train, TrainOptions.builder().build());   // on all the data
        assertEquals(space.fixed().size(), r.trials().size());
        assertTrue(best.accuracy() > 0.95, "" + best);
        assertTrue(model.evaluate(ToyData.sentiment(100, 3, 0.5)).accuracy() > 0.95);
    }
}
