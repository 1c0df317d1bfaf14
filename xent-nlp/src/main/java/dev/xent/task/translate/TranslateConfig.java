// The settings of a translation model and its training: vocabulary, architecture, batches, optimizer, schedule.
package dev.xent.task.translate;

/**
 * @param model          "transformer" or "rnn" (bi-GRU encoder, GRU decoder with attention: dim is the embedding,
 *                       hidden the GRU width; heads, layers, feedForward and maxLen apply to the Transformer only)
 * @param bpeVocab       shared source/target BPE ids (specials and 256 bytes included)
 * @param dim            model width D; heads H divide it
 * @param feedForward    width F of the blocks' MLP
 * @param maxLen         longest source or target (tokens, EOS/BOS included); longer training pairs are dropped
 * @param maxTokens      batch budget: padded max(S, T) · B per batch
 * @param labelSmoothing ε of the training loss (validation reports plain cross-entropy)
 * @param lr             peak learning rate of Adam(β = 0.9, 0.98), reached after {@code warmup} steps, then
 *                       ∝ 1/√step (the inverse-square-root schedule of Vaswani et al. and fairseq)
 */
public record TranslateConfig(String model, int bpeVocab, int dim, int hidden, int heads, int encoderLayers,
                              int decoderLayers, int feedForward, int maxLen, float dropout, double labelSmoothing,
                              int maxTokens, double lr, int warmup, double weightDecay, long seed) {
    public TranslateConfig {
        if (!model.equals("transformer") && !model.equals("rnn")) {
            throw new IllegalArgumentException("model must be transformer or rnn; got '" + model + "'");
        }
        if (bpeVocab < 260) {
            throw new IllegalArgumentException("bpeVocab must be >= 260 (4 specials + 256 bytes); got " + bpeVocab);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1); got " + labelSmoothing);
        }
        if (maxTokens < maxLen) {
            throw new IllegalArgumentException("maxTokens (" + maxTokens + ") must be >= maxLen (" + maxLen
                    + ") so the longest pair fits a batch");
        }
        if (!(lr > 0) || warmup < 0 || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need lr > 0, warmup >= 0, weightDecay >= 0; got " + lr + ", " + warmup
                    + ", " + weightDecay);
        }
    }

    /** A small model for Multi30k-sized data on a CPU: D 256, 4 heads, 3+3 layers, F 1024, BPE 8000. */
    public static TranslateConfig defaults() {
        return new TranslateConfig("transformer", 8000, 256, 256, 4, 3, 3, 1024, 256, 0.1f, 0.1, 4096, 7e-4, 1000, 0.0, 1);
    }

    /**
     * The settings measured on Multi30k de→en (docs/translation.md), which `xent train translate` uses by default:
     * "transformer" is {@link #defaults()} with dropout 0.2 and batches of 1600 tokens; "rnn" a bi-GRU encoder and
     * GRU decoder of 512 over embeddings of 256, dropout 0.3, batches of 1600 tokens, lr 0.001 after 400 warm-up
     * steps (its maxLen is the batch budget: the RNN has no position table).
     */
    public static TranslateConfig recipe(String model) {
        TranslateConfig d = defaults();
        return switch (model) {
            case "transformer" -> new TranslateConfig("transformer", d.bpeVocab(), d.dim(), d.dim(), d.heads(),
                    d.encoderLayers(), d.decoderLayers(), d.feedForward(), d.maxLen(), 0.2f, d.labelSmoothing(), 1600,
                    d.lr(), d.warmup(), d.weightDecay(), d.seed());
            case "rnn" -> new TranslateConfig("rnn", d.bpeVocab(), 256, 512, 1, 1, 1, 1, 1600, 0.3f,
                    d.labelSmoothing(), 1600, 0.001, 400, d.weightDecay(), d.seed());
            default -> throw new IllegalArgumentException("model must be transformer or rnn; got '" + model + "'");
        };
    }

    /** A new network of this architecture over {@code vocab} ids, initialised from Rng(seed). */
    public TranslationModel build(int vocab) {
        dev.xent.tensor.Rng rng = new dev.xent.tensor.Rng(seed);
        return model.equals("rnn") ? new RnnTranslator(new RnnTranslator.Config(vocab, dim, hidden, dropout), rng)
                : new TransformerTranslator(new TransformerTranslator.Config(vocab, dim, heads, encoderLayers,
                        decoderLayers, feedForward, maxLen, dropout), rng);
    }
}
