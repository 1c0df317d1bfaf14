// GEMM for small products (RNN steps, attention heads): no packing, one row of C at a time with FloatVector.
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha * op(A) · op(B) + beta * C} for products too small to repay packing. Row i of op(A) is
 * first copied into a contiguous (K) buffer. Without transB, row i of C accumulates {@code a[i,p] * B[p, :]}
 * over p (vectorised along N); with transB, each C[i, j] is a dot product of two contiguous K-rows
 * (vectorised along K). Single-threaded; callers split larger work.
 */
final class SmallGemm {
    private SmallGemm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    private static final ThreadLocal<float[][]> ROWS = ThreadLocal.withInitial(() -> new float[][] {new float[64], new float[64]});

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        float[][] rows = ROWS.get();
        if (rows[0].length < k) rows[0] = new float[k];
        if (rows[1].length < n) rows[1] = new float[n];
        float[] aRow = rows[0];    // (K) row i of op(A)
        float[] acc = rows[1];     // (N) row i of op(A) · op(B)
        for (int i = 0; i < m; i++) {
            if (transA) {
                for (int p = 0; p < k; p++) aRow[p] = a[aOff + p * lda + i];
            } else {
                System.arraycopy(a, aOff + i * lda, aRow, 0, k);
            }
            if (transB) {
                for (int j = 0; j < n; j++) acc[j] = dot(aRow, b, bOff + j * ldb, k);
            } else {
                accumulateRows(aRow, b, bOff, ldb, k, n, acc);
            }
            int o = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) c[o + j] = alpha * acc[j];
            } else {
                for (int j = 0; j < n; j++) c[o + j] = alpha * acc[j] + beta * c[o + j];
            }
        }
    }

    /** acc[0:n] = sum over p of aRow[p] * B[p, 0:n], with B stored (K, N). */
    private static void accumulateRows(float[] aRow, float[] b, int bOff, int ldb, int k, int n, float[] acc) {
        int bound = S.loopBound(n);
        java.util.Arrays.fill(acc, 0, n, 0f);
        for (int p = 0; p < k; p++) {
            float s = aRow[p];
            int row = bOff + p * ldb;
            FloatVector sv = FloatVector.broadcast(S, s);
            int j = 0;
            for (; j < bound; j += V) {
                sv.fma(FloatVector.fromArray(S, b, row + j), FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
            }
            for (; j < n; j++) acc[j] += s * b[row + j];
        }
    }

    /** Dot product of x[0:k] and y[yOff : yOff+k]. */
    private static float dot(float[] x, float[] y, int yOff, int k) {
        int bound = S.loopBound(k);
        FloatVector sum = FloatVector.zero(S);
        int p = 0;
        for (; p < bound; p += V) {
            sum = FloatVector.fromArray(S, x, p).fma(FloatVector.fromArray(S, y, yOff + p), sum);
        }
        float s = Lanes.sum(sum);
        for (; p < k; p++) s += x[p] * y[yOff + p];
        return s;
    }
}
