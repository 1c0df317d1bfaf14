// Ctrl-C (SIGINT) and SIGTERM during training: the first asks the loop to stop at a step boundary, the second quits.
package dev.xent.cli.run;

import dev.xent.cli.ExitCodes;
import dev.xent.train.StopSignal;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;

/**
 * Installed for the duration of a training run. The first SIGINT or SIGTERM raises the {@link StopSignal}: the
 * loop writes a checkpoint at the next step boundary and ends with exit code 130 (143). A second one while that
 * is under way quits at once with the same code (the last checkpoint written stays usable).
 */
public final class Signals implements AutoCloseable {
    private final SignalHandler oldInt, oldTerm;

    private Signals(StopSignal stop, PrintWriter err, String what) {
        oldInt = Signal.handle(new Signal("INT"), handler("SIGINT", ExitCodes.INTERRUPTED, stop, err, what));
        oldTerm = Signal.handle(new Signal("TERM"), handler("SIGTERM", ExitCodes.TERMINATED, stop, err, what));
    }

    static Signals install(StopSignal stop, PrintWriter err) {
        return new Signals(stop, err, "stopping at the next step boundary and writing a checkpoint");
    }

    /** Handlers whose first message says {@code what} happens next (e.g. how a search ends). */
    public static Signals install(StopSignal stop, PrintWriter err, String what) {
        return new Signals(stop, err, what);
    }

    private static SignalHandler handler(String name, int code, StopSignal stop, PrintWriter err, String what) {
        return sig -> {
            if (stop.requested()) {
                err.println();
                err.println("xent: " + name + " again: quitting now; the last checkpoint written stays usable with --resume");
                err.flush();
                Runtime.getRuntime().halt(code);
            }
            stop.request(name);
            err.println();
            err.println("xent: " + name + ": " + what + " (press Ctrl-C again to quit at once)");
            err.flush();
        };
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), oldInt);
        Signal.handle(new Signal("TERM"), oldTerm);
    }
}
