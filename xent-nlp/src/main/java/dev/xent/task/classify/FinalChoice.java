// What a search keeps: the best trial or a greedy ensemble of trials — whichever way of choosing scores higher on
// validation examples it did not choose on (repeated 2-fold splits of the validation predictions), so that the
// optimism of choosing on a small validation set is measured, not trusted.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.train.CrossValidation;

import java.util.ArrayList;
import java.util.List;

/**
 * The best of many trials on a few hundred validation examples scores higher there than it will on new data (the
 * maximum of many noisy estimates), and an ensemble chosen on the same examples has its own optimism, so comparing
 * their validation scores does not say which generalises better. Here each way of choosing ({@link Way}) is itself
 * validated: the validation examples are split in two halves at random ({@link #SPLITS} seeded splits), the way
 * chooses its model on one half using only that half's predictions, and is scored (accuracy) on the other half,
 * both ways round. The way with the highest mean held-out accuracy (ties: the simpler, in {@link Way}'s order) is
 * then applied to all the validation examples. No model is trained: the trials' validation predictions suffice.
 */
public final class FinalChoice {
    /** Random halvings of the validation examples; each scores every way twice (each half chooses once). */
    public static final int SPLITS = 32;

    private FinalChoice() {}

    /** The ways of choosing, simplest first. */
    public enum Way {
        /** The trial of highest accuracy (then lowest log loss, then earliest): {@link ModelSearch.Result#best}. */
        BEST_TRIAL,
        /** Greedy ensemble selection from the best trial ({@link #greedy}). */
        GREEDY_ENSEMBLE
    }

    /**
     * The decision: the way chosen, its members on all the validation examples (one trial for {@link Way#BEST_TRIAL};
     * a trial may repeat in a greedy ensemble: a weight), their validation accuracy and log loss there, and each
     * way's mean held-out accuracy over the splits (in {@link Way}'s order).
     */
    public record Decision(Way way, List<ModelSearch.Trial> members, double accuracy, double logLoss,
                           double[] heldOutAccuracy) {
        /** Whether the members are more than one distinct trial. */
        public boolean isEnsemble() {
            return members.stream().distinct().count() > 1;
        }
    }

    /**
     * Chooses among the {@link Way}s for {@code r} with ensembles of at most {@code maxMembers} (1: the best trial,
     * no splits). Deterministic for the same trials and {@code seed}. Fewer than 20 validation examples leave too
     * little to halve: then the greedy ensemble is compared with the best trial on all of them, as before.
     */
    public static Decision decide(ModelSearch.Result r, int maxMembers, long seed) {
        int n = r.validationExamples().size();
        if (maxMembers <= 1 || r.trials().size() < 2) return on(r, Way.BEST_TRIAL, all(n), maxMembers);
        double[] heldOut = new double[Way.values().length];
        if (n < 20) {
            Decision greedy = on(r, Way.GREEDY_ENSEMBLE, all(n), maxMembers);
            Decision best = on(r, Way.BEST_TRIAL, all(n), maxMembers);
            return greedy.isEnsemble() && greedy.accuracy() > best.accuracy() ? greedy : best;
        }
        for (int s = 0; s < SPLITS; s++) {
            int[][] halves = CrossValidation.folds(n, 2, seed * 1_000_003L + s);
            for (int h = 0; h < 2; h++) {
                int[] choose = halves[h], score = halves[1 - h];
                for (Way w : Way.values()) {
                    List<ModelSearch.Trial> m = members(r, w, choose, maxMembers);
                    heldOut[w.ordinal()] += score(r, m, score)[0] / (2.0 * SPLITS);
                }
            }
        }
        Way chosen = Way.BEST_TRIAL;
        for (Way w : Way.values()) if (heldOut[w.ordinal()] > heldOut[chosen.ordinal()]) chosen = w;
        Decision d = on(r, chosen, all(n), maxMembers);
        return new Decision(d.way(), d.members(), d.accuracy(), d.logLoss(), heldOut);
    }

    private static Decision on(ModelSearch.Result r, Way w, int[] rows, int maxMembers) {
        List<ModelSearch.Trial> m = members(r, w, rows, maxMembers);
        double[] s = score(r, m, rows);
        return new Decision(w, m, s[0], s[1], new double[Way.values().length]);
    }

