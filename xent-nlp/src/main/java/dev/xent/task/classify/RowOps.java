// Dense row operations over float[] slices with the Vector API: y += a * x, x . y, x *= a. These are the inner
// loops of the fastText-style trainer (one call per token and per class, over dim floats).
package dev.xent.task.classify;

import dev.xent.kernel.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** SIMD axpy / dot / scale on slices {@code [off, off + n)} of float arrays (also used by dev.xent.task.embed). */
public final class RowOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private RowOps() {
    }

    /** y[yo + i] += a * x[xo + i] for i in [0, n). */
    public static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, a);
        for (; i < bound; i += S.length()) {
            FloatVector vx = FloatVector.fromArray(S, x, xo + i);
            FloatVector vy = FloatVector.fromArray(S, y, yo + i);
            vx.fma(va, vy).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /** y[yo + i] += x[xo + i] for i in [0, n). */
    static void add(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += x[xo + i];
        }
    }

    /** Sum over i in [0, n) of x[xo + i] * y[yo + i] (float accumulation, lane-wise then reduced). */
    public static float dot(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), acc);
        }
        float s = Lanes.sum(acc);
        for (; i < n; i++) {
            s += x[xo + i] * y[yo + i];
        }
        return s;
    }

    /** x[i] *= a for i in [0, n). */
    static void scale(float a, float[] x, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(a).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= a;
        }
    }
}
