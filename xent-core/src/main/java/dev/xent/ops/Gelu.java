// GELU, exact (x·Φ(x) with the error function) and the tanh approximation, forward and backward, vectorised.
package dev.xent.ops;

import dev.xent.kernel.Parallel;
import dev.xent.kernel.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact GELU (PyTorch's default): gelu(x) = ½x(1 + erf(x/√2)); gelu'(x) = Φ(x) + x·φ(x),
 * Φ(x) = ½(1 + erf(x/√2)), φ(x) = exp(−x²/2)/√(2π).
 * Tanh approximation (approximate='tanh'): ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
 * derivative ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
 *
 * <p>All in float with the Vector API, in PyTorch's operation order. erf is N. Juffa's float erf (two
 * minimax polynomials, the outer one through exp), < 1 ulp from the true erf (checked in GeluErfTest against
 * a double-precision series). Like PyTorch, 1 + erf cancels for x below about −3, where gelu is below 4e-3
 * and its absolute error stays below ~1e-7.
 */
final class Gelu {
    private Gelu() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float SQRT1_2 = (float) Math.sqrt(0.5);
    private static final float PDF_SCALE = (float) (2 / Math.sqrt(Math.PI) * Math.sqrt(0.5) * 0.5);   // 1/√(2π)
    private static final float BETA = (float) (Math.sqrt(2) * 2 / Math.sqrt(Math.PI) * 0.5);          // √(2/π)
    private static final float KAPPA = 0.044715f;
    private static final int MIN_CHUNK = 1 << 14;

    /** out = gelu(x) over n elements. */
    static void forward(float[] x, float[] out, int n, boolean tanh) {
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i += S.length()) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, i, m);
                FloatVector r = tanh
                        ? v.mul(0.5f).mul(VectorMath.tanh(inner(v)).add(1f))
                        : v.mul(0.5f).mul(erf(v.mul(SQRT1_2)).add(1f));
                r.intoArray(out, i, m);
            }
        });
    }

    /** gx += g · gelu'(x) over n elements. */
    static void backward(float[] x, float[] g, float[] gx, int n, boolean tanh) {
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i += S.length()) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, i, m);
                FloatVector d;
                if (tanh) {
                    FloatVector t = VectorMath.tanh(inner(v));
                    FloatVector left = v.mul(0.5f), right = t.add(1f);
                    FloatVector innerDerivative = v.mul(v).mul(3f * KAPPA).add(1f).mul(BETA);
                    FloatVector rightDerivative = left.mul(t.mul(t).neg().add(1f)).mul(innerDerivative);
                    d = right.mul(0.5f).add(rightDerivative);
                } else {
                    FloatVector cdf = erf(v.mul(SQRT1_2)).add(1f).mul(0.5f);
                    FloatVector pdf = VectorMath.exp(v.mul(v).mul(-0.5f)).mul(PDF_SCALE);
                    d = cdf.add(v.mul(pdf));
                }
                FloatVector.fromArray(S, gx, i, m).add(FloatVector.fromArray(S, g, i, m).mul(d)).intoArray(gx, i, m);
            }
        });
    }

    /** u = √(2/π)(x + 0.044715x³) */
    private static FloatVector inner(FloatVector v) {
        return v.mul(v).mul(v).mul(KAPPA).add(v).mul(BETA);
    }

    /** erf per lane, < 1 ulp: an odd polynomial in a for |a| ≤ 0.9277, else 1 − exp(polynomial in |a|). */
    static FloatVector erf(FloatVector a) {
        FloatVector t = a.abs(), s = a.mul(a);
        FloatVector r = t.fma(-1.72853470e-5f, 3.83197126e-4f);
        FloatVector u = t.fma(-3.88396438e-3f, 2.42546219e-2f);
        r = r.fma(s, u);
        r = r.fma(t, c(-1.06777877e-1f));
        r = r.fma(t, c(-6.34846687e-1f));
        r = r.fma(t, c(-1.28717512e-1f));
        r = r.fma(t, t.neg());
        FloatVector big = VectorMath.exp(r).neg().add(1f);
        big = big.blend(big.neg(), a.compare(VectorOperators.LT, 0f));              // copysign(big, a)
        FloatVector p = s.fma(-5.96761703e-4f, 4.99119423e-3f);
        p = p.fma(s, c(-2.67681349e-2f));
        p = p.fma(s, c(1.12819925e-1f));
        p = p.fma(s, c(-3.76125336e-1f));
        p = p.fma(s, c(1.28379166e-1f));
        FloatVector small = p.fma(a, a);
        return small.blend(big, t.compare(VectorOperators.GT, 0.927734375f));
    }

    private static FloatVector c(float value) {
        return FloatVector.broadcast(S, value);
    }

    /** erf of one float (the same lanes as {@link #erf(FloatVector)}), for tests. */
    static float erf(float a) {
        return erf(FloatVector.broadcast(S, a)).lane(0);
    }
}
