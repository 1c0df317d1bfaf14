// What a progress bar or log writer implements to follow training; the library itself never prints.
package dev.xent.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Receives every step, every epoch's metrics and every checkpoint; called on the training thread, so keep it quick. */
public interface ProgressListener {

    void onStep(Progress progress);

    /**
     * The run continues from the checkpoint of step {@code step} in {@code file}; {@code skipped} names newer
     * checkpoints that could not be read (damaged) and were passed over. Called once, before any step.
     */
    default void onResume(long step, Path file, List<String> skipped) {}

    /** The untrained model's validation scores (only when the run asked for them with validateAtStart). */
    default void onInitialValidation(Map<String, Double> logs) {}

    /** Validation of epoch {@code epoch} (0-based) is about to run. */
    default void onValidationBegin(int epoch) {}

    /** After validation and the callbacks of epoch {@code epoch} (0-based) of {@code epochs}. */
    default void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {}

    /** A checkpoint after {@code step} steps was written to {@code file}. */
    default void onCheckpoint(long step, Path file) {}

    /**
     * Training ended normally after {@code step} steps; {@code logs} are the validation scores taken at a budget
     * stop inside an epoch (empty otherwise: the last epoch's logs went to {@link #onEpochEnd}).
     */
    default void onStop(StopReason reason, long step, Map<String, Double> logs) {}
}
