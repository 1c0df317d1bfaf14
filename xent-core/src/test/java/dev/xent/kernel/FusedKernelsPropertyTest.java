// Property tests: the vector GELU and Adam kernels agree with the scalar reference on every length 0..100 and offset.
package dev.xent.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each property draws a seed and offsets, then checks every n in 0..100 (every vector tail length), writing into
 * arrays longer than the range so a write outside it would show. Stated tolerances:
 * <ul>
 * <li>adam (plain, L2 decay, AdamW's decoupled decay, AMSGrad): bit-identical after several steps, w, m, v and
 *     vmax (the same float operations in the same order, no fma).</li>
 * <li>gelu, geluBackward (exact and tanh): the two differ only in exp and tanh (≤ 1 ulp each from the correctly
 *     rounded value), which 1 + erf or 1 + tanh then turns into an absolute error of a few 2⁻²⁴ scaled by |x|:
 *     allowed |vector − scalar| ≤ 4 ulp(scalar) + 2⁻²¹·|x| forward, and that with |g|·(1 + |x|) for the
 *     gradient. Measured over 3·2²⁰ normal inputs (σ = 0.5, 3, 12): within 1 ulp + 1.0·2⁻²⁴·|x| forward,
 *     1 ulp + 2.3·2⁻²⁴·|g|·(1 + |x|) backward.</li>
 * </ul>
 */
class FusedKernelsPropertyTest {

    private static final VecOps V = new VectorVecOps();
    private static final VecOps R = new ScalarVecOps();
    private static final int MAX_N = 100, PAD = 20;

    private static float[] normal(Random rnd, int len, float scale) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = rnd.nextInt(25) == 0 ? 0f : (float) rnd.nextGaussian() * scale;
        return x;
    }

    private static void assertBits(String what, int n, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + " n=" + n + " index " + i + ": vector " + actual[i] + " vs scalar " + expected[i]);
            }
        }
    }

    @Property(tries = 6)
    void adamIsBitIdenticalInEveryVariant(@ForAll long seed, @ForAll @IntRange(max = 17) int off,
                                          @ForAll @IntRange(max = 17) int gOff) {
        Random rnd = new Random(seed);
        float lr = 1e-2f;
        for (int variant = 0; variant < 4; variant++) {   // plain, L2, decoupled, AMSGrad with L2
            float wd = variant == 0 ? 0f : 0.05f;
            boolean decoupled = variant == 2, amsgrad = variant == 3;
            for (int n = 0; n <= MAX_N; n++) {
                float[] w = normal(rnd, n + PAD, 1f), m = normal(rnd, n + PAD, 1e-2f), v = new float[n + PAD];
                for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat() * 1e-3f;
                float[] vmax = amsgrad ? v.clone() : null;
                float[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone(), vmax2 = amsgrad ? v.clone() : null;
                for (int t = 1; t <= 3; t++) {
                    float[] g = normal(rnd, n + PAD, 0.1f);
                    AdamStep c = new AdamStep(0.9f, 0.1f, 0.999f, 0.001f, (float) Math.sqrt(1 - Math.pow(0.999, t)),
                            1e-8f, (float) (lr / (1 - Math.pow(0.9, t))), wd, decoupled, 1f - lr * wd);
                    V.adam(c, w, m, v, vmax, off, g, gOff, n);
                    R.adam(c, w2, m2, v2, vmax2, off, g, gOff, n);
                }
                String what = "adam variant " + variant;
                assertBits(what + " w", n, w2, w);
                assertBits(what + " m", n, m2, m);
                assertBits(what + " v", n, v2, v);
                if (amsgrad) assertBits(what + " vmax", n, vmax2, vmax);
            }
        }
    }

    @Property(tries = 6)
    void geluAgreesWithinTheStatedBound(@ForAll long seed, @ForAll @IntRange(max = 17) int xo,
                                        @ForAll @IntRange(max = 17) int oo) {
        Random rnd = new Random(seed);
        for (boolean tanh : new boolean[] {false, true}) {
            for (float scale : new float[] {0.5f, 3f, 12f}) {
                for (int n = 0; n <= MAX_N; n++) {
                    float[] x = normal(rnd, n + PAD, scale), g = normal(rnd, n + PAD, 1f);
                    float[] ov = new float[n + PAD], or = new float[n + PAD];
                    V.gelu(x, xo, ov, oo, n, tanh);
                    R.gelu(x, xo, or, oo, n, tanh);
                    float[] gv = normal(rnd, n + PAD, 1f), gr = gv.clone();   // backward adds into what is there
                    V.geluBackward(x, xo, g, oo, gv, oo, n, tanh);
                    R.geluBackward(x, xo, g, oo, gr, oo, n, tanh);
                    for (int i = 0; i < n + PAD; i++) {
                        boolean inside = i >= oo && i < oo + n;
                        float xi = inside ? Math.abs(x[xo + i - oo]) : 0f, gi = inside ? Math.abs(g[i]) : 0f;
                        check("gelu" + (tanh ? "Tanh" : "") + " n=" + n + " i=" + i + " x=" + xi, or[i], ov[i],
                                0x1p-21 * xi);
                        check("geluBackward" + (tanh ? "Tanh" : "") + " n=" + n + " i=" + i + " x=" + xi, gr[i], gv[i],
                                0x1p-21 * gi * (1 + xi));
                    }
                }
            }
        }
    }

    private static void check(String what, float scalar, float vector, double absolute) {
        if (!(Math.abs((double) vector - scalar) <= 4 * Math.ulp(scalar) + absolute)) {
            fail(what + ": vector " + vector + " vs scalar " + scalar + " (" + Math.abs(vector - scalar) / Math.ulp(scalar)
                    + " ulp)");
        }
    }

    /**
     * layerNormBackwardRow: the vector kernel's two sums run in lanes, the scalar one's in order, so the results
     * differ by rounding: allowed |vector − scalar| ≤ 1e-5·(|dx₀| + r·(|ĝ| + |mean ĝ| + |x̂|·|mean ĝx̂|)) + 1e-6·r,
     * the scale of the terms dx sums.
     */
    @Property(tries = 6)
    void layerNormBackwardRowAgreesWithScalar(@ForAll long seed, @ForAll @IntRange(max = 17) int off) {
        Random rnd = new Random(seed);
        for (int n = 1; n <= MAX_N; n++) {
            float[] x = normal(rnd, n + off + PAD, 2f), g = normal(rnd, n + off + PAD, 1f);
            float[] gamma = rnd.nextBoolean() ? normal(rnd, n + PAD, 1f) : null;
            float mu = (float) rnd.nextGaussian(), r = 0.2f + rnd.nextFloat() * 3f;
            float[] dxV = normal(rnd, n + off + PAD, 1f), dxR = dxV.clone(), dx0 = dxV.clone();
            V.layerNormBackwardRow(x, off, g, off, gamma, mu, r, dxV, off, n);
            R.layerNormBackwardRow(x, off, g, off, gamma, mu, r, dxR, off, n);
            double sg = 0, sgx = 0;
            for (int i = 0; i < n; i++) {
                double gh = gamma == null ? g[off + i] : g[off + i] * gamma[i];
                sg += Math.abs(gh);
                sgx += Math.abs(gh * (x[off + i] - mu) * r);
            }
            for (int i = 0; i < dxV.length; i++) {
                boolean in = i >= off && i < off + n;
                if (!in) {
                    if (dxV[i] != dx0[i] || dxR[i] != dx0[i]) fail("layerNormBackwardRow wrote outside the row, n=" + n + " index " + i);
                    continue;
                }
                double gh = gamma == null ? g[i] : g[i] * gamma[i - off], xh = Math.abs((x[i] - mu) * r);
                double tol = 1e-5 * (Math.abs(dx0[i]) + r * (Math.abs(gh) + sg / n + xh * sgx / n)) + 1e-6 * r;
                if (Math.abs(dxV[i] - dxR[i]) > tol) {
                    fail("layerNormBackwardRow n=" + n + " index " + i + ": vector " + dxV[i] + " vs scalar " + dxR[i]);
                }
            }
        }
    }
}
