// Hyper-parameters of a BiLSTM tagger and of its training run; defaults are the UD POS setup.
package dev.xent.task.tag;

/**
 * @param wordDim      word-embedding size
 * @param charDim      character-embedding size (0 = no character features)
 * @param charFilters  char-CNN filters = size of each word's character feature vector
 * @param charWidth    char-CNN window (odd; padded so every character is a window centre)
 * @param hidden       LSTM hidden size per direction
 * @param crf          CRF output layer (trained by CrfLoss, decoded by Viterbi) instead of per-token softmax
 * @param iobes        chunk tags (BIO) are learned as IOBES (a chunk's last token E-, a one-token chunk S-) and
 *                     predictions are written back in the training data's scheme; no effect on other tags
 * @param dropout      dropout on the LSTM input and output (0 = none)
 * @param wordDropout  probability that a training word seen once is replaced by &lt;unk&gt;
 * @param lowercase    word-embedding keys lowercased and digits folded to 0 (characters keep the spelling)
 * @param lr           Adam learning rate
 * @param batchSize    sentences per batch
 * @param epochs       passes over the training set
 * @param clip         gradient-norm clipping threshold (0 = none)
 * @param sparse       row-sparse embedding gradients (lazy Adam on the embedding rows a batch touches)
 * @param seed         seeds initialisation, dropout and batch order
 */
public record TaggerConfig(int wordDim, int charDim, int charFilters, int charWidth, int hidden, boolean crf,
                           boolean iobes, float dropout, double wordDropout, boolean lowercase, double lr, int batchSize,
                           int epochs, double clip, boolean sparse, long seed) {

    public TaggerConfig {
        positive("wordDim", wordDim);
        positive("hidden", hidden);
        positive("batchSize", batchSize);
        if (charDim < 0) throw new IllegalArgumentException("charDim must be >= 0 (0 = no char features); got " + charDim);
        if (charDim > 0) {
            positive("charFilters", charFilters);
            if (charWidth < 1 || charWidth % 2 == 0) {
                throw new IllegalArgumentException("charWidth must be odd and >= 1 (a window centred on each character);"
                        + " got " + charWidth);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1); got " + dropout);
        if (!(wordDropout >= 0 && wordDropout <= 1)) {
            throw new IllegalArgumentException("wordDropout must be in [0, 1]; got " + wordDropout);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1; got " + v);
    }

    /** The plain word-level BiLSTM of the speed bar: embedding 100, hidden 128, Adam 1e-3, batch 32, nothing else. */
    public static TaggerConfig plain() {
        return new TaggerConfig(100, 0, 0, 1, 128, false, false, 0f, 0, false, 1e-3, 32, 1, 0, false, 1);
    }

    /**
     * The default recipe (docs/tagging.md has the measurements behind it): word embeddings of lowercased words
     * plus a char CNN (30-d characters, 50 filters of width 3) → BiLSTM 128 per direction, dropout 0.33 on its input
     * and output, singletons replaced by &lt;unk&gt; with probability 0.5, Adam 2e-3 with clipping at 5, batch
     * 32, {@link #DEFAULT_EPOCHS} epochs, sparse embedding gradients; softmax output. {@link #forChunkTags} adds
     * the CRF and IOBES training for entity tags. (The CLI also divides the rate by 1 + 0.05 × epoch.) Dropout 0.33
     * and 30 epochs: UD-EWT dev accuracy 95.01% against 94.58% with 0.5, WikiANN-en dev F1 within 0.1 of 0.5 at
     * equal epochs (docs/tagging.md).
     */
    public static TaggerConfig recipe() {
        return new TaggerConfig(100, 30, 50, 3, 128, false, false, 0.33f, 0.5, true, 2e-3, 32, DEFAULT_EPOCHS, 5, true,
                1);
    }

    /** Epochs of {@link #recipe()}. */
    public static final int DEFAULT_EPOCHS = 30;

    /**
     * The recipe's learning-rate decay: epoch e (from 0) trains at lr / (1 + DEFAULT_LR_DECAY × e), as Ma & Hovy 2016
     * (chosen on UD-EWT and WikiANN-en dev, docs/tagging.md); applied by the trainer, so not a field of the config.
     */
    public static final double DEFAULT_LR_DECAY = 0.05;

    /** Word + char-CNN BiLSTM with dropout and word dropout: {@link #recipe()} with 20 epochs and dropout 0.33. */
    public static TaggerConfig full() {
        return new TaggerConfig(100, 30, 50, 3, 128, false, false, 0.33f, 0.5, true, 2e-3, 32, 20, 5, true, 1);
    }

    /** This config with a CRF output layer and IOBES training when {@code chunkTags}, without both otherwise. */
    public TaggerConfig forChunkTags(boolean chunkTags) {
        return withCrf(chunkTags).withIobes(chunkTags);
    }

    public boolean chars() {
        return charDim > 0;
    }

    public TaggerConfig withCrf(boolean on) {
        return new TaggerConfig(wordDim, charDim, charFilters, charWidth, hidden, on, iobes, dropout, wordDropout,
                lowercase, lr, batchSize, epochs, clip, sparse, seed);
    }

    public TaggerConfig withIobes(boolean on) {
        return new TaggerConfig(wordDim, charDim, charFilters, charWidth, hidden, crf, on, dropout, wordDropout,
                lowercase, lr, batchSize, epochs, clip, sparse, seed);
    }

    public TaggerConfig withEpochs(int n) {
        return new TaggerConfig(wordDim, charDim, charFilters, charWidth, hidden, crf, iobes, dropout, wordDropout,
                lowercase, lr, batchSize, n, clip, sparse, seed);
    }

    public TaggerConfig withSeed(long s) {
        return new TaggerConfig(wordDim, charDim, charFilters, charWidth, hidden, crf, iobes, dropout, wordDropout,
                lowercase, lr, batchSize, epochs, clip, sparse, s);
    }
}
