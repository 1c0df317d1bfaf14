// Elementwise maps and reductions over float ranges with the Vector API (jdk.incubator.vector).
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API implementation of {@link VecOps}. Every loop has the same shape: a vector body over
 * {@code SPECIES.loopBound(n)} elements, one lane reduction where the method reduces, then a scalar tail.
 *
 * <p>Numerics, as tested in VectorVecOpsPropertyTest against {@link ScalarVecOps}:
 * <ul>
 * <li>add, sub, mul, div, scale, addScalar, relu, mulAdd, axpy: bit-identical. mulAdd and axpy use a separate
 *     multiply and add (no fma) on purpose, so the gradient accumulation rounds exactly like the scalar path;
 *     these loops are memory-bound, so fma would buy nothing.</li>
 * <li>exp, tanh: {@link VectorMath} (within 1 ulp of the correctly rounded result for every float).
 *     sigmoid uses exp(-|x|) so it never overflows.</li>
 * <li>sum, sumSquares, dot: per-lane partial sums (fma for the products), then {@link Lanes#sum}: a
 *     different summation order from the scalar loop, so equal to rounding only.</li>
 * <li>max: propagates NaN (Math.max semantics per lane); -Infinity for n == 0.</li>
 * <li>adam: bit-identical (the scalar loop's operations in its order, no fma; AMSGrad runs the scalar loop).</li>
 * <li>gelu, geluBackward: the scalar formulas of {@link Gelu} lane by lane with {@link VectorMath}'s erf, exp
 *     and tanh (FusedKernelsPropertyTest states the bound).</li>
 * </ul>
 * Determinism: every result is the same whether the JIT has compiled the loop or not (KernelDeterminismTest
 * compares a -Xint JVM with a warmed-up one bit for bit). So no {@code reduceLanes(ADD)} (unspecified order,
 * which changes under C2) and no {@code lanewise(EXP/TANH)} (per-lane Math calls interpreted, an approximating
 * stub compiled); MAX reductions are order-independent. Parallel reductions add per-chunk partials in chunk order.
 * Ranges longer than {@link #PARALLEL_MIN} elements are split over the kernel threads ({@link Parallel}).
 */
public final class VectorVecOps implements VecOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final long LANE_BITS = (1L << Math.min(L, 63)) - 1;   // the bits of a mask word one vector covers
    private static final boolean WORD_LANES = 16 % L == 0;               // a 16-bit mask word fills whole vectors
    /** Below this many elements a range runs on the calling thread (scheduling costs more than it saves). */
    static final int PARALLEL_MIN = 1 << 16;

    // ------------------------------------------------------------------ binary maps

    // Each map has its own loop method, called directly for a short range (the hogwild trainers add rows of dim
    // floats this way; one shared loop behind a switch on the op made fastText's per-example update take 1.8x as
    // long, measured). A long range is split over the kernel threads. Loads call FloatVector.fromArray directly,
    // never a helper of ours, here and below: C2 may leave a helper out of line at a call site that was cold when
    // it compiled the loop, and the vectors are then boxed on every iteration (19 MB a step for AllocationTest's
    // MLP); the JDK's vector methods are @ForceInline.

    @Override public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) addRange(a, ao, b, bo, out, oo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> addRange(a, ao + f, b, bo + f, out, oo + f, t - f));
    }

    private static void addRange(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    @Override public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) subRange(a, ao, b, bo, out, oo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> subRange(a, ao + f, b, bo + f, out, oo + f, t - f));
    }

    private static void subRange(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    @Override public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) mulRange(a, ao, b, bo, out, oo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> mulRange(a, ao + f, b, bo + f, out, oo + f, t - f));
    }

    private static void mulRange(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    @Override public void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) divRange(a, ao, b, bo, out, oo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> divRange(a, ao + f, b, bo + f, out, oo + f, t - f));
    }

    private static void divRange(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    @Override public void mulAdd(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            int i = f;
            for (int end = f + S.loopBound(t - f); i < end; i += L) {   // out += a*b, two roundings like scalar
                FloatVector p = FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i));
                p.add(FloatVector.fromArray(S, out, oo + i)).intoArray(out, oo + i);
            }
            for (; i < t; i++) out[oo + i] += a[ao + i] * b[bo + i];
        });
    }

    // Dropout by packed mask bits: one 16-bit word a step, its bits turned into lane masks (VectorMask.fromLong,
    // a kmov on AVX-512), m = blend(0, scale) and x·m as mul computes it. Split on word boundaries.

    @Override public void mulMask(float[] x, int xo, float[] words, int wo, float scale, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) mulMaskRange(x, xo, words, wo, scale, out, oo, n);
        else Parallel.forRange((n + 15) >>> 4, PARALLEL_MIN >>> 4, (f, t) ->
                mulMaskRange(x, xo + 16 * f, words, wo + f, scale, out, oo + 16 * f, Math.min(n, 16 * t) - 16 * f));
    }

    private static void mulMaskRange(float[] x, int xo, float[] words, int wo, float scale, float[] out, int oo, int n) {
        FloatVector zero = FloatVector.zero(S), keep = FloatVector.broadcast(S, scale);
        int i = 0;
        for (int w = wo; WORD_LANES && i + 16 <= n; i += 16, w++) {
            long bits = (int) words[w];
            for (int h = 0; h < 16; h += L) {
                VectorMask<Float> m = VectorMask.fromLong(S, (bits >>> h) & LANE_BITS);
                FloatVector.fromArray(S, x, xo + i + h).mul(zero.blend(keep, m)).intoArray(out, oo + i + h);
            }
        }
        for (; i < n; i++) out[oo + i] = x[xo + i] * ScalarVecOps.maskBit(words, wo, i, scale);
    }

    @Override public void mulMaskAdd(float[] g, int go, float[] words, int wo, float scale, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) mulMaskAddRange(g, go, words, wo, scale, out, oo, n);
        else Parallel.forRange((n + 15) >>> 4, PARALLEL_MIN >>> 4, (f, t) ->
                mulMaskAddRange(g, go + 16 * f, words, wo + f, scale, out, oo + 16 * f, Math.min(n, 16 * t) - 16 * f));
    }

    private static void mulMaskAddRange(float[] g, int go, float[] words, int wo, float scale, float[] out, int oo,
                                        int n) {
        FloatVector zero = FloatVector.zero(S), keep = FloatVector.broadcast(S, scale);
        int i = 0;
        for (int w = wo; WORD_LANES && i + 16 <= n; i += 16, w++) {
            long bits = (int) words[w];
            for (int h = 0; h < 16; h += L) {
                VectorMask<Float> m = VectorMask.fromLong(S, (bits >>> h) & LANE_BITS);
                FloatVector p = FloatVector.fromArray(S, g, go + i + h).mul(zero.blend(keep, m));
                p.add(FloatVector.fromArray(S, out, oo + i + h)).intoArray(out, oo + i + h);
            }
        }
        for (; i < n; i++) out[oo + i] += g[go + i] * ScalarVecOps.maskBit(words, wo, i, scale);
    }

    // ------------------------------------------------------------------ unary maps

    // axpy, scale and dot are also the row operations of the hogwild trainers (one call per token and class, over
    // dim floats): a short range calls the loop directly, with no range lambda.

    @Override public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (n < 2 * PARALLEL_MIN) axpyRange(alpha, x, xo, y, yo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> axpyRange(alpha, x, xo + f, y, yo + f, t - f));
    }

    private static void axpyRange(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {   // y += alpha*x, two roundings like scalar
            FloatVector p = FloatVector.fromArray(S, x, xo + i).mul(alpha);
            FloatVector.fromArray(S, y, yo + i).add(p).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
        if (n < 2 * PARALLEL_MIN) scaleRange(alpha, x, xo, out, oo, n);
        else Parallel.forRange(n, PARALLEL_MIN, (f, t) -> scaleRange(alpha, x, xo + f, out, oo + f, t - f));
    }

    private static void scaleRange(float alpha, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(alpha).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = alpha * x[xo + i];
    }

    @Override public void addScalar(float c, float[] x, int xo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            int i = f;
            for (int end = f + S.loopBound(t - f); i < end; i += L) {
                FloatVector.fromArray(S, x, xo + i).add(c).intoArray(out, oo + i);
            }
            for (; i < t; i++) out[oo + i] = x[xo + i] + c;
        });
    }

    @Override public void relu(float[] x, int xo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            int i = f;
            for (int end = f + S.loopBound(t - f); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xo + i);
                // Like the scalar v > 0 ? v : 0: NaN and -0 map to +0 (blend, not max, which would keep NaN).
                v.blend(0f, v.compare(VectorOperators.GT, 0f).not()).intoArray(out, oo + i);
            }
            for (; i < t; i++) {
                float v = x[xo + i];
                out[oo + i] = v > 0f ? v : 0f;
            }
        });
    }

    // exp, tanh and sigmoid each have their own loop with ONE call of the VectorMath function, masked on every
    // step (the tail included): C2 inlines it there, while a separate, rarely run tail call site was left as a
    // real call, which boxes the vectors (measured: exp of 200 floats took 2x as long).

    @Override public void exp(float[] x, int xo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            for (int i = f; i < t; i += L) {
                VectorMask<Float> m = S.indexInRange(i, t);
                VectorMath.exp(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
            }
        });
    }

    @Override public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            for (int i = f; i < t; i += L) {
                VectorMask<Float> m = S.indexInRange(i, t);
                VectorMath.tanh(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
            }
        });
    }

    @Override public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        split(n, (f, t) -> {
            for (int i = f; i < t; i += L) {
                VectorMask<Float> m = S.indexInRange(i, t);
                sigmoid(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
            }
        });
    }

    /** e = exp(-|x|) is in (0, 1], so nothing overflows: sigma = 1/(1+e) for x >= 0, e/(1+e) for x < 0. */
    private static FloatVector sigmoid(FloatVector v) {
        FloatVector e = VectorMath.exp(v.abs().neg());
        FloatVector num = FloatVector.broadcast(S, 1f).blend(e, v.compare(VectorOperators.LT, 0f));
        return num.div(e.add(1f));
    }

    // ------------------------------------------------------------------ reductions

    @Override public float sum(float[] x, int xo, int n) {
        return reduce(n, (f, t) -> {
            FloatVector acc = FloatVector.zero(S);
            int i = f;
            for (int end = f + S.loopBound(t - f); i < end; i += L) acc = acc.add(FloatVector.fromArray(S, x, xo + i));
            float s = Lanes.sum(acc);
            for (; i < t; i++) s += x[xo + i];
            return s;
        });
    }

    @Override public float sumSquares(float[] x, int xo, int n) {
        return reduce(n, (f, t) -> {
            FloatVector acc = FloatVector.zero(S);
            int i = f;
            for (int end = f + S.loopBound(t - f); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xo + i);
                acc = v.fma(v, acc);
            }
            float s = Lanes.sum(acc);
            for (; i < t; i++) s += x[xo + i] * x[xo + i];
            return s;
        });
    }

    @Override public float dot(float[] a, int ao, float[] b, int bo, int n) {
        if (n < 2 * PARALLEL_MIN) return dotRange(a, ao, b, bo, n);
        return reduce(n, (f, t) -> dotRange(a, ao + f, b, bo + f, t - f));
    }

    private static float dotRange(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        float s = Lanes.sum(acc);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    @Override public float max(float[] x, int xo, int n) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) acc = acc.max(FloatVector.fromArray(S, x, xo + i));
        float m = acc.reduceLanes(VectorOperators.MAX);   // NaN if any lane saw NaN (Math.max semantics)
        for (; i < n; i++) m = Math.max(m, x[xo + i]);
        return m;
    }

    // ------------------------------------------------------------------ row softmax

    // The forward cell in four loops, each with ONE VectorMath/sigmoid call site (as exp, tanh and sigmoid above): the
    // gates activated in place (i and f together, g, o), then c_t and h_t. As one loop with three sigmoids and two
    // tanh, C2 ran past its inlining budget and left some of them real calls: 6 KB of boxed vectors per call for
    // H = 128 and 1.4 µs instead of 0.2. Each lane sees the same operations as in the one loop: the same bits.
    @Override public void lstmCell(float[] gates, int go, float[] cPrev, int cpo, float[] c, int co, float[] h, int ho,
                                   int hid) {
        int fo = go + hid, gg = go + 2 * hid, oo = go + 3 * hid;
        sigmoidInPlace(gates, go, 2 * hid);                                     // i, f
        tanhInPlace(gates, gg, hid);                                            // g
        sigmoidInPlace(gates, oo, hid);                                         // o
        lstmState(gates, go, fo, gg, oo, cPrev, cpo, c, co, h, ho, hid);
    }

    /** c = f ⊙ c_prev + i ⊙ g and h = o ⊙ tanh(c), from the activated gates at go (i), fo, gg, oo. */
    private static void lstmState(float[] gates, int go, int fo, int gg, int oo, float[] cPrev, int cpo, float[] c, int co,
                                  float[] h, int ho, int hid) {
        for (int j = 0; j < hid; j += L) {
            VectorMask<Float> m = S.indexInRange(j, hid);
            FloatVector cj = FloatVector.fromArray(S, gates, fo + j, m).mul(FloatVector.fromArray(S, cPrev, cpo + j, m))
                    .add(FloatVector.fromArray(S, gates, go + j, m).mul(FloatVector.fromArray(S, gates, gg + j, m)));
            cj.intoArray(c, co + j, m);
            FloatVector.fromArray(S, gates, oo + j, m).mul(VectorMath.tanh(cj)).intoArray(h, ho + j, m);
        }
    }

    private static void sigmoidInPlace(float[] x, int xo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, xo + i, m)).intoArray(x, xo + i, m);
        }
    }

    private static void tanhInPlace(float[] x, int xo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.tanh(FloatVector.fromArray(S, x, xo + i, m)).intoArray(x, xo + i, m);
        }
    }

    // The backward cell is one unmasked loop plus a masked tail in its own method: as one masked loop (377 bytes of
    // bytecode, every load and store with its mask) C1's tier-3 compile ran out of virtual registers ("COMPILE
    // SKIPPED: out of virtual registers in linear scan"), after which HotSpot never compiled it with C2: it stayed
    // in tier-2 code, where every Vector API call runs its Java fallback (25% of a tagger step, measured with JFR).
    // Same lane operations in the same order on every lane, so the same bits as the single masked loop.
    @Override public void lstmCellBackward(float[] gates, int go, float[] c, int co, float[] cPrev, int cpo,
                                           float[] dh, int dho, float[] dc, int dco, float[] da, int dao, int hid) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (int end = S.loopBound(hid); j < end; j += L) {
            FloatVector i = FloatVector.fromArray(S, gates, go + j);
            FloatVector f = FloatVector.fromArray(S, gates, go + hid + j);
            FloatVector g = FloatVector.fromArray(S, gates, go + 2 * hid + j);
            FloatVector o = FloatVector.fromArray(S, gates, go + 3 * hid + j);
            FloatVector tc = VectorMath.tanh(FloatVector.fromArray(S, c, co + j));
            FloatVector dhv = FloatVector.fromArray(S, dh, dho + j);
            FloatVector dcv = FloatVector.fromArray(S, dc, dco + j).add(dhv.mul(o).mul(one.sub(tc.mul(tc))));
            dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(da, dao + j);
            dcv.mul(FloatVector.fromArray(S, cPrev, cpo + j)).mul(f).mul(one.sub(f)).intoArray(da, dao + hid + j);
            dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(da, dao + 2 * hid + j);
            dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(da, dao + 3 * hid + j);
            dcv.mul(f).intoArray(dc, dco + j);
        }
        if (j < hid) lstmCellBackwardTail(gates, go, c, co, cPrev, cpo, dh, dho, dc, dco, da, dao, hid, j);
    }

    /**
     * The lanes [j, hid) of {@link #lstmCellBackward}, fewer than one vector, under a mask, in two methods (one
     * masked method of both halves is again too large for C1): first dc + dh ⊙ o ⊙ (1 − tanh²c), kept in dc, and
     * da_o; then da_i, da_f, da_g from that dc, and dc ⊙ f. A float stored and loaded again is the same float.
     */
    private static void lstmCellBackwardTail(float[] gates, int go, float[] c, int co, float[] cPrev, int cpo,
                                             float[] dh, int dho, float[] dc, int dco, float[] da, int dao, int hid,
                                             int j) {
        lstmCellBackwardTailOut(gates, go + 3 * hid + j, c, co + j, dh, dho + j, dc, dco + j, da, dao + 3 * hid + j,
                j, hid);
        VectorMask<Float> m = S.indexInRange(j, hid);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector i = FloatVector.fromArray(S, gates, go + j, m);
        FloatVector f = FloatVector.fromArray(S, gates, go + hid + j, m);
        FloatVector g = FloatVector.fromArray(S, gates, go + 2 * hid + j, m);
        FloatVector dcv = FloatVector.fromArray(S, dc, dco + j, m);
        dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(da, dao + j, m);
        dcv.mul(FloatVector.fromArray(S, cPrev, cpo + j, m)).mul(f).mul(one.sub(f)).intoArray(da, dao + hid + j, m);
        dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(da, dao + 2 * hid + j, m);
        dcv.mul(f).intoArray(dc, dco + j, m);
    }

    /**
     * dc ← dc + dh ⊙ o ⊙ (1 − tanh²c) and da_o = dh ⊙ tanh(c) ⊙ o(1 − o) on the lanes [j, hid) (o at gates[oo]). The
     * mask is made here, not passed in: a mask passed to a call C2 does not inline is boxed.
     */
    private static void lstmCellBackwardTailOut(float[] gates, int oo, float[] c, int co, float[] dh, int dho,
                                                float[] dc, int dco, float[] da, int dao, int j, int hid) {
        VectorMask<Float> m = S.indexInRange(j, hid);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector o = FloatVector.fromArray(S, gates, oo, m);
        FloatVector tc = VectorMath.tanh(FloatVector.fromArray(S, c, co, m));
        FloatVector dhv = FloatVector.fromArray(S, dh, dho, m);
        FloatVector.fromArray(S, dc, dco, m).add(dhv.mul(o).mul(one.sub(tc.mul(tc)))).intoArray(dc, dco, m);
        dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(da, dao, m);
    }

    @Override public float addMax(float[] x, int xo, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector z = FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, b, bo + i));
            z.intoArray(x, xo + i);
            acc = acc.max(z);
        }
        float m = acc.reduceLanes(VectorOperators.MAX);   // NaN if any lane saw NaN (Math.max semantics)
        for (; i < n; i++) m = Math.max(m, x[xo + i] += b[bo + i]);
        return m;
    }

    @Override public void layerNormBackwardRow(float[] x, int xo, float[] g, int go, float[] gamma, float mu,
                                               float r, float[] dx, int dxo, int n) {
        FloatVector sg = FloatVector.zero(S), sgx = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> k = S.indexInRange(i, n);        // lanes past n load 0, so they add 0 to both sums
            FloatVector xh = FloatVector.fromArray(S, x, xo + i, k).sub(mu).mul(r);
            FloatVector gh = FloatVector.fromArray(S, g, go + i, k);
            if (gamma != null) gh = gh.mul(FloatVector.fromArray(S, gamma, i, k));
            sg = sg.add(gh);
            sgx = gh.fma(xh, sgx);
        }
        float meanG = Lanes.sum(sg) / n, meanGX = Lanes.sum(sgx) / n;
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector xh = FloatVector.fromArray(S, x, xo + i, k).sub(mu).mul(r);
            FloatVector gh = FloatVector.fromArray(S, g, go + i, k);
            if (gamma != null) gh = gh.mul(FloatVector.fromArray(S, gamma, i, k));
            FloatVector d = gh.sub(meanG).sub(xh.mul(meanGX)).mul(r);
            FloatVector.fromArray(S, dx, dxo + i, k).add(d).intoArray(dx, dxo + i, k);
        }
    }

    @Override public float expShifted(float[] x, int xo, float m, float[] out, int oo, int n) {
        return expShiftedSum(x, xo, m, out, oo, n);
    }

    @Override public float softmax(float[] x, int xo, float[] out, int oo, int n) {
        float m = max(x, xo, n);
        float s = expShiftedSum(x, xo, m, out, oo, n);   // out = exp(x - m), s = Σ out
        scale(1f / s, out, oo, out, oo, n);
        return m + (float) Math.log(s);
    }

    @Override public float logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        float m = max(x, xo, n);
        float s = expShiftedSum(x, xo, m, null, 0, n);
        float logS = (float) Math.log(s);
        // out = (x - m) - log(s): x - m is exact near the max, so large logits keep their precision.
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).sub(m).sub(logS).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = (x[xo + i] - m) - logS;
        return m + logS;
    }

    /** Σ exp(x[i] − m), writing each term to out when out is not null. Every x − m ≤ 0, so no overflow. */
    private static float expShiftedSum(float[] x, int xo, float m, float[] out, int oo, int n) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xo + i, k).sub(m));
            e = e.blend(0f, k.not());                    // masked-off lanes must not add exp(0 - m)
            if (out != null) e.intoArray(out, oo + i, k);
            acc = acc.add(e);
        }
        return Lanes.sum(acc);
    }

    // ------------------------------------------------------------------ GELU

    /** GELU costs ~20 flops per element, so it splits over threads from shorter ranges than the other maps. */
    private static final int GELU_MIN_CHUNK = 1 << 14;

    // The tail masked, as for exp above (see Gelu for the math). One loop per variant, each in its own method: one
    // lambda holding both branches grew past C2's node budget (NodeCountInliningCutoff), so exp stayed a real call
    // in the erf backward and every call boxed its vector argument and result (~85 MB of garbage per translation
    // training step; measured with JFR allocation samples and -XX:+PrintInlining).
    @Override public void gelu(float[] x, int xo, float[] out, int oo, int n, boolean tanhApproximation) {
        if (tanhApproximation) Parallel.forRange(n, GELU_MIN_CHUNK, (f, t) -> geluTanh(x, xo, out, oo, f, t));
        else Parallel.forRange(n, GELU_MIN_CHUNK, (f, t) -> geluErf(x, xo, out, oo, f, t));
    }

    private static void geluTanh(float[] x, int xo, float[] out, int oo, int f, int t) {
        for (int i = f; i < t; i += L) {
            VectorMask<Float> m = S.indexInRange(i, t);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector u = v.mul(v).mul(v).mul(Gelu.KAPPA).add(v).mul(Gelu.BETA);   // √(2/π)(x + κx³)
            v.mul(0.5f).mul(VectorMath.tanh(u).add(1f)).intoArray(out, oo + i, m);
        }
    }

    private static void geluErf(float[] x, int xo, float[] out, int oo, int f, int t) {
        for (int i = f; i < t; i += L) {
            VectorMask<Float> m = S.indexInRange(i, t);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            v.mul(0.5f).mul(VectorMath.erf(v.mul(Gelu.SQRT1_2)).add(1f)).intoArray(out, oo + i, m);
        }
    }

    @Override public void geluBackward(float[] x, int xo, float[] g, int go, float[] gx, int gxo, int n,
                                       boolean tanhApproximation) {
        if (tanhApproximation) {
            Parallel.forRange(n, GELU_MIN_CHUNK, (f, t) -> geluTanhBackward(x, xo, g, go, gx, gxo, f, t));
        } else {
            Parallel.forRange(n, GELU_MIN_CHUNK, (f, t) -> geluErfBackward(x, xo, g, go, gx, gxo, f, t));
        }
    }

    private static void geluTanhBackward(float[] x, int xo, float[] g, int go, float[] gx, int gxo, int f, int t) {
        for (int i = f; i < t; i += L) {
            VectorMask<Float> m = S.indexInRange(i, t);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector gi = FloatVector.fromArray(S, g, go + i, m), gxi = FloatVector.fromArray(S, gx, gxo + i, m);
            FloatVector th = VectorMath.tanh(v.mul(v).mul(v).mul(Gelu.KAPPA).add(v).mul(Gelu.BETA));
            FloatVector left = v.mul(0.5f), right = th.add(1f);
            FloatVector innerDerivative = v.mul(v).mul(3f * Gelu.KAPPA).add(1f).mul(Gelu.BETA);
            FloatVector rightDerivative = left.mul(th.mul(th).neg().add(1f)).mul(innerDerivative);
            gxi.add(gi.mul(right.mul(0.5f).add(rightDerivative))).intoArray(gx, gxo + i, m);
        }
    }

    /** Elements per block of the exact GELU's backward: its Φ(x) (erf, through exp) and its φ(x) (exp) run as two loops. */
    private static final int GELU_BLOCK = 256;

    // erf and a second exp in one loop still pass C2's node budget, so the exact backward takes a block at a time:
    // Φ(x) into a block buffer, then g·(Φ(x) + x·φ(x)) added into gx — the same operations in the same order.
    private static void geluErfBackward(float[] x, int xo, float[] g, int go, float[] gx, int gxo, int f, int t) {
        float[] cdf = new float[Math.min(GELU_BLOCK, t - f)];
        for (int b = f; b < t; b += GELU_BLOCK) {
            int e = Math.min(b + GELU_BLOCK, t);
            normalCdf(x, xo + b, cdf, e - b);
            geluErfBackwardBlock(x, xo + b, g, go + b, gx, gxo + b, cdf, e - b);
        }
    }

    /** cdf[i] = (erf(x[xo + i]/√2) + 1)·½ for i < n. */
    private static void normalCdf(float[] x, int xo, float[] cdf, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            VectorMath.erf(v.mul(Gelu.SQRT1_2)).add(1f).mul(0.5f).intoArray(cdf, i, m);
        }
    }

    private static void geluErfBackwardBlock(float[] x, int xo, float[] g, int go, float[] gx, int gxo, float[] cdf,
                                             int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector gi = FloatVector.fromArray(S, g, go + i, m), gxi = FloatVector.fromArray(S, gx, gxo + i, m);
            FloatVector pdf = VectorMath.exp(v.mul(v).mul(-0.5f)).mul(Gelu.PDF_SCALE);
            gxi.add(gi.mul(FloatVector.fromArray(S, cdf, i, m).add(v.mul(pdf)))).intoArray(gx, gxo + i, m);
        }
    }

    // ------------------------------------------------------------------ Adam

    /**
     * The operations of {@link ScalarVecOps#adamRange} lane by lane, in the same order and without fma, so every
     * element rounds as there; the scalar tail is that method. One loop per variant, with no branch inside:
     * one loop holding the decay branches (and loading through a helper) ran AdamW 1.7x slower than the scalar
     * loop once C2 had seen decayed and undecayed parameters (measured; the cause was not isolated). AMSGrad runs
     * the scalar loop.
     */
    @Override public void adam(AdamStep c, float[] w, float[] m, float[] v, float[] vmax, int off, float[] g,
                               int gOff, int n) {
        int end = vmax != null ? 0 : S.loopBound(n);
        if (end > 0) {
            if (c.weightDecay() == 0) adamVector(c, 1f, w, m, v, off, g, gOff, end);
            else if (c.decoupled()) adamVector(c, c.shrink(), w, m, v, off, g, gOff, end);
            else adamL2Vector(c, w, m, v, off, g, gOff, end);
        }
        ScalarVecOps.adamRange(c, w, m, v, vmax, off, g, gOff, end, n);
    }

    /** Adam, or AdamW (w ← w·shrink first; shrink = 1 multiplies exactly, so plain Adam is this loop too). */
    private static void adamVector(AdamStep c, float shrink, float[] w, float[] m, float[] v, int off, float[] g,
                                   int gOff, int end) {
        float b1 = c.beta1(), c1 = c.oneMinusBeta1(), b2 = c.beta2(), c2 = c.oneMinusBeta2();
        float bc2Sqrt = c.bc2Sqrt(), e = c.eps(), step = c.stepSize();
        for (int j = 0; j < end; j += L) {
            int i = off + j;
            FloatVector gi = FloatVector.fromArray(S, g, gOff + j), wi = FloatVector.fromArray(S, w, i).mul(shrink);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(e);
            wi.sub(mi.div(denom).mul(step)).intoArray(w, i);
        }
    }

    /** Adam with L2 decay: g ← g + wd·w. */
    private static void adamL2Vector(AdamStep c, float[] w, float[] m, float[] v, int off, float[] g, int gOff,
                                     int end) {
        float b1 = c.beta1(), c1 = c.oneMinusBeta1(), b2 = c.beta2(), c2 = c.oneMinusBeta2();
        float wd = c.weightDecay(), bc2Sqrt = c.bc2Sqrt(), e = c.eps(), step = c.stepSize();
        for (int j = 0; j < end; j += L) {
            int i = off + j;
            FloatVector wi = FloatVector.fromArray(S, w, i), gi = FloatVector.fromArray(S, g, gOff + j).add(wi.mul(wd));
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(e);
            wi.sub(mi.div(denom).mul(step)).intoArray(w, i);
        }
    }

    // ------------------------------------------------------------------ splitting

    /** Runs a range body over [0, n), over the kernel threads when n is large. */
    private static void split(int n, Parallel.RangeBody body) {
        if (n >= 2 * PARALLEL_MIN) Parallel.forRange(n, PARALLEL_MIN, body);
        else if (n > 0) body.run(0, n);
    }

    /** A partial reduction over [from, to). */
    @FunctionalInterface
    private interface RangeSum {
        float sum(int from, int to);
    }

    /** Sums per-chunk partials; chunks are fixed by n alone, so the result does not depend on timing. */
    private static float reduce(int n, RangeSum body) {
        if (n < 2 * PARALLEL_MIN) return body.sum(0, n);
        int chunks = (int) Math.min(Parallel.threads(), n / PARALLEL_MIN);
        float[] partial = new float[chunks];
        Parallel.forRange(chunks, 1, (f, t) -> {
            for (int c = f; c < t; c++) {
                partial[c] = body.sum((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
        });
        float s = 0f;
        for (float p : partial) s += p;
        return s;
    }

    @Override public String name() {
        return "vector-" + L;
    }
}
