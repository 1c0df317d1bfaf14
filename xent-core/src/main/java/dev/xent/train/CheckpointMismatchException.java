// A checkpoint that cannot continue this run: another format, other data-order settings, generators or callbacks.
package dev.xent.train;

/**
 * Thrown on resume when the newest checkpoint cannot continue the run as configured; the message names the file,
 * what differs (the setting and both values) and what to do. An IllegalArgumentException, so a caller that treats
 * bad arguments alike still does; the CLI reports it as bad input (exit 3).
 */
public final class CheckpointMismatchException extends IllegalArgumentException {
    public CheckpointMismatchException(String message) {
        super(message);
    }
}
