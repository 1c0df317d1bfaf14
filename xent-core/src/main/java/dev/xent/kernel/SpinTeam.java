// Kernel helper threads that spin briefly between parallel ranges, so a range starts on them without a wake-up.
package dev.xent.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A training step runs thousands of short parallel ranges (a layer norm, a dropout mask, a GEMM) with short serial
 * gaps between them. A parked thread takes tens of microseconds to wake (more on a loaded machine), which the
 * caller spends waiting; so each helper, after its part of a range, spins for {@code xent.spinMicros} (opt-in,
 * e.g. 100 µs) watching for the next one before it parks — what OpenMP runtimes and OpenBLAS's threads do. The caller
 * runs part 0 itself; then it takes back every part no helper has started yet (a helper the machine is not
 * running, or one still waking) and runs it too, and spins, then polls, until the started parts are done.
 *
 * <p>One caller at a time owns the team; a second thread calling meanwhile, or a range started from inside a
 * range, is refused ({@link #tryRun} returns false) and {@link Parallel} runs it as before. An exception in any
 * part is rethrown to the caller after every part has finished.
 */
final class SpinTeam {
    private final Helper[] helpers;
    private final long spinNanos;
    private final AtomicReference<Thread> owner = new AtomicReference<>();

    SpinTeam(int helpers, long spinNanos) {
        this.spinNanos = spinNanos;
        this.helpers = new Helper[helpers];
        for (int i = 0; i < helpers; i++) {
            this.helpers[i] = new Helper("xent-kernel-" + (i + 1), spinNanos);
            this.helpers[i].start();
        }
    }

    /** True when the current thread is one of the team's helpers (a range started there runs serially). */
    static boolean onHelper() {
        return Thread.currentThread() instanceof Helper;
    }

    /**
     * Runs body over [0, n) in {@code parts} (2 … helpers + 1) contiguous parts, part 0 on the calling thread, as
     * {@link Parallel#forRange} splits it. Returns false without running anything when the team is busy.
     */
    boolean tryRun(int n, int parts, Parallel.RangeBody body) {
        if (!owner.compareAndSet(null, Thread.currentThread())) return false;
        try {
            for (int p = 1; p < parts; p++) {
                helpers[p - 1].post(body, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts));
            }
            Throwable error = null;
            try {
                body.run(0, (int) ((long) n / parts));
            } catch (Throwable t) {
                error = t;
            }
            for (int p = 1; p < parts; p++) {
                Throwable e = helpers[p - 1].takeBackOrAwait(spinNanos);
                if (error == null) error = e;
                else if (e != null && e != error) error.addSuppressed(e);
            }
            if (error instanceof RuntimeException r) throw r;
            if (error instanceof Error e) throw e;
            if (error != null) throw new IllegalStateException("a kernel thread failed: " + error, error);
            return true;
        } finally {
            owner.set(null);
        }
    }

    /**
     * One helper: claims a posted part (sequence number {@code posted}) by moving {@code claimed} up to it, runs it,
     * publishes {@code done}. The caller may claim the part first (a helper that is not on a core, or still
     * waking up): it then runs the part itself, so no range waits for a thread the machine is not running.
     */
    private static final class Helper extends Thread {
        private final long spinNanos;
        private volatile long posted, done;        // written by the owner / by whoever ran the part
        private final AtomicLong claimed = new AtomicLong();
        private volatile boolean parked;
        private Parallel.RangeBody body;           // published by the volatile write of posted
        private int from, to;
        private Throwable error;                   // published by the volatile write of done

        Helper(String name, long spinNanos) {
            super(name);
            this.spinNanos = spinNanos;
            setDaemon(true);
        }

        void post(Parallel.RangeBody b, int f, int t) {
            body = b;
            from = f;
            to = t;
            posted = posted + 1;
            if (parked) LockSupport.unpark(this);   // Dekker pair with run(): parked is set before posted is re-read
        }

        /** Runs the posted part here if the helper has not claimed it, else waits for it; returns its exception or null. */
        Throwable takeBackOrAwait(long spin) {
            long target = posted;
            if (claimed.compareAndSet(target - 1, target)) {
                Throwable e = runPart();
                done = target;
                body = null;
                return e;
            }
            long start = System.nanoTime();
            while (done != target) {
                if (System.nanoTime() - start < spin) Thread.onSpinWait();
                else LockSupport.parkNanos(20_000);
            }
            Throwable e = error;
            error = null;
            body = null;
            return e;
        }

        private Throwable runPart() {
            try {
                body.run(from, to);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long since = System.nanoTime();
                while (posted == seen) {
                    if (System.nanoTime() - since < spinNanos) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (posted == seen) LockSupport.park(this);
                        parked = false;
                    }
                }
                seen = posted;
                if (!claimed.compareAndSet(seen - 1, seen)) continue;   // the caller took this part back
                error = runPart();
                done = seen;
            }
        }
    }
}
