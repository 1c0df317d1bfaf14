// Contiguous BPTT batches for a language model, exactly like pytorch/examples' batchify and get_batch.
package dev.xent.task.lm;

import dev.xent.tensor.IntTensor;

/**
 * The token stream is cut into {@code batch} equal columns (the remainder is dropped): column j holds
 * tokens [j·L, (j+1)·L) with L = ⌊n / batch⌋, stored time-major as (L, batch). Batch k covers rows
 * [k·bptt, k·bptt + len) with len = min(bptt, L − 1 − k·bptt): input rows i, target rows i + 1. So the
 * hidden state of column j at the end of one batch is the right start for the next (truncated BPTT).
 */
public final class BpttStream {
    private final int[] data;   // (L, batch) time-major
    private final int rows, batch, bptt;

    public BpttStream(int[] tokens, int batch, int bptt) {
        if (batch < 1 || bptt < 1) {
            throw new IllegalArgumentException("batch and bptt must be >= 1; got batch " + batch + ", bptt " + bptt);
        }
        this.rows = tokens.length / batch;
        if (rows < 2) {
            throw new IllegalArgumentException("a stream of " + tokens.length + " tokens is too short for batch " + batch
                    + ": each of the " + batch + " columns needs at least 2 tokens");
        }
        this.batch = batch;
        this.bptt = bptt;
        this.data = new int[rows * batch];
        for (int j = 0; j < batch; j++) {
            for (int i = 0; i < rows; i++) data[i * batch + j] = tokens[j * rows + i];
        }
    }

    /** Number of batches: one per start row 0, bptt, 2·bptt, ... below L − 1. */
    public int batches() {
        return (rows - 1 + bptt - 1) / bptt;
    }

    /** Rows (time steps) of batch k. */
    public int length(int k) {
        return Math.min(bptt, rows - 1 - k * bptt);
    }

    public int batchSize() {
        return batch;
    }

    /** The BPTT window: rows of a full batch. */
    public int bptt() {
        return bptt;
    }

    /** Tokens kept: L·batch (the remainder of the stream that fills no column is dropped). */
    public int tokens() {
        return rows * batch;
    }

    /** Input ids of batch k, (len, batch). */
    public IntTensor input(int k) {
        return slice(k, 0);
    }

    /** Target ids of batch k, flattened to (len·batch): the inputs shifted by one step. */
    public IntTensor target(int k) {
        IntTensor t = slice(k, 1);
        return IntTensor.of(t.data(), t.size());
    }

    private IntTensor slice(int k, int shift) {
        if (k < 0 || k >= batches()) {
            throw new IndexOutOfBoundsException("batch " + k + " is outside [0, " + batches() + ")");
        }
        int len = length(k), from = (k * bptt + shift) * batch;
        int[] out = new int[len * batch];
        System.arraycopy(data, from, out, 0, out.length);
        return IntTensor.of(out, len, batch);
    }
}
