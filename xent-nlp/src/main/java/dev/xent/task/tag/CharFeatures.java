// The tagger's char-CNN word features: run over the batch's real words only, then placed in their word slots.
package dev.xent.task.tag;

import dev.xent.ops.Conv1d;
import dev.xent.ops.Embedding;
import dev.xent.ops.Index;
import dev.xent.ops.Masking;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

/**
 * Shapes (W real words, C characters per word, Dc character dim, F filters, T steps, B sentences):
 * <pre>
 *   chars (W, C) → embedding (W, C, Dc), zero after each word's end → (W, Dc, C) → Conv1d, same padding (W, F, C)
 *   → (W, C, F) → max over the word's real characters (W, F)
 *   → [features; 0] (W + 1, F) → rows charRows (T·B, F) → (T, B, F)
 * </pre>
 * A padding slot reads the zero row W: the value the padded computation gave it (its mask is all zero, so the
 * max over no character is 0, with no gradient). Every real word's numbers are those of the padded computation
 * too, in the same order, so the result and the gradients are the same bit for bit, while the large
 * (words × C × Dc or F) tensors hold W rows instead of T·B.
 */
final class CharFeatures {
    private CharFeatures() {}

    /**
     * (T, B, F) features of {@code batch}'s words, zeros on padding: charEmb (V, Dc), convW (F, Dc, width),
     * convB (F); {@code sparse} gives the character table a row-sparse gradient.
     */
    static Tensor of(TagBatch batch, Tensor charEmb, Tensor convW, Tensor convB, boolean sparse) {
        int words = batch.chars().dim(0), len = batch.chars().dim(1), filters = convW.dim(0);
        Tensor c = Embedding.lookup(charEmb, batch.chars(), sparse, Vocabulary.PAD);         // (W, C, Dc)
        // zero the slots after each word's end, so the convolution sees zeros there whatever they hold
        c = Masking.maskedFill(c, batch.charMask().view(words, len, 1), 0f);
        c = ShapeOps.transpose(c, 1, 2);                                                      // (W, Dc, C)
        c = Conv1d.apply(c, convW, convB, 1, convW.dim(2) / 2, 1);                            // (W, F, C)
        c = Masking.maskedMax(ShapeOps.transpose(c, 1, 2), batch.charMask());                 // (W, F)
        c = ShapeOps.concat(0, c, Tensor.zeros(1, filters));                                  // (W + 1, F)
        c = Index.indexSelect(c, 0, batch.charRows());                                        // (T·B, F)
        return ShapeOps.reshape(c, batch.steps(), batch.size(), filters);
    }
}
