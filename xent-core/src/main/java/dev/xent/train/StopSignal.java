// A request to stop training at the next step boundary (Ctrl-C, SIGTERM, a UI's stop button), from any thread.
package dev.xent.train;

/**
 * Set by another thread (a signal handler, a UI); the training loop checks it at every step boundary (hogwild
 * threads between two examples), writes a checkpoint when checkpointing is on, and throws
 * {@link TrainingInterruptedException} saying where the checkpoint went.
 */
public final class StopSignal {
    private volatile String reason;

    /** Asks training to stop; {@code why} names the cause in the exception's message (e.g. "SIGINT"). */
    public void request(String why) {
        if (why == null || why.isBlank()) throw new IllegalArgumentException("a stop request needs a reason, e.g. \"SIGINT\"");
        if (reason == null) reason = why;
    }

    public boolean requested() {
        return reason != null;
    }

    /** The first reason given, or null when no stop was requested. */
    public String reason() {
        return reason;
    }
}
