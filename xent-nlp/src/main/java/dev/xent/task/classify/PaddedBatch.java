// A batch of token sequences right-padded to one length, with its lengths and (B, T) padding mask.
package dev.xent.task.classify;

import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;

/**
 * ids (B, T) with 0 after each sequence's end, lengths (B), mask (B, T) float 1 = real token, 0 = padding;
 * rows are the indices of the texts in their {@link LabeledTokens}. T = max(longest length, minLength), so
 * a CNN with widths up to minLength always has at least one window.
 */
public record PaddedBatch(IntTensor ids, IntTensor lengths, Tensor mask, int[] rows) {

    public static PaddedBatch of(int[][] tokens, int[] rows, int minLength) {
        return of(tokens, rows, minLength, 1);
    }

    /**
     * As {@link #of(int[][], int[], int)} with T rounded up to a multiple of {@code multiple}. Training uses 4: the
     * step workspace reuses a buffer only for the same length, so fewer distinct T (SST-2's ~55 lengths become ~14,
     * and the attention's T² buffers with them) mean more reuse and fewer new arrays per step. Padding never
     * changes the logits, only a little compute.
     */
    public static PaddedBatch of(int[][] tokens, int[] rows, int minLength, int multiple) {
        if (multiple < 1) throw new IllegalArgumentException("multiple must be >= 1; got " + multiple);
        int b = rows.length, t = Math.max(1, minLength);
        for (int r : rows) t = Math.max(t, tokens[r].length);
        t = (t + multiple - 1) / multiple * multiple;
        int[] ids = new int[b * t], len = new int[b];
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[] s = tokens[rows[i]];
            System.arraycopy(s, 0, ids, i * t, s.length);
            len[i] = s.length;
            for (int j = 0; j < s.length; j++) mask[i * t + j] = 1f;
        }
        return new PaddedBatch(IntTensor.of(ids, b, t), IntTensor.of(len, b), Tensor.of(mask, b, t), rows.clone());
    }

    public int size() {
        return rows.length;
    }

    public int length() {
        return ids.dim(1);
    }
}
