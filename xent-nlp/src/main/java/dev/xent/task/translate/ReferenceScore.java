// Teacher-forced cross-entropy of reference translations under a model: total nats and the target tokens scored.
package dev.xent.task.translate;

import dev.xent.autograd.GradMode;
import dev.xent.tensor.Workspace;

/**
 * nats = Σ over every scored pair and every target position (the reference's BPE tokens, then EOS) of
 * −ln p(y_t | y_&lt;t, source), plain softmax (no label smoothing), dropout off; the pairs are padded into
 * {@link LengthBatches} of at most {@code maxTokens} and each batch's mean loss is weighted by its tokens.
 * {@link #crossEntropy()} is nats per token, {@link #perplexity()} its exponential.
 *
 * @param nats   total negative log-likelihood of the scored targets
 * @param tokens target tokens scored (EOS included)
 */
public record ReferenceScore(double nats, long tokens) {

    public double crossEntropy() {
        return tokens == 0 ? Double.NaN : nats / tokens;
    }

    public double perplexity() {
        return Math.exp(crossEntropy());
    }

    /**
     * Scores {@code targets[i]} given {@code sources[i]} (ids without BOS/EOS, each fitting the model's length);
     * the model is left in the mode it was in.
     */
    public static ReferenceScore of(TranslationModel model, int[][] sources, int[][] targets, int maxTokens) {
        if (sources.length != targets.length) {
            throw new IllegalArgumentException("need one target per source; got " + sources.length + " sources and "
                    + targets.length + " targets");
        }
        if (sources.length == 0) return new ReferenceScore(0, 0);
        LengthBatches batches = new LengthBatches(lengths(sources), lengths(targets), maxTokens, 0, false);
        boolean wasTraining = model.isTraining();
        model.eval();
        double total = 0;
        long tokens = 0;
        Workspace ws = Workspace.open();   // its own: these shapes do not stay in a training step's workspace
        ws.close();
        try (GradMode.Scope off = GradMode.off()) {
            for (int b = 0; b < batches.count(); b++) {
                TranslationBatch batch = TranslationBatch.of(sources, targets, batches.rows(0, b));
                ws.reopen();
                try {
                    total += (double) batch.targetTokens() * model.loss(batch, 0).item();
                } finally {
                    ws.close();
                }
                tokens += batch.targetTokens();
            }
        } finally {
            if (wasTraining) model.train();
        }
        return new ReferenceScore(total, tokens);
    }

    /** Lengths with the EOS (BOS) the batches add. */
    static int[] lengths(int[][] ids) {
        int[] n = new int[ids.length];
        for (int i = 0; i < n.length; i++) n[i] = ids[i].length + 1;
        return n;
    }
}
