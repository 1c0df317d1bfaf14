// A command ended without doing what was asked, for a reason already explained: the message and the exit code.
package dev.xent.cli;

/** Thrown by commands; {@link Main} prints the message as one line and exits with {@link #exitCode()}. */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
