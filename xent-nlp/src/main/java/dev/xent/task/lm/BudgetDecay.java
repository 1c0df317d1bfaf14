// Learning rate decayed over the run's budget (steps, seconds or epochs, whichever ends it first): linear or cosine to 0.
package dev.xent.task.lm;

import dev.xent.tensor.Tensor;
import dev.xent.train.Callback;
import dev.xent.train.TrainContext;
import dev.xent.train.TrainOptions;

import java.util.Locale;
import java.util.Map;

/**
 * Before each step, lr = base · f(p) where base is the optimizer's rate when training began and p in [0, 1] is how
 * much of the budget is spent: the largest of steps / maxSteps, training seconds / maxSeconds (counted from the
 * first step, validations included, as the loop's own clock) and steps / (epochs · batches per epoch), over the
 * budgets that are set. f is 1 − p (linear) or (1 + cos πp) / 2 (cosine): a run that ends at its time budget ends
 * at a rate near 0, which is where an annealed model scores best. A step budget makes the curve deterministic; a
 * time budget makes it depend on the machine's speed, as the stopping point already does. The elapsed seconds and
 * base are checkpointed, so a resumed run continues the curve.
 */
public final class BudgetDecay implements Callback {
    /** The shape of the decay; NONE leaves the rate alone. */
    public enum Shape {
        NONE, LINEAR, COSINE;

        public static Shape of(String id) {
            for (Shape s : values()) if (s.name().toLowerCase(Locale.ROOT).equals(id)) return s;
            throw new IllegalArgumentException("lrDecay must be none, linear or cosine; got '" + id + "'");
        }
    }

    private final Shape shape;
    private double base = Double.NaN;
    private long elapsedNanos, sessionStart;   // seconds of training before this session; this session's start

    public BudgetDecay(Shape shape) {
        if (shape == null) throw new IllegalArgumentException("shape must not be null");
        this.shape = shape;
    }

    /** f(p) for p in [0, 1]. */
    public static double factor(Shape shape, double p) {
        double q = Math.min(1, Math.max(0, p));
        return switch (shape) {
            case NONE -> 1;
            case LINEAR -> 1 - q;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * q));
        };
    }

    /** The spent fraction of the tightest budget. */
    static double spent(TrainOptions o, long step, int batchesPerEpoch, double seconds) {
        double p = 0;
        if (o.maxSteps() > 0) p = Math.max(p, (double) step / o.maxSteps());
        if (o.maxSeconds() > 0) p = Math.max(p, seconds / o.maxSeconds());
        if (batchesPerEpoch > 0) p = Math.max(p, (double) step / ((double) o.epochs() * batchesPerEpoch));
        return p;
    }

    @Override
    public void onTrainBegin(TrainContext ctx) {
        if (Double.isNaN(base)) base = ctx.optimizer().lr();
        sessionStart = 0;
    }

    @Override
    public void onBatchBegin(TrainContext ctx, int epoch, int batch) {
        if (shape == Shape.NONE) return;
        if (sessionStart == 0) sessionStart = System.nanoTime();
        double seconds = (elapsedNanos + System.nanoTime() - sessionStart) / 1e9;
        ctx.optimizer().setLr(base * factor(shape, spent(ctx.options(), ctx.step(), ctx.batchesPerEpoch(), seconds)));
    }

    @Override
    public long[] state() {
        long now = sessionStart == 0 ? elapsedNanos : elapsedNanos + System.nanoTime() - sessionStart;
        return new long[] {Double.doubleToRawLongBits(base), now};
    }

    @Override
    public void restore(long[] s, Map<String, Tensor> tensors) {
        base = Double.longBitsToDouble(s[0]);
        elapsedNanos = s[1];
    }
}
