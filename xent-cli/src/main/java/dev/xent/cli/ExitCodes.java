// The process exit codes of the xent command (documented in docs/cli.md).
package dev.xent.cli;

/** What a script can rely on: 0 ok, 1 runtime failure, 2 usage error, 3 bad input data, 130/143 interrupted. */
public final class ExitCodes {
    private ExitCodes() {}

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something failed while running: an I/O error, out of memory, a bug. */
    public static final int FAILURE = 1;
    /** The command line is wrong: unknown option, missing or invalid argument value. */
    public static final int USAGE = 2;
    /** An input file cannot be used: missing, unreadable, malformed, truncated, foreign or corrupted. */
    public static final int BAD_INPUT = 3;
    /** Stopped by Ctrl-C / SIGINT (128 + 2, as shells report it). */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15), e.g. by a job scheduler; training saved a checkpoint first. */
    public static final int TERMINATED = 143;
}
