// Weights and forward pass of the fastText-style model: hidden = mean of the input rows of a line's words and
// n-grams, scores = output . hidden, then softmax (one label) or a sigmoid per class (one-vs-all).
package dev.xent.task.classify;

import dev.xent.kernel.Kernels;

import java.util.Arrays;

/** The two matrices, shared by all hogwild threads: input (rows, dim) and output (labels, dim). */
final class FastTextModel {
    final int dim;
    final int nLabels;
    final int nwords;
    final long seed;
    final float[] input;  // (rows, dim): rows 0..nwords-1 words, then n-gram bucket rows
    final float[] output; // (nLabels, dim)

    FastTextModel(int dim, int nLabels, int nwords, long seed, float[] input, float[] output) {
        this.dim = dim;
        this.nLabels = nLabels;
        this.nwords = nwords;
        this.seed = seed;
        this.input = input;
        this.output = output;
    }

    /**
     * A new model as fastText initialises it: every input row uniform in [-1/dim, 1/dim), output all zero.
     * Row r's values are a fixed function of (seed, its global row id), so a row that is not stored (an n-gram
     * bucket unseen in training) can be regenerated exactly; see {@link #initRow}.
     */
    static FastTextModel init(FastTextDictionary dict, int dim, long seed) {
        int rows = dict.rows();
        if ((long) rows * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("input matrix too large: " + rows + " rows x dim " + dim
                    + " exceeds 2^31 floats. Fix: lower dim, bucket or wordNgrams, or raise minCount");
        }
        float[] input = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            long global = r < dict.nwords() ? r : dict.nwords() + (long) dict.bucketOfRow(r);
            initRow(seed, global, dim, input, r * dim);
        }
        return new FastTextModel(dim, dict.labels.length, dict.nwords(), seed, input,
                new float[dict.labels.length * dim]);
    }

    /** Fills dst[off .. off+dim) with global row {@code global}'s initial values, uniform in [-1/dim, 1/dim). */
    static void initRow(long seed, long global, int dim, float[] dst, int off) {
        float scale = 1.0f / dim;
        long base = mix(seed * 0x9E3779B97F4A7C15L + global);
        for (int j = 0; j < dim; j++) {
            long z = mix(base + j * 0xD1B54A32D192ED03L);
            float u = (z >>> 40) * 0x1.0p-24f; // uniform in [0, 1), 24 bits
            dst[off + j] = (2 * u - 1) * scale;
        }
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * hidden = mean of the input rows {@code rows} (length >= 1). A negative entry -g-1 stands for the
     * untrained initial row of global row g (an n-gram bucket unseen in training); {@code tmp} holds it.
     */
    void hidden(int[] rows, float[] hidden, float[] tmp) {
        Arrays.fill(hidden, 0, dim, 0f);
        for (int r : rows) {
            if (r >= 0) {
                Kernels.vec().add(input, r * dim, hidden, 0, hidden, 0, dim);
            } else {
                initRow(seed, -(long) r - 1, dim, tmp, 0);
                Kernels.vec().add(tmp, 0, hidden, 0, hidden, 0, dim);
            }
        }
        Kernels.vec().scale(1.0f / rows.length, hidden, 0, hidden, 0, dim);
    }

    /** scores[c] = output[c] . hidden for every label c. */
    void scores(float[] hidden, float[] scores) {
        for (int c = 0; c < nLabels; c++) {
            scores[c] = Kernels.vec().dot(output, c * dim, hidden, 0, dim);
        }
    }

    /** In place: scores -> softmax probabilities (max subtracted first, so no overflow). */
    static void softmax(float[] s, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, s[i]);
        }
        float sum = 0;
        for (int i = 0; i < n; i++) {
            s[i] = (float) Math.exp(s[i] - max);
            sum += s[i];
        }
        float inv = 1 / sum;
        for (int i = 0; i < n; i++) {
            s[i] *= inv;
        }
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
