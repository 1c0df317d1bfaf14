// Starts DJL's PyTorch engine offline with a pinned thread count, and reads the process CPU clock.
package dev.xent.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.lang.management.ManagementFactory;

/**
 * The native libraries come from the {@code pytorch-native-cpu} jar on the class path (DJL extracts them once to
 * ~/.djl.ai), so {@code ai.djl.offline=true} holds: nothing is downloaded. Threads: PyTorch's intra-op pool
 * ({@code at::set_num_threads}, which also sizes MKL's and OpenMP's) and one inter-op thread; bench scripts also
 * set OMP_NUM_THREADS / MKL_NUM_THREADS before the JVM starts, and the drivers print the process CPU time of the
 * timed steps, so CPU/wall shows how many threads really ran.
 */
final class DjlRuntime {
    private DjlRuntime() {}

    /** The PyTorch engine with {@code threads} intra-op threads and the seed set; prints its versions to out. */
    static Engine start(int threads, long seed, java.io.PrintStream out) {
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1; got " + threads);
        System.setProperty("ai.djl.offline", "true");
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        JniUtils.setNumInteropThreads(1);
        engine.setRandomSeed((int) seed);
        out.println("djl=" + Engine.getDjlVersion());
        out.println("pytorch=" + engine.getVersion());
        out.println("threads=" + JniUtils.getNumThreads());
        return engine;
    }

    /** CPU time of every thread of this process, in seconds. */
    static double processCpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }
}
