// Weighted sums of model rows from several workers, merged in a tree: the averaging step of data-parallel fastText.
package dev.xent.spark;

import java.io.Serializable;

/**
 * What one or more workers send back after a round: for each input row they touched (sorted row ids), the sum of
 * (touches × the row's value in that worker) and the sum of touches; the same for the output matrix as a whole
 * (every trained example touches all of it), weighted by examples. The new row is sum / touches: a row one worker
 * touched is that worker's row, a row several touched is their average weighted by how often each touched it, a
 * row nobody touched keeps its value. Also the loss sum and example count of the round and the bytes sent.
 */
final class RowAverage implements Serializable {
    private static final long serialVersionUID = 1L;
    final int dim;
    final int[] rows;        // sorted
    final float[] sums;      // (rows.length, dim): Σ touches · value
    final float[] touches;   // (rows.length)
    final float[] outputSum; // (labels, dim): Σ examples · output, or empty
    final long examples;
    final double lossSum;
    final long bytes;        // bytes the workers' results held (what crossed the network)

    RowAverage(int dim, int[] rows, float[] sums, float[] touches, float[] outputSum, long examples, double lossSum,
               long bytes) {
        this.dim = dim;
        this.rows = rows;
        this.sums = sums;
        this.touches = touches;
        this.outputSum = outputSum;
        this.examples = examples;
        this.lossSum = lossSum;
        this.bytes = bytes;
    }

    static RowAverage empty(int dim) {
        return new RowAverage(dim, new int[0], new float[0], new float[0], new float[0], 0, 0, 0);
    }

    /** One worker's result: its weights after the round and how often it touched each input row. */
    static RowAverage of(float[] input, float[] output, int dim, int[] touchCounts, long examples, double lossSum) {
        int n = 0;
        for (int c : touchCounts) if (c > 0) n++;
        int[] rows = new int[n];
        float[] sums = new float[n * dim];
        float[] touches = new float[n];
        int k = 0;
        for (int r = 0; r < touchCounts.length; r++) {
            if (touchCounts[r] == 0) continue;
            rows[k] = r;
            touches[k] = touchCounts[r];
            for (int j = 0; j < dim; j++) sums[k * dim + j] = touchCounts[r] * input[r * dim + j];
            k++;
        }
        float[] out = new float[output.length];
        for (int i = 0; i < out.length; i++) out[i] = examples * output[i];
        long bytes = 4L * (rows.length + sums.length + touches.length + out.length);
        return new RowAverage(dim, rows, sums, touches, out, examples, lossSum, bytes);
    }

    /** The two results together (a merge of sorted row lists). */
    static RowAverage merge(RowAverage a, RowAverage b) {
        if (a.rows.length == 0 && a.examples == 0) return b;
        if (b.rows.length == 0 && b.examples == 0) return a;
        int dim = a.dim;
        int[] rows = new int[a.rows.length + b.rows.length];
        float[] sums = new float[rows.length * dim];
        float[] touches = new float[rows.length];
        int i = 0, j = 0, k = 0;
        while (i < a.rows.length || j < b.rows.length) {
            boolean takeA = j == b.rows.length || (i < a.rows.length && a.rows[i] <= b.rows[j]);
            boolean both = i < a.rows.length && j < b.rows.length && a.rows[i] == b.rows[j];
            if (takeA) {
                rows[k] = a.rows[i];
                touches[k] = a.touches[i];
                System.arraycopy(a.sums, i * dim, sums, k * dim, dim);
                i++;
            }
            if (both || !takeA) {
                rows[k] = b.rows[j];
                touches[k] += b.touches[j];
                for (int d = 0; d < dim; d++) sums[k * dim + d] += b.sums[j * dim + d];
                j++;
            }
            k++;
        }
        float[] out = a.outputSum.length == 0 ? b.outputSum.clone() : a.outputSum.clone();
        if (a.outputSum.length > 0 && b.outputSum.length > 0) {
            for (int d = 0; d < out.length; d++) out[d] += b.outputSum[d];
        }
        return new RowAverage(dim, java.util.Arrays.copyOf(rows, k), java.util.Arrays.copyOf(sums, k * dim),
                java.util.Arrays.copyOf(touches, k), out, a.examples + b.examples, a.lossSum + b.lossSum,
                a.bytes + b.bytes);
    }

    /** Puts the averages into the model: each touched input row, and the output matrix if any example trained. */
    void applyTo(float[] input, float[] output) {
        for (int i = 0; i < rows.length; i++) {
            float inv = 1f / touches[i];
            for (int d = 0; d < dim; d++) input[rows[i] * dim + d] = sums[i * dim + d] * inv;
        }
        if (examples > 0) {
            float inv = 1f / examples;
            for (int d = 0; d < output.length; d++) output[d] = outputSum[d] * inv;
        }
    }
}
