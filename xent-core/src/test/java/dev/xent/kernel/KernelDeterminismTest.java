// The Vector API kernels give the same bits interpreted (-Xint child JVM) and JIT-compiled (this JVM, warmed up).
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A resumed training compiles its kernels at another step than the uninterrupted one, so its results equal the
 * uninterrupted run's only if no kernel result depends on the JIT. This test computes a fixed set of kernel
 * outputs (VectorVecOps exp, tanh, sigmoid, sum, sumSquares, dot, max, softmax, logSoftmax, addMax, expShifted, lstmCell(Backward) on every length 0..70,
 * special values included; VectorGemm's small-product and blocked paths; GELU forward and backward, exact and
 * tanh; the Adam update, with and without decay) in a child JVM run with {@code -Xint}, and again and again in
 * this JVM while C2 compiles them: every repetition must equal the child's bits (NaNs compared as NaN, any payload).
 *
 * <p>Negative control: the same repetitions also compute {@code reduceLanes(ADD)} and {@code lanewise(EXP)},
 * which this JVM computes differently once C2 has compiled them (measured on JDK 25, AVX-512). The warm-up runs
 * until the control differs from the child's, so the comparison above has really seen compiled code.
 */
class KernelDeterminismTest {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int MAX_N = 70;
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(30);   // ~1-2 s on an idle machine

