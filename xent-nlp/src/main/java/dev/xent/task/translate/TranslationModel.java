// What the translation task, bundle and searches need from a sequence-to-sequence network (Transformer or RNN).
package dev.xent.task.translate;

import dev.xent.nn.Module;
import dev.xent.task.translate.decode.IncrementalDecoder;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

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
}
