package dev.xent.kernel;

/** Argument checks shared by every GEMM: sizes, leading dimensions and array bounds, with clear messages. */
final class GemmArgs {
    private GemmArgs() {}

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm sizes must be >= 0; got m=" + m + ", n=" + n + ", k=" + k);
        }
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        need("A", a, aOff, lda, aRows, aCols);
        need("B", b, bOff, ldb, bRows, bCols);
        need("C", c, cOff, ldc, m, n);
    }

    /** op(B) (k, n), stored (n, k) when transB. */
    static void checkB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k < 0 || n < 0) throw new IllegalArgumentException("sgemm sizes must be >= 0; got n=" + n + ", k=" + k);
        need("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    }

    /** A (m, k) and C (m, n) of a product whose B is packed. */
    static void checkPackedProduct(int m, int n, int k, float[] a, int aOff, int lda, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm sizes must be >= 0; got m=" + m + ", n=" + n + ", k=" + k);
        }
        need("A", a, aOff, lda, m, k);
        need("C", c, cOff, ldc, m, n);
    }

    /** A packed op(B) of (k, n) needs {@code size} floats. */
    static void checkPacked(int k, int n, float[] packed, int size) {
        if (k < 0 || n < 0) throw new IllegalArgumentException("packed B sizes must be >= 0; got k=" + k + ", n=" + n);
        if (packed.length < size) {
            throw new IllegalArgumentException("packed B (" + k + "x" + n + ") needs " + size
                    + " floats (Gemm.packedSize); the array has " + packed.length);
        }
    }

    private static void need(String what, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + what + " must be >= its "
                    + cols + " columns; got " + ld);
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + what + " (" + rows + "x" + cols + ", offset " + off
                    + ", ld " + ld + ") needs " + last + " floats; the array has " + x.length);
        }
    }
}
