// Packs blocks of op(A) and op(B) into the contiguous, zero-padded panel layouts the GEMM micro-kernel reads.
package dev.xent.kernel;

import static dev.xent.kernel.GemmMicroKernel.MR;
import static dev.xent.kernel.GemmMicroKernel.NR;
import static dev.xent.kernel.GemmMicroKernel.S;
import static dev.xent.kernel.GemmMicroKernel.V;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Panel packing for {@link VectorGemm}. Packing copies a cache block once so the micro-kernel reads both
 * operands with unit stride, whatever the transpose flags: a transpose only changes how the copy walks the
 * source, never the packed layout.
 *
 * <p>A block (mc, kc) of op(A) becomes ceil(mc / MR) panels; panel q holds rows [q*MR, q*MR+MR) as
 * {@code ap[q*MR*kc + p*MR + r]} (column p of the panel is MR consecutive floats). A block (kc, nc) of op(B)
 * becomes ceil(nc / NR) panels; panel q holds columns [q*NR, q*NR+NR) as {@code bp[q*NR*kc + p*NR + j]}.
 * Rows or columns past the edge of the matrix are zero, so the kernel can always run a full MR x NR tile.
 *
 * <p>Two of the four walks are transposes (a row-major A into column-major panels, a transposed B into
 * row-major panels); with 512-bit vectors full panels go through {@link GemmTranspose} 16 columns at a time.
 * The other two copy runs of MR or NR consecutive floats with vector loads and stores.
 */
final class GemmPack {
    private GemmPack() {}

    /** Packs op(A)[i0:i0+mc, p0:p0+kc] into {@code ap} from {@code apOff} on as MR-row panels; op(A) is (M, K). */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float[] ap, int apOff) {
        int panels = (mc + MR - 1) / MR;
        if (transA && MR == 8) {
            packAT8(a, aOff, lda, i0, mc, p0, kc, ap, apOff);
            return;
        }
        for (int q = 0; q < panels; q++) {
            int rows = Math.min(MR, mc - q * MR);
            int base = apOff + q * MR * kc;
            if (rows < MR) Arrays.fill(ap, base, base + MR * kc, 0f);
            if (transA) {
                // A stored (K, M): row p of storage holds op(A)[:, p], so each panel column is a contiguous run.
                int src = aOff + p0 * lda + i0 + q * MR;
                if (rows == 8 && MR == 8) {
                    for (int p = 0, dst = base; p < kc; p++, src += lda, dst += 8) {
                        System.arraycopy(a, src, ap, dst, 8);    // C2: one 32-byte move (ArrayCopyLoadStoreMaxElem)
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += lda) System.arraycopy(a, src, ap, base + p * MR, rows);
                }
            } else {
                int src = aOff + (i0 + q * MR) * lda + p0;
                int p = 0;
                if (rows == 8 && MR == 8 && GemmTranspose.AVAILABLE) {
                    p = kc / 16 * 16;
                    GemmTranspose.t8x16(a, src, lda, ap, base, kc / 16);
                }
                // A stored (M, K): gather one value from each of the panel's rows per step p, so the writes
                // are sequential (the rows are read as `rows` sequential streams).
                for (int r = 0; r < rows; r++) {
                    for (int pp = p, dst = base + p * MR + r, sr = src + r * lda; pp < kc; pp++, dst += MR) {
                        ap[dst] = a[sr + pp];
                    }
                }
            }
        }
    }

    /**
     * A stored (K, M), MR = 8: walks each storage row once, left to right, dealing 8-float pieces to the panels
     * (one sequential read stream). Panel by panel instead reads kc rows 32 bytes at a time, kc streams at once:
     * for dW = Gᵀ·X with G (700, 33278) that walk ran at DRAM latency, not bandwidth. The piece is an
     * 8-float arraycopy, not a 256-bit FloatVector: a second FloatVector class in the process makes the JDK's
     * shared vector methods bimorphic, and C2 then left some fma of the micro-kernel's cold beta != 0 epilogue
     * un-intrinsified (boxing ~0.2-3 MB per step; AllocationTest, in some test orders).
     */
    private static void packAT8(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap, int apOff) {
        int full = mc / 8, lastRows = mc - full * 8;
        if (lastRows > 0) Arrays.fill(ap, apOff + full * 8 * kc, apOff + (full + 1) * 8 * kc, 0f);
        for (int p = 0; p < kc; p++) {
            int src = aOff + (p0 + p) * lda + i0, dst = apOff + p * 8;
            for (int q = 0; q < full; q++, src += 8, dst += 8 * kc) {
                System.arraycopy(a, src, ap, dst, 8);    // C2: one 32-byte move (ArrayCopyLoadStoreMaxElem)
            }
            if (lastRows > 0) System.arraycopy(a, src, ap, dst, lastRows);
        }
    }

    /** Packs op(B)[p0:p0+kc, j0:j0+nc] into {@code bp} from {@code bpOff} on as NR-column panels; op(B) is (K, N). */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float[] bp, int bpOff) {
        int panels = (nc + NR - 1) / NR;
        int lastCols = nc - (panels - 1) * NR;
        if (lastCols < NR) {
            int base = bpOff + (panels - 1) * NR * kc;
            Arrays.fill(bp, base, base + NR * kc, 0f);
        }
        if (!transB) {
            // B stored (K, N): walk each storage row once, left to right, dealing NR-wide pieces to the panels.
            int full = lastCols == NR ? panels : panels - 1;
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * ldb + j0;
                int dst = bpOff + p * NR;
                for (int q = 0; q < full; q++, src += NR, dst += NR * kc) {
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + V).intoArray(bp, dst + V);
                }
                if (full < panels) System.arraycopy(b, src, bp, dst, lastCols);
            }
            return;
        }
        for (int q = 0; q < panels; q++) {
            int cols = q == panels - 1 ? lastCols : NR;
            int base = bpOff + q * NR * kc;
            // B stored (N, K): column j of op(B) is row j of storage.
            int src = bOff + (j0 + q * NR) * ldb + p0;
            int p0v = 0;
            if (cols == 32 && NR == 32 && GemmTranspose.AVAILABLE) {
                p0v = kc / 16 * 16;
                GemmTranspose.t16x16(b, src, ldb, bp, base, 32, kc / 16);
                GemmTranspose.t16x16(b, src + 16 * ldb, ldb, bp, base + 16, 32, kc / 16);
            }
            // The rest one float at a time, in 8 x cols strips: the strip's reads stay in a few cache lines per
            // row and its writes are sequential.
            for (int p8 = p0v; p8 < kc; p8 += 8) {
                int pEnd = Math.min(kc, p8 + 8);
                for (int j = 0; j < cols; j++) {
                    int sj = src + j * ldb;
                    for (int p = p8, dst = base + p8 * NR + j; p < pEnd; p++, dst += NR) bp[dst] = b[sj + p];
                }
            }
        }
    }
}
