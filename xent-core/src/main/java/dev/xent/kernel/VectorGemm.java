// The fast pure-Java GEMM: GotoBLAS-style cache blocking and packing around a FloatVector micro-kernel, on all cores.
package dev.xent.kernel;

import static dev.xent.kernel.GemmMicroKernel.MR;
import static dev.xent.kernel.GemmMicroKernel.NR;
import static dev.xent.kernel.GemmMicroKernel.V;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code C = alpha * op(A) · op(B) + beta * C} with the loop nest of GotoBLAS / BLIS:
 * <pre>
 *   for jc in N step NC:
 *     for pc in K step KC:
 *       pack op(B)[pc, jc]  -> Bp   // (KC, NC) as NR-column panels, zero-padded (L2 / L3)
 *       for ic in M step MC:
 *         pack op(A)[ic, pc] -> Ap  // (MC, KC) as MR-row panels (L2)
 *         for jr, ir: micro-kernel  // (MR, NR) tile in registers; a Bp panel (KC, NR) stays in L1
 * </pre>
 * Both operands are always packed, so the transpose flags only change the packing walks (reading a row-major
 * A in place was measured 25-30% slower). For a C far larger than L2 the depth loop moves inside the row loop
 * (see {@link #blocked}). Block sizes come from the cache sizes ({@link GemmBlocking}). Beta is applied on the
 * first KC block only (later blocks add). Edge tiles run the kernel on zero-padded panels into a scratch tile,
 * then copy the valid part. Packing buffers are per thread and reused, so after warm-up a call allocates
 * nothing large.
 *
 * <p>Threads: C is cut into column (or row) ranges of whole tiles, handed to the cores on demand; each range
 * runs the loop nest above. Products of one or two rows, and few rows with a transposed B, use
 * {@link SmallGemm}, where packing would cost as much as the arithmetic.
 */
public final class VectorGemm implements Gemm {

    /** Cache block sizes (depth, rows of A, columns of B) for this machine's caches: see {@link GemmBlocking}. */
    static final int KC = GemmBlocking.KC, MC = GemmBlocking.MC, NC = GemmBlocking.NC;
    /** Packed B for all depth blocks at once (C stays in L2 across them): at most 2 x L2 per thread. */
    static final long B_ALL_FLOATS = GemmBlocking.L2_BYTES / 2;
    /** A block of C kept in L2 while the depth blocks add onto it: a quarter of L2. */
    static final long C_BLOCK_FLOATS = GemmBlocking.L2_BYTES / 16;
    /** C larger than this (8 x L2 in bytes) is far (DRAM): passes over it are worth avoiding. */
    static final long C_FAR_FLOATS = 2 * GemmBlocking.L2_BYTES;
    /** Below this many multiply-adds one thread does the whole product. */
    static final long PARALLEL_MNK = 1L << 20;
    /**
     * The same for a product with a packed B ({@link #sgemmPacked}): those are the per-step products of a
     * recurrence, tens of them in a row, each waiting for the other thread to wake. Measured on the WikiText-2
     * LM (2 cores, load 14-17): with its (20, 200)·(200, 800) steps split over the threads a training step took
     * 850-1300 ms wall, on one thread 390-500 ms, for the same CPU time.
     */
    static final long PACKED_PARALLEL_MNK = 1L << 23;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers, grown on demand and kept. */
    private static final class Buffers {
        float[] ap = new float[0];
        float[] bp = new float[0];
        float[] shared = new float[0];
        final float[] tile = new float[MR * NR];

        float[] ap(int size) {
            if (ap.length < size) ap = new float[size];
            return ap;
        }

        float[] bp(int size) {
            if (bp.length < size) bp = new float[size];
            return bp;
        }

        float[] shared(int size) {
            if (shared.length < size) shared = new float[size];
            return shared;
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        // Measured (CPU time, one thread): the blocked path wins from 8x8x8 up, except for a single row or two
        // (packing B would cost as much as the arithmetic) and for few rows with a transposed B (whose
        // packing is a transpose); those run as row-times-matrix or dot products without packing.
        if (m <= 2 || (transB && m < 8)) {
            SmallGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        // Every chunk needs all of the operand whose side is not split: A (m, k) when splitting N, B (k, n)
        // when splitting M. Split the larger side, so that operand is the smaller: for dX = G·W with
        // G (700, 33278) and W (33278, 200), splitting N packed (transposed) the 93 MB G once per chunk.
        // Near square, rows: each thread then packs its own A blocks just before use and shares B. Measured
        // against splitting N (2 cores, one JVM, alternating, 9-11 rounds, 4 runs): 512² +4% to +11%, 1024² +2%
        // to +5% (-5% in a run under load), (700, 200)·(200, 800) +4%, 2048² -1% to -4%; for N = 4M (dB = Aᵀ·G,
        // 200 x 800) rows were 9% slower.
        boolean splitN = 4L * n > 5L * m;
        int units = splitN ? (n + NR - 1) / NR : (m + MR - 1) / MR;
        int threads = Parallel.threads();
        if ((long) m * n * k < PARALLEL_MNK || threads == 1 || units < 2) {
            blocked(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        // That operand is packed once, its panels split over the threads, into a buffer all chunks read (the
        // bits are those of packing it per chunk: packing is a copy). Packing it per chunk cost 20-40% of a
        // two-thread 1024² or (700, 200)·(200, 800). Too large to keep, it is packed per chunk as before.
        // The packing runs in the same fork as the chunks (each thread packs panels, then waits for the
        // others' panels): a second fork cost a thread wake-up per product, a few percent of a 0.7 ms one.
        SharedPacking sharing = splitN ? sharingA(transA, m, k, a, aOff, lda) : sharingB(transB, k, n, b, bOff, ldb);
        Packed shared = sharing == null ? null : sharing.packed;
        // Chunks are handed out on demand, so a core slowed by other work takes fewer. Each chunk reads all of
        // the shared operand: larger than L2, it comes from memory once per chunk, so there is one chunk per
        // thread (for dX = G·W of the word LM, B is 30 MB); so too where each chunk packs it again.
        boolean manyChunks = shared != null ? 4L * depthBlocks(k)[0] * shared.stride() <= GemmBlocking.L2_BYTES
                : splitN && !transA;
        int chunks = manyChunks ? Math.min(units, 4 * threads) : Math.min(units, threads);
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(Math.min(threads, chunks), 1, (t0, t1) -> {
            if (sharing != null) sharing.packAndAwait();
            for (int ch; (ch = next.getAndIncrement()) < chunks; ) {
                int u0 = (int) ((long) units * ch / chunks), u1 = (int) ((long) units * (ch + 1) / chunks);
                if (splitN) {
                    blocked(transA, transB, 0, m, u0 * NR, Math.min(n, u1 * NR), k, alpha, a, aOff, lda,
                            b, bOff, ldb, beta, c, cOff, ldc, null, shared, null);
                } else {
                    blocked(transA, transB, u0 * MR, Math.min(m, u1 * MR), 0, n, k, alpha, a, aOff, lda,
                            b, bOff, ldb, beta, c, cOff, ldc, null, null, shared);
                }
            }
        });
    }

    /**
     * An operand packed whole for the threads to share: depth block q (of {@link #depthBlocks}) at
     * {@code q * stride}, within it the panels of all rows of op(A) (or columns of op(B)) in order.
     */
    record Packed(float[] data, int stride) {}

    /**
     * At most this many floats (L2's worth) are packed whole and kept (per calling thread) for the threads to share.
     * A larger operand comes from memory for every chunk anyway, and each thread then packs the blocks it needs
     * itself (they stay in its L2 until used): measured on the 2 MB-L2 Xeon, two threads, one JVM, alternating
     * against sharing up to 32 MB: see docs/benchmarks.md (dA = G·Bᵀ with N = 33278 shared a 30 MB packed B,
     * packed by both threads before either could compute).
     */
    static final int SHARED_MAX_FLOATS = (int) Math.min(1 << 23, GemmBlocking.L2_BYTES / Float.BYTES);
    /** Below this many floats the shared operand is packed on the calling thread (a fork costs more). */
    private static final int SHARED_PARALLEL_FLOATS = 1 << 16;

    /** op(A) (m, k) as MR-row panels for every depth block, packed by all threads; null when too large. */
    static Packed packedA(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        return packedNow(sharingA(transA, m, k, a, aOff, lda));
    }

    /** op(B) (k, n) as NR-column panels for every depth block (the layout of {@link #packB}); null when too large. */
    static Packed packedB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return packedNow(sharingB(transB, k, n, b, bOff, ldb));
    }

    private static SharedPacking sharingA(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        return SharedPacking.of(k, m, MR, (pc, kc, i0, rows, dst, dOff) ->
                GemmPack.packA(transA, a, aOff, lda, i0, rows, pc, kc, dst, dOff));
    }

    private static SharedPacking sharingB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return SharedPacking.of(k, n, NR, (pc, kc, j0, cols, dst, dOff) ->
                GemmPack.packB(transB, b, bOff, ldb, pc, kc, j0, cols, dst, dOff));
    }

    /** Packs the operand over the kernel threads (on the calling thread when small); null stays null. */
    private static Packed packedNow(SharedPacking sharing) {
        if (sharing == null) return null;
        if ((long) sharing.floats() < SHARED_PARALLEL_FLOATS) sharing.packAndAwait();
        else Parallel.forRange(Parallel.threads(), 1, (t0, t1) -> sharing.packAndAwait());
        return sharing.packed;
    }

    /** Packs rows (A) or columns (B) [x0, x0 + count) of depth block [pc, pc + kc) into dst at dOff. */
    private interface PanelPacker {
        void pack(int pc, int kc, int x0, int count, float[] dst, int dOff);
    }

    /**
     * An operand of {@code extent} rows (A) or columns (B) as panels of {@code width}, depth block q at q × stride,
     * panel p of a block at p × width × kc, in the calling thread's shared buffer. Every thread that reads it calls
     * {@link #packAndAwait}: the threads claim groups of panels until none is left, then wait for the groups
     * claimed by the others (a thread that has not started yet claims nothing; one that never starts is never
     * waited for).
     */
    private static final class SharedPacking {
        private static final int GROUP = 4;
        final Packed packed;
        private final int k, extent, width, panels, kc;
        private final PanelPacker packer;
        private final AtomicInteger claimed = new AtomicInteger(), done = new AtomicInteger();

        private SharedPacking(Packed packed, int k, int extent, int width, int kc, PanelPacker packer) {
            this.packed = packed;
            this.k = k;
            this.extent = extent;
            this.width = width;
            this.panels = (extent + width - 1) / width;
            this.kc = kc;
            this.packer = packer;
        }

        /** The layout in the calling thread's shared buffer, nothing packed yet; null when over {@link #SHARED_MAX_FLOATS}. */
        static SharedPacking of(int k, int extent, int width, PanelPacker packer) {
            int[] d = depthBlocks(k);
            int panels = (extent + width - 1) / width, stride = panels * width * d[1];
            if ((long) d[0] * stride > SHARED_MAX_FLOATS) return null;
            float[] data = BUFFERS.get().shared(d[0] * stride);
            return new SharedPacking(new Packed(data, stride), k, extent, width, d[1], packer);
        }

        /** The floats of the packed operand. */
        long floats() {
            return (long) packed.stride() * ((k + kc - 1) / kc);
        }

        void packAndAwait() {
            int groups = (panels + GROUP - 1) / GROUP;
            for (int g; (g = claimed.getAndIncrement()) < groups; ) {
                int x0 = g * GROUP * width, count = Math.min(extent, (g + 1) * GROUP * width) - x0;
                for (int pc = 0, q = 0; pc < k; pc += kc, q++) {
                    int depth = Math.min(kc, k - pc);
                    packer.pack(pc, depth, x0, count, packed.data(), q * packed.stride() + x0 * depth);
                }
                done.incrementAndGet();
            }
            // the wait is for at most one group per other thread; past a few microseconds that thread is
            // probably not running (more threads than cores), so give it the core
            for (int spins = 0; done.get() < groups; spins++) {
                if (spins < 1000) Thread.onSpinWait();
                else Thread.yield();
            }
        }
    }

    /**
     * C[i0:i1, j0:j1] of the product, on the calling thread. When C is large (more than {@link #C_FAR_FLOATS},
     * so it lives in DRAM), there are several depth blocks, and op(B) for all of K and a few panels fits
     * {@link #B_ALL_FLOATS}, B is packed for every depth block at once and the depth loop runs inside the row
     * loop, so an (mc, nc) block of C stays in L2 while all depth blocks add onto it; otherwise every depth
     * block is one more pass over C. Measured on the 2 MB-L2 Xeon: +5-10% for dB = Aᵀ·G with C 200 x 33278
     * (26 MB, K = 700 in three blocks), but -10% for 1024² (C 4 MB), hence the size condition.
     */
    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        blocked(transA, transB, i0, i1, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, null, null);
    }

    /**
     * As above; {@code resident} non-null forces the C-resident loop order on or off (for tests); a non-null
     * {@code aAll} / {@code bAll} is op(A) / op(B) packed whole (then i0 / j0 is 0 or a whole block further on),
     * read instead of packing that operand's blocks.
     */
    static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                        float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc, Boolean resident, Packed aAll, Packed bAll) {
        Buffers buf = BUFFERS.get();
        int kBlocks = (k + KC - 1) / KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;           // equal depths, e.g. k=700 -> 234,234,232
        int ncAll = (int) Math.min(roundUp(j1 - j0, NR), B_ALL_FLOATS / ((long) kBlocks * kcMax) / NR * NR);
        boolean residentC = resident != null ? resident && kBlocks > 1 && ncAll >= NR
                : kBlocks > 1 && ncAll >= 4 * NR && (long) (i1 - i0) * (j1 - j0) > C_FAR_FLOATS;
        int ncTarget = residentC ? ncAll : NC;
        int nBlocks = (j1 - j0 + ncTarget - 1) / ncTarget;
        int ncMax = roundUp((j1 - j0 + nBlocks - 1) / nBlocks, NR);   // equal widths, whole panels
        int mcTarget = residentC ? Math.max(MR, (int) (C_BLOCK_FLOATS / ncMax) / MR * MR)
                : rowBlock(i1 - i0, j1 - j0);
        int mRows = i1 - i0;
        int mBlocks = (mRows + mcTarget - 1) / mcTarget;
        int mcMax = roundUp((mRows + mBlocks - 1) / mBlocks, MR);
        int bStride = ncMax * kcMax;                       // one depth block of packed B
        float[] ap = aAll != null ? aAll.data() : buf.ap(mcMax * kcMax);
        float[] bp = bAll != null ? bAll.data() : buf.bp(residentC ? kBlocks * bStride : bStride);
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            if (residentC) {
                for (int pc = 0, q = 0; pc < k && bAll == null; pc += kcMax, q++) {
                    GemmPack.packB(transB, b, bOff, ldb, pc, Math.min(kcMax, k - pc), jc, nc, bp, q * bStride);
                }
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    for (int pc = 0, q = 0; pc < k; pc += kcMax, q++) {
                        int kc = Math.min(kcMax, k - pc);
                        if (aAll == null) GemmPack.packA(transA, a, aOff, lda, ic, mc, pc, kc, ap, 0);
                        int ao = aAll == null ? 0 : q * aAll.stride() + ic * kc;
                        int bo = bAll == null ? q * bStride : q * bAll.stride() + jc * kc;
                        tiles(ap, ao, bp, bo, ic, mc, jc, nc, kc, c, cOff, ldc, alpha, pc == 0 ? beta : 1f, buf.tile);
                    }
                }
                continue;
            }
            for (int pc = 0, q = 0; pc < k; pc += kcMax, q++) {
                int kc = Math.min(kcMax, k - pc);
                if (bAll == null) GemmPack.packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp, 0);
                int bo = bAll == null ? 0 : q * bAll.stride() + jc * kc;
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    if (aAll == null) GemmPack.packA(transA, a, aOff, lda, ic, mc, pc, kc, ap, 0);
                    int ao = aAll == null ? 0 : q * aAll.stride() + ic * kc;
                    // later depth blocks accumulate onto the first
                    tiles(ap, ao, bp, bo, ic, mc, jc, nc, kc, c, cOff, ldc, alpha, pc == 0 ? beta : 1f, buf.tile);
                }
            }
        }
    }

    /**
     * Rows of A per packed block for a (rows, cols) range of C: {@link GemmBlocking#MC_NEAR} when that C fits in
     * half of L2 (it stays there), else the smaller {@link #MC}, whose column of tiles the prefetcher follows.
     */
    private static int rowBlock(int rows, int cols) {
        return 8L * rows * cols <= GemmBlocking.L2_BYTES ? GemmBlocking.MC_NEAR : MC;
    }

    /** Depth blocks of equal depth (at most KC), as {@link #blocked} cuts K: {count, depth of all but the last}. */
    private static int[] depthBlocks(int k) {
        int kBlocks = Math.max(1, (k + KC - 1) / KC);
        return new int[] {kBlocks, Math.max(1, (k + kBlocks - 1) / kBlocks)};
    }

    /** Depth block q of a packed B starts at q · kcMax · roundUp(N, NR); within it, the NR-column panels. */
    @Override
    public int packedSize(int k, int n) {
        int[] d = depthBlocks(k);
        return d[0] * d[1] * roundUp(n, NR);
    }

    @Override
    public void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        GemmArgs.checkB(transB, k, n, b, bOff, ldb);
        GemmArgs.checkPacked(k, n, packed, packedSize(k, n));
        int[] d = depthBlocks(k);
        int stride = d[1] * roundUp(n, NR);
        for (int pc = 0, q = 0; pc < k; pc += d[1], q++) {
            GemmPack.packB(transB, b, bOff, ldb, pc, Math.min(d[1], k - pc), 0, n, packed, q * stride);
        }
    }

    /**
     * B is packed already, so a thread's share repeats no packing of B: split the rows over the threads when
     * there are panels of rows for each, else the columns (then each thread packs A, the few rows of a
     * recurrent step's state).
     */
    @Override
    public void sgemmPacked(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] packed,
                            float beta, float[] c, int cOff, int ldc) {
        GemmArgs.checkPackedProduct(m, n, k, a, aOff, lda, c, cOff, ldc);
        GemmArgs.checkPacked(k, n, packed, packedSize(k, n));
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int threads = Parallel.threads();
        boolean splitM = (m + MR - 1) / MR >= 4 * threads;
        int units = splitM ? (m + MR - 1) / MR : (n + NR - 1) / NR;
        if ((long) m * n * k < PACKED_PARALLEL_MNK || threads == 1 || units < 2) {
            packedBlocked(0, m, 0, n, n, k, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
            return;
        }
        int chunks = Math.min(units, 4 * threads);
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(Math.min(threads, chunks), 1, (t0, t1) -> {
            for (int ch; (ch = next.getAndIncrement()) < chunks; ) {
                int u0 = (int) ((long) units * ch / chunks), u1 = (int) ((long) units * (ch + 1) / chunks);
                if (splitM) {
                    packedBlocked(u0 * MR, Math.min(m, u1 * MR), 0, n, n, k, alpha, a, aOff, lda, packed, beta, c,
                            cOff, ldc);
                } else {
                    packedBlocked(0, m, u0 * NR, Math.min(n, u1 * NR), n, k, alpha, a, aOff, lda, packed, beta, c,
                            cOff, ldc);
                }
            }
        });
    }

    /**
     * C[i0:i1, j0:j1] (j0 a multiple of NR) from an op(B) of N columns packed by {@link #packB}, depth blocks in
     * the order of {@link #blocked}.
     */
    private static void packedBlocked(int i0, int i1, int j0, int j1, int n, int k, float alpha, float[] a, int aOff,
                                      int lda, float[] packed, float beta, float[] c, int cOff, int ldc) {
        Buffers buf = BUFFERS.get();
        int[] d = depthBlocks(k);
        int kcMax = d[1], stride = kcMax * roundUp(n, NR);
        int mcTarget = rowBlock(i1 - i0, j1 - j0);
        int mBlocks = (i1 - i0 + mcTarget - 1) / mcTarget;
        int mcMax = roundUp((i1 - i0 + mBlocks - 1) / mBlocks, MR);
        float[] ap = buf.ap(mcMax * kcMax);
        for (int ic = i0; ic < i1; ic += mcMax) {
            int mc = Math.min(mcMax, i1 - ic);
            for (int pc = 0, q = 0; pc < k; pc += kcMax, q++) {
                int kc = Math.min(kcMax, k - pc);
                GemmPack.packA(false, a, aOff, lda, ic, mc, pc, kc, ap, 0);
                tiles(ap, 0, packed, q * stride + j0 * kc, ic, mc, j0, j1 - j0, kc, c, cOff, ldc, alpha,
                        pc == 0 ? beta : 1f, buf.tile);
            }
        }
    }

    /** The tiles of C[ic:ic+mc, jc:jc+nc] from a packed A block (at apOff) and a packed B block (at bpOff). */
    private static void tiles(float[] ap, int apOff, float[] bp, int bpOff, int ic, int mc, int jc, int nc, int kc,
                              float[] c, int cOff, int ldc, float alpha, float beta, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = bpOff + jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ao = apOff + ir * kc;
                int co = cOff + (ic + ir) * ldc + jc + jr;
                if (mr == MR && nr == NR) {
                    GemmMicroKernel.tile(kc, ap, ao, bp, bo, c, co, ldc, alpha, beta);
                } else if (mr == MR && nr == V) {
                    GemmMicroKernel.narrow(kc, ap, ao, bp, bo, c, co, ldc, alpha, beta);
                } else {
                    // A partial tile: the kernel writes a scratch tile, its valid corner goes to C.
                    if (nr > V) GemmMicroKernel.tile(kc, ap, ao, bp, bo, tile, 0, NR, 1f, 0f);
                    else GemmMicroKernel.narrow(kc, ap, ao, bp, bo, tile, 0, NR, 1f, 0f);
                    GemmMicroKernel.edge(tile, mr, nr, c, co, ldc, alpha, beta);
                }
            }
        }
    }

    /** C = beta * C (beta == 0 writes zeros without reading C). */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int o = cOff + i * ldc;
            if (beta == 0f) Arrays.fill(c, o, o + n, 0f);
            else if (beta != 1f) for (int j = 0; j < n; j++) c[o + j] *= beta;
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    @Override
    public String name() {
        return "vector-" + MR + "x" + NR + " " + GemmBlocking.describe();
    }
}