    /** The members {@code w} chooses using only the validation examples at {@code rows}. */
    static List<ModelSearch.Trial> members(ModelSearch.Result r, Way w, int[] rows, int maxMembers) {
        ModelSearch.Trial best = best(r, rows);
        return switch (w) {
            case BEST_TRIAL -> List.of(best);
            case GREEDY_ENSEMBLE -> greedy(r, best, rows, maxMembers);
        };
    }

    /** Highest accuracy on {@code rows}, then lowest log loss, then earliest: {@link ModelSearch.Result#best} on rows. */
    static ModelSearch.Trial best(ModelSearch.Result r, int[] rows) {
        ModelSearch.Trial best = null;
        double[] bs = null;
        for (ModelSearch.Trial t : r.trials()) {
            double[] s = score(r, List.of(t), rows);
            if (best == null || s[0] > bs[0] || (s[0] == bs[0] && s[1] < bs[1])) {
                best = t;
                bs = s;
            }
        }
        if (best == null) throw new IllegalStateException("no trial finished within the budget. Fix: give a larger budget");
        return best;
    }

    /**
     * Greedy ensemble selection with replacement (Caruana et al. 2004, "Ensemble Selection from Libraries of
     * Models") on {@code rows}: from {@code first}, add the trial that lowers the log loss of the mean probabilities
     * most, until none lowers it or there are {@code max}.
     */
    static List<ModelSearch.Trial> greedy(ModelSearch.Result r, ModelSearch.Trial first, int[] rows, int max) {
        int k = first.labels().size();
        List<ModelSearch.Trial> members = new ArrayList<>(List.of(first));
        double[][] sum = new double[rows.length][k];
        add(sum, first, rows);
        double current = logLoss(r, sum, 1, rows);
        while (members.size() < max) {
            ModelSearch.Trial pick = null;
            double pickLoss = current;
            double[][] with = new double[rows.length][k];
            for (ModelSearch.Trial t : r.trials()) {
                for (int i = 0; i < rows.length; i++) {
                    float[] p = t.probabilities().get(rows[i]);
                    for (int c = 0; c < k; c++) with[i][c] = sum[i][c] + p[c];
                }
                double l = logLoss(r, with, members.size() + 1, rows);
                if (l < pickLoss) {
                    pick = t;
                    pickLoss = l;
                }
            }
            if (pick == null) break;
            members.add(pick);
            add(sum, pick, rows);
            current = pickLoss;
        }
        return List.copyOf(members);
    }

    /** [accuracy, log loss] on {@code rows} of the members' mean probabilities, as {@link ModelSearch#score}. */
    static double[] score(ModelSearch.Result r, List<ModelSearch.Trial> members, int[] rows) {
        List<float[]> mean = new ArrayList<>(rows.length);
        List<Example> examples = new ArrayList<>(rows.length);
        for (int row : rows) {
            float[] p = new float[members.get(0).labels().size()];
            for (ModelSearch.Trial t : members) {
                float[] q = t.probabilities().get(row);
                for (int c = 0; c < p.length; c++) p[c] += q[c] / members.size();
            }
            mean.add(p);
            examples.add(r.validationExamples().get(row));
        }
        return ModelSearch.score(mean, members.get(0).labels(), examples);
    }

    private static double logLoss(ModelSearch.Result r, double[][] sum, int count, int[] rows) {
        List<String> labels = r.trials().get(0).labels();
        double loss = 0;
        for (int i = 0; i < rows.length; i++) {
            int g = labels.indexOf(r.validationExamples().get(rows[i]).labels().get(0));
            loss -= Math.log(Math.max(g < 0 ? 0 : (float) (sum[i][g] / count), 1e-15));
        }
        return loss / rows.length;
    }

    private static void add(double[][] sum, ModelSearch.Trial t, int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            float[] p = t.probabilities().get(rows[i]);
            for (int c = 0; c < sum[i].length; c++) sum[i][c] += p[c];
        }
    }

    private static ModelSearch.Trial trial(ModelSearch.Result r, int index) {
        for (ModelSearch.Trial t : r.trials()) if (t.index() == index) return t;
        throw new IllegalStateException("no trial " + index);
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }
}
