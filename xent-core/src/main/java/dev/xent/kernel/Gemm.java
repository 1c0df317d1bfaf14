package dev.xent.kernel;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) · op(B) + beta * C}, where op(A) is (M, K) and op(B) is (K, N).
 *
 * <p>Row-major with leading dimensions: element (i, j) of a stored matrix X lives at
 * {@code x[xOff + i * ldx + j]}. With {@code transA}, A is stored as (K, M) and read transposed;
 * with {@code transB}, B is stored as (N, K). When {@code beta == 0}, C is written without being read
 * (so it may hold garbage or NaN beforehand).
 */
public interface Gemm {

    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** The floats {@link #packB} needs for an op(B) of (K, N). By default a packed B is op(B) row-major. */
    default int packedSize(int k, int n) {
        return k * n;
    }

    /**
     * Packs op(B) (K, N) once into {@code packed} (at least {@link #packedSize} floats), for many products with
     * the same B: a recurrent layer multiplies by its hidden-to-hidden weight at every time step.
     */
    default void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        GemmArgs.checkB(transB, k, n, b, bOff, ldb);
        GemmArgs.checkPacked(k, n, packed, k * n);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) packed[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }
    }

    /**
     * {@code C = alpha * A · op(B) + beta * C} with A (M, K) row-major and op(B) as packed by {@link #packB};
     * the same bits as the blocked product {@code sgemm(false, transB, ...)} (the vector GEMM's small-product
     * path for one or two rows, or few rows with transB, is not taken here).
     */
    default void sgemmPacked(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] packed,
                             float beta, float[] c, int cOff, int ldc) {
        GemmArgs.checkPacked(k, n, packed, k * n);
        sgemm(false, false, m, n, k, alpha, a, aOff, lda, packed, 0, n, beta, c, cOff, ldc);
    }

    /** A short name for logs and benchmark tables, e.g. "scalar" or "vector-16x6". */
    String name();
}
