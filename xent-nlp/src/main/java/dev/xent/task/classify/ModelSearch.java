// Model selection for text classifiers: each candidate recipe is trained and scored on a validation scheme (a
// validation file, a seeded k-fold split, or a seeded hold-out), within a budget of seconds or SGD steps; the
// best trial (highest accuracy, then lowest log loss, then earliest) is the choice.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.train.CrossValidation;
import dev.xent.train.StopSignal;
import dev.xent.train.TrainOptions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scores are pooled over the validation examples: with k folds every training example is predicted once by the
 * model that did not train on it. A prediction is right when its top label is one of the example's labels; log
 * loss is the mean -ln p(first gold label), p clipped at 1e-15 (a label the model never saw has p = 0).
 */
public final class ModelSearch {
    /** Examples up to which {@link #validation} cross-validates instead of holding out a part. */
    public static final int CV_MAX_EXAMPLES = 20_000;

    private ModelSearch() {
    }

    /** Where the scores come from. */
    public sealed interface Validation {
        /** A validation file: train on all training data, score on it. */
        record File(List<Example> examples) implements Validation {}

        /** k folds of a seeded permutation (sizes differ by at most one), each scored by a model trained on the rest. */
        record KFold(int k, long seed) implements Validation {}

        /**
         * A seeded {@code fraction} of the training texts held out and scored; of texts nested in one another (a
         * sentence and its phrases), only whole ones are held out, and their spans are not trained on.
         */
        record Holdout(double fraction, long seed) implements Validation {}
    }

    /** The validation file when there is one; else 5 folds for up to {@link #CV_MAX_EXAMPLES}; else a 10% hold-out. */
    public static Validation validation(int trainSize, List<Example> valid, long seed) {
        return validation(trainSize, valid, seed, 5, false);
    }