    @Test
    void kernelsGiveTheSameBitsInterpretedAndCompiled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xint.bin");
        Process child = startInterpretedChild(file);
        int[] first = kernelBits();
        long start = System.nanoTime();
        int reps = 0;
        List<int[]> seen = new ArrayList<>();   // distinct control outputs of this JVM
        do {
            warmUp();
            if (reps % 8 == 0) assertSame(first, kernelBits(), "repetition " + reps + " of this JVM vs its first");
            int[] ctl = controlBits();
            if (seen.stream().noneMatch(s -> Arrays.equals(s, ctl))) seen.add(ctl);
            reps++;
        } while (seen.size() < 2 && System.nanoTime() - start < WARM_UP_NANOS);
        // Keep going a little after the control changed, so the kernels also run in their compiled form.
        for (int i = 0; i < 20; i++) {
            warmUp();
            assertSame(first, kernelBits(), "after the control changed, repetition " + i);
        }
        System.out.printf(Locale.ROOT, "KernelDeterminismTest: control changed after %d warm-up rounds, %.1f s%n",
                reps, (System.nanoTime() - start) / 1e9);

        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the -Xint child JVM did not finish in 60 s");
        assertEquals(0, child.exitValue(), "-Xint child failed:\n" + new String(child.getInputStream().readAllBytes()));
        int[][] xint = read(file);
        assertSame(xint[0], first, "-Xint child vs this JVM (after " + reps + " warm-up repetitions)");
        assertTrue(seen.stream().anyMatch(s -> !Arrays.equals(s, xint[1])),
                "negative control: after " + reps + " repetitions this JVM still computes reduceLanes(ADD) and "
                        + "lanewise(EXP) exactly as -Xint does, so the test has not shown that compiled kernels "
                        + "match (C2 did not compile them, or this JVM/CPU computes them alike in both modes)");
    }

    /** Child entry point: writes the kernel bits and the control bits to args[0]. */
    public static void main(String[] args) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (int[] a : new int[][] {kernelBits(), controlBits()}) {
                out.writeInt(a.length);
                for (int v : a) out.writeInt(v);
            }
        }
    }

    private static Process startInterpretedChild(Path file) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-Dxent.threads=1",
                "-cp", System.getProperty("java.class.path"), KernelDeterminismTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
    }

    private static int[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int[][] r = new int[2][];
            for (int k = 0; k < 2; k++) {
                r[k] = new int[in.readInt()];
                for (int i = 0; i < r[k].length; i++) r[k][i] = in.readInt();
            }
            return r;
        }
    }

    private static void assertSame(int[] expected, int[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": output count");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": output " + i + " is " + Float.intBitsToFloat(actual[i]) + " (bits "
                        + Integer.toHexString(actual[i]) + "), expected " + Float.intBitsToFloat(expected[i])
                        + " (bits " + Integer.toHexString(expected[i]) + ")");
            }
        }
    }

    // ------------------------------------------------------------------ the computations

    /** Inputs: N(0, scale) with, now and then, ±0, ±inf, NaN, ±100 and subnormal-producing values. */
    private static float[] values(Random rnd, int n, float scale) {
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 100f, -100f,
            -88f, 88.5f, -103f, 1e-30f, 0.625f, -9.5f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : (float) rnd.nextGaussian() * scale;
        }
        return x;
    }

    /** Finite N(0, scale) inputs (reductions: one inf or NaN would hide every other bit). */
    private static float[] finite(Random rnd, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian() * scale;
        return x;
    }

    /** Every kernel output, as Float.floatToIntBits (one bit pattern for every NaN). */
    static int[] kernelBits() {
        Bits out = new Bits();
        VecOps v = new VectorVecOps();
        Random rnd = new Random(42);
        for (int n = 0; n <= MAX_N; n++) {
            float[] x = values(rnd, n, 4f), o = new float[n];
            v.exp(x, 0, o, 0, n); out.add(o);
            v.tanh(x, 0, o, 0, n); out.add(o);
            v.sigmoid(x, 0, o, 0, n); out.add(o);
            out.add(v.max(x, 0, n));
            float[] a = finite(rnd, n, 3f), b = finite(rnd, n, 3f);
            out.add(v.sum(a, 0, n));
            out.add(v.sumSquares(a, 0, n));
            out.add(v.dot(a, 0, b, 0, n));
            if (n > 0) {
                out.add(v.softmax(a, 0, o, 0, n)); out.add(o);
                out.add(v.logSoftmax(a, 0, o, 0, n)); out.add(o);
                float[] z = a.clone();
                float m = v.addMax(z, 0, b, 0, n);
                out.add(m); out.add(z);
                out.add(v.expShifted(z, 0, m, o, 0, n)); out.add(o);
                float[] gates = finite(rnd, 4 * n, 3f), cp = finite(rnd, n, 2f), c = new float[n], h = new float[n];
                v.lstmCell(gates, 0, cp, 0, c, 0, h, 0, n);
                out.add(gates); out.add(c); out.add(h);
                float[] dh = finite(rnd, n, 1f), dc = finite(rnd, n, 1f), da = new float[4 * n];
                v.lstmCellBackward(gates, 0, c, 0, cp, 0, dh, 0, dc, 0, da, 0, n);
                out.add(da); out.add(dc);
            }
        }
        Gemm g = new VectorGemm();
        int[][] shapes = {{1, 37, 45}, {2, 19, 70}, {2, 33, 16}, {7, 21, 40}, {13, 40, 29}};   // (m, n, k)
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = finite(rnd, m * k, 1f), b = finite(rnd, k * n, 1f);
            for (boolean transB : new boolean[] {false, true}) {
                float[] c = finite(rnd, m * n, 1f);
                g.sgemm(false, transB, m, n, k, 0.5f, a, 0, k, b, 0, transB ? k : n, 0.25f, c, 0, n);
                out.add(c);
            }
        }
        for (boolean tanh : new boolean[] {false, true}) {
            float[] xs = finite(rnd, 67, 3f), y = new float[xs.length], gx = finite(rnd, xs.length, 1f);
            v.gelu(xs, 0, y, 0, xs.length, tanh);
            v.geluBackward(xs, 0, finite(rnd, xs.length, 1f), 0, gx, 0, xs.length, tanh);
            out.add(y);
            out.add(gx);
        }
        for (int variant = 0; variant < 3; variant++) {   // plain Adam, AdamW, AMSGrad with L2 decay
            float[] w = finite(rnd, 67, 1f), m = finite(rnd, 67, 0.01f), s = new float[67], grad = finite(rnd, 67, 0.1f);
            v.adam(new AdamStep(0.9f, 0.1f, 0.999f, 0.001f, 0.0447f, 1e-8f, 0.0526f, variant == 0 ? 0f : 0.01f,
                    variant == 1, 0.9999f), w, m, s, variant == 2 ? new float[67] : null, 0, grad, 0, 67);
            out.add(w);
        }
        return out.toArray();
    }

    /** Long calls of every kernel (and of the control), so their loops reach C2 in few calls. */
    private static void warmUp() {
        Random rnd = new Random(1);
        VecOps v = new VectorVecOps();
        float[] x = finite(rnd, 4096, 3f), o = new float[x.length];
        for (int r = 0; r < 2; r++) {
            v.exp(x, 0, o, 0, x.length);
            v.tanh(x, 0, o, 0, x.length);
            v.sigmoid(x, 0, o, 0, x.length);
            v.softmax(x, 0, o, 0, x.length);
            v.logSoftmax(x, 0, o, 0, x.length);
            System.arraycopy(x, 0, o, 0, x.length);
            v.expShifted(o, 0, v.addMax(o, 0, x, 0, x.length), o, 0, x.length);
            float[] cell = new float[1024];
            v.lstmCell(o, 0, x, 0, cell, 0, cell, 512, 512);
            v.lstmCellBackward(o, 0, x, 0, x, 512, x, 1024, cell, 0, cell, 0, 256);
            v.dot(x, 0, o, 0, v.sum(x, 0, x.length) > 0 ? x.length : x.length - 1);
            v.sumSquares(x, 0, x.length);
            Gemm g = new VectorGemm();
            g.sgemm(false, true, 2, 64, 64, 1f, x, 0, 64, x, 0, 64, 0f, o, 0, 64);
            g.sgemm(false, false, 2, 64, 64, 1f, x, 0, 64, x, 0, 64, 0f, o, 0, 64);
            g.sgemm(false, false, 12, 64, 64, 1f, x, 0, 64, x, 0, 64, 0f, o, 0, 64);
            v.gelu(x, 0, o, 0, x.length, r % 2 == 0);
            v.geluBackward(x, 0, x, 0, o, 0, x.length, r % 2 == 0);
            v.adam(new AdamStep(0.9f, 0.1f, 0.999f, 0.001f, 0.0447f, 1e-8f, 0.0526f, 0.01f, r % 2 == 0, 0.9999f),
                    o, x.clone(), x.clone(), null, 0, x, 0, x.length);
            for (int c = 0; c < 10; c++) controlBits();
        }
    }

    /** The JIT-dependent Vector API operations this package no longer uses: they should differ once compiled. */
    static int[] controlBits() {
        Bits out = new Bits();
        Random rnd = new Random(7);
        float[] x = finite(rnd, 200 * S.length(), 3f);
        for (int i = 0; i < x.length; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            out.add(v.reduceLanes(VectorOperators.ADD));
            out.add(v.lanewise(VectorOperators.EXP).toArray());
        }
        return out.toArray();
    }

    /** A growing list of float bit patterns. */
    private static final class Bits {
        private int[] a = new int[1024];
        private int n;

        void add(float f) {
            if (n == a.length) a = Arrays.copyOf(a, 2 * n);
            a[n++] = Float.floatToIntBits(f);
        }

        void add(float[] fs) {
            for (float f : fs) add(f);
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
