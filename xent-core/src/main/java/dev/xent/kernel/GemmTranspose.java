// Transposes of 8 x 16 and 16 x 16 float blocks in 512-bit registers, for packing GEMM panels (AVX-512 only).
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing a row-major A into MR-row panels, or a transposed B into NR-column panels, is a transpose; one float
 * at a time it costs a load and a store per element. Here 8 or 16 rows are loaded as vectors and transposed in
 * registers by rounds of interleaves: round u interleaves units of u lanes of two vectors x, y (u = 1, 2, 4, 8)
 * as {@code x.rearrange(L).blend(y.rearrange(L), odd units)}, two permutes and a blend per output vector, so
 * 8 x 16 takes 24 interleaves and 16 x 16 takes 64. (JDK 24's two-vector {@code selectFrom} would be one
 * permute, but the code is compiled against the JDK 21 API.) The data go through {@link IntVector}, a free
 * reinterpretation; the bits are unchanged, so packing cannot change a result.
 *
 * <p>Written out in full, with the loop over column blocks inside each method: C2 stops inlining small helpers
 * in methods this large (NodeCountInliningCutoff), a vector passed to a call that is not inlined is boxed (an
 * earlier version with load/store helpers was 4x slower than the scalar loop), and a method without a loop is
 * compiled by C2 only after thousands of calls, running meanwhile as C1 code that boxes every vector. Used only
 * when the preferred species has 16 float lanes ({@link #AVAILABLE}); elsewhere packing is scalar.
 */
final class GemmTranspose {
    private GemmTranspose() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

    /** True when the preferred float species is 512 bits wide (16 lanes), the shape these transposes use. */
    static final boolean AVAILABLE = FloatVector.SPECIES_PREFERRED.length() == 16;

    /** Lane i takes unit i / unit / 2 of the low (or high) half of the source, lane i % unit within it. */
    private static VectorShuffle<Integer> spread(int unit, boolean hi) {
        int[] ix = new int[16];
        for (int i = 0; i < 16; i++) ix[i] = (i / unit / 2 + (hi ? 8 / unit : 0)) * unit + i % unit;
        return VectorShuffle.fromArray(I, ix, 0);
    }

    private static VectorMask<Integer> oddUnits(int unit) {
        boolean[] odd = new boolean[16];
        for (int i = 0; i < 16; i++) odd[i] = i / unit % 2 == 1;
        return VectorMask.fromArray(I, odd, 0);
    }

    // L<u>/H<u> spread the low/high half of a vector to every other unit of u lanes; M<u> marks the odd units.
    private static final VectorShuffle<Integer> L1 = spread(1, false), H1 = spread(1, true);
    private static final VectorShuffle<Integer> L2 = spread(2, false), H2 = spread(2, true);
    private static final VectorShuffle<Integer> L4 = spread(4, false), H4 = spread(4, true);
    private static final VectorShuffle<Integer> L8 = spread(8, false), H8 = spread(8, true);
    private static final VectorMask<Integer> M1 = oddUnits(1), M2 = oddUnits(2), M4 = oddUnits(4), M8 = oddUnits(8);

    /**
     * {@code dst[dOff + 8*p + r] = src[sOff + r*ld + p]} for r in [0, 8), p in [0, 16*blocks): 16 columns of 8
     * rows at a time become groups of 8 consecutive floats (an A panel's layout for MR = 8). The loop is in
     * here so that C2 compiles the method early (from its back-edge count) and the constants stay in registers.
     */
    static void t8x16(float[] src, int sOff, int ld, float[] dst, int dOff, int blocks) {
        for (int blk = 0; blk < blocks; blk++, sOff += 16, dOff += 128) {
            IntVector r0 = FloatVector.fromArray(F, src, sOff).reinterpretAsInts();
            IntVector r1 = FloatVector.fromArray(F, src, sOff + ld).reinterpretAsInts();
            IntVector r2 = FloatVector.fromArray(F, src, sOff + 2 * ld).reinterpretAsInts();
            IntVector r3 = FloatVector.fromArray(F, src, sOff + 3 * ld).reinterpretAsInts();
            IntVector r4 = FloatVector.fromArray(F, src, sOff + 4 * ld).reinterpretAsInts();
            IntVector r5 = FloatVector.fromArray(F, src, sOff + 5 * ld).reinterpretAsInts();
            IntVector r6 = FloatVector.fromArray(F, src, sOff + 6 * ld).reinterpretAsInts();
            IntVector r7 = FloatVector.fromArray(F, src, sOff + 7 * ld).reinterpretAsInts();
            // Round 1: rows (0,1), (2,3), ... interleaved lane by lane: a = columns 0-7, b = columns 8-15.
            IntVector a0 = r0.rearrange(L1).blend(r1.rearrange(L1), M1);
            IntVector b0 = r0.rearrange(H1).blend(r1.rearrange(H1), M1);
            IntVector a1 = r2.rearrange(L1).blend(r3.rearrange(L1), M1);
            IntVector b1 = r2.rearrange(H1).blend(r3.rearrange(H1), M1);
            IntVector a2 = r4.rearrange(L1).blend(r5.rearrange(L1), M1);
            IntVector b2 = r4.rearrange(H1).blend(r5.rearrange(H1), M1);
            IntVector a3 = r6.rearrange(L1).blend(r7.rearrange(L1), M1);
            IntVector b3 = r6.rearrange(H1).blend(r7.rearrange(H1), M1);
            // Round 2: pairs of rows interleaved two lanes at a time: 4 rows x 4 columns per vector.
            IntVector c0 = a0.rearrange(L2).blend(a1.rearrange(L2), M2);
            IntVector c1 = a0.rearrange(H2).blend(a1.rearrange(H2), M2);
            IntVector c2 = b0.rearrange(L2).blend(b1.rearrange(L2), M2);
            IntVector c3 = b0.rearrange(H2).blend(b1.rearrange(H2), M2);
            IntVector d0 = a2.rearrange(L2).blend(a3.rearrange(L2), M2);
            IntVector d1 = a2.rearrange(H2).blend(a3.rearrange(H2), M2);
            IntVector d2 = b2.rearrange(L2).blend(b3.rearrange(L2), M2);
            IntVector d3 = b2.rearrange(H2).blend(b3.rearrange(H2), M2);
            // Round 3: rows 0-3 and 4-7 interleaved four lanes at a time: 8 rows x 2 columns per vector.
            c0.rearrange(L4).blend(d0.rearrange(L4), M4).reinterpretAsFloats().intoArray(dst, dOff + 0);
            c0.rearrange(H4).blend(d0.rearrange(H4), M4).reinterpretAsFloats().intoArray(dst, dOff + 16);
            c1.rearrange(L4).blend(d1.rearrange(L4), M4).reinterpretAsFloats().intoArray(dst, dOff + 32);
            c1.rearrange(H4).blend(d1.rearrange(H4), M4).reinterpretAsFloats().intoArray(dst, dOff + 48);
            c2.rearrange(L4).blend(d2.rearrange(L4), M4).reinterpretAsFloats().intoArray(dst, dOff + 64);
            c2.rearrange(H4).blend(d2.rearrange(H4), M4).reinterpretAsFloats().intoArray(dst, dOff + 80);
            c3.rearrange(L4).blend(d3.rearrange(L4), M4).reinterpretAsFloats().intoArray(dst, dOff + 96);
            c3.rearrange(H4).blend(d3.rearrange(H4), M4).reinterpretAsFloats().intoArray(dst, dOff + 112);
        }
    }

    /**
     * {@code dst[dOff + p*dLd + r] = src[sOff + r*ld + p]} for r in [0, 16), p in [0, 16*blocks): 16 rows of 16
     * at a time become 16 columns of 16, stored dLd apart (half of a B panel's layout for NR = 32).
     */
    static void t16x16(float[] src, int sOff, int ld, float[] dst, int dOff, int dLd, int blocks) {
        for (int blk = 0; blk < blocks; blk++, sOff += 16, dOff += 16 * dLd) {
            IntVector r0 = FloatVector.fromArray(F, src, sOff + 0 * ld).reinterpretAsInts();
            IntVector r1 = FloatVector.fromArray(F, src, sOff + 1 * ld).reinterpretAsInts();
            IntVector r2 = FloatVector.fromArray(F, src, sOff + 2 * ld).reinterpretAsInts();
            IntVector r3 = FloatVector.fromArray(F, src, sOff + 3 * ld).reinterpretAsInts();
            IntVector r4 = FloatVector.fromArray(F, src, sOff + 4 * ld).reinterpretAsInts();
            IntVector r5 = FloatVector.fromArray(F, src, sOff + 5 * ld).reinterpretAsInts();
            IntVector r6 = FloatVector.fromArray(F, src, sOff + 6 * ld).reinterpretAsInts();
            IntVector r7 = FloatVector.fromArray(F, src, sOff + 7 * ld).reinterpretAsInts();
            IntVector r8 = FloatVector.fromArray(F, src, sOff + 8 * ld).reinterpretAsInts();
            IntVector r9 = FloatVector.fromArray(F, src, sOff + 9 * ld).reinterpretAsInts();
            IntVector r10 = FloatVector.fromArray(F, src, sOff + 10 * ld).reinterpretAsInts();
            IntVector r11 = FloatVector.fromArray(F, src, sOff + 11 * ld).reinterpretAsInts();
            IntVector r12 = FloatVector.fromArray(F, src, sOff + 12 * ld).reinterpretAsInts();
            IntVector r13 = FloatVector.fromArray(F, src, sOff + 13 * ld).reinterpretAsInts();
            IntVector r14 = FloatVector.fromArray(F, src, sOff + 14 * ld).reinterpretAsInts();
            IntVector r15 = FloatVector.fromArray(F, src, sOff + 15 * ld).reinterpretAsInts();
            // Round 1: 2 rows x 8 columns per vector (a: columns 0-7, b: 8-15).
            IntVector a0 = r0.rearrange(L1).blend(r1.rearrange(L1), M1);
            IntVector b0 = r0.rearrange(H1).blend(r1.rearrange(H1), M1);
            IntVector a1 = r2.rearrange(L1).blend(r3.rearrange(L1), M1);
            IntVector b1 = r2.rearrange(H1).blend(r3.rearrange(H1), M1);
            IntVector a2 = r4.rearrange(L1).blend(r5.rearrange(L1), M1);
            IntVector b2 = r4.rearrange(H1).blend(r5.rearrange(H1), M1);
            IntVector a3 = r6.rearrange(L1).blend(r7.rearrange(L1), M1);
            IntVector b3 = r6.rearrange(H1).blend(r7.rearrange(H1), M1);
            IntVector a4 = r8.rearrange(L1).blend(r9.rearrange(L1), M1);
            IntVector b4 = r8.rearrange(H1).blend(r9.rearrange(H1), M1);
            IntVector a5 = r10.rearrange(L1).blend(r11.rearrange(L1), M1);
            IntVector b5 = r10.rearrange(H1).blend(r11.rearrange(H1), M1);
            IntVector a6 = r12.rearrange(L1).blend(r13.rearrange(L1), M1);
            IntVector b6 = r12.rearrange(H1).blend(r13.rearrange(H1), M1);
            IntVector a7 = r14.rearrange(L1).blend(r15.rearrange(L1), M1);
            IntVector b7 = r14.rearrange(H1).blend(r15.rearrange(H1), M1);
            // Round 2: 4 rows x 4 columns per vector; c<g><q>: row group g (rows 4g..4g+3), columns 4q..4q+3.
            IntVector c00 = a0.rearrange(L2).blend(a1.rearrange(L2), M2);
            IntVector c01 = a0.rearrange(H2).blend(a1.rearrange(H2), M2);
            IntVector c02 = b0.rearrange(L2).blend(b1.rearrange(L2), M2);
            IntVector c03 = b0.rearrange(H2).blend(b1.rearrange(H2), M2);
            IntVector c10 = a2.rearrange(L2).blend(a3.rearrange(L2), M2);
            IntVector c11 = a2.rearrange(H2).blend(a3.rearrange(H2), M2);
            IntVector c12 = b2.rearrange(L2).blend(b3.rearrange(L2), M2);
            IntVector c13 = b2.rearrange(H2).blend(b3.rearrange(H2), M2);
            IntVector c20 = a4.rearrange(L2).blend(a5.rearrange(L2), M2);
            IntVector c21 = a4.rearrange(H2).blend(a5.rearrange(H2), M2);
            IntVector c22 = b4.rearrange(L2).blend(b5.rearrange(L2), M2);
            IntVector c23 = b4.rearrange(H2).blend(b5.rearrange(H2), M2);
            IntVector c30 = a6.rearrange(L2).blend(a7.rearrange(L2), M2);
            IntVector c31 = a6.rearrange(H2).blend(a7.rearrange(H2), M2);
            IntVector c32 = b6.rearrange(L2).blend(b7.rearrange(L2), M2);
            IntVector c33 = b6.rearrange(H2).blend(b7.rearrange(H2), M2);
            // Round 3: 8 rows x 2 columns per vector; e<h><k>: rows 8h..8h+7, columns 2k, 2k+1.
            IntVector e00 = c00.rearrange(L4).blend(c10.rearrange(L4), M4);
            IntVector e01 = c00.rearrange(H4).blend(c10.rearrange(H4), M4);
            IntVector e02 = c01.rearrange(L4).blend(c11.rearrange(L4), M4);
            IntVector e03 = c01.rearrange(H4).blend(c11.rearrange(H4), M4);
            IntVector e04 = c02.rearrange(L4).blend(c12.rearrange(L4), M4);
            IntVector e05 = c02.rearrange(H4).blend(c12.rearrange(H4), M4);
            IntVector e06 = c03.rearrange(L4).blend(c13.rearrange(L4), M4);
            IntVector e07 = c03.rearrange(H4).blend(c13.rearrange(H4), M4);
            IntVector e10 = c20.rearrange(L4).blend(c30.rearrange(L4), M4);
            IntVector e11 = c20.rearrange(H4).blend(c30.rearrange(H4), M4);
            IntVector e12 = c21.rearrange(L4).blend(c31.rearrange(L4), M4);
            IntVector e13 = c21.rearrange(H4).blend(c31.rearrange(H4), M4);
            IntVector e14 = c22.rearrange(L4).blend(c32.rearrange(L4), M4);
            IntVector e15 = c22.rearrange(H4).blend(c32.rearrange(H4), M4);
            IntVector e16 = c23.rearrange(L4).blend(c33.rearrange(L4), M4);
            IntVector e17 = c23.rearrange(H4).blend(c33.rearrange(H4), M4);
            // Round 4: 16 rows x 1 column per vector.
            e00.rearrange(L8).blend(e10.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 0 * dLd);
            e00.rearrange(H8).blend(e10.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 1 * dLd);
            e01.rearrange(L8).blend(e11.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 2 * dLd);
            e01.rearrange(H8).blend(e11.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 3 * dLd);
            e02.rearrange(L8).blend(e12.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 4 * dLd);
            e02.rearrange(H8).blend(e12.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 5 * dLd);
            e03.rearrange(L8).blend(e13.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 6 * dLd);
            e03.rearrange(H8).blend(e13.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 7 * dLd);
            e04.rearrange(L8).blend(e14.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 8 * dLd);
            e04.rearrange(H8).blend(e14.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 9 * dLd);
            e05.rearrange(L8).blend(e15.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 10 * dLd);
            e05.rearrange(H8).blend(e15.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 11 * dLd);
            e06.rearrange(L8).blend(e16.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 12 * dLd);
            e06.rearrange(H8).blend(e16.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 13 * dLd);
            e07.rearrange(L8).blend(e17.rearrange(L8), M8).reinterpretAsFloats().intoArray(dst, dOff + 14 * dLd);
            e07.rearrange(H8).blend(e17.rearrange(H8), M8).reinterpretAsFloats().intoArray(dst, dOff + 15 * dLd);
        }
    }
}
