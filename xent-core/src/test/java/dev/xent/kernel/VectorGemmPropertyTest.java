// Property test: the packed Vector API GEMM agrees with the scalar reference on every shape, layout and alpha/beta.
package dev.xent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * VectorGemm == ScalarGemm within {@code tol = 1e-5 * (|alpha| * k * max|a| * max|b| + |beta| * max|c|) + 1e-6}
 * per element (both accumulate in float; the vector path sums in a different order). Inputs are uniform in
 * [-1, 1], stored with random offsets and leading dimensions larger than the column count; the padding is
 * NaN so any read outside the matrix shows up. With beta == 0, C starts as NaN (C must not be read).
 */
class VectorGemmPropertyTest {

    private static final Gemm FAST = new VectorGemm();
    private static final Gemm REF = new ScalarGemm();
    private static final float[] ALPHAS = {1f, -0.5f, 2f};
    private static final float[] BETAS = {0f, 1f, 0.25f};

    @Property(tries = 300)
    void agreesWithScalarOnSmallShapes(@ForAll @IntRange(min = 0, max = 70) int m,
                                       @ForAll @IntRange(min = 0, max = 70) int n,
                                       @ForAll @IntRange(min = 0, max = 70) int k,
                                       @ForAll boolean transA, @ForAll boolean transB,
                                       @ForAll @IntRange(min = 0, max = 2) int alphaIndex,
                                       @ForAll @IntRange(min = 0, max = 2) int betaIndex,
                                       @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        check(m, n, k, transA, transB, ALPHAS[alphaIndex], BETAS[betaIndex], seed);
    }

