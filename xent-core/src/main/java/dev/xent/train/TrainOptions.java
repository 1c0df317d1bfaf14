// How the one training loop runs: epochs, budgets, clipping, penalties, callbacks, checkpoints, model choice, stop.
package dev.xent.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's options, for any {@link TrainTask}; a Keras-style {@link Dataset} fit adds its data options in
 * {@link FitOptions}. Built with {@link #builder()}:
 * <pre>{@code
 * TrainOptions.builder().epochs(10).clipNorm(5).maxSeconds(600)
 *         .checkpointing(Checkpointing.to(dir).everySteps(200)).stop(signal).build()
 * }</pre>
 *
 * @param epochs          passes over the training data (>= 1)
 * @param maxSteps        stop after this many applied steps in all (0: no limit)
 * @param maxSeconds      stop after this many seconds of training, summed over resumes (0: no limit); a run
 *                        stopped by time is not reproducible step for step
 * @param clipNorm        clip the global gradient L2 norm to this (0: off)
 * @param clipValue       clamp every gradient element to [−v, v] (0: off)
 * @param l1              L1 penalty λ·Σ|w| on weights with decay on (0: off)
 * @param l2              L2 penalty (λ/2)·Σw² on weights with decay on (0: off)
 * @param callbacks       called in order at each step and epoch (learning-rate schedules, early stopping)
 * @param listeners       progress listeners (per step, per epoch, checkpoints)
 * @param checkpointing   where and how often to write checkpoints, or null for none
 * @param selection       the metric that picks the best epoch's model, or null: the task's own choice
 * @param stop            a stop request to honour at the next step boundary, or null
 * @param validateAtStart score the untrained model before the first step (a baseline in the history)
 */
public record TrainOptions(int epochs, long maxSteps, double maxSeconds, double clipNorm, double clipValue, double l1,
                           double l2, List<Callback> callbacks, List<ProgressListener> listeners,
                           Checkpointing checkpointing, Selection selection, StopSignal stop, boolean validateAtStart) {

    public TrainOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1; got " + epochs);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0 (0: no limit); got " + maxSteps);
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maxSeconds must be a finite number >= 0 (0: no limit); got " + maxSeconds);
        }
        for (double v : new double[] {clipNorm, clipValue, l1, l2}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("clipNorm, clipValue, l1 and l2 must be finite and >= 0 (0: off); got "
                        + Arrays.toString(new double[] {clipNorm, clipValue, l1, l2}));
            }
        }
        callbacks = List.copyOf(callbacks);
        listeners = List.copyOf(listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.maxSteps = maxSteps;
        b.maxSeconds = maxSeconds;
        b.clipNorm = clipNorm;
        b.clipValue = clipValue;
        b.l1 = l1;
        b.l2 = l2;
        b.callbacks.addAll(callbacks);
        b.listeners.addAll(listeners);
        b.checkpointing = checkpointing;
        b.selection = selection;
        b.stop = stop;
        b.validateAtStart = validateAtStart;
        return b;
    }

    /** Defaults: 1 epoch, no budgets, no clipping or penalties, no checkpoints, the task's own model choice. */
    public static final class Builder {
        private int epochs = 1;
        private long maxSteps;
        private double maxSeconds, clipNorm, clipValue, l1, l2;
        private final List<Callback> callbacks = new ArrayList<>();
        private final List<ProgressListener> listeners = new ArrayList<>();
        private Checkpointing checkpointing;
        private Selection selection;
        private StopSignal stop;
        private boolean validateAtStart;

        public Builder epochs(int n) { epochs = n; return this; }

        public Builder maxSteps(long n) { maxSteps = n; return this; }

        public Builder maxSeconds(double s) { maxSeconds = s; return this; }

        public Builder clipNorm(double v) { clipNorm = v; return this; }

        public Builder clipValue(double v) { clipValue = v; return this; }

        public Builder l1(double lambda) { l1 = lambda; return this; }

        public Builder l2(double lambda) { l2 = lambda; return this; }

        public Builder callbacks(Callback... cs) { callbacks.addAll(List.of(cs)); return this; }

        public Builder listeners(ProgressListener... ls) { listeners.addAll(List.of(ls)); return this; }

        public Builder checkpointing(Checkpointing c) { checkpointing = c; return this; }

        public Builder selection(Selection s) { selection = s; return this; }

        public Builder stop(StopSignal s) { stop = s; return this; }

        public Builder validateAtStart(boolean on) { validateAtStart = on; return this; }

        public TrainOptions build() {
            return new TrainOptions(epochs, maxSteps, maxSeconds, clipNorm, clipValue, l1, l2, callbacks, listeners,
                    checkpointing, selection, stop, validateAtStart);
        }
    }
}
