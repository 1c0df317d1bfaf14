// Kim (2014) CNN for sentences: embeddings → Conv1d per filter width → ReLU → masked max over time → dropout → Linear.
package dev.xent.task.classify;

import dev.xent.nn.EmbeddingLayer;
import dev.xent.nn.Linear;
import dev.xent.ops.Activations;
import dev.xent.ops.Dropout;
import dev.xent.ops.Masking;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * For each width k: c = ReLU(conv_k(E[ids])) (B, T−k+1, F), then the max over the windows that start inside
 * the text: window t is real iff t &lt; max(1, len − k + 1). A text shorter than k keeps its one window t = 0,
 * which sees the text followed by padding rows (the zero padding embedding), as Kim pads short sentences; the
 * batch's extra padding is never read, so a text's logits do not depend on the batch it is in. The pooled
 * features (B, F·#widths) go through dropout and a Linear to the logits.
 *
 * <p>conv_k is computed as {@link Windows#unfold} (B, T−k+1, k·D) followed by a Linear(k·D → F): the same
 * function as PyTorch's {@code Conv1d(D, F, k)} on the transposed input, with weight (F, k·D) holding the
 * Conv1d weight (F, D, k) permuted to (F, k, D) — one GEMM per batch instead of one per sentence.
 */
public final class TextCnnClassifier extends NeuralTextClassifier {
    /** Sizes and regularisation; Kim's CNN-rand is {@code new Config(300, new int[]{3,4,5}, 100, 0.5f)}. */
    public record Config(int embeddingDim, int[] widths, int filters, float dropout) {
        public Config {
            if (embeddingDim < 1 || filters < 1 || widths.length == 0) {
                throw new IllegalArgumentException("TextCNN needs embeddingDim >= 1, filters >= 1 and at least one "
                        + "width; got " + embeddingDim + ", " + filters + ", " + Arrays.toString(widths));
            }
        }
    }

    private final Config config;
    private final EmbeddingLayer embedding;
    private final Linear[] convs;         // conv_k as Linear(k·D → F) on unfolded windows
    private final int[] widths;
    private final Linear out;
    private final Rng dropoutRng;
    private final int maxWidth;

    public TextCnnClassifier(int vocabSize, Objective objective, int numClasses, Config config, long seed) {
        super(objective, numClasses);
        this.config = config;
        Rng init = new Rng(seed);
        this.dropoutRng = trainingRng("dropout", new Rng(seed ^ 0x5DEECE66DL));
        embedding = module("embedding", new EmbeddingLayer(vocabSize, config.embeddingDim(), 0, false, init.split()));
        convs = new Linear[config.widths().length];
        widths = config.widths().clone();
        int widest = 1;
        for (int i = 0; i < convs.length; i++) {
            int k = config.widths()[i];
            convs[i] = module("conv" + i,
                    new Linear(k * config.embeddingDim(), config.filters(), true, init.split()));
            widest = Math.max(widest, k);
        }
        maxWidth = widest;
        out = module("out", new Linear(config.filters() * convs.length, outputs(), true, init.split()));
    }

    @Override
    public Tensor logits(PaddedBatch batch) {
        int b = batch.size(), t = batch.length();
        if (t < maxWidth) {
            throw new IllegalArgumentException("TextCNN: batch length " + t + " is shorter than the widest filter "
                    + maxWidth + "; pad batches to minLength() = " + maxWidth);
        }
        Tensor x = embedding.forward(batch.ids());                                 // (B, T, D)
        Tensor[] pooled = new Tensor[convs.length];
        int[] len = batch.lengths().data();
        for (int i = 0; i < convs.length; i++) {
            int k = widths[i], lout = t - k + 1;
            Tensor c = Activations.relu(convs[i].forward(Windows.unfold(x, k)));   // (B, Lout, F)
            float[] m = new float[b * lout];                                       // (B, Lout) real windows
            for (int r = 0; r < b; r++) {
                int real = Math.max(1, len[r] - k + 1);
                for (int j = 0; j < real; j++) m[r * lout + j] = 1f;
            }
            pooled[i] = Masking.maskedMax(c, Tensor.of(m, b, lout));                // (B, F)
        }
        Tensor h = pooled.length == 1 ? pooled[0] : ShapeOps.concat(1, pooled);  // (B, F·#widths)
        h = Dropout.apply(h, config.dropout(), isTraining(), dropoutRng);
        return out.forward(h);                                                     // (B, outputs)
    }

    @Override
    public int minLength() {
        return maxWidth;
    }

    @Override
    public String describe() {
        return "TextCNN(emb " + config.embeddingDim() + ", widths " + Arrays.toString(config.widths()) + " x "
                + config.filters() + ", dropout " + config.dropout() + ")";
    }
}
