// Which epoch's model is the best: a metric to maximise or minimise, then tie-breakers.
package dev.xent.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares epoch logs lexicographically: the first key decides unless the values tie, then the next one. A NaN
 * or missing value is never better. The loop keeps a copy of the weights of the best epoch (in checkpoints
 * too) and puts them back when training ends.
 *
 * <pre>{@code Selection.maximize("val_accuracy").thenMinimize("val_loss")}</pre>
 */
public final class Selection {
    /**
     * One criterion: a metric name as the epoch logs have it, its direction, and the change that counts as an
     * improvement (differences within minDelta are ties, decided by the next key).
     */
    public record Key(String metric, boolean maximize, double minDelta) {
        public Key {
            if (metric == null || metric.isBlank()) throw new IllegalArgumentException("a selection metric needs a name, e.g. \"val_loss\"");
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be finite and >= 0; got " + minDelta);
            }
        }
    }

    private final List<Key> keys;

    private Selection(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public static Selection maximize(String metric) {
        return new Selection(List.of(new Key(metric, true, 0)));
    }

    public static Selection minimize(String metric) {
        return new Selection(List.of(new Key(metric, false, 0)));
    }

    public Selection thenMaximize(String metric) {
        return then(new Key(metric, true, 0));
    }

    public Selection thenMinimize(String metric) {
        return then(new Key(metric, false, 0));
    }

    /** This selection with {@code delta} as the first key's smallest improvement (as Keras' min_delta). */
    public Selection withMinDelta(double delta) {
        List<Key> all = new ArrayList<>(keys);
        Key k = all.get(0);
        all.set(0, new Key(k.metric(), k.maximize(), delta));
        return new Selection(all);
    }

    private Selection then(Key k) {
        List<Key> all = new ArrayList<>(keys);
        all.add(k);
        return new Selection(all);
    }

    public List<Key> keys() {
        return keys;
    }

    /** The first key's metric, the one a report shows. */
    public String metric() {
        return keys.get(0).metric();
    }

    /** Whether every key's metric is in {@code logs}. */
    public boolean appliesTo(Map<String, Double> logs) {
        for (Key k : keys) if (!logs.containsKey(k.metric())) return false;
        return true;
    }

    /** True when {@code now} is strictly better than {@code best} (null best: any finite first value is). */
    public boolean better(Map<String, Double> now, Map<String, Double> best) {
        for (Key k : keys) {
            double a = value(now, k), b = best == null ? Double.NaN : value(best, k);
            if (Double.isNaN(a)) return false;
            if (Double.isNaN(b) || (k.maximize() ? a > b + k.minDelta() : a < b - k.minDelta())) return true;
            if (Math.abs(a - b) > k.minDelta()) return false;
        }
        return false;
    }

    private static double value(Map<String, Double> logs, Key k) {
        Double v = logs.get(k.metric());
        return v == null ? Double.NaN : v;
    }

    /** E.g. "highest val_accuracy, then lowest val_loss". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Key k : keys) {
            if (!s.isEmpty()) s.append(", then ");
            s.append(k.maximize() ? "highest " : "lowest ").append(k.metric());
        }
        return s.toString();
    }
}
