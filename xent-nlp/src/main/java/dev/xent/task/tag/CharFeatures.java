// The tagger's char-CNN word features: one word at a time over the batch's real words, then placed in their word slots.
package dev.xent.task.tag;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.VecOps;
import dev.xent.ops.Index;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

import java.util.Arrays;

/**
 * Shapes (W real words, C characters per word, Dc character dim, F filters, K window, T steps, B sentences):
 * <pre>
 *   per word w: x_w (Dc, C) = its characters' embeddings, zero after the word's end
 *               → Conv1d, same padding (F, C) → max over the word's real characters (F)       → (W, F)
 *   → [features; 0] (W + 1, F) → rows charRows (T·B, F) → (T, B, F)
 * </pre>
 * A padding slot reads the zero row W: the value the padded computation gave it (its mask is all zero, so the
 * max over no character is 0, with no gradient).
 *
 * <p>The convolution and the max are one op with its own backward that keeps, per word and filter, only the
 * position of the max (W, F): the (W, C, Dc) embeddings and the (W, F, C) convolution output live one word at a
 * time, in (Dc·K, C) and (F, C) buffers, and backward rebuilds a word's receptive fields from the character table.
 * Composed of the general ops (embedding lookup, masked fill, transposes, Conv1d, masked max) the char CNN held
 * about 10 of those tensors for a step of 6,400 words (≈ 250 MB, most of the tagger's step memory). The arithmetic
 * is theirs, in their order — the same per-word GEMMs, the max's tie rule (the first position of the largest
 * value), gradient sums per word in word order, table rows added per character position in position order — so
 * features and gradients are the same bit for bit ({@code CharFeaturesTest}).
 */
final class CharFeatures {
    private CharFeatures() {}

    /**
     * (T, B, F) features of {@code batch}'s words, zeros on padding: charEmb (V, Dc), convW (F, Dc, K), convB (F);
     * {@code sparse} gives the character table a row-sparse gradient.
     */
    static Tensor of(TagBatch batch, Tensor charEmb, Tensor convW, Tensor convB, boolean sparse) {
        int filters = convW.dim(0);
        Tensor c = wordFeatures(batch.chars().data(), batch.charMask().data(), batch.chars().dim(0),
                batch.chars().dim(1), charEmb, convW, convB, sparse);                          // (W, F)
        c = ShapeOps.concat(0, c, Tensor.zeros(1, filters));                                  // (W + 1, F)
        c = Index.indexSelect(c, 0, batch.charRows());                                        // (T·B, F)
        return ShapeOps.reshape(c, batch.steps(), batch.size(), filters);
    }

    /**
     * (W, F): per word, the max over its real characters (mask != 0) of the convolution of its masked character
     * embeddings; 0 for a word without characters. chars and mask are (W, C), row-major.
     */
    static Tensor wordFeatures(int[] chars, float[] mask, int words, int len, Tensor charEmb, Tensor convW,
                               Tensor convB, boolean sparse) {
        int vocab = charEmb.dim(0), dc = charEmb.dim(1), filters = convW.dim(0), k = convW.dim(2);
        if (convW.dim(1) != dc || convB.dim(0) != filters) {
            throw new IllegalArgumentException("char CNN: conv weight must be (F, Dc=" + dc + ", K) and bias (F); got "
                    + Arrays.toString(convW.shape()) + " and " + Arrays.toString(convB.shape()));
        }
        for (int i = 0; i < words * len; i++) {
            if (chars[i] < 0 || chars[i] >= vocab) {
                throw new IndexOutOfBoundsException("char id " + chars[i] + " at position " + i
                        + " is outside the character table: ids must be in [0, V=" + vocab + ")");
            }
        }
        Conv conv = new Conv(chars.clone(), mask.clone(), len, charEmb, convW, convB);
        int[] argT = new int[words * filters];                       // (W, F): position of the max, -1 if none
        Arrays.fill(argT, -1);
        Tensor out = Tensor.scratchZeros(words, filters);            // (W, F)
        float[] o = out.data(), x = conv.x(), col = conv.col(), y = new float[filters * conv.lout];
        for (int w = 0; w < words; w++) {
            conv.forward(w, x, col, y);
            for (int t = 0; t < len; t++) {                          // masked max, as Masking.maskedMax over (C, F)
                if (conv.mask[w * len + t] == 0f) continue;
                for (int f = 0; f < filters; f++) {
                    int kk = w * filters + f;
                    float v = y[f * conv.lout + t];
                    if (argT[kk] < 0 || v > o[kk]) {
                        o[kk] = v;
                        argT[kk] = t;
                    }
                }
            }
        }
        if (GradMode.needsGrad(charEmb, convW, convB)) {
            out.withNode(new Node("charCnn", charEmb, convW, convB) {
                @Override
                public void backward(Tensor g) {                    // g: (W, F)
                    conv.gradients(g.data(), argT, words, sparse);
                }
            });
        }
        return out;
    }

    /** One word's convolution: its input rebuilt from the table, forward and backward (Conv1d's im2col and GEMMs). */
    private static final class Conv {
        final int[] chars;
        final float[] mask;
        final int len, dc, filters, k, pad, lout, rows;
        final Tensor table, weight, bias;
        final Gemm gemm = Kernels.gemm();

