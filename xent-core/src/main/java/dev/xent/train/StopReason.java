// Why a training run ended.
package dev.xent.train;

/** RUNNING while training; then how it ended normally (a divergence or a stop signal is an exception instead). */
public enum StopReason {
    RUNNING,
    /** Every epoch was trained. */
    COMPLETED,
    /** A callback (early stopping) asked to stop. */
    EARLY_STOPPED,
    /** The step budget (maxSteps) was spent. */
    MAX_STEPS,
    /** The time budget (maxSeconds) was spent. */
    MAX_SECONDS
}
