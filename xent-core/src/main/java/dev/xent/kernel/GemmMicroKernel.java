// The register-blocked GEMM micro-kernels: one MR x NR tile of C from packed A and B panels, with FloatVector fma.
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Computes {@code C[0:MR, 0:NR] = alpha * Ap · Bp + beta * C} for one tile, where Ap is a packed (MR, kc) panel
 * ({@code ap[aOff + p*MR + r]}) and Bp a packed (kc, NR) panel ({@code bp[bOff + p*NR + j]}), as laid out by
 * {@link GemmPack}. NR is two vectors of the preferred species; each step p loads two B vectors, broadcasts MR
 * values of A from memory and issues 2·MR fused multiply-adds into 2·MR vector accumulators. MR is 8 with
 * 512-bit vectors (16 accumulators + 2 B vectors + 8 broadcasts fit the 32 registers, so C2 keeps every value
 * in a register) and 6 with narrower ones (AVX2 has 16 registers: the classic 6 x 16 kernel). With constant
 * panel strides C2 proves every index in range before the loop, which leaves 2·MR FMAs, MR + 2 loads and a
 * few integer operations per step. Accumulation is in float, in k order, from zero: each element of C is the
 * same chain of fma whatever the tile shape or thread split, so results do not depend on either.
 *
 * <p>When {@code beta == 0}, C is written without being read. {@link #narrow} computes only the first vector
 * of columns (the last column panel of a product whose N leaves at most V columns there).
 */
final class GemmMicroKernel {
    private GemmMicroKernel() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    static final int MR = V >= 16 ? 8 : 6;
    static final int NR = 2 * V;

    /** The full MR x NR tile (C2 folds the branch: MR is a constant). */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff,
                     float[] c, int cOff, int ldc, float alpha, float beta) {
        if (MR == 8) tile8x2(kc, ap, aOff, bp, bOff, c, cOff, ldc, alpha, beta);
        else tile6x2(kc, ap, aOff, bp, bOff, c, cOff, ldc, alpha, beta);
    }

    /** The MR x V tile: columns [0, V) of a packed NR-wide panel. */
    static void narrow(int kc, float[] ap, int aOff, float[] bp, int bOff,
                       float[] c, int cOff, int ldc, float alpha, float beta) {
        if (MR == 8) tile8x1(kc, ap, aOff, bp, bOff, c, cOff, ldc, alpha, beta);
        else tile6x1(kc, ap, aOff, bp, bOff, c, cOff, ldc, alpha, beta);
    }

    /**
     * Writes the valid (mr, nr) corner of a scratch tile (MR x NR, as the kernels write it with alpha 1, beta 0)
     * into C with alpha and beta, a vector (masked past nr) per row and half, with the arithmetic of the kernels'
     * own epilogue (so an element's bits do not depend on whether its tile was an edge tile). Masked
     * here, not in the kernels: masked loads and stores in a kernel took C1 past its register limit, so the
     * kernel never reached C2 and ran boxed.
     */
    static void edge(float[] tile, int mr, int nr, float[] c, int co, int ldc, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        for (int h = 0; h < nr; h += V) {
            VectorMask<Float> m = VectorMask.fromLong(S, (1L << Math.min(V, nr - h)) - 1);   // lanes [0, cols)
            for (int r = 0; r < mr; r++) {
                int t = r * NR + h, o = co + r * ldc + h;
                FloatVector acc = FloatVector.fromArray(S, tile, t);    // the same arithmetic as the kernels' epilogue
                if (beta == 0f) acc.mul(va).intoArray(c, o, m);
                else acc.fma(va, FloatVector.fromArray(S, c, o, m).mul(vb)).intoArray(c, o, m);
            }
        }
    }

    /** 8 x 2V tile (AVX-512: 16 accumulators, 2 B vectors and 8 broadcasts live, of 32 registers). */
    private static void tile8x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                              float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ao = aOff + p * 8, bo = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + V);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, cOff); c01.mul(va).intoArray(c, cOff + V);
            c10.mul(va).intoArray(c, cOff + 1 * ldc); c11.mul(va).intoArray(c, cOff + 1 * ldc + V);
            c20.mul(va).intoArray(c, cOff + 2 * ldc); c21.mul(va).intoArray(c, cOff + 2 * ldc + V);
            c30.mul(va).intoArray(c, cOff + 3 * ldc); c31.mul(va).intoArray(c, cOff + 3 * ldc + V);
            c40.mul(va).intoArray(c, cOff + 4 * ldc); c41.mul(va).intoArray(c, cOff + 4 * ldc + V);
            c50.mul(va).intoArray(c, cOff + 5 * ldc); c51.mul(va).intoArray(c, cOff + 5 * ldc + V);
            c60.mul(va).intoArray(c, cOff + 6 * ldc); c61.mul(va).intoArray(c, cOff + 6 * ldc + V);
            c70.mul(va).intoArray(c, cOff + 7 * ldc); c71.mul(va).intoArray(c, cOff + 7 * ldc + V);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00.fma(va, FloatVector.fromArray(S, c, cOff).mul(vb)).intoArray(c, cOff);
            c01.fma(va, FloatVector.fromArray(S, c, cOff + V).mul(vb)).intoArray(c, cOff + V);
            c10.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc).mul(vb)).intoArray(c, cOff + 1 * ldc);
            c11.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc + V).mul(vb)).intoArray(c, cOff + 1 * ldc + V);
            c20.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc).mul(vb)).intoArray(c, cOff + 2 * ldc);
            c21.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc + V).mul(vb)).intoArray(c, cOff + 2 * ldc + V);
            c30.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc).mul(vb)).intoArray(c, cOff + 3 * ldc);
            c31.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc + V).mul(vb)).intoArray(c, cOff + 3 * ldc + V);
            c40.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc).mul(vb)).intoArray(c, cOff + 4 * ldc);
            c41.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc + V).mul(vb)).intoArray(c, cOff + 4 * ldc + V);
            c50.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc).mul(vb)).intoArray(c, cOff + 5 * ldc);
            c51.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc + V).mul(vb)).intoArray(c, cOff + 5 * ldc + V);
            c60.fma(va, FloatVector.fromArray(S, c, cOff + 6 * ldc).mul(vb)).intoArray(c, cOff + 6 * ldc);
            c61.fma(va, FloatVector.fromArray(S, c, cOff + 6 * ldc + V).mul(vb)).intoArray(c, cOff + 6 * ldc + V);
            c70.fma(va, FloatVector.fromArray(S, c, cOff + 7 * ldc).mul(vb)).intoArray(c, cOff + 7 * ldc);
            c71.fma(va, FloatVector.fromArray(S, c, cOff + 7 * ldc + V).mul(vb)).intoArray(c, cOff + 7 * ldc + V);
        }
    }

    /** 8 x V tile, for a last column panel at most V wide. */
    private static void tile8x1(int kc, float[] ap, int aOff, float[] bp, int bOff,
                              float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ao = aOff + p * 8, bo = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50);
            a = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = a.fma(b0, c60);
            a = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = a.fma(b0, c70);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, cOff);
            c10.mul(va).intoArray(c, cOff + 1 * ldc);
            c20.mul(va).intoArray(c, cOff + 2 * ldc);
            c30.mul(va).intoArray(c, cOff + 3 * ldc);
            c40.mul(va).intoArray(c, cOff + 4 * ldc);
            c50.mul(va).intoArray(c, cOff + 5 * ldc);
            c60.mul(va).intoArray(c, cOff + 6 * ldc);
            c70.mul(va).intoArray(c, cOff + 7 * ldc);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00.fma(va, FloatVector.fromArray(S, c, cOff).mul(vb)).intoArray(c, cOff);
            c10.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc).mul(vb)).intoArray(c, cOff + 1 * ldc);
            c20.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc).mul(vb)).intoArray(c, cOff + 2 * ldc);
            c30.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc).mul(vb)).intoArray(c, cOff + 3 * ldc);
            c40.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc).mul(vb)).intoArray(c, cOff + 4 * ldc);
            c50.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc).mul(vb)).intoArray(c, cOff + 5 * ldc);
            c60.fma(va, FloatVector.fromArray(S, c, cOff + 6 * ldc).mul(vb)).intoArray(c, cOff + 6 * ldc);
            c70.fma(va, FloatVector.fromArray(S, c, cOff + 7 * ldc).mul(vb)).intoArray(c, cOff + 7 * ldc);
        }
    }

    /** 6 x 2V tile (AVX2: 12 accumulators of 16 registers). */
    private static void tile6x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                              float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ao = aOff + p * 6, bo = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + V);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, cOff); c01.mul(va).intoArray(c, cOff + V);
            c10.mul(va).intoArray(c, cOff + 1 * ldc); c11.mul(va).intoArray(c, cOff + 1 * ldc + V);
            c20.mul(va).intoArray(c, cOff + 2 * ldc); c21.mul(va).intoArray(c, cOff + 2 * ldc + V);
            c30.mul(va).intoArray(c, cOff + 3 * ldc); c31.mul(va).intoArray(c, cOff + 3 * ldc + V);
            c40.mul(va).intoArray(c, cOff + 4 * ldc); c41.mul(va).intoArray(c, cOff + 4 * ldc + V);
            c50.mul(va).intoArray(c, cOff + 5 * ldc); c51.mul(va).intoArray(c, cOff + 5 * ldc + V);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00.fma(va, FloatVector.fromArray(S, c, cOff).mul(vb)).intoArray(c, cOff);
            c01.fma(va, FloatVector.fromArray(S, c, cOff + V).mul(vb)).intoArray(c, cOff + V);
            c10.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc).mul(vb)).intoArray(c, cOff + 1 * ldc);
            c11.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc + V).mul(vb)).intoArray(c, cOff + 1 * ldc + V);
            c20.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc).mul(vb)).intoArray(c, cOff + 2 * ldc);
            c21.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc + V).mul(vb)).intoArray(c, cOff + 2 * ldc + V);
            c30.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc).mul(vb)).intoArray(c, cOff + 3 * ldc);
            c31.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc + V).mul(vb)).intoArray(c, cOff + 3 * ldc + V);
            c40.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc).mul(vb)).intoArray(c, cOff + 4 * ldc);
            c41.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc + V).mul(vb)).intoArray(c, cOff + 4 * ldc + V);
            c50.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc).mul(vb)).intoArray(c, cOff + 5 * ldc);
            c51.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc + V).mul(vb)).intoArray(c, cOff + 5 * ldc + V);
        }
    }

    /** 6 x V tile, for a last column panel at most V wide. */
    private static void tile6x1(int kc, float[] ap, int aOff, float[] bp, int bOff,
                              float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ao = aOff + p * 6, bo = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            c00.mul(va).intoArray(c, cOff);
            c10.mul(va).intoArray(c, cOff + 1 * ldc);
            c20.mul(va).intoArray(c, cOff + 2 * ldc);
            c30.mul(va).intoArray(c, cOff + 3 * ldc);
            c40.mul(va).intoArray(c, cOff + 4 * ldc);
            c50.mul(va).intoArray(c, cOff + 5 * ldc);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00.fma(va, FloatVector.fromArray(S, c, cOff).mul(vb)).intoArray(c, cOff);
            c10.fma(va, FloatVector.fromArray(S, c, cOff + 1 * ldc).mul(vb)).intoArray(c, cOff + 1 * ldc);
            c20.fma(va, FloatVector.fromArray(S, c, cOff + 2 * ldc).mul(vb)).intoArray(c, cOff + 2 * ldc);
            c30.fma(va, FloatVector.fromArray(S, c, cOff + 3 * ldc).mul(vb)).intoArray(c, cOff + 3 * ldc);
            c40.fma(va, FloatVector.fromArray(S, c, cOff + 4 * ldc).mul(vb)).intoArray(c, cOff + 4 * ldc);
            c50.fma(va, FloatVector.fromArray(S, c, cOff + 5 * ldc).mul(vb)).intoArray(c, cOff + 5 * ldc);
        }
    }
}
