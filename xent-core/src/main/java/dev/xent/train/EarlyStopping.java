// Stop training when a monitored metric has not improved for `patience` epochs; optionally restore the best weights.
package dev.xent.train;

import dev.xent.tensor.Tensor;

import java.util.Map;

/**
 * Keras's EarlyStopping. After each epoch, the monitored value m improves when m &lt; best − minDelta
 * (minimize) or m &gt; best + minDelta (maximize); NaN never improves. Each epoch without improvement adds
 * one to a wait counter (an improvement resets it); when it reaches {@code patience}, training stops.
 * With {@link #restoreBestWeights}, the trainer keeps the weights of the best epoch by the same monitor (its
 * {@link Selection}, unless the options name another) and puts them back when training ends, stopped early or
 * not — the model you get is the one the monitor liked best.
 *
 * <pre>{@code EarlyStopping.minimize("val_loss").patience(3).minDelta(1e-4).restoreBestWeights(true)}</pre>
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final boolean maximize;
    private int patience;
    private double minDelta;
    private boolean restoreBest;

    private double best;
    private int wait, bestEpoch = -1, stoppedEpoch = -1;

    private EarlyStopping(String monitor, boolean maximize) {
        if (monitor == null || monitor.isEmpty()) throw new IllegalArgumentException("monitor must name a metric, e.g. \"val_loss\"");
        this.monitor = monitor;
        this.maximize = maximize;
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Watches a metric that should fall (a loss, perplexity). Patience defaults to 0 as in Keras. */
    public static EarlyStopping minimize(String monitor) {
        return new EarlyStopping(monitor, false);
    }

    /** Watches a metric that should rise (accuracy, F1). */
    public static EarlyStopping maximize(String monitor) {
        return new EarlyStopping(monitor, true);
    }

    public EarlyStopping patience(int epochs) {
        if (epochs < 0) throw new IllegalArgumentException("patience must be >= 0; got " + epochs);
        this.patience = epochs;
        return this;
    }

    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0) || Double.isInfinite(delta)) throw new IllegalArgumentException("minDelta must be finite and >= 0; got " + delta);
        this.minDelta = delta;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean on) {
        this.restoreBest = on;
        return this;
    }

    @Override
    public void onEpochEnd(TrainContext ctx, int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (v == null) {
            throw new IllegalArgumentException("EarlyStopping monitors '" + monitor + "' but the epoch logs have "
                    + logs.keySet() + (monitor.startsWith("val_") ? "; did you pass validation data?" : ""));
        }
        double m = v;
        boolean better = maximize ? m > best + minDelta : m < best - minDelta;
        if (better) {
            best = m;
            bestEpoch = epoch;
            wait = 0;
        } else if (++wait >= patience) {
            stoppedEpoch = epoch;
            ctx.stopTraining();
        }
    }

    /** The trainer's model choice when restoreBestWeights is on (the same monitor and direction), else null. */
    Selection selection() {
        if (!restoreBest) return null;
        return (maximize ? Selection.maximize(monitor) : Selection.minimize(monitor)).withMinDelta(minDelta);
    }

    /** The best monitored value so far. */
    public double best() {
        return best;
    }

    /** The 0-based epoch of the best value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The epoch at which training was stopped, or -1 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public long[] state() {
        return new long[] {Double.doubleToRawLongBits(best), wait, bestEpoch, stoppedEpoch};
    }

    @Override
    public void restore(long[] s, Map<String, Tensor> tensors) {
        best = Double.longBitsToDouble(s[0]);
        wait = (int) s[1];
        bestEpoch = (int) s[2];
        stoppedEpoch = (int) s[3];
    }
}
