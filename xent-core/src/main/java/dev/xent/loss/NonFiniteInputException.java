// A loss was given a NaN or infinite input: in training this means the model diverged before the loss.
package dev.xent.loss;

/**
 * Thrown by the losses' input checks. An IllegalArgumentException (a bad argument when a caller computes a loss
 * by hand); the training step turns it into a divergence report instead.
 */
public final class NonFiniteInputException extends IllegalArgumentException {
    private final String quantity;
    private final double value;

    NonFiniteInputException(String message, String quantity, double value) {
        super(message);
        this.quantity = quantity;
        this.value = value;
    }

    /** What was not finite, e.g. "CrossEntropy logits[7]". */
    public String quantity() {
        return quantity;
    }

    public double value() {
        return value;
    }
}
