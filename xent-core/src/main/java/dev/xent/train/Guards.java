// Finite-value checks the training loops run before they trust weights (at checkpoints, in hogwild threads).
package dev.xent.train;

import dev.xent.tensor.Tensor;

/** NaN and ±infinity checks; a single pass, no allocation. */
public final class Guards {
    private Guards() {}

    /** The index of the first NaN or infinite element of {@code t}, or -1 when all are finite. */
    public static int firstNonFinite(Tensor t) {
        return firstNonFinite(t.data(), 0, t.size());
    }

    /** The index (from 0 at {@code from}) of the first NaN or infinite value in a[from, from + n), or -1. */
    public static int firstNonFinite(float[] a, int from, int n) {
        for (int i = 0; i < n; i++) {
            // x - x is 0 for every finite x and NaN for NaN and ±inf: one branch per element
            if (a[from + i] - a[from + i] != 0f) return i;
        }
        return -1;
    }
}
