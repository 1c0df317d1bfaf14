// The Transformer language model as a TrainTask: random blocks of the token stream (nanoGPT's get_batch).
package dev.xent.task.lm;

import dev.xent.autograd.GradMode;
import dev.xent.nn.Module;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import dev.xent.train.Selection;
import dev.xent.train.TrainTask;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step is B blocks of T tokens at offsets drawn uniformly from {@code offsets} ({@link TokenBlocks#random}),
 * the mean next-token cross-entropy over the B·T positions. An epoch is ⌈⌊(n − 1) / T⌋ / B⌉ steps: as many
 * blocks as cover the n-token training stream once. The offsets generator and the model's dropout generators
 * ({@link TransformerLanguageModel#rngs()}) are checkpointed, so a resumed run draws the same blocks and masks.
 *
 * <p>Validation: the mean per-token loss over the in-order non-overlapping blocks of the validation stream
 * ({@link TokenBlocks#sequential}), dropout off, logged as val_loss, val_perplexity and val_bits_per_&lt;unit&gt;;
 * the best model is the one of lowest val_loss.
 */
public final class TransformerLmTask implements TrainTask {
    private final TransformerLanguageModel model;
    private final int[] train, valid;
    private final int batch, blockLen, validBatch;
    private final Rng offsets;
    private final String unit;

    /**
     * @param valid      the validation tokens, or null for none
     * @param blockLen   T, at most the model's maxLen
     * @param validBatch blocks per validation batch
     * @param offsets    the generator of the blocks' start offsets
     * @param unit       what one token is, for the metric names: "char", "word" or "token"
     */
    public TransformerLmTask(TransformerLanguageModel model, int[] train, int[] valid, int batch, int blockLen,
                             int validBatch, Rng offsets, String unit) {
        if (blockLen > model.config().maxLen()) {
            throw new IllegalArgumentException("blockLen " + blockLen + " exceeds the model's maxLen "
                    + model.config().maxLen() + "; build the model with maxLen >= blockLen");
        }
        if (batch < 1 || validBatch < 1) {
            throw new IllegalArgumentException("batch and validBatch must be >= 1; got " + batch + ", " + validBatch);
        }
        if (train.length < blockLen + 1) {
            throw new IllegalArgumentException("the training stream has " + train.length + " tokens; a block of "
                    + blockLen + " needs at least " + (blockLen + 1) + " (use a shorter blockLen or more text)");
        }
        if (valid != null && valid.length < blockLen + 1) {
            throw new IllegalArgumentException("the validation stream has " + valid.length + " tokens; a block of "
                    + blockLen + " needs at least " + (blockLen + 1) + " (use a shorter blockLen or more text)");
        }
        this.model = model;
        this.train = train;
        this.valid = valid;
        this.batch = batch;
        this.blockLen = blockLen;
        this.validBatch = validBatch;
        this.offsets = offsets;
        this.unit = unit;
    }

    @Override
    public Module model() {
        return model;
    }

    @Override
    public int batches(int epoch) {
        return (TokenBlocks.sequentialBlocks(train, blockLen) + batch - 1) / batch;
    }

    @Override
    public Tensor loss(int epoch, int b) {
        TokenBlocks.Batch blocks = TokenBlocks.random(train, batch, blockLen, offsets);
        return model.loss(blocks.input(), blocks.target());
    }

    @Override
    public long units(int epoch, int b) {
        return (long) batch * blockLen;
    }

    /** The loss is the mean over the batch's predicted tokens: their count. */
    @Override
    public double lossWeight(int epoch, int b) {
        return units(epoch, b);
    }

    @Override
    public String unit() {
        return "tokens";
    }

    @Override
    public Map<String, Double> validate() {
        return valid == null ? Map.of() : LmTask.validationLogs(evaluate(valid), unit);
    }

    /** Mean per-token loss (nats) over the in-order blocks of {@code stream}, dropout off, no graph. */
    public double evaluate(int[] stream) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double total = 0;
        long rows = 0;
        Workspace ws = Workspace.open();   // its own: the eval shapes do not stay in the step workspace
        ws.close();
        try (GradMode.Scope off = GradMode.off()) {
            int n = TokenBlocks.sequentialBatches(stream, validBatch, blockLen);
            for (int k = 0; k < n; k++) {
                TokenBlocks.Batch b = TokenBlocks.sequential(stream, validBatch, blockLen, k);
                ws.reopen();
                try {
                    total += (double) b.rows() * model.loss(b.input(), b.target()).item();
                } finally {
                    ws.close();
                }
                rows += b.rows();
            }
        } finally {
            if (wasTraining) model.train();
        }
        return total / rows;
    }

    @Override
    public Selection selection() {
        return Selection.minimize("val_loss");
    }

    /** "offsets" (the blocks), then the model's dropout generators. */
    @Override
    public Map<String, Rng> rngs() {
        Map<String, Rng> r = new LinkedHashMap<>();
        r.put("offsets", offsets);
        r.putAll(model.rngs());
        return r;
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("batch", batch);
        f.put("blockLen", blockLen);
        f.put("train_tokens", train.length);
        return f;
    }
}
