// What a search keeps, on hand-made validation predictions: trials whose errors are independent are averaged (the
// ensemble scores higher on the halves it did not choose on); an ensemble that lowers the log loss but is less often
// right is dropped; the decision is a function of the trials and the seed; greedy selection never raises the loss.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FinalChoiceTest {
    static final int N = 400;
    static final List<String> LABELS = List.of("pos", "neg");

    /** N validation examples, labels alternating. */
    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < N; i++) out.add(new Example("text " + i, List.of(LABELS.get(i % 2)), i + 1));
        return out;
    }

    /** A trial right on each example with probability {@code accuracy} (independently), p(gold) {@code right} or {@code wrong}. */
    static ModelSearch.Trial trial(int index, List<Example> ex, Random rnd, double accuracy, double right, double wrong) {
        List<float[]> probs = new ArrayList<>();
        for (Example e : ex) {
            double pGold = rnd.nextDouble() < accuracy ? right : wrong;
            int g = LABELS.indexOf(e.labels().get(0));
            float[] p = new float[2];
            p[g] = (float) pGold;
            p[1 - g] = (float) (1 - pGold);
            probs.add(p);
        }
        double[] s = ModelSearch.score(probs, LABELS, ex);
        return new ModelSearch.Trial(index, new ClassifierRecipe.NbSvm(ModelSearchTest.NB), s[0], s[1], 1, 1, probs,
                LABELS);
    }

    @Test
    void trialsWithIndependentErrorsAreAveraged() {
        List<Example> ex = examples();
        Random rnd = new Random(1);
        List<ModelSearch.Trial> trials = new ArrayList<>();
        for (int i = 0; i < 12; i++) trials.add(trial(i, ex, rnd, 0.75, 0.8, 0.3));
        ModelSearch.Result r = new ModelSearch.Result(trials, ex, "candidates");
        FinalChoice.Decision d = FinalChoice.decide(r, 5, 7);
        assertTrue(d.isEnsemble(), "independent errors: the mean of several is right more often: " + d);
        assertEquals(FinalChoice.Way.GREEDY_ENSEMBLE, d.way());
        double[] h = d.heldOutAccuracy();
        assertTrue(h[1] > h[0] + 0.03, "held out, the ensemble beats the best trial: " + Arrays.toString(h));
        assertTrue(d.members().size() <= 5, "" + d.members().size());
        assertTrue(d.accuracy() > r.best().accuracy(), d.accuracy() + " vs " + r.best().accuracy());
    }

    @Test
    void anEnsembleThatLowersTheLogLossButIsLessOftenRightIsDropped() {
        // trial 0 is right on 90% but timidly (p 0.55) and wrong with confidence (p 0.02): its log loss is high;
        // trial 1 is right on 70% with p 0.99 and wrong with p 0.44. Averaging it in lowers the log loss, so greedy
        // selection adds it, but the mean is right less often (0.55 and 0.44 average to a wrong answer)
        List<Example> ex = examples();
        Random rnd = new Random(2);
        List<ModelSearch.Trial> trials = new ArrayList<>();
        trials.add(trial(0, ex, rnd, 0.9, 0.55, 0.02));
        trials.add(trial(1, ex, rnd, 0.7, 0.99, 0.44));
        ModelSearch.Result r = new ModelSearch.Result(trials, ex, "candidates");
        int[] all = new int[N];
        for (int i = 0; i < N; i++) all[i] = i;
        List<ModelSearch.Trial> greedy = FinalChoice.greedy(r, r.best(), all, 5);
        assertTrue(greedy.stream().distinct().count() > 1, "greedy selection builds an ensemble: " + greedy.size());
        FinalChoice.Decision d = FinalChoice.decide(r, 5, 7);
        double[] h = d.heldOutAccuracy();
        assertEquals(FinalChoice.Way.BEST_TRIAL, d.way(), Arrays.toString(h));
        assertFalse(d.isEnsemble());
        assertEquals(List.of(r.best()), d.members());
        assertEquals(0, r.best().index());
        assertTrue(h[1] < h[0] - 0.02, "held out, the ensemble is less often right: " + Arrays.toString(h));
    }

    @Test
    void theDecisionIsAFunctionOfTheTrialsAndTheSeed() {
        List<Example> ex = examples();
        List<ModelSearch.Trial> trials = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 10; i++) trials.add(trial(i, ex, rnd, 0.7 + 0.01 * i, 0.7, 0.35));
        ModelSearch.Result r = new ModelSearch.Result(trials, ex, "candidates");
        FinalChoice.Decision a = FinalChoice.decide(r, 4, 11), b = FinalChoice.decide(r, 4, 11);
        assertEquals(a.way(), b.way());
        assertEquals(a.members(), b.members());
        assertArrayEquals(a.heldOutAccuracy(), b.heldOutAccuracy());
        FinalChoice.Decision one = FinalChoice.decide(r, 1, 11);
        assertEquals(List.of(r.best()), one.members(), "ensemble=1: the best trial, no halvings");
    }

    @Test
    void greedySelectionStartsFromTheBestAndNeverRaisesTheLogLoss() {
        List<Example> ex = examples();
        Random rnd = new Random(4);
        List<ModelSearch.Trial> trials = new ArrayList<>();
        for (int i = 0; i < 8; i++) trials.add(trial(i, ex, rnd, 0.6 + 0.04 * i, 0.75, 0.3));
        ModelSearch.Result r = new ModelSearch.Result(trials, ex, "candidates");
        int[] all = new int[N];
        for (int i = 0; i < N; i++) all[i] = i;
        List<ModelSearch.Trial> g = FinalChoice.greedy(r, r.best(), all, 5);
        assertSame(r.best(), g.get(0));
        assertTrue(g.size() > 1 && g.size() <= 5, "" + g.size());
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= g.size(); k++) {
            double loss = FinalChoice.score(r, g.subList(0, k), all)[1];
            assertTrue(loss < previous, "member " + k + " lowered the log loss: " + loss + " vs " + previous);
            previous = loss;
        }
        assertEquals(List.of(r.best()), FinalChoice.greedy(r, r.best(), all, 1));
    }
}
