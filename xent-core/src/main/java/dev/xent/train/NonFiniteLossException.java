// Thrown when training diverges: a NaN or infinite loss, gradient or weight; says where and what the model holds.
package dev.xent.train;

/**
 * Training stopped because a step's loss or gradient norm (or, at a checkpoint, a weight) was NaN or infinite.
 * The failing step was not applied. Inside a {@link Trainer} the model is then put back to the last good state
 * — the best epoch's weights when a {@link Selection} chose one, else the newest checkpoint's, else those after
 * the last good step — and {@link #restored()} says which. {@link #epoch()} and {@link #batch()} are -1 when
 * the step ran outside a Trainer (a bare {@link TrainStep}).
 */
public final class NonFiniteLossException extends RuntimeException {
    private final long step;
    private final int epoch;
    private final int batch;
    private final String quantity;
    private final double value;
    private final double lastFiniteLoss;
    private final String restored;

    public NonFiniteLossException(long step, int epoch, int batch, String quantity, double value) {
        this(step, epoch, batch, quantity, value, Double.NaN, null);
    }

    private NonFiniteLossException(long step, int epoch, int batch, String quantity, double value,
                                   double lastFiniteLoss, String restored) {
        super(message(step, epoch, batch, quantity, value, lastFiniteLoss, restored));
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.quantity = quantity;
        this.value = value;
        this.lastFiniteLoss = lastFiniteLoss;
        this.restored = restored;
    }

    private static String message(long step, int epoch, int batch, String quantity, double value, double last,
                                  String restored) {
        String where = epoch >= 0 ? " (epoch " + (epoch + 1) + ", batch " + (batch + 1) + ")" : "";
        String lastLoss = Double.isNaN(last) ? "" : "; the last finite loss was " + (float) last;
        String holds = restored == null ? "the weights are those of the last good step (this step was not applied)"
                : "the model holds " + restored;
        return "training diverged: the " + quantity + " became " + value + " at step " + step + where + lastLoss
                + ". Training stopped and " + holds + ". Fix: lower the learning rate, clip the gradient norm "
                + "(clipNorm), or check the inputs for NaN and the loss for log(0)";
    }

    /** The same failure with its place in the run, the last finite loss, and what the model was restored to. */
    NonFiniteLossException at(long runStep, int epoch, int batch, double lastFiniteLoss, String restored) {
        return new NonFiniteLossException(runStep, epoch, batch, quantity, value, lastFiniteLoss, restored);
    }

    /** The 1-based number of the step that failed (steps before it were applied). */
    public long step() {
        return step;
    }

    /** 0-based epoch of the failing step, or -1. */
    public int epoch() {
        return epoch;
    }

    /** 0-based batch of the failing step, or -1. */
    public int batch() {
        return batch;
    }

    /** "loss", "gradient norm" or "weights". */
    public String quantity() {
        return quantity;
    }

    public double value() {
        return value;
    }

    /** The loss of the last applied step, NaN if none. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }

    /** What the model was put back to ("the weights of checkpoint …"), or null outside a Trainer. */
    public String restored() {
        return restored;
    }
}
