// GELU, exact (x·Φ(x) with the error function) and the tanh approximation: its constants, and per float for the scalar kernels.
package dev.xent.kernel;

/**
 * Exact GELU (PyTorch's default): gelu(x) = ½x(1 + erf(x/√2)); gelu'(x) = Φ(x) + x·φ(x),
 * Φ(x) = ½(1 + erf(x/√2)), φ(x) = exp(−x²/2)/√(2π).
 * Tanh approximation (approximate='tanh'): ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
 * derivative ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
 *
 * <p>All in float, in PyTorch's operation order. erf is N. Juffa's float erf (two minimax polynomials, the
 * outer one through exp), < 1 ulp from the true erf (GeluErfTest, against a double-precision series). Like
 * PyTorch, 1 + erf cancels for x below about −3, where gelu is below 4e-3 and its absolute error stays below
 * ~1e-7. The vector kernels ({@link VectorVecOps}, with {@link VectorMath#erf}) run the same operations per
 * lane; they differ from the functions here only where exp or tanh is taken ({@link VectorMath} vs
 * {@code Math}, ≤ 1 ulp each).
 */
final class Gelu {
    private Gelu() {}

    static final float SQRT1_2 = (float) Math.sqrt(0.5);
    static final float PDF_SCALE = (float) (2 / Math.sqrt(Math.PI) * Math.sqrt(0.5) * 0.5);   // 1/√(2π)
    static final float BETA = (float) (Math.sqrt(2) * 2 / Math.sqrt(Math.PI) * 0.5);          // √(2/π)
    static final float KAPPA = 0.044715f;
    /** erf switches from the odd polynomial to 1 − exp(polynomial) above this |a|. */
    static final float ERF_SPLIT = 0.927734375f;

    /** gelu(x), exact or tanh-approximated. */
    static float forward(float x, boolean tanh) {
        return tanh ? x * 0.5f * ((float) Math.tanh(inner(x)) + 1f) : x * 0.5f * (erf(x * SQRT1_2) + 1f);
    }

    /** gelu'(x), exact or tanh-approximated. */
    static float derivative(float x, boolean tanh) {
        if (tanh) {
            float t = (float) Math.tanh(inner(x));
            float left = x * 0.5f, right = t + 1f;
            float innerDerivative = (x * x * (3f * KAPPA) + 1f) * BETA;
            float rightDerivative = left * (-(t * t) + 1f) * innerDerivative;
            return right * 0.5f + rightDerivative;
        }
        float cdf = (erf(x * SQRT1_2) + 1f) * 0.5f;
        float pdf = (float) Math.exp(x * x * -0.5f) * PDF_SCALE;
        return cdf + x * pdf;
    }

    /** u = √(2/π)(x + 0.044715x³) */
    private static float inner(float x) {
        return (x * x * x * KAPPA + x) * BETA;
    }

    /** erf of one float, < 1 ulp: an odd polynomial in a for |a| ≤ 0.9277, else 1 − exp(polynomial in |a|). */
    static float erf(float a) {
        float t = Math.abs(a), s = a * a;
        if (t > ERF_SPLIT) {
            float r = Math.fma(t, -1.72853470e-5f, 3.83197126e-4f);
            float u = Math.fma(t, -3.88396438e-3f, 2.42546219e-2f);
            r = Math.fma(r, s, u);
            r = Math.fma(r, t, -1.06777877e-1f);
            r = Math.fma(r, t, -6.34846687e-1f);
            r = Math.fma(r, t, -1.28717512e-1f);
            r = Math.fma(r, t, -t);
            float big = 1f - (float) Math.exp(r);
            return a < 0f ? -big : big;
        }
        float p = Math.fma(s, -5.96761703e-4f, 4.99119423e-3f);
        p = Math.fma(p, s, -2.67681349e-2f);
        p = Math.fma(p, s, 1.12819925e-1f);
        p = Math.fma(p, s, -3.76125336e-1f);
        p = Math.fma(p, s, 1.28379166e-1f);
        return Math.fma(p, a, a);
    }
}
