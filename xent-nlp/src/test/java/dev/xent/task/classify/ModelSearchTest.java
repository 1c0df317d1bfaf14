// Model search: k folds score every training example exactly once, the better family wins where it must (bigram
// NBSVM over unigram models on word-order data), budgets in steps end a search deterministically, a validation file
// scores as evaluate does, and the search space is a function of its seed.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelSearchTest {
    static final NbSvmConfig NB = NbSvmConfig.defaults().withThreads(1).withSeed(1);
    static final FastTextConfig FT = FastTextConfig.defaults().withDim(8).withLr(0.5).withThreads(1).withSeed(1)
            .withBucket(10_000);

    @Test
    void kFoldScoresEveryExampleOnceAndTheRightFamilyWins() {
        List<Example> data = order(300, 1);
        List<ClassifierRecipe> candidates = List.of(new ClassifierRecipe.FastText(FT),
                new ClassifierRecipe.NbSvm(NB.withNgrams(1)), new ClassifierRecipe.NbSvm(NB.withNgrams(2)));
        ModelSearch.Result r = ModelSearch.search(data, new ModelSearch.Validation.KFold(5, 3), candidates.iterator(),
                ModelSearch.Budget.none(), null);
        assertEquals(3, r.trials().size());
        assertEquals(data.size(), r.validationExamples().size());
        assertEquals(new HashSet<>(data), new HashSet<>(r.validationExamples()), "each example scored once");
        assertEquals(2, r.best().index(), "only bigrams see the word order: " + r.trials());
        assertTrue(r.trials().get(0).accuracy() < 0.7 && r.trials().get(1).accuracy() < 0.7, "" + r.trials());
        assertTrue(r.best().accuracy() > 0.95, "" + r.best());
        assertEquals(5 * 240 * 5, r.trials().get(2).steps(), "epoch 5 x 240 training examples x 5 folds");
    }

    @Test
    void stepBudgetEndsTheSearchAtTheFirstCandidateThatDoesNotFitAndRepeats() {
        List<Example> data = ToyData.sentiment(200, 2, 0.5);
        long perTrial = 5L * 180;   // epoch 5 x the 90% that trains
        ModelSearch.Budget budget = new ModelSearch.Budget(0, 2 * perTrial, null);
        ClassifierSearchSpace space = new ClassifierSearchSpace(Set.of("nbsvm", "fasttext"), 1, 4);
        ModelSearch.Result a = ModelSearch.search(data, new ModelSearch.Validation.Holdout(0.1, 5), space.withRandom(),
                budget, null);
        ModelSearch.Result b = ModelSearch.search(data, new ModelSearch.Validation.Holdout(0.1, 5), space.withRandom(),
                budget, null);
        assertEquals("steps", a.stoppedBy());
        assertEquals(2, a.trials().size(), "the first two recipes (5 epochs each) fit, the third does not");
        assertEquals(20, a.validationExamples().size(), "10% of the 200 texts, none inside another");
        for (int i = 0; i < 2; i++) {
            assertEquals(a.trials().get(i).accuracy(), b.trials().get(i).accuracy());
            assertEquals(a.trials().get(i).logLoss(), b.trials().get(i).logLoss(), "one thread, same seed: same run");
        }
    }

    @Test
    void holdoutKeepsWholeSentencesOutAndTrainsOnNoneOfTheirPhrases() {
        List<String> texts = List.of("a b c d", "a b", "b c", "c d", "e f g", "e f", "f g", "h i j", "i j", "h");
        int[] maximal = SpanFreeHoldout.maximalTexts(new int[][] {{1, 2, 3, 4}, {1, 2}, {2, 3}, {3, 4}, {5, 6, 7},
                {5, 6}, {6, 7}, {8, 9, 10}, {9, 10}, {8}}, 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 4, 7}, maximal);
        for (long seed = 0; seed < 10; seed++) {
            SpanFreeHoldout.Split s = SpanFreeHoldout.split(texts, 0.34, seed);   // one of the 3 sentences
            assertEquals(1, s.valid().length);
            String held = texts.get(s.valid()[0]);
            for (int r : s.train()) {
                assertTrue(!(" " + held + " ").contains(" " + texts.get(r) + " "), held + " vs trained " + texts.get(r));
            }
            assertEquals(texts.size() - 1 - (held.equals("a b c d") ? 3 : 2), s.train().length, held);
        }
    }

    @Test
    void aValidationFileScoresAsEvaluateDoes() {
        List<Example> train = ToyData.sentiment(300, 3, 0.5), valid = ToyData.sentiment(100, 4, 0.5);
        ModelSearch.Result r = ModelSearch.search(train, ModelSearch.validation(train.size(), valid, 0),
                List.<ClassifierRecipe>of(new ClassifierRecipe.NbSvm(NB)).iterator(), ModelSearch.Budget.none(), null);
        var m = NbSvmClassifier.train(train, NB).evaluate(valid);
        assertEquals(m.accuracy(), r.best().accuracy(), 1e-12);
        assertEquals(m.logLoss(), r.best().logLoss(), 1e-6);
    }

    @Test
    void validationIsTheFileElseFoldsForSmallDataElseAHoldout() {
        assertTrue(ModelSearch.validation(50_000, List.of(new Example("a", List.of("x"), 1)), 0)
                instanceof ModelSearch.Validation.File);
        assertEquals(new ModelSearch.Validation.KFold(5, 7), ModelSearch.validation(20_000, List.of(), 7));
        assertEquals(new ModelSearch.Validation.Holdout(0.1, 7), ModelSearch.validation(20_001, null, 7));
    }

    @Test
    void aTimedSearchScoresOnOneFoldHeldOutAndAlwaysRunsItsFirstCandidate() {
        assertEquals(new ModelSearch.Validation.Holdout(0.2, 7), ModelSearch.validation(20_000, List.of(), 7, 5, true));
        assertEquals(new ModelSearch.Validation.KFold(3, 7), ModelSearch.validation(20_000, List.of(), 7, 3, false));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSearch.validation(100, List.of(), 7, 1, true));
        assertTrue(e.getMessage().contains("folds must be >= 2") && e.getMessage().contains("got 1"), e.getMessage());
        List<Example> data = ToyData.sentiment(300, 2, 0.5);
        ModelSearch.Result r = ModelSearch.search(data, ModelSearch.validation(data.size(), List.of(), 1, 5, true),
                new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 1, 1).fixed().iterator(),
                new ModelSearch.Budget(1e-9, 0, null), null);
        assertEquals(1, r.trials().size(), "a budget spent before the first trial still leaves one trial");
        assertEquals("nbsvm", r.best().recipe().model(), "NBSVM bigrams first");
        assertEquals("seconds", r.stoppedBy());
        assertEquals(60, r.validationExamples().size(), "one fold of 5 held out");
    }

    @Test
    void aWholeCommandBudgetCountsTheTimeBeforeAndKeepsBackTheFinalTraining() {
        List<Example> data = ToyData.sentiment(300, 2, 0.5);
        ModelSearch.Validation v = ModelSearch.validation(data.size(), List.of(), 1, 5, true);
        ClassifierSearchSpace space = new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 1, 1);
        ModelSearch.Budget minute = new ModelSearch.Budget(60, 0, null);
        // control: a minute for the search alone tries every fixed candidate (each takes milliseconds here)
        assertEquals(space.fixed().size(), ModelSearch.search(data, v, space.fixed().iterator(), minute, null)
                .trials().size());
        // the minute was gone before the search began: one trial (the first always runs), then the budget ends it
        ModelSearch.Result late = ModelSearch.search(data, v, space.fixed().iterator(),
                minute.forWholeCommand(60, data.size()), null);
        assertEquals(1, late.trials().size());
        assertEquals("seconds", late.stoppedBy());
        // training the choice on 10^8 examples afterwards would take far more than the minute: no second trial
        ModelSearch.Result reserved = ModelSearch.search(data, v, space.fixed().iterator(),
                minute.forWholeCommand(0, 100_000_000), null);
        assertEquals(1, reserved.trials().size(), "" + reserved.trials());
        assertEquals("seconds", reserved.stoppedBy());
    }

    @Test
    void holdoutDropsExactlyTheTextsThatAreSpansOfAHeldOutText() {
        Random rnd = new Random(5);
        for (int round = 0; round < 20; round++) {
            int[][] texts = new int[60][];
            for (int i = 0; i < texts.length; i++) {
                if (i > 0 && rnd.nextInt(3) == 0) {   // a span of an earlier text: nested data as SST-2's phrases
                    int[] p = texts[rnd.nextInt(i)];
                    int a = rnd.nextInt(Math.max(1, p.length)), b = a + rnd.nextInt(Math.max(1, p.length - a)) + 1;
                    texts[i] = java.util.Arrays.copyOfRange(p, Math.min(a, p.length), Math.min(b, p.length));
                } else {
                    texts[i] = rnd.ints(1 + rnd.nextInt(6), 0, 4).toArray();
                }
            }
            SpanFreeHoldout.Split s = SpanFreeHoldout.split(texts, 0.2, 1, round);
            Set<Integer> train = new HashSet<>(), valid = new HashSet<>();
            for (int i : s.train()) train.add(i);
            for (int i : s.valid()) valid.add(i);
            for (int i = 0; i < texts.length; i++) {
                if (valid.contains(i)) continue;
                boolean inHeld = false;
                for (int v : valid) {
                    for (int a = 0; a < texts[v].length && !inHeld; a++) {
                        for (int b = a + 1; b <= texts[v].length && !inHeld; b++) {
                            inHeld = java.util.Arrays.equals(texts[i], java.util.Arrays.copyOfRange(texts[v], a, b));
                        }
                    }
                }
                assertEquals(!inHeld, train.contains(i), "text " + i + " of round " + round);
            }
            assertEquals(texts.length - valid.size() - train.size(), s.dropped());
        }
    }

    @Test
    void searchSpaceIsAFunctionOfItsSeed() {
        List<String> a = take(new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 2, 1).withRandom(), 20);
        assertEquals(a, take(new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 2, 1).withRandom(), 20));
        assertNotEquals(a, take(new ClassifierSearchSpace(Set.of("fasttext", "nbsvm"), 2, 2).withRandom(), 20));
        assertTrue(take(new ClassifierSearchSpace(Set.of("nbsvm"), 2, 1).withRandom(), 20).stream()
                .allMatch(s -> s.startsWith("nbsvm")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ClassifierSearchSpace(Set.of("svm"), 1, 1));
        assertTrue(e.getMessage().contains("unknown model family 'svm'"), e.getMessage());
    }

    private static List<String> take(Iterator<ClassifierRecipe> it, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(it.next().describe());
        return out;
    }

    /** "x y" texts are class a, "y x" class b: only bigrams tell them apart. */
    static List<Example> order(int n, long seed) {
        Random r = new Random(seed);
        String[] filler = {"p", "q", "s", "t", "u"};
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            out.add(new Example(filler[r.nextInt(5)] + " " + (a ? "x y" : "y x") + " " + filler[r.nextInt(5)],
                    List.of(a ? "a" : "b"), i + 1));
        }
        return out;
    }
}
