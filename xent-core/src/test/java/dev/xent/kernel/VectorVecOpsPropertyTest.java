// Property tests: the Vector API kernels agree with the scalar reference on every length 0..100 and offset.
package dev.xent.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each property draws a seed and array offsets, then checks every length n in 0..100 (so every vector tail
 * length is covered). Stated tolerances:
 * <ul>
 * <li>add, sub, mul, div, scale, addScalar, relu, mulAdd, axpy: bit-identical (the vector path does not fuse).</li>
 * <li>max: equal by == (NaN if any element is NaN; max of -0 and +0 may be either zero).</li>
 * <li>exp, tanh: 2 ulp of the scalar (double-precision, rounded) result; sigmoid: 4 ulp (float exp, an add and
 *     a divide vs the scalar's double arithmetic).</li>
 * <li>sum, sumSquares, dot: |vector − scalar| ≤ 2·n·2⁻²⁴·Σ|terms| (both orders obey the standard summation
 *     error bound n·u·Σ|terms|).</li>
 * <li>addMax: bit-identical sums and the same max; expShifted: each term within 2 ulp (exp), the sum within
 *     the summation bound plus those ulps.</li>
 * <li>lstmCell: bit-identical to the same implementation's separate kernels (sigmoid, tanh, mul, mulAdd), and
 *     within 1e-5 of the scalar one; lstmCellBackward: bit-identical to the formula written out with that
 *     implementation's tanh, and within 1e-5·(1 + |value|) of the scalar one.</li>
 * <li>softmax: 1e-6 relative per element (≈ 8 ulp: the row sum is added in another order);
 *     logSoftmax: 1e-6·(|x| + |lse|) absolute (x − lse cancels).</li>
 * </ul>
 */
class VectorVecOpsPropertyTest {

    private static final VecOps V = new VectorVecOps();
    private static final VecOps R = new ScalarVecOps();
    private static final int MAX_N = 100, PAD = 20;

    /** Random values: mostly N(0, scale), sometimes exact zeros, negatives zeros and repeated values. */
    private static float[] values(Random rnd, int len, float scale) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(20);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 && i > 0 ? x[i - 1] : (float) rnd.nextGaussian() * scale;
        }
        return x;
    }

    private interface Map2 { void apply(VecOps k, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n); }

    private static void checkExactBinary(long seed, int ao, int bo, int oo, Map2 m) {
        Random rnd = new Random(seed);
        for (int n = 0; n <= MAX_N; n++) {
            float[] a = values(rnd, n + PAD, 3f), b = values(rnd, n + PAD, 3f);
            float[] ov = values(rnd, n + PAD, 1f), or = ov.clone();   // same prior contents (mulAdd/axpy read them)
            m.apply(V, a, ao, b, bo, ov, oo, n);
            m.apply(R, a, ao, b, bo, or, oo, n);
            for (int i = 0; i < ov.length; i++) {
                if (Float.floatToIntBits(ov[i]) != Float.floatToIntBits(or[i])) {
                    fail("n=" + n + " index " + i + ": vector " + ov[i] + " vs scalar " + or[i]);
                }
            }
        }
    }

    @Property(tries = 6)
    void binaryMapsAreBitIdentical(@ForAll long seed, @ForAll @IntRange(max = 17) int ao,
                                   @ForAll @IntRange(max = 17) int bo, @ForAll @IntRange(max = 17) int oo) {
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.add(a, x, b, y, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.sub(a, x, b, y, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.mul(a, x, b, y, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.div(a, x, b, y, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.mulAdd(a, x, b, y, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.axpy(0.37f, a, x, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.scale(-1.7f, a, x, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.addScalar(2.5f, a, x, o, z, n));
        checkExactBinary(seed, ao, bo, oo, (k, a, x, b, y, o, z, n) -> k.relu(a, x, o, z, n));
    }

    /** Checks a unary map within maxUlp of the scalar result; inf and NaN must match exactly. */
    private static void checkUnary(long seed, int xo, int oo, float scale, double maxUlp, Map2 m) {
        Random rnd = new Random(seed);
        for (int n = 0; n <= MAX_N; n++) {
            float[] x = values(rnd, n + PAD, scale);
            float[] ov = new float[n + PAD], or = new float[n + PAD];
            m.apply(V, x, xo, null, 0, ov, oo, n);
            m.apply(R, x, xo, null, 0, or, oo, n);
            for (int i = 0; i < ov.length; i++) {
                float v = ov[i], r = or[i];
                boolean ok = (Float.isNaN(v) && Float.isNaN(r)) || v == r
                        || (Float.isFinite(r) && Math.abs(v - r) <= maxUlp * Math.ulp(r));
                if (!ok) fail("n=" + n + " index " + i + " x=" + x[xo + Math.max(0, i - oo)] + ": vector " + v
                        + " vs scalar " + r + " (" + Math.abs(v - r) / Math.ulp(r) + " ulp)");
            }
        }
    }

    @Property(tries = 6)
    void transcendentalsWithinUlps(@ForAll long seed, @ForAll @IntRange(max = 17) int xo,
                                   @ForAll @IntRange(max = 17) int oo) {
        for (float scale : new float[] {0.5f, 5f, 60f}) {
            checkUnary(seed, xo, oo, scale, 2, (k, a, x, b, y, o, z, n) -> k.exp(a, x, o, z, n));
            checkUnary(seed, xo, oo, scale, 2, (k, a, x, b, y, o, z, n) -> k.tanh(a, x, o, z, n));
            checkUnary(seed, xo, oo, scale, 4, (k, a, x, b, y, o, z, n) -> k.sigmoid(a, x, o, z, n));
        }
    }

    /**
     * mulMask / mulMaskAdd: bit-identical to the scalar kernel and to x·m with m written out from the bits, on
     * every length 0..100, any word offset, and once past the parallel split (words of random bits).
     */
    @Property(tries = 6)
    void maskedMultiplyIsBitIdentical(@ForAll long seed, @ForAll @IntRange(max = 17) int xo,
                                      @ForAll @IntRange(max = 3) int wo, @ForAll @IntRange(max = 17) int oo) {
        Random rnd = new Random(seed);
        float scale = 1.25f;
        for (int n : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, MAX_N),
                java.util.stream.IntStream.of(2 * VectorVecOps.PARALLEL_MIN + 37)).toArray()) {
            float[] x = values(rnd, n + PAD, 3f), words = new float[wo + (n + 15) / 16];
            for (int w = 0; w < words.length; w++) words[w] = rnd.nextInt(1 << 16);
            float[] expected = values(rnd, n + PAD, 1f), add = expected.clone();
            float[] ov = new float[n + PAD], or = new float[n + PAD], av = add.clone(), ar = add.clone();
            for (int i = 0; i < n; i++) {
                float m = ((int) words[wo + i / 16] >>> (i % 16) & 1) != 0 ? scale : 0f;
                expected[oo + i] = x[xo + i] * m;
                add[oo + i] += x[xo + i] * m;
            }
            V.mulMask(x, xo, words, wo, scale, ov, oo, n);
            R.mulMask(x, xo, words, wo, scale, or, oo, n);
            V.mulMaskAdd(x, xo, words, wo, scale, av, oo, n);
            R.mulMaskAdd(x, xo, words, wo, scale, ar, oo, n);
            for (int i = 0; i < n; i++) {
                int e = Float.floatToIntBits(expected[oo + i]), a = Float.floatToIntBits(add[oo + i]);
                if (Float.floatToIntBits(ov[oo + i]) != e || Float.floatToIntBits(or[oo + i]) != e) {
                    fail("mulMask n=" + n + " i=" + i + ": vector " + ov[oo + i] + ", scalar " + or[oo + i]
                            + ", expected " + expected[oo + i]);
                }
                if (Float.floatToIntBits(av[oo + i]) != a || Float.floatToIntBits(ar[oo + i]) != a) {
                    fail("mulMaskAdd n=" + n + " i=" + i + ": vector " + av[oo + i] + ", scalar " + ar[oo + i]
                            + ", expected " + add[oo + i]);
                }
            }
        }
    }

    @Property(tries = 6)
    void reductionsWithinSummationBound(@ForAll long seed, @ForAll @IntRange(max = 17) int ao,
                                        @ForAll @IntRange(max = 17) int bo) {
        Random rnd = new Random(seed);
        for (int n = 0; n <= MAX_N; n++) {
            float[] a = values(rnd, n + PAD, 3f), b = values(rnd, n + PAD, 3f);
            double absSum = 0, sqSum = 0, dotAbs = 0;
            for (int i = 0; i < n; i++) {
                absSum += Math.abs(a[ao + i]);
                sqSum += (double) a[ao + i] * a[ao + i];
                dotAbs += Math.abs((double) a[ao + i] * b[bo + i]);
            }
            double u = 2.0 * n * 0x1p-24;
            assertWithin("sum n=" + n, R.sum(a, ao, n), V.sum(a, ao, n), u * absSum);
            assertWithin("sumSquares n=" + n, R.sumSquares(a, ao, n), V.sumSquares(a, ao, n), u * sqSum);
            assertWithin("dot n=" + n, R.dot(a, ao, b, bo, n), V.dot(a, ao, b, bo, n), u * dotAbs);
            float mr = R.max(a, ao, n), mv = V.max(a, ao, n);   // == : max(-0, +0) may be either zero
            assertTrue(mr == mv || (Float.isNaN(mr) && Float.isNaN(mv)), "max n=" + n + ": " + mv + " vs " + mr);
        }
    }

    private static void assertWithin(String what, float expected, float actual, double tol) {
        assertTrue(Math.abs((double) expected - actual) <= tol, what + ": vector " + actual + " vs scalar " + expected
                + " (allowed " + tol + ")");
    }

    @Test
    void maxPropagatesNaNAndIsMinusInfinityWhenEmpty() {
        assertEquals(Float.NEGATIVE_INFINITY, V.max(new float[3], 1, 0));
        for (int n = 1; n <= 40; n++) {
            for (int pos = 0; pos < n; pos++) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = i - 100f;
                x[pos] = Float.NaN;
                assertTrue(Float.isNaN(V.max(x, 0, n)), "NaN at " + pos + " of " + n + " must give NaN");
            }
        }
    }

    @Property(tries = 6)
    void softmaxRowsAgreeAndStayFinite(@ForAll long seed, @ForAll @IntRange(max = 17) int xo,
                                       @ForAll @IntRange(max = 17) int oo) {
        Random rnd = new Random(seed);
        for (float scale : new float[] {1f, 30f, 1e4f}) {
            for (int n = 1; n <= MAX_N; n++) {
                float[] x = values(rnd, n + PAD, scale);
                if (rnd.nextInt(4) == 0) x[xo + rnd.nextInt(n)] = (rnd.nextBoolean() ? 1e4f : -1e4f);
                float[] sv = new float[n + PAD], sr = new float[n + PAD], lv = new float[n + PAD], lr = new float[n + PAD];
                float lseV = V.softmax(x, xo, sv, oo, n), lseR = R.softmax(x, xo, sr, oo, n);
                float lseV2 = V.logSoftmax(x, xo, lv, oo, n), lseR2 = R.logSoftmax(x, xo, lr, oo, n);
                // Not bit-equal: lanewise(EXP) before and after JIT compilation may differ by an ulp.
                assertWithin("softmax and logSoftmax log-sum-exp", lseV, lseV2, 1e-6 * Math.abs(lseV) + 1e-6);
                assertWithin("lse n=" + n, lseR, lseV, 1e-6 * Math.abs(lseR) + 1e-6);
                assertWithin("lse n=" + n, lseR2, lseV2, 1e-6 * Math.abs(lseR2) + 1e-6);
                double total = 0;
                for (int i = 0; i < n; i++) {
                    float v = sv[oo + i], r = sr[oo + i];
                    assertTrue(Float.isFinite(v) && Float.isFinite(lv[oo + i]), "finite at scale " + scale);
                    assertWithin("softmax n=" + n + " i=" + i, r, v, 1e-6 * Math.abs(r) + 1e-30);
                    float xi = x[xo + i];
                    assertWithin("logSoftmax n=" + n + " i=" + i, lr[oo + i], lv[oo + i],
                            1e-6 * (Math.abs(xi) + Math.abs(lseR2)) + 1e-6);
                    total += v;
                }
                assertWithin("softmax sums to 1", 1f, (float) total, 1e-5);
            }
        }
    }

    @Property(tries = 6)
    void addMaxAndExpShiftedAgree(@ForAll long seed, @ForAll @IntRange(max = 17) int xo,
                                  @ForAll @IntRange(max = 17) int bo) {
        Random rnd = new Random(seed);
        for (float scale : new float[] {1f, 30f}) {
            for (int n = 0; n <= MAX_N; n++) {
                float[] x = values(rnd, n + PAD, scale), b = values(rnd, n + PAD, scale);
                float[] xv = x.clone(), xr = x.clone();
                float mv = V.addMax(xv, xo, b, bo, n), mr = R.addMax(xr, xo, b, bo, n);
                assertTrue(mv == mr || n == 0 && mv == Float.NEGATIVE_INFINITY && mr == mv,
                        "addMax max n=" + n + ": vector " + mv + " vs scalar " + mr);
                for (int i = 0; i < xv.length; i++) {
                    assertEquals(Float.floatToRawIntBits(xr[i]), Float.floatToRawIntBits(xv[i]), "addMax n=" + n + " i=" + i);
                }
                if (n == 0) continue;
                float[] ev = new float[n + PAD], er = new float[n + PAD];
                float sv = V.expShifted(xv, xo, mv, ev, bo, n), sr = R.expShifted(xr, xo, mr, er, bo, n);
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    float r = er[bo + i];
                    assertWithin("expShifted n=" + n + " i=" + i, r, ev[bo + i], 2 * Math.ulp(r) + 1e-38);
                    abs += r;
                }
                assertWithin("expShifted sum n=" + n, sr, sv, 2 * n * 0x1p-24 * abs + 2 * n * Math.ulp(1f));
            }
        }
    }

    @Property(tries = 4)
    void lstmCellIsTheSeparateKernelsInOnePass(@ForAll long seed, @ForAll @IntRange(max = 9) int off) {
        Random rnd = new Random(seed);
        for (VecOps k : new VecOps[] {V, R}) {
            for (int hid = 1; hid <= 40; hid++) {
                float[] a = values(rnd, off + 4 * hid, 3f), cp = values(rnd, off + hid, 2f);
                float[] g1 = a.clone(), c1 = new float[off + hid], h1 = new float[off + hid];
                k.lstmCell(g1, off, cp, off, c1, off, h1, off, hid);
                float[] g2 = a.clone(), c2 = new float[off + hid], tc = new float[off + hid], h2 = new float[off + hid];
                k.sigmoid(g2, off, g2, off, 2 * hid);
                k.tanh(g2, off + 2 * hid, g2, off + 2 * hid, hid);
                k.sigmoid(g2, off + 3 * hid, g2, off + 3 * hid, hid);
                k.mul(g2, off + hid, cp, off, c2, off, hid);
                k.mulAdd(g2, off, g2, off + 2 * hid, c2, off, hid);
                k.tanh(c2, off, tc, off, hid);
                k.mul(g2, off + 3 * hid, tc, off, h2, off, hid);
                for (float[][] pair : new float[][][] {{g1, g2}, {c1, c2}, {h1, h2}}) {
                    for (int i = 0; i < pair[0].length; i++) {
                        assertEquals(Float.floatToRawIntBits(pair[1][i]), Float.floatToRawIntBits(pair[0][i]),
                                k.name() + " hid=" + hid + " i=" + i);
                    }
                }
                if (k == V) {
                    float[] gr = a.clone(), cr = new float[off + hid], hr = new float[off + hid];
                    R.lstmCell(gr, off, cp, off, cr, off, hr, off, hid);
                    for (int i = 0; i < hid; i++) {
                        assertWithin("c vs scalar", cr[off + i], c1[off + i], 1e-5 * (1 + Math.abs(cr[off + i])));
                        assertWithin("h vs scalar", hr[off + i], h1[off + i], 1e-5);
                    }
                }
            }
        }
    }

    @Property(tries = 4)
    void lstmCellBackwardIsItsFormula(@ForAll long seed, @ForAll @IntRange(max = 9) int off) {
        Random rnd = new Random(seed);
        for (int hid = 1; hid <= 40; hid++) {
            float[] gates = new float[off + 4 * hid];
            V.sigmoid(values(rnd, off + 4 * hid, 3f), 0, gates, 0, gates.length);   // gate values in (0, 1)
            float[] c = values(rnd, off + hid, 2f), cp = values(rnd, off + hid, 2f);
            float[] dh = values(rnd, off + hid, 1f), dc0 = values(rnd, off + hid, 1f);
            float[] dcV = dc0.clone(), daV = new float[off + 4 * hid], dcR = dc0.clone(), daR = new float[off + 4 * hid];
            V.lstmCellBackward(gates, off, c, off, cp, off, dh, off, dcV, off, daV, off, hid);
            R.lstmCellBackward(gates, off, c, off, cp, off, dh, off, dcR, off, daR, off, hid);
            float[] tc = new float[off + hid];
            V.tanh(c, off, tc, off, hid);
            for (int j = 0; j < hid; j++) {
                float i = gates[off + j], f = gates[off + hid + j], g = gates[off + 2 * hid + j];
                float o = gates[off + 3 * hid + j], t = tc[off + j], d = dh[off + j];
                float dcv = dc0[off + j] + d * o * (1 - t * t);
                float[] want = {dcv * g * i * (1 - i), dcv * cp[off + j] * f * (1 - f), dcv * i * (1 - g * g),
                                d * t * o * (1 - o)};
                for (int q = 0; q < 4; q++) {
                    assertEquals(Float.floatToRawIntBits(want[q]), Float.floatToRawIntBits(daV[off + q * hid + j]),
                            "da gate " + q + " hid=" + hid + " j=" + j);
                    float r = daR[off + q * hid + j];
                    assertWithin("da vs scalar", r, daV[off + q * hid + j], 1e-5 * (1 + Math.abs(r)));
                }
                assertEquals(Float.floatToRawIntBits(dcv * f), Float.floatToRawIntBits(dcV[off + j]), "dc j=" + j);
                assertWithin("dc vs scalar", dcR[off + j], dcV[off + j], 1e-5 * (1 + Math.abs(dcR[off + j])));
            }
        }
    }

    @Test
    void sigmoidAndSoftmaxAtExtremes() {
        float[] x = {1e4f, -1e4f, 88.8f, -88.8f, 0f, -0f, 1e-8f, -1e-8f, 20f, -20f, 15f, -15f, 1e4f, -1e4f, 3f, -3f, 7f};
        float[] sv = new float[x.length], sr = new float[x.length];
        V.sigmoid(x, 0, sv, 0, x.length);
        R.sigmoid(x, 0, sr, 0, x.length);
        assertEquals(1f, sv[0]);
        assertEquals(0f, sv[1]);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(sv[i] - sr[i]) <= 4 * Math.ulp(sr[i]), "sigmoid(" + x[i] + "): " + sv[i] + " vs " + sr[i]);
        }
        float[] row = {1e4f, -1e4f, 1e4f, 0f};
        float[] p = new float[4], lp = new float[4];
        V.softmax(row, 0, p, 0, 4);
        V.logSoftmax(row, 0, lp, 0, 4);
        assertEquals(0.5f, p[0]);
        assertEquals(0f, p[1]);
        assertEquals(0.5f, p[2]);
        assertEquals((float) -Math.log(2), lp[0], 1e-7f);
        assertEquals(-2e4f - (float) Math.log(2), lp[1], 2e-3f);   // one ulp at 2e4
    }

    @Test
    void largeRangesSplitOverThreadsAgree() {
        Random rnd = new Random(5);
        int n = 3 * VectorVecOps.PARALLEL_MIN + 7;
        float[] a = values(rnd, n, 1f), b = values(rnd, n, 1f);
        float[] ov = new float[n], or = new float[n];
        V.mul(a, 0, b, 0, ov, 0, n);
        R.mul(a, 0, b, 0, or, 0, n);
        for (int i = 0; i < n; i++) assertEquals(or[i], ov[i]);
        double dotAbs = 0;
        for (int i = 0; i < n; i++) dotAbs += Math.abs((double) a[i] * b[i]);
        assertWithin("dot", R.dot(a, 0, b, 0, n), V.dot(a, 0, b, 0, n), 2.0 * n * 0x1p-24 * dotAbs);
        V.exp(a, 0, ov, 0, n);
        R.exp(a, 0, or, 0, n);
        for (int i = 0; i < n; i++) assertTrue(Math.abs(ov[i] - or[i]) <= 2 * Math.ulp(or[i]));
    }
}
