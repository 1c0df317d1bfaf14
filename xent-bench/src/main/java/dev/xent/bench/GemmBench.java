// Times xent's GEMM on the benchmark shapes (square and the NLP forward/backward products) and prints GFLOP/s.
package dev.xent.bench;

import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * For each shape: warm up, then time {@code reps} calls and report the median as GFLOP/s = 2·m·n·k / time.
 * Output is one tab-separated line per product: {@code shape  product  threads  gflops  cpu/wall}, the format
 * bench/gemm.sh joins with PyTorch's ({@code bench/gemm_torch.py}) and DJL's ({@link DjlGemmBench}).
 * Usage: {@code GemmBench [reps] [filter] [wall|cpu]}. The {@code cpu} clock times the calling thread's CPU
 * time instead of wall time: with {@code -Dxent.threads=1} it measures the kernel itself, unaffected by other
 * processes taking the core (on a shared machine wall-clock numbers swing by 2-5x). cpu/wall is the process's
 * CPU time over the wall time of the timed calls: about the number of busy threads, which shows whether a
 * thread count was really kept.
 *
 * <p>Products: for square shapes, C = A·B. For the NLP shapes with A (700, 200) and B (200, N): forward
 * C = A·B, backward dA = G·Bᵀ (G is (700, N), transB) and dB = Aᵀ·G (transA).
 */
public final class GemmBench {
    private GemmBench() {}

    /** One timed product: op(A) is (m, k), op(B) is (k, n); a transposed operand is stored transposed. */
    record Case(String shape, String product, boolean transA, boolean transB, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        for (int s : new int[] {256, 512, 1024, 2048}) cs.add(new Case(s + "^2", "fwd", false, false, s, s, s));
        for (int n : new int[] {800, 33278}) {
            String shape = "700x200.200x" + n;
            cs.add(new Case(shape, "fwd A.B", false, false, 700, n, 200));
            cs.add(new Case(shape, "dA G.Bt", false, true, 700, 200, n));
            cs.add(new Case(shape, "dB At.G", true, false, 200, n, 700));
        }
        return cs;
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String filter = args.length > 1 ? args[1] : "";
        boolean cpuClock = args.length > 2 && args[2].equals("cpu");
        if (cpuClock && Parallel.threads() != 1) {
            throw new IllegalArgumentException("the cpu clock measures one thread; run with -Dxent.threads=1");
        }
        Gemm gemm = Kernels.gemm();
        System.out.printf(Locale.ROOT, "# xent gemm=%s threads=%d clock=%s java=%s%n", gemm.name(),
                Parallel.threads(), cpuClock ? "cpu" : "wall", System.getProperty("java.version"));
        warmUp(gemm);
        for (Case c : cases()) {
            if (!(c.shape() + " " + c.product()).contains(filter)) continue;
            SplittableRandom rnd = new SplittableRandom(42);
            float[] a = random(rnd, c.m() * c.k()), b = random(rnd, c.k() * c.n());
            float[] out = new float[c.m() * c.n()];
            int lda = c.transA() ? c.m() : c.k(), ldb = c.transB() ? c.k() : c.n();
            Timing t = Timing.of(() -> gemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(),
                    1f, a, 0, lda, b, 0, ldb, 0f, out, 0, c.n()), reps, cpuClock);
            print(c, Parallel.threads(), t);
        }
    }

    static void print(Case c, int threads, Timing t) {
        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%.2f%n", c.shape(), c.product(), threads,
                c.flops() / t.medianSeconds() / 1e9, t.cpuPerWall());
    }

    /** The median time of one call, and the process's CPU time per wall time over the timed calls. */
    record Timing(double medianSeconds, double cpuPerWall) {
        /**
         * Warms up until the JIT has compiled the kernels (at least 5 calls and 1.5 s of this thread's CPU time:
         * C2 compiles of the vector kernels take seconds on a loaded machine, and until then the calls run C1
         * code, up to 100x slower), then times {@code reps} calls by wall clock or by the calling thread's CPU
         * clock.
         */
        static Timing of(Runnable call, int reps, boolean cpuClock) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long warmEnd = mx.getCurrentThreadCpuTime() + 1_500_000_000L;
            for (int i = 0; i < 5 || mx.getCurrentThreadCpuTime() < warmEnd; i++) call.run();
            double[] t = new double[reps];
            long wall0 = System.nanoTime(), cpu0 = os.getProcessCpuTime();
            for (int r = 0; r < reps; r++) {
                long t0 = cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                call.run();
                t[r] = ((cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
            }
            double cpuPerWall = (double) (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
            Arrays.sort(t);
            return new Timing(t[reps / 2], cpuPerWall);
        }
    }

    /**
     * Runs every transpose combination, with two depth blocks and edge tiles, for at least 4 s of this thread's
     * CPU time, so the JIT has compiled all kernel paths before the first timing (on a loaded machine C2
     * needs seconds; the transposing packers get hot slowly, a few hundred loop trips per call).
     */
    private static void warmUp(Gemm gemm) {
        int m = 190, n = 200, k = 300;
        SplittableRandom rnd = new SplittableRandom(7);
        float[] a = random(rnd, m * k), b = random(rnd, k * n), out = new float[m * n];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + 4_000_000_000L;
        for (int i = 0; mx.getCurrentThreadCpuTime() < end; i++) {
            boolean ta = (i & 1) != 0, tb = (i & 2) != 0;
            gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, (i & 4) != 0 ? 1f : 0f, out, 0, n);
        }
    }

    static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }
}
