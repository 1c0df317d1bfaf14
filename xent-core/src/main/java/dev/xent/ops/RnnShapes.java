// Shape validation shared by the fused recurrent ops (LSTM: 4 gates, GRU: 3 gates).
package dev.xent.ops;

import dev.xent.kernel.Kernels;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

final class RnnShapes {
    private RnnShapes() {}

    /**
     * Checks wIh (G·H, I), wHh (G·H, H), biases (G·H) or null, and states (B, H) or null, where G is the
     * number of gates; returns H.
     */
    static int hidden(String op, int gates, int batch, int in, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                      Tensor... states) {
        if (wHh.rank() != 2 || wHh.dim(0) != gates * wHh.dim(1)) {
            throw new IllegalArgumentException(op + ": wHh must be (" + gates + "·H, H); got " + Shapes.str(wHh.shape()));
        }
        int h = wHh.dim(1);
        if (wIh.rank() != 2 || wIh.dim(0) != gates * h || wIh.dim(1) != in) {
            throw new IllegalArgumentException(op + ": wIh must be (" + gates + "·H=" + gates * h + ", I=" + in
                    + ") for H=" + h + " and input size " + in + "; got " + Shapes.str(wIh.shape()));
        }
        for (Object[] b : new Object[][] {{"bIh", bIh}, {"bHh", bHh}}) {
            Tensor t = (Tensor) b[1];
            if (t != null && (t.rank() != 1 || t.dim(0) != gates * h)) {
                throw new IllegalArgumentException(op + ": " + b[0] + " must be (" + gates * h + ") or null; got "
                        + Shapes.str(t.shape()));
            }
        }
        for (Tensor s : states) {
            if (s != null && (s.rank() != 2 || s.dim(0) != batch || s.dim(1) != h)) {
                throw new IllegalArgumentException(op + ": initial states must be (B=" + batch + ", H=" + h
                        + ") or null for zeros; got " + Shapes.str(s.shape()));
            }
        }
        return h;
    }

    /** data of t, or n zeros (scratch) when t is null. */
    static float[] dataOrZeros(Tensor t, int n) {
        return t == null ? Tensor.scratchZeros(n).data() : t.data();
    }

    /** Adds each row of m (rows, n) into acc (n), rows in order: a bias gradient. */
    static void addColumnSums(float[] m, int rows, int n, float[] acc) {
        VecOps vec = Kernels.vec();
        for (int r = 0; r < rows; r++) vec.add(acc, 0, m, r * n, acc, 0, n);
    }

    /** Adds each bias (if non-null) to every row of m (rows, n). */
    static void addBiases(float[] m, int rows, int n, Tensor... biases) {
        VecOps vec = Kernels.vec();
        for (Tensor b : biases) {
            if (b == null) continue;
            float[] bd = b.data();
            for (int r = 0; r < rows; r++) vec.add(m, r * n, bd, 0, m, r * n, n);
        }
    }
}
