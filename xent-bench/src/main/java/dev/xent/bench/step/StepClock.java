// Times each training step (wall, process CPU, training-thread CPU) and profiles a window of steps with async-profiler.
package dev.xent.bench.step;

import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

import one.profiler.AsyncProfiler;

/**
 * Steps 1..warmup are not measured (JIT compilation, workspace growth); steps warmup+1..warmup+measured are,
 * each as the interval between two {@link #onStep} calls (forward, backward, clipping, update and the loop's
 * own work). When {@code profile} is set, async-profiler samples exactly the measured steps and writes
 * collapsed stacks ("frame;frame;... count" lines) there.
 */
final class StepClock implements ProgressListener {
    private final int warmup, measured;
    private final Path profile;
    private final String event;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long[] wall;
    private long lastWall, cpuStart, cpuEnd, mainStart, mainEnd;
    private int seen;
    private AsyncProfiler profiler;

    /** event: async-profiler's event ("cpu", "wall", "alloc", ...); profile null for no profile. */
    StepClock(int warmup, int measured, Path profile, String event) {
        this.warmup = warmup;
        this.measured = measured;
        this.profile = profile;
        this.event = event;
        wall = new long[measured];
    }

    @Override
    public void onStep(Progress p) {
        long w = System.nanoTime();
        int k = seen - warmup;           // index of the step that just ended among the measured ones
        if (k >= 0 && k < measured) wall[k] = w - lastWall;
        seen++;
        if (seen == warmup + measured) {
            cpuEnd = os.getProcessCpuTime();
            mainEnd = threads.getCurrentThreadCpuTime();
            if (profiler != null) stop();
        }
        if (seen == warmup) {
            if (profile != null) start();
            cpuStart = os.getProcessCpuTime();
            mainStart = threads.getCurrentThreadCpuTime();
        }
        lastWall = System.nanoTime();
    }

    private void start() {
        try {
            profiler = AsyncProfiler.getInstance();
            String interval = event.equals("alloc") ? "" : ",interval=1ms";
            profiler.execute("start,event=" + event + interval + (event.equals("wall") ? ",threads" : ""));
        } catch (IOException e) {
            throw new IllegalStateException("async-profiler could not start (event " + event + "): " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            profiler.execute("stop,file=" + profile.toAbsolutePath() + ",collapsed");
        } catch (IOException e) {
            throw new IllegalStateException("async-profiler could not write " + profile + ": " + e.getMessage(), e);
        }
    }

    /** True once every measured step has run. */
    boolean done() {
        return seen >= warmup + measured;
    }

    /**
     * Seconds per step: the median wall time, and the mean process CPU time (all threads) and training-thread CPU
     * time over the measured steps (the process's CPU clock ticks in 10 ms steps, too coarse for one step).
     */
    double[] perStep() {
        return new double[] {median(wall), (cpuEnd - cpuStart) / 1e9 / measured, (mainEnd - mainStart) / 1e9 / measured};
    }

    private static double median(long[] x) {
        long[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0) / 1e9;
    }
}
