// One padded, time-first batch of encoded sentences: word ids, the real words' characters, targets, lengths.
package dev.xent.task.tag;

import dev.xent.loss.CrossEntropy;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

import java.util.List;

/**
 * Layout (T = longest sentence, B = sentences, N = T·B word slots, W = {@code tokens} real words, C = longest
 * word in characters): words (T, B) padded with {@link Vocabulary#PAD}; targets (T, B) with
 * {@link CrossEntropy#DEFAULT_IGNORE} on padding, so the loss skips it; for the CRF, tagsBt (B, T) padded with
 * tag 0 and maskBt (B, T), batch first as {@link dev.xent.loss.CrfLoss} wants them.
 *
 * <p>Characters are held for the real words only, so the char CNN's tensors grow with W, not with N (a batch of
 * the longest sentences is mostly padding: on WikiANN-en 2,630 real words in 14,048 slots): chars (W, C), the
 * real words in slot order (t·B + b ascending), each padded with PAD, and charMask (W, C) 1 on real
 * characters; charRows (N) gives each slot its row in chars, or W (one past the last row) for a padding slot.
 */
public record TagBatch(int steps, int size, int[] lengths, IntTensor words, IntTensor chars, Tensor charMask,
                       IntTensor charRows, IntTensor targets, IntTensor tagsBt, Tensor maskBt, int tokens) {

    /**
     * Builds the batch of {@code data[index[0..]]}. With {@code wordDropout} &gt; 0 (training only), each word whose
     * training frequency is 1 becomes {@link Vocabulary#UNK} with that probability, so the model learns an
     * embedding for unknown words from rare ones. {@code withChars} false leaves chars, charMask and charRows null.
     */
    public static TagBatch of(List<TagEncoder.Encoded> data, int[] index, boolean withChars,
                              Vocabulary words, double wordDropout, Rng rng) {
        int nb = index.length, nt = 0, nc = 1, tokens = 0;
        int[] lengths = new int[nb];
        for (int b = 0; b < nb; b++) {
            TagEncoder.Encoded e = data.get(index[b]);
            lengths[b] = e.length();
            nt = Math.max(nt, e.length());
            tokens += e.length();
            for (int[] c : e.chars()) nc = Math.max(nc, c.length);
        }
        int[] w = new int[nt * nb], y = new int[nt * nb], ybt = new int[nb * nt];
        float[] mbt = new float[nb * nt];
        java.util.Arrays.fill(y, CrossEntropy.DEFAULT_IGNORE);
        int[] rows = withChars ? charRows(lengths, nt) : null;
        int[] ch = withChars ? new int[tokens * nc] : null;
        float[] cm = withChars ? new float[tokens * nc] : null;
        for (int b = 0; b < nb; b++) {
            TagEncoder.Encoded e = data.get(index[b]);
            for (int t = 0; t < e.length(); t++) {
                int id = e.words()[t];
                if (wordDropout > 0 && id != Vocabulary.UNK && words.frequency(id) == 1
                        && rng.nextFloat() < wordDropout) {
                    id = Vocabulary.UNK;
                }
                w[t * nb + b] = id;
                y[t * nb + b] = e.tags()[t] < 0 ? CrossEntropy.DEFAULT_IGNORE : e.tags()[t];
                ybt[b * nt + t] = Math.max(0, e.tags()[t]);
                mbt[b * nt + t] = 1f;
                if (withChars) {
                    int[] c = e.chars()[t];
                    int row = rows[t * nb + b] * nc;
                    for (int k = 0; k < c.length; k++) {
                        ch[row + k] = c[k];
                        cm[row + k] = 1f;
                    }
                }
            }
        }
        return new TagBatch(nt, nb, lengths, IntTensor.of(w, nt, nb),
                withChars ? IntTensor.of(ch, tokens, nc) : null, withChars ? Tensor.of(cm, tokens, nc) : null,
                withChars ? IntTensor.of(rows, nt * nb) : null, IntTensor.of(y, nt, nb), IntTensor.of(ybt, nb, nt), Tensor.of(mbt, nb, nt), tokens);
    }

    /** (N) the row of each word slot t·B + b among the real words numbered in slot order; W for a padding slot. */
    static int[] charRows(int[] lengths, int nt) {
        int nb = lengths.length, real = 0;
        for (int len : lengths) real += len;
        int[] rows = new int[nt * nb];
        int w = 0;
        for (int t = 0; t < nt; t++) {
            for (int b = 0; b < nb; b++) rows[t * nb + b] = t < lengths[b] ? w++ : real;
        }
        return rows;
    }
}
