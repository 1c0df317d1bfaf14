// One padded batch of sentence pairs: source ids and mask, decoder input (BOS + y) and output (y + EOS) ids.
package dev.xent.task.translate;

import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

/**
 * src (B, S): each source's ids then EOS, right-padded with PAD (0); srcMask (B, S): 1 for a real token (EOS
 * included), 0 for padding. tgtIn (B, T): BOS then the target's ids (teacher forcing); tgtOut (B, T): the
 * target's ids then EOS — what position t must predict; both right-padded with PAD, which the loss skips.
 * targetTokens: the real (non-PAD) entries of tgtOut, the number of predictions the loss averages over.
 */
public record TranslationBatch(IntTensor src, Tensor srcMask, IntTensor tgtIn, IntTensor tgtOut, int targetTokens) {

    public int size() {
        return src.dim(0);
    }

    /** Pads the pairs {@code rows} of the encoded sources and targets (ids without BOS/EOS). */
    public static TranslationBatch of(int[][] sources, int[][] targets, int[] rows) {
        int b = rows.length, s = 1, t = 1;
        for (int r : rows) {
            s = Math.max(s, sources[r].length + 1);
            t = Math.max(t, targets[r].length + 1);
        }
        int[] src = new int[b * s], tin = new int[b * t], tout = new int[b * t];   // PAD = 0
        float[] mask = new float[b * s];
        int tokens = 0;
        for (int i = 0; i < b; i++) {
            int[] x = sources[rows[i]], y = targets[rows[i]];
            System.arraycopy(x, 0, src, i * s, x.length);
            src[i * s + x.length] = Vocabulary.EOS;
            for (int j = 0; j <= x.length; j++) mask[i * s + j] = 1f;
            tin[i * t] = Vocabulary.BOS;
            System.arraycopy(y, 0, tin, i * t + 1, y.length);
            System.arraycopy(y, 0, tout, i * t, y.length);
            tout[i * t + y.length] = Vocabulary.EOS;
            tokens += y.length + 1;
        }
        return new TranslationBatch(IntTensor.of(src, b, s), Tensor.of(mask, b, s), IntTensor.of(tin, b, t),
                IntTensor.of(tout, b, t), tokens);
    }
}