    /**
     * The validation file when there is one; else, up to {@link #CV_MAX_EXAMPLES} examples, {@code folds} folds, or
     * under a time budget ({@code timed}) one of them held out (a 1/folds hold-out: each trial costs one training
     * instead of {@code folds}, so a short budget tries several recipes, not one); else a 10% hold-out.
     */
    public static Validation validation(int trainSize, List<Example> valid, long seed, int folds, boolean timed) {
        if (valid != null && !valid.isEmpty()) return new Validation.File(valid);
        if (trainSize > CV_MAX_EXAMPLES) return new Validation.Holdout(0.1, seed);
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2 (the validation split of -model auto without "
                    + "-valid); got " + folds + ". Fix: --set folds=5, or give -valid FILE");
        }
        return timed ? new Validation.Holdout(1.0 / folds, seed) : new Validation.KFold(folds, seed);
    }

    /**
     * Limits of a search: seconds of wall time and SGD steps over all trials (0: none), and a stop signal. With
     * {@code finalExamples} > 0 the seconds are those of a whole command: {@code spentBefore} of them were gone before
     * the search began (start-up, reading the data), and the search keeps back the time the chosen recipe needs to
     * train on the {@code finalExamples} examples afterwards (estimated from its family's seconds per step).
     */
    public record Budget(double seconds, long steps, StopSignal stop, double spentBefore, int finalExamples) {
        public Budget(double seconds, long steps, StopSignal stop) {
            this(seconds, steps, stop, 0, 0);
        }

        public static Budget none() {
            return new Budget(0, 0, null);
        }

        /** This budget with {@code seconds} more gone before the search (e.g. training word vectors). */
        public Budget after(double seconds) {
            return new Budget(this.seconds, steps, stop, spentBefore + seconds, finalExamples);
        }

        /** This budget as a whole command's: {@code spent} seconds already gone, the final training on {@code examples}. */
        public Budget forWholeCommand(double spent, int examples) {
            return new Budget(seconds, steps, stop, spent, examples);
        }
    }

    /**
     * One scored candidate; {@code probabilities} are its predictions on the validation examples (in their order).
     * {@code recipe} is the one that trains the trial's model again ({@link ClassifierRecipe#fit}: a neural recipe
     * with the epoch the validation examples chose). {@code model} (null unless kept) is the model the trial trained
     * on all the training data, scored on a validation file: what training {@code recipe} again would give.
     */
    public record Trial(int index, ClassifierRecipe recipe, double accuracy, double logLoss, double seconds, long steps,
                        List<float[]> probabilities, List<String> labels, TrainedClassifier model) {
        public Trial(int index, ClassifierRecipe recipe, double accuracy, double logLoss, double seconds, long steps,
                     List<float[]> probabilities, List<String> labels) {
            this(index, recipe, accuracy, logLoss, seconds, steps, probabilities, labels, null);
        }
    }

    /** Sees each trial as it ends. */
    public interface Listener {
        void onTrial(Trial trial);
    }

    /** The trials in the order they ran, and the validation examples they were scored on. */
    public record Result(List<Trial> trials, List<Example> validationExamples, String stoppedBy) {
        /** The highest accuracy, then the lowest log loss, then the earliest. */
        public Trial best() {
            Trial best = null;
            for (Trial t : trials) {
                if (best == null || t.accuracy() > best.accuracy()
                        || (t.accuracy() == best.accuracy() && t.logLoss() < best.logLoss())) {
                    best = t;
                }
            }
            if (best == null) {
                throw new IllegalStateException("no trial finished within the budget. Fix: give a larger budget");
            }
            return best;
        }
    }

    /**
     * Trains and scores the candidates in order until they or the budget run out: the first candidate whose steps
     * would pass the step budget ends the search; under a time budget the first candidate always runs (a search
     * with no trial has nothing to keep), and a later one estimated to pass the budget is skipped (at its family's
     * seconds per step in its latest trial, when the JIT has compiled more than in the first; a family not yet tried
     * at the slowest rate seen, scaled by {@link ClassifierRecipe#relativeCost}: a neural step costs tens of n-gram
     * steps); none starts
     * once the seconds are spent or a stop is requested. A whole command's budget ({@link Budget#forWholeCommand})
     * also keeps back the final training's estimated seconds: of the best trial so far, or of the candidate when
     * it takes longer (it may become the best).
     */
    public static Result search(List<Example> train, Validation validation, Iterator<ClassifierRecipe> candidates,
            Budget budget, Listener listener) {
        long start = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        List<int[]> trainRows = new ArrayList<>(), scoreRows = new ArrayList<>();
        List<Example> scored = plan(train, validation, trainRows, scoreRows);
        long stepsUsed = 0;
        java.util.Map<String, Double> secondsPerStep = new java.util.HashMap<>();   // per family: its latest trial's
        java.util.Map<String, Double> costs = new java.util.HashMap<>();            // per family: relativeCost()
        int skipped = 0, skippedForTime = 0;
        String stoppedBy = "candidates";
        while (candidates.hasNext()) {
            double elapsed = budget.spentBefore() + (System.nanoTime() - start) / 1e9;
            double reserve = trials.isEmpty() ? 0 : finalSeconds(new Result(trials, scored, "").best().recipe(),
                    secondsPerStep, budget.finalExamples());
            if (budget.stop() != null && budget.stop().requested()) {
                stoppedBy = "stop";
                break;
            }
            if (budget.seconds() > 0 && elapsed + reserve >= budget.seconds() && !trials.isEmpty()) {
                stoppedBy = "seconds";
                break;
            }
            ClassifierRecipe r = candidates.next();
            long steps = 0;
            for (int[] rows : trainRows) steps += r.steps(rows == null ? train.size() : rows.length);
            if (budget.steps() > 0 && stepsUsed + steps > budget.steps()) {
                stoppedBy = "steps";   // deterministic: the first candidate that does not fit ends the search
                break;
            }
            double rate = secondsPerStep.containsKey(r.model()) ? secondsPerStep.get(r.model())
                    : unseenRate(r, secondsPerStep, costs);
            double ownFinal = rate * r.steps(budget.finalExamples());
            if (budget.seconds() > 0 && rate > 0 && elapsed + steps * rate + Math.max(reserve, ownFinal) > budget.seconds()) {
                skippedForTime++;
                if (++skipped > 100) {
                    stoppedBy = "seconds";
                    break;
                }
                continue;   // would overrun the time left: try the next (perhaps smaller) candidate
            }
            skipped = 0;
            long t0 = System.nanoTime();
            List<float[]> probs = new ArrayList<>(scored.size());
            List<String> labels = labelUnion(train);
            List<ClassifierRecipe> fitted = new ArrayList<>();
            TrainedClassifier kept = null;
            for (int f = 0; f < trainRows.size(); f++) {
                List<Example> scoredHere = validation instanceof Validation.File v ? v.examples()
                        : rows(train, scoreRows.get(f));
                ClassifierRecipe.Fit fit = r.fit(rows(train, trainRows.get(f)), scoredHere,
                        TrainOptions.builder().build());
                fitted.add(fit.recipe());
                TrainedClassifier m = fit.model();
                List<String> ml = m.labels();
                for (float[] p : m.probabilities(scoredHere.stream().map(Example::text).toList())) {
                    probs.add(align(p, ml, labels));
                }
                if (validation instanceof Validation.File && r.keepsTrialModel()) kept = m;
            }
            stepsUsed += steps;
            double seconds = (System.nanoTime() - t0) / 1e9;
            secondsPerStep.put(r.model(), seconds / Math.max(1, steps));
            costs.put(r.model(), r.relativeCost());
            double[] s = score(probs, labels, scored);
            ClassifierRecipe again = fitted.size() == 1 ? fitted.get(0) : r.combine(fitted);
            Trial t = new Trial(trials.size(), again, s[0], s[1], seconds, steps, probs, labels, kept);
            trials.add(t);
            if (listener != null) listener.onTrial(t);
        }
        if (stoppedBy.equals("candidates") && skippedForTime > 0) stoppedBy = "seconds";   // the rest would overrun
        return new Result(trials, scored, stoppedBy);
    }

    /**
     * Seconds per step of a family not timed yet: the highest of the timed families' rates, each scaled by the
     * ratio of {@code r}'s {@link ClassifierRecipe#relativeCost} to its own (0 before any trial).
     */
    private static double unseenRate(ClassifierRecipe r, java.util.Map<String, Double> secondsPerStep,
                                     java.util.Map<String, Double> costs) {
        double rate = 0;
        for (var e : secondsPerStep.entrySet()) {
            rate = Math.max(rate, e.getValue() * r.relativeCost() / costs.getOrDefault(e.getKey(), 1.0));
        }
        return rate;
    }

    /** Estimated seconds to train {@code r} on {@code examples} examples: its family's latest seconds per step. */
    private static double finalSeconds(ClassifierRecipe r, java.util.Map<String, Double> secondsPerStep, int examples) {
        return examples <= 0 ? 0 : secondsPerStep.getOrDefault(r.model(), 0.0) * r.steps(examples);
    }

    /** Fills the training rows (null: all) and scored rows of each round; returns the examples scored, in order. */
    private static List<Example> plan(List<Example> train, Validation v, List<int[]> trainRows, List<int[]> scoreRows) {
        List<Example> scored = new ArrayList<>();
        switch (v) {
            case Validation.File f -> {
                trainRows.add(null);
                scoreRows.add(null);
                scored.addAll(f.examples());
            }
            case Validation.KFold k -> {
                if (k.k() < 2 || k.k() > train.size()) {
                    throw new IllegalArgumentException("folds must be in [2, " + train.size() + "] (the training "
                            + "examples); got " + k.k() + ". Fix: use 5, or give a validation file");
                }
                int[][] folds = CrossValidation.folds(train.size(), k.k(), k.seed());
                for (int i = 0; i < folds.length; i++) {
                    List<Integer> rest = new ArrayList<>();
                    for (int j = 0; j < folds.length; j++) if (j != i) for (int r : folds[j]) rest.add(r);
                    trainRows.add(rest.stream().mapToInt(Integer::intValue).toArray());
                    scoreRows.add(folds[i]);
                    for (int r : folds[i]) scored.add(train.get(r));
                }
            }
            case Validation.Holdout h -> {
                if (!(h.fraction() > 0 && h.fraction() < 1)) {
                    throw new IllegalArgumentException("hold-out fraction must be in (0, 1); got " + h.fraction()
                            + ". Fix: use 0.1");
                }
                SpanFreeHoldout.Split split = SpanFreeHoldout.split(train.stream().map(Example::text).toList(),
                        h.fraction(), h.seed());
                trainRows.add(split.train());
                int[] out = split.valid();
                scoreRows.add(out);
                for (int r : out) scored.add(train.get(r));
            }
        }
        return scored;
    }

    /** [accuracy, log loss] of {@code probs} (aligned to {@code labels}) against the examples' labels. */
    static double[] score(List<float[]> probs, List<String> labels, List<Example> examples) {
        long right = 0;
        double loss = 0;
        for (int i = 0; i < examples.size(); i++) {
            float[] p = probs.get(i);
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            List<String> gold = examples.get(i).labels();
            if (gold.contains(labels.get(best))) right++;
            int g = labels.indexOf(gold.get(0));
            loss -= Math.log(Math.max(g < 0 ? 0 : p[g], 1e-15));
        }
        return new double[] {(double) right / examples.size(), loss / examples.size()};
    }

    /** Every label of the data, in first-seen order: the one order all trials' probabilities are given in. */
    static List<String> labelUnion(List<Example> data) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>();
        for (Example e : data) s.addAll(e.labels());
        return List.copyOf(s);
    }

    private static float[] align(float[] p, List<String> modelLabels, List<String> labels) {
        float[] out = new float[labels.size()];
        for (int c = 0; c < p.length; c++) {
            int j = labels.indexOf(modelLabels.get(c));
            if (j >= 0) out[j] = p[c];
        }
        return out;
    }

    private static List<Example> rows(List<Example> data, int[] rows) {
        if (rows == null) return data;
        List<Example> out = new ArrayList<>(rows.length);
        for (int r : rows) out.add(data.get(r));
        return out;
    }
}
