// Times DJL's matMul (PyTorch 2.7.1's CPU build, MKL) on the GemmBench shapes: the Java reference for GEMM speed.
package dev.xent.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The same products and output format as {@link GemmBench} ({@code shape  product  threads  gflops  cpu/wall}),
 * computed by DJL 0.36 on PyTorch 2.7.1 (whose libtorch_cpu links MKL), loaded from the
 * {@code pytorch-native-cpu} jar on the class path, so no download happens. A transposed operand is stored
 * transposed and multiplied through {@code transpose()}, a strided view: PyTorch passes the transpose to the
 * BLAS as a flag, as xent's sgemm takes it. Each call allocates its result, as every DJL call does; the
 * result is closed at once.
 *
 * <p>Usage: {@code DjlGemmBench [reps] [filter] [wall|cpu] [threads]}. Threads are PyTorch's intra-op threads
 * (at::set_num_threads, which also sets MKL's and OpenMP's); bench/gemm.sh also sets OMP_NUM_THREADS and
 * MKL_NUM_THREADS before the JVM starts, and reports cpu/wall to show the count held.
 */
public final class DjlGemmBench {
    private DjlGemmBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String filter = args.length > 1 ? args[1] : "";
        boolean cpuClock = args.length > 2 && args[2].equals("cpu");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (cpuClock && threads != 1) {
            throw new IllegalArgumentException("the cpu clock measures one thread; pass 1 as the thread count");
        }
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        JniUtils.setNumInteropThreads(1);
        System.out.printf(Locale.ROOT, "# djl %s pytorch %s threads=%d clock=%s%n", Engine.getDjlVersion(),
                engine.getVersion(), JniUtils.getNumThreads(), cpuClock ? "cpu" : "wall");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (GemmBench.Case c : GemmBench.cases()) {
                if (!(c.shape() + " " + c.product()).contains(filter)) continue;
                SplittableRandom rnd = new SplittableRandom(42);
                try (NDManager scope = manager.newSubManager()) {
                    // Stored shapes: A (k, m) when transposed else (m, k); B (n, k) when transposed else (k, n).
                    NDArray a = scope.create(GemmBench.random(rnd, c.m() * c.k()),
                            c.transA() ? new Shape(c.k(), c.m()) : new Shape(c.m(), c.k()));
                    NDArray b = scope.create(GemmBench.random(rnd, c.k() * c.n()),
                            c.transB() ? new Shape(c.n(), c.k()) : new Shape(c.k(), c.n()));
                    NDArray opA = c.transA() ? a.transpose() : a, opB = c.transB() ? b.transpose() : b;
                    GemmBench.Timing t = GemmBench.Timing.of(() -> {
                        try (NDArray out = opA.matMul(opB)) {
                            if (out.getShape().get(0) != c.m()) throw new IllegalStateException("wrong shape");
                        }
                    }, reps, cpuClock);
                    GemmBench.print(c, threads, t);
                }
            }
        }
    }
}