        Conv(int[] chars, float[] mask, int len, Tensor table, Tensor weight, Tensor bias) {
            this.chars = chars;
            this.mask = mask;
            this.len = len;
            this.table = table;
            this.weight = weight;
            this.bias = bias;
            this.dc = table.dim(1);
            this.filters = weight.dim(0);
            this.k = weight.dim(2);
            this.pad = k / 2;
            this.lout = len + 2 * pad - k + 1;
            this.rows = dc * k;
            if (lout != len) {
                throw new IllegalArgumentException("char CNN: the window must be odd (same padding); got " + k);
            }
        }

        float[] x() {
            return new float[dc * len];
        }

        float[] col() {
            return new float[rows * lout];
        }

        /** x (Dc, C) of word w: table rows of its characters, 0 where the mask is 0 (lookup, masked fill, transpose). */
        void input(int w, float[] x) {
            float[] e = table.data();
            for (int c = 0; c < len; c++) {
                int at = w * len + c, row = chars[at] * dc;
                boolean keep = mask[at] != 0f;
                for (int d = 0; d < dc; d++) x[d * len + c] = keep ? e[row + d] : 0f;
            }
        }

        /** col[(i·K + kk), t] = x[i, t − pad + kk], 0 outside [0, C) (Conv1d's im2col, stride and dilation 1). */
        void im2col(float[] x, float[] col) {
            for (int i = 0; i < dc; i++) {
                for (int kk = 0; kk < k; kk++) {
                    int row = (i * k + kk) * lout, shift = kk - pad, base = i * len;
                    for (int t = 0; t < lout; t++) {
                        int p = t + shift;
                        col[row + t] = p >= 0 && p < len ? x[base + p] : 0f;
                    }
                }
            }
        }

        /** y (F, C) = bias + W (F, Dc·K) · col (Dc·K, C) for word w. */
        void forward(int w, float[] x, float[] col, float[] y) {
            input(w, x);
            im2col(x, col);
            float[] b = bias.data();
            for (int o = 0; o < filters; o++) Arrays.fill(y, o * lout, (o + 1) * lout, b[o]);
            gemm.sgemm(false, false, filters, lout, rows, 1f, weight.data(), 0, rows, col, 0, lout, 1f, y, 0, lout);
        }

        /**
         * dL/dy of word w is g[w, f] at (f, argT[w, f]) and 0 elsewhere; per word in order: dW += dy · colᵀ,
         * dcol = Wᵀ · dy → col2im → dx (Dc, C) → the table rows of its characters (PAD positions skipped, as the
         * padding id), then dbias += Σ_t dy.
         */
        void gradients(float[] g, int[] argT, int words, boolean sparse) {
            float[] dw = weight.requiresGrad() ? weight.gradForAccumulation().data() : null;
            float[] db = bias.requiresGrad() ? bias.gradForAccumulation().data() : null;
            boolean toTable = table.requiresGrad();
            float[] dense = toTable && !sparse ? table.gradForAccumulation().data() : null;
            SparseRows rowsGrad = toTable && sparse ? table.sparseGradForAccumulation() : null;
            VecOps vec = Kernels.vec();
            float[] dy = new float[filters * lout], x = x(), col = col(), dx = new float[dc * len], row = new float[dc];
            for (int w = 0; w < words; w++) {
                Arrays.fill(dy, 0f);
                for (int f = 0; f < filters; f++) {
                    int t = argT[w * filters + f];
                    if (t >= 0) dy[f * lout + t] += g[w * filters + f];
                }
                if (dw != null) {
                    input(w, x);
                    im2col(x, col);
                    gemm.sgemm(false, true, filters, rows, lout, 1f, dy, 0, lout, col, 0, lout, 1f, dw, 0, rows);
                }
                if (toTable) {
                    gemm.sgemm(true, false, rows, lout, filters, 1f, weight.data(), 0, rows, dy, 0, lout, 0f, col, 0, lout);
                    Arrays.fill(dx, 0f);
                    col2imAdd(col, dx);
                    for (int c = 0; c < len; c++) {
                        int at = w * len + c, id = chars[at];
                        if (id == Vocabulary.PAD) continue;
                        boolean keep = mask[at] != 0f;
                        for (int d = 0; d < dc; d++) row[d] = keep ? 0f + dx[d * len + c] : 0f;
                        if (sparse) rowsGrad.add(id, row, 0);
                        else vec.add(dense, id * dc, row, 0, dense, id * dc, dc);
                    }
                }
                if (db != null) {
                    for (int o = 0; o < filters; o++) db[o] += vec.sum(dy, o * lout, lout);
                }
            }
        }

        /** dx[i, p] += col[i·K + kk, t] for every (kk, t) that read position p (Conv1d's col2im). */
        void col2imAdd(float[] col, float[] dx) {
            for (int i = 0; i < dc; i++) {
                for (int kk = 0; kk < k; kk++) {
                    int r = (i * k + kk) * lout, shift = kk - pad, base = i * len;
                    for (int t = 0; t < lout; t++) {
                        int p = t + shift;
                        if (p >= 0 && p < len) dx[base + p] += col[r + t];
                    }
                }
            }
        }
    }
}
