// The sum of a FloatVector's lanes in one fixed order (a pairwise tree), the same in interpreted and compiled code.
package dev.xent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Why not {@code reduceLanes(ADD)}: its spec leaves the float addition order open, and on JDK 25 the
 * interpreted code adds lane by lane while C2 adds in a tree, so a sum changed its last bits when the JIT
 * compiled the kernel (measured: 134 of 200 sums). Here the order is fixed: with L lanes, lane i is added to
 * lane i ^ (L/2), then i ^ (L/4), ..., i ^ 1 — each step one constant shuffle and one lanewise add, both
 * exactly specified. Float addition is commutative bit for bit, so after the last step every lane holds the
 * same tree sum ((v0 + v8) + (v4 + v12)) + ... for 16 lanes, and lane 0 is returned.
 */
public final class Lanes {
    private Lanes() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // One shuffle per tree level that exists for this species (null otherwise; the L checks fold away).
    private static final VectorShuffle<Float> X32 = xor(32), X16 = xor(16), X8 = xor(8), X4 = xor(4),
            X2 = xor(2), X1 = xor(1);

    private static VectorShuffle<Float> xor(int k) {
        return k < L ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /** The sum of all lanes of a preferred-species vector, in the fixed tree order above. */
    public static float sum(FloatVector v) {
        if (L > 64) throw new IllegalStateException("Lanes.sum supports up to 64 float lanes; this CPU has " + L);
        if (L > 32) v = v.add(v.rearrange(X32));
        if (L > 16) v = v.add(v.rearrange(X16));
        if (L > 8) v = v.add(v.rearrange(X8));
        if (L > 4) v = v.add(v.rearrange(X4));
        if (L > 2) v = v.add(v.rearrange(X2));
        if (L > 1) v = v.add(v.rearrange(X1));
        return v.lane(0);
    }
}