    @Test
    void agreesOnLargerShapesThatUseEveryBlockingLevelAndBothThreads() {
        int[][] shapes = {
            {130, 270, 300},   // two depth blocks, threaded over N, edge tiles on both sides
            {257, 65, 513},    // three depth blocks, threaded over M
            {7, 2100, 40},     // more columns than one NC block
            {1, 1, 5000},      // a single deep dot product
            {300, 3, 70},      // thin C
            {2, 300, 40},      // two rows: the unpacked small path
            {5, 100, 300},     // few rows with transposed B (t = 2, 3): the small path again
        };
        int seed = 1;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, t == 3 ? -0.5f : 1f, BETAS[t % 3], seed++);
            }
        }
    }

    /**
     * An edge tile (rows past a multiple of MR, columns past a multiple of NR, among them a last panel of at most V
     * columns, as N = 200 leaves 8) is written through a scratch tile with masked vectors; its bits must be those
     * the full tile gives. The product of (13, k)·(k, 40) is compared with the top-left corner of the same operands
     * widened to (16, k)·(k, 64), where those elements come from full tiles, for every alpha/beta epilogue.
     */
    @Test
    void edgeTilesGiveTheBitsOfFullTiles() {
        int k = 37;
        int[][] shapes = {{13, 40}, {13, 8}, {5 + GemmMicroKernel.MR, GemmMicroKernel.NR + GemmMicroKernel.V + 3}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], bigM = (m + 7) / 8 * 8 + 8, bigN = (n + 31) / 32 * 32 + 32;
            SplittableRandom rnd = new SplittableRandom(m * 1000 + n);
            float[] a = matrix(rnd, 0, bigM, k, k), b = matrix(rnd, 0, k, bigN, bigN), c0 = matrix(rnd, 0, bigM, bigN, bigN);
            for (float[] ab : new float[][] {{1f, 0f}, {-0.7f, 0f}, {-0.5f, 1f}, {0.7f, 0.3f}}) {
                float[] small = new float[m * n], big = c0.clone();
                for (int i = 0; i < m; i++) System.arraycopy(c0, i * bigN, small, i * n, n);
                float[] bSmall = new float[k * n];
                for (int p = 0; p < k; p++) System.arraycopy(b, p * bigN, bSmall, p * n, n);
                FAST.sgemm(false, false, m, n, k, ab[0], a, 0, k, bSmall, 0, n, ab[1], small, 0, n);
                FAST.sgemm(false, false, bigM, bigN, k, ab[0], a, 0, k, b, 0, bigN, ab[1], big, 0, bigN);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(Float.floatToRawIntBits(big[i * bigN + j]), Float.floatToRawIntBits(small[i * n + j]),
                                "element (" + i + ", " + j + ") of " + m + "x" + n + ", alpha " + ab[0] + " beta " + ab[1]);
                    }
                }
            }
        }
    }

    /**
     * The C-resident loop order (B packed for all depth blocks, the depth loop inside the row loop), which the
     * GEMM picks only for a C of several L2 sizes: forced here on shapes with two and three depth blocks.
     */
    @Test
    void agreesInTheCResidentLoopOrder() {
        int[][] shapes = {{61, 150, VectorGemm.KC + 3}, {17, 70, 2 * VectorGemm.KC + 5}};
        int seed = 100;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                checkResident(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, t == 3 ? -0.5f : 1f, BETAS[t % 3], seed++);
            }
        }
    }

    /**
     * The threads split C into row ranges (of whole MR panels) or column ranges (of whole NR panels), chosen by
     * shape; the bits must not depend on that choice (nor, so, on the thread count).
     * Cut here by hand: each way, every range computed on its own, equals the uncut product; so do the ranges
     * that read the other operand packed whole (as the threads share it) instead of packing its blocks.
     */
    @Test
    void rowAndColumnRangesGiveTheBitsOfTheWholeProduct() {
        int m = 3 * GemmMicroKernel.MR + 5, n = 3 * GemmMicroKernel.NR + 7, k = VectorGemm.KC + 9;
        for (int t = 0; t < 4; t++) {
            boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
            SplittableRandom rnd = new SplittableRandom(7 + t);
            float[] a = matrix(rnd, 0, transA ? k : m, transA ? m : k, transA ? m : k);
            float[] b = matrix(rnd, 0, transB ? n : k, transB ? k : n, transB ? k : n);
            int lda = transA ? m : k, ldb = transB ? k : n;
            float[] whole = matrix(rnd, 0, m, n, n);
            float[] byRows = whole.clone(), byCols = whole.clone(), byRowsB = whole.clone(), byColsA = whole.clone();
            VectorGemm.blocked(transA, transB, 0, m, 0, n, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, whole, 0, n,
                    null, null, null);
            // (the two share the calling thread's buffer: B is packed after the ranges that read A)
            VectorGemm.Packed aAll = VectorGemm.packedA(transA, m, k, a, 0, lda);
            for (int j0 = 0; j0 < n; j0 += GemmMicroKernel.NR) {
                int j1 = Math.min(n, j0 + GemmMicroKernel.NR);
                VectorGemm.blocked(transA, transB, 0, m, j0, j1, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, byCols, 0, n,
                        null, null, null);
                VectorGemm.blocked(transA, transB, 0, m, j0, j1, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, byColsA, 0, n,
                        null, aAll, null);
            }
            VectorGemm.Packed bAll = VectorGemm.packedB(transB, k, n, b, 0, ldb);
            for (int i0 = 0; i0 < m; i0 += GemmMicroKernel.MR) {
                int i1 = Math.min(m, i0 + GemmMicroKernel.MR);
                VectorGemm.blocked(transA, transB, i0, i1, 0, n, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, byRows, 0, n,
                        null, null, null);
                VectorGemm.blocked(transA, transB, i0, i1, 0, n, k, 0.5f, a, 0, lda, b, 0, ldb, 1f, byRowsB, 0, n,
                        null, null, bAll);
            }
            float[][] cuts = {byRows, byCols, byRowsB, byColsA};
            String[] names = {"row ranges", "column ranges", "row ranges, B packed whole", "column ranges, A packed whole"};
            for (int i = 0; i < whole.length; i++) {
                for (int w = 0; w < cuts.length; w++) {
                    if (Float.floatToRawIntBits(whole[i]) != Float.floatToRawIntBits(cuts[w][i])) {
                        fail("transA=" + transA + " transB=" + transB + ": element " + i + " is " + whole[i]
                                + " uncut, " + cuts[w][i] + " by " + names[w]);
                    }
                }
            }
        }
    }

    /**
     * A B packed once (Gemm.packB) gives the bits of the plain product on the blocked path, for one and several
     * depth blocks, edge panels, and sizes the threads split by columns (few rows) and by rows.
     */
    @Test
    void packedBGivesTheBitsOfTheBlockedProduct() {
        int[][] shapes = {{8, 70, 40}, {20, 800, 200}, {32, 128, 512}, {9, 33, VectorGemm.KC + 17}, {16, 800, 1024},
                          {700, 200, 100}};
        for (Gemm g : new Gemm[] {FAST, REF}) {
            for (int[] sh : shapes) {
                int m = sh[0], n = sh[1], k = sh[2];
                for (boolean transB : new boolean[] {false, true}) {
                    SplittableRandom rnd = new SplittableRandom(m * 31L + n + k + (transB ? 1 : 0));
                    float[] a = matrix(rnd, 0, m, k, k), b = transB ? matrix(rnd, 0, n, k, k) : matrix(rnd, 0, k, n, n);
                    float[] want = matrix(rnd, 0, m, n, n), got = want.clone();
                    float[] packed = new float[g.packedSize(k, n) + 3];
                    g.packB(transB, k, n, b, 0, transB ? k : n, packed);
                    g.sgemm(false, transB, m, n, k, 0.75f, a, 0, k, b, 0, transB ? k : n, 0.5f, want, 0, n);
                    g.sgemmPacked(m, n, k, 0.75f, a, 0, k, packed, 0.5f, got, 0, n);
                    for (int i = 0; i < want.length; i++) {
                        if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                            fail(g.name() + " m=" + m + " n=" + n + " k=" + k + " transB=" + transB + ": element " + i
                                    + " is " + want[i] + " by sgemm, " + got[i] + " from the packed B");
                        }
                    }
                }
            }
        }
    }

    @Test
    void betaZeroOverwritesNaNAndAlphaZeroOnlyScales() {
        float[] a = {1, 2, 3, 4}, b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        FAST.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertEquals(Arrays.toString(a), Arrays.toString(c));
        FAST.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 2f, c, 0, 2);
        assertEquals(Arrays.toString(new float[] {2, 4, 6, 8}), Arrays.toString(c));
    }

    /** Negative control: the comparison itself must catch a wrong result (one element off). */
    @Test
    void comparisonDetectsAnError() {
        float[] want = {1f, 2f}, got = {1f, 2.01f};
        assertTrue(firstMismatch(want, got, 0, 1, 2, 2, 1e-3f) >= 0);
    }

    private static void check(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                              int seed) {
        check(m, n, k, transA, transB, alpha, beta, seed, FAST);
    }

    private static void checkResident(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                                      int seed) {
        Gemm resident = new Gemm() {
            @Override
            public void sgemm(boolean ta, boolean tb, int mm, int nn, int kk, float al, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float be, float[] c, int cOff, int ldc) {
                VectorGemm.blocked(ta, tb, 0, mm, 0, nn, kk, al, a, aOff, lda, b, bOff, ldb, be, c, cOff, ldc, true,
                        null, null);
            }

            @Override
            public String name() {
                return "vector, C-resident order";
            }
        };
        check(m, n, k, transA, transB, alpha, beta, seed, resident);
    }

    private static void check(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                              int seed, Gemm fast) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + rnd.nextInt(4), ldb = bCols + rnd.nextInt(4), ldc = n + rnd.nextInt(4);
        int aOff = rnd.nextInt(5), bOff = rnd.nextInt(5), cOff = rnd.nextInt(5);
        float[] a = matrix(rnd, aOff, aRows, aCols, lda);
        float[] b = matrix(rnd, bOff, bRows, bCols, ldb);
        float[] c0 = matrix(rnd, cOff, m, n, ldc);
        if (beta == 0f) fillInside(c0, cOff, m, n, ldc, Float.NaN);
        float[] want = c0.clone(), got = c0.clone();
        REF.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
        fast.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
        float tol = 1e-5f * (Math.abs(alpha) * k + Math.abs(beta)) + 1e-6f;   // max|a|, |b|, |c| <= 1
        int bad = firstMismatch(want, got, cOff, m, n, ldc, tol);
        if (bad >= 0) {
            fail(fast.name() + " differs from ScalarGemm at flat index " + bad + ": want " + want[bad] + ", got "
                    + got[bad] + " (m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                    + " alpha=" + alpha + " beta=" + beta + " tol=" + tol + ")");
        }
        // Padding between rows (and past the end) must be untouched: compare bit patterns, NaN included.
        for (int i = 0; i < c0.length; i++) {
            if (!inside(i, cOff, m, n, ldc) && Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(c0[i])) {
                fail(fast.name() + " wrote outside C at flat index " + i + " (m=" + m + " n=" + n + " ldc=" + ldc + ")");
            }
        }
    }

    /** Index of the first element of the (m, n) view that differs by more than tol (or is NaN), else -1. */
    private static int firstMismatch(float[] want, float[] got, int off, int m, int n, int ld, float tol) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int o = off + i * ld + j;
                if (!(Math.abs(want[o] - got[o]) <= tol)) return o;
            }
        }
        return -1;
    }

    private static boolean inside(int idx, int off, int m, int n, int ld) {
        int rel = idx - off;
        return ld > 0 && rel >= 0 && rel / ld < m && rel % ld < n;
    }

    /** A (rows, cols) matrix at offset off with leading dimension ld; padding and margins are NaN. */
    private static float[] matrix(SplittableRandom rnd, int off, int rows, int cols, int ld) {
        float[] x = new float[off + rows * ld + rnd.nextInt(3)];
        Arrays.fill(x, Float.NaN);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) x[off + i * ld + j] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static void fillInside(float[] x, int off, int rows, int cols, int ld, float v) {
        for (int i = 0; i < rows; i++) Arrays.fill(x, off + i * ld, off + i * ld + cols, v);
    }
}
