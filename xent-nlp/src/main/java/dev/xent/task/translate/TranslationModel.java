// What the translation task, bundle and searches need from a sequence-to-sequence network (Transformer or RNN).
package dev.xent.task.translate;

import dev.xent.loss.LinearCrossEntropy;
import dev.xent.nn.Module;
import dev.xent.ops.Index;
import dev.xent.ops.ShapeOps;
import dev.xent.task.translate.decode.IncrementalDecoder;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

import java.util.Map;

/** A network over one shared vocabulary: the training loss of a padded batch and a step-by-step decoder. */
public abstract sealed class TranslationModel extends Module permits TransformerTranslator, RnnTranslator {

    /** Mean label-smoothed cross-entropy over the batch's non-PAD target positions (nats per token at ε = 0). */
    public abstract Tensor loss(TranslationBatch batch, double labelSmoothing);

    /** The generators dropout draws from in training, by name, for checkpoints. */
    public abstract Map<String, Rng> rngs();

    /** The model as an incremental decoder for greedy and beam search (puts it in eval mode). */
    public abstract IncrementalDecoder<?> decoder();

    /** Vocabulary size V. */
    public abstract int vocabSize();

    /** The longest source (with EOS) the model can encode. */
    public abstract int maxSourceLength();

    /** "transformer" or "rnn", the bundle's "model". */
    public abstract String kind();

    /**
     * The loss of decoder states {@code hidden} (B, T, D) through the tied output layer {@code embed} (V, D): only the
     * rows of real targets are projected, {@code batch.targetTokens()} of the B·T (the PAD positions of tgtOut skipped).
     */
    static Tensor targetLoss(Tensor hidden, TranslationBatch batch, Tensor embed, double labelSmoothing) {
        int[] out = batch.tgtOut().data();
        int[] keep = new int[batch.targetTokens()], target = new int[keep.length];
        for (int i = 0, k = 0; i < out.length; i++) {
            if (out[i] != Vocabulary.PAD) {
                keep[k] = i;
                target[k++] = out[i];
            }
        }
        int d = hidden.shape()[hidden.shape().length - 1];
        Tensor rows = Index.indexSelect(ShapeOps.reshape(hidden, out.length, d), 0, IntTensor.of(keep, keep.length));
        return LinearCrossEntropy.of(rows, embed, null, IntTensor.of(target, target.length), (float) labelSmoothing);
    }
}
