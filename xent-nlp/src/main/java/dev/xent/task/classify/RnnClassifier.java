// Bidirectional GRU/LSTM classifier: embeddings → BiRNN over the real steps → masked max/mean pooling → Linear.
package dev.xent.task.classify;

import dev.xent.nn.EmbeddingLayer;
import dev.xent.nn.GruLayer;
import dev.xent.nn.Linear;
import dev.xent.nn.LstmLayer;
import dev.xent.nn.Recurrent;
import dev.xent.nn.RnnConfig;
import dev.xent.nn.RnnOutput;
import dev.xent.ops.Dropout;
import dev.xent.ops.Masking;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * h = BiRNN(dropout(E[ids]), lengths) (B, T, 2H) — each direction runs over exactly the text's tokens, as
 * PyTorch's pack_padded_sequence — then pooled over the real steps: MAX (element-wise max, Conneau et al. 2017),
 * MEAN, MAX_MEAN (both concatenated, (B, 4H)), or LAST (the final states of both directions, (B, 2H)); then dropout and a Linear to the logits.
 */
public final class RnnClassifier extends NeuralTextClassifier {
    public enum Cell { LSTM, GRU }

    public enum Pooling { MAX, MEAN, MAX_MEAN, LAST }

    /** Sizes and regularisation; dropout applies to the embeddings and to the pooled features. */
    public record Config(Cell cell, int embeddingDim, int hidden, int layers, Pooling pooling, float dropout) {
        public Config {
            if (embeddingDim < 1 || hidden < 1 || layers < 1) {
                throw new IllegalArgumentException("RnnClassifier needs embeddingDim, hidden and layers >= 1; got "
                        + embeddingDim + ", " + hidden + ", " + layers);
            }
        }
    }

    private final Config config;
    private final EmbeddingLayer embedding;
    private final Recurrent rnn;
    private final Linear out;
    private final Rng dropoutRng;

    public RnnClassifier(int vocabSize, Objective objective, int numClasses, Config config, long seed) {
        super(objective, numClasses);
        this.config = config;
        Rng init = new Rng(seed);
        this.dropoutRng = trainingRng("dropout", new Rng(seed ^ 0x5DEECE66DL));
        embedding = module("embedding", new EmbeddingLayer(vocabSize, config.embeddingDim(), 0, false, init.split()));
        RnnConfig rc = RnnConfig.defaults().batchFirst(true).bidirectional(true).numLayers(config.layers())
                .dropout(config.layers() > 1 ? config.dropout() : 0f).rng(trainingRng("rnn", init.split()));
        rnn = module("rnn", config.cell() == Cell.LSTM
                ? new LstmLayer(config.embeddingDim(), config.hidden(), rc)
                : new GruLayer(config.embeddingDim(), config.hidden(), rc));
        int features = (config.pooling() == Pooling.MAX_MEAN ? 4 : 2) * config.hidden();
        out = module("out", new Linear(features, outputs(), true, init.split()));
    }

    @Override
    public Tensor logits(PaddedBatch batch) {
        Tensor x = embedding.forward(batch.ids());                                  // (B, T, D)
        x = Dropout.apply(x, config.dropout(), isTraining(), dropoutRng);
        RnnOutput r = rnn.forward(x, null, null, batch.lengths());                 // output (B, T, 2H), pads 0
        Tensor h = switch (config.pooling()) {
            case MAX -> Masking.maskedMax(r.output(), batch.mask());              // (B, 2H)
            case MEAN -> Masking.maskedMean(r.output(), batch.mask());
            case MAX_MEAN -> ShapeOps.concat(1, Masking.maskedMax(r.output(), batch.mask()),
                    Masking.maskedMean(r.output(), batch.mask()));                    // (B, 4H)
            case LAST -> rnn.lastState(r);
        };
        h = Dropout.apply(h, config.dropout(), isTraining(), dropoutRng);
        return out.forward(h);                                                      // (B, outputs)
    }

    @Override
    public String describe() {
        return "Bi" + config.cell() + "(emb " + config.embeddingDim() + ", hidden " + config.hidden() + " x2, "
                + config.layers() + " layer(s), " + config.pooling().name().toLowerCase() + " pooling, dropout "
                + config.dropout() + ")";
    }
}
