// Small Transformer encoder classifier: embeddings + learned positions → N pre-norm blocks → LayerNorm → masked mean → Linear.
package dev.xent.task.classify;

import dev.xent.nn.EmbeddingLayer;
import dev.xent.nn.LayerNormLayer;
import dev.xent.nn.LearnedPositionalEmbedding;
import dev.xent.nn.Linear;
import dev.xent.nn.TransformerEncoderBlock;
import dev.xent.ops.Dropout;
import dev.xent.ops.Masking;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * x = dropout(E[ids] + P[0:T]) (B, T, D); N pre-norm encoder blocks with the padding mask as key mask (padded
 * keys get attention weight 0, so real positions never see padding); a final LayerNorm (pre-norm stacks need
 * one); the mean over real positions (B, D); dropout; Linear. Token and position tables start at N(0, 0.02²)
 * (GPT-2's scale; N(0, 1) would swamp the residual stream at small D).
 */
public final class TransformerClassifier extends NeuralTextClassifier {
    /** Sizes and regularisation. */
    public record Config(int dModel, int heads, int feedForward, int layers, int maxLen, float dropout) {
        public Config {
            if (dModel < 1 || heads < 1 || dModel % heads != 0 || feedForward < 1 || layers < 1 || maxLen < 1) {
                throw new IllegalArgumentException("TransformerClassifier needs dModel divisible by heads and every "
                        + "size >= 1; got dModel " + dModel + ", heads " + heads + ", feedForward " + feedForward
                        + ", layers " + layers + ", maxLen " + maxLen);
            }
        }
    }

    private final Config config;
    private final EmbeddingLayer embedding;
    private final LearnedPositionalEmbedding positions;
    private final TransformerEncoderBlock[] blocks;
    private final LayerNormLayer norm;
    private final Linear out;
    private final Rng dropoutRng;

    public TransformerClassifier(int vocabSize, Objective objective, int numClasses, Config config, long seed) {
        super(objective, numClasses);
        this.config = config;
        Rng init = new Rng(seed);
        this.dropoutRng = trainingRng("dropout", new Rng(seed ^ 0x5DEECE66DL));
        embedding = module("embedding", new EmbeddingLayer(vocabSize, config.dModel(), 0, false, init.split()));
        positions = module("positions", new LearnedPositionalEmbedding(config.maxLen(), config.dModel(), init.split()));
        scale(embedding.weight, 0.02f);
        scale(positions.positions(config.maxLen()), 0.02f);
        blocks = new TransformerEncoderBlock[config.layers()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = module("block" + i, new TransformerEncoderBlock(config.dModel(), config.heads(),
                    config.feedForward(), config.dropout(), trainingRng("block" + i, init.split())));
        }
        norm = module("norm", new LayerNormLayer(config.dModel()));
        out = module("out", new Linear(config.dModel(), outputs(), true, init.split()));
    }

    private static void scale(Tensor t, float s) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] *= s;
    }

    @Override
    public Tensor logits(PaddedBatch batch) {
        if (batch.length() > config.maxLen()) {
            throw new IllegalArgumentException("TransformerClassifier: batch length " + batch.length()
                    + " exceeds maxLen " + config.maxLen() + "; truncate the texts or build with a larger maxLen");
        }
        Tensor x = positions.forward(embedding.forward(batch.ids()));               // (B, T, D)
        x = Dropout.apply(x, config.dropout(), isTraining(), dropoutRng);
        for (TransformerEncoderBlock block : blocks) x = block.forward(x, batch.mask());
        Tensor h = Masking.maskedMean(norm.forward(x), batch.mask());               // (B, D)
        h = Dropout.apply(h, config.dropout(), isTraining(), dropoutRng);
        return out.forward(h);                                                      // (B, outputs)
    }

    @Override
    public String describe() {
        return "Transformer(d " + config.dModel() + ", heads " + config.heads() + ", ff " + config.feedForward()
                + ", " + config.layers() + " pre-norm blocks, dropout " + config.dropout() + ")";
    }
}
