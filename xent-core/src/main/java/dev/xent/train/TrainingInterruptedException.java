// Thrown when training stopped on a StopSignal: says which step it reached and where its checkpoint went.
package dev.xent.train;

import java.nio.file.Path;

/** Training stopped at a step boundary because a {@link StopSignal} was raised; {@link #checkpoint()} may be null. */
public final class TrainingInterruptedException extends RuntimeException {
    private final String reason;
    private final long step;
    private final Path checkpoint;

    public TrainingInterruptedException(String reason, long step, Path checkpoint) {
        super("training stopped (" + reason + ") after step " + step + (checkpoint == null
                ? "; checkpointing was off, so nothing was saved"
                : "; its state is in " + checkpoint + " and resuming continues exactly from there"));
        this.reason = reason;
        this.step = step;
        this.checkpoint = checkpoint;
    }

    public String reason() {
        return reason;
    }

    /** Steps applied before the stop (all saved in the checkpoint). */
    public long step() {
        return step;
    }

    /** The checkpoint written at the stop, or null when checkpointing was off. */
    public Path checkpoint() {
        return checkpoint;
    }
}
