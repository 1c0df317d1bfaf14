// The per-step coefficients of one Adam update (bias corrections, decay), as the float values the kernel multiplies by.
package dev.xent.kernel;

/**
 * What {@link VecOps#adam} needs besides the arrays, for step t of a parameter (see dev.xent.optim.Adam):
 * {@code beta1}, {@code oneMinusBeta1}, {@code beta2}, {@code oneMinusBeta2} the moment decay rates;
 * {@code bc2Sqrt} = √(1 − β2^t); {@code eps}; {@code stepSize} = lr / (1 − β1^t); {@code weightDecay} (0 for
 * none); {@code decoupled}: AdamW's w ← w·{@code shrink} with shrink = 1 − lr·wd, instead of Adam's g ← g + wd·w.
 */
public record AdamStep(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2Sqrt,
                       float eps, float stepSize, float weightDecay, boolean decoupled, float shrink) {}
