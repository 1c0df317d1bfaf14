package dev.xent.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over the kernel threads. The thread count comes from the system property
 * {@code xent.threads} (default: all available processors). Work smaller than {@code minChunk} per thread
 * runs on the caller's thread, so small tensors pay no scheduling cost.
 */
public final class Parallel {
    private Parallel() {}

    /** A body that processes indices [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int THREADS = threadsFromProperty();
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;
    private static final long SPIN_NANOS = spinFromProperty();
    private static final SpinTeam TEAM = THREADS > 1 && SPIN_NANOS > 0 ? new SpinTeam(THREADS - 1, SPIN_NANOS) : null;

    /**
     * xent.spinMicros (default 0: off): how long an idle kernel thread of the {@link SpinTeam} watches for work before
     * it parks. Off by default until it is measured on a quiet machine: on this 2-core machine under a load of 7–12
     * from other jobs, the team (before its take-back) made the translation step slower than the fork-join pool.
     */
    private static long spinFromProperty() {
        String s = System.getProperty("xent.spinMicros");
        if (s == null || s.isBlank()) return 0;
        try {
            long us = Long.parseLong(s.trim());
            if (us < 0) throw new NumberFormatException();
            return us * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property xent.spinMicros must be an integer >= 0 (microseconds);"
                    + " got '" + s + "'. Use for example -Dxent.spinMicros=100, or 0 to park idle kernel threads at once");
        }
    }

    private static int threadsFromProperty() {
        String s = System.getProperty("xent.threads");
        int cores = Runtime.getRuntime().availableProcessors();
        if (s == null || s.isBlank()) return cores;
        try {
            int t = Integer.parseInt(s.trim());
            if (t < 1) throw new NumberFormatException();
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property xent.threads must be a positive integer; got '"
                    + s + "'. Use for example -Dxent.threads=2");
        }
    }

    /** The number of threads kernels may use. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over [0, n), split into at most {@link #threads()} contiguous chunks of at least
     * {@code minChunk} indices each. Returns when every chunk is done. With {@code -Dxent.spinMicros} > 0 the chunks
     * run on the {@link SpinTeam} (the caller's thread and spinning helpers) when it is free, else on a fork-join pool.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int parts = Math.min(THREADS, Math.max(1, n / Math.max(1, minChunk)));
        if (parts <= 1 || POOL == null || ForkJoinTask.inForkJoinPool() || SpinTeam.onHelper()) {
            if (n > 0) body.run(0, n);
            return;
        }
        if (TEAM != null && TEAM.tryRun(n, parts, body)) return;   // else busy or nested: the fork-join pool
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
            tasks[p - 1] = POOL.submit(new Chunk(body, from, to));
        }
        body.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> t : tasks) t.join();
    }

    private static final class Chunk extends RecursiveAction {
        private final RangeBody body;
        private final int from, to;

        Chunk(RangeBody body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            body.run(from, to);
        }
    }
}
