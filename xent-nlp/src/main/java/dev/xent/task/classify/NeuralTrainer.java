// Trains a NeuralTextClassifier with Adam on length-bucketed batches; keeps the epoch best on held-out data.
package dev.xent.task.classify;

import dev.xent.autograd.GradMode;
import dev.xent.optim.Adam;
import dev.xent.tensor.Tensor;
import dev.xent.train.CheckpointPlan;
import dev.xent.train.TrainStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The loop: per epoch, {@link LengthBuckets} batches (seeded by (seed, epoch)), one {@link TrainStep} each
 * (forward, the objective's mean cross-entropy, backward, global-norm clipping, Adam), then — if validation
 * data is given — predictions on it in eval mode. With validation data the weights of the best epoch (highest
 * accuracy, ties to lower log loss; lowest log loss for multi-label) are put back at the end, so the
 * validation set must be held out from the training data, never the test set. Single-threaded loop (the
 * kernels use the cores); the same seed and options give the same weights.
 */
public final class NeuralTrainer {
    private NeuralTrainer() {}

    /**
     * A new TrainStep (so a new Workspace) every this many steps. The workspace keeps a free list per distinct
     * buffer length and never trims it; batches of varying lengths (and the recurrent layers' varying length
     * groups) keep adding lengths, and a BiLSTM 300/150 on SST-2 exhausted a 3 GB heap within one epoch.
     * Optimizer state lives in the optimizer, so this changes no number, only memory.
     */
    static final int RECYCLE_STEPS = 200;

    /** Training options; {@code classWeights} null or one per class (see {@link Objective}). */
    public record Options(int epochs, int batchSize, double learningRate, double weightDecay, double clipNorm,
                          long seed, float[] classWeights, int poolBatches) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || poolBatches < 1) {
                throw new IllegalArgumentException("Options need epochs, batchSize, poolBatches >= 1 and "
                        + "learningRate > 0; got " + epochs + ", " + batchSize + ", " + poolBatches + ", " + learningRate);
            }
        }

        /** Adam 1e-3, batch 50, clip 5, no decay, seed 1, pools of 50 batches. */
        public static Options defaults(int epochs) {
            return new Options(epochs, 50, 1e-3, 0, 5.0, 1, null, 50);
        }

        public Options withBatchSize(int b) { return new Options(epochs, b, learningRate, weightDecay, clipNorm, seed, classWeights, poolBatches); }
        public Options withLearningRate(double lr) { return new Options(epochs, batchSize, lr, weightDecay, clipNorm, seed, classWeights, poolBatches); }
        public Options withSeed(long s) { return new Options(epochs, batchSize, learningRate, weightDecay, clipNorm, s, classWeights, poolBatches); }
        public Options withClassWeights(float[] w) { return new Options(epochs, batchSize, learningRate, weightDecay, clipNorm, seed, w, poolBatches); }
        public Options withWeightDecay(double d) { return new Options(epochs, batchSize, learningRate, d, clipNorm, seed, classWeights, poolBatches); }
    }

    /** One epoch: mean training loss, validation scores (NaN without validation), wall seconds, tokens seen. */
    public record EpochLog(int epoch, double trainLoss, Scores valid, double seconds, long tokens) {}

    /** All epochs, the epoch whose weights the model holds at the end (last if no validation), totals. */
    public record Result(List<EpochLog> epochs, int bestEpoch, double trainSeconds, long trainTokens) {
        public double tokensPerSecond() {
            return trainTokens / trainSeconds;
        }
    }

    /** Called after each epoch's validation with the epoch's log and whether it is the best so far. */
    public interface EpochListener {
        void onEpochEnd(EpochLog log, boolean best);
    }

    public static Result fit(NeuralTextClassifier model, LabeledTokens train, LabeledTokens valid, Options o,
                             Consumer<String> log) {
        return fit(model, train, valid, o, log, null);
    }

    public static Result fit(NeuralTextClassifier model, LabeledTokens train, LabeledTokens valid, Options o,
                             Consumer<String> log, EpochListener listener) {
        return fit(model, train, valid, o, log, listener, CheckpointPlan.none());
    }

    /**
     * As above, saving checkpoints as {@code plan} says (after every {@code everySteps}-th batch and at each epoch
     * end, after the listener) and, when the plan holds one, continuing from its checkpoint: the same batches in the
     * same order, Adam moments and dropout draws ({@link NeuralTextClassifier#rngs()}), so the final weights equal
     * an uninterrupted run's bit for bit (same kernels and thread count). The listener hears only the epochs that
     * end after the checkpoint; the result lists all.
     */
    public static Result fit(NeuralTextClassifier model, LabeledTokens train, LabeledTokens valid, Options o,
                             Consumer<String> log, EpochListener listener, CheckpointPlan plan) {
        if (o.classWeights() != null && o.classWeights().length != model.numClasses()) {
            throw new IllegalArgumentException("classWeights must have one weight per class (" + model.numClasses()
                    + "); got " + o.classWeights().length);
        }
        Adam adam = new Adam(model.namedParameters(), o.learningRate(), o.weightDecay());
        long[] fit = NeuralTrainState.fingerprint(o, train);
        NeuralTrainState s = plan.resume().map(c -> NeuralTrainState.restore(c, model, adam, fit)).orElseGet(() -> {
            NeuralTrainState fresh = new NeuralTrainState();
            fresh.bestEpoch = o.epochs() - 1;
            return fresh;
        });
        TrainStep step = new TrainStep(adam).clipNorm(o.clipNorm());
        try {
            while (s.epoch < o.epochs()) {
                model.train();
                long start = System.nanoTime();
                List<int[]> order = LengthBuckets.batches(train.tokens(), o.batchSize(), o.poolBatches(), o.seed(),
                        s.epoch, true);
                int every = Math.max(1, order.size() / 4);
                while (s.batch < order.size()) {
                    int[] rows = order.get(s.batch);
                    PaddedBatch b = PaddedBatch.of(train.tokens(), rows, model.minLength(), 4);   // see of(...)
                    s.lossSum += step.run(() -> model.objective().loss(model.logits(b), train, rows, o.classWeights()));
                    s.batches++;
                    s.batch++;
                    s.step++;
                    if (s.batches % RECYCLE_STEPS == 0) {   // drop the workspace's free lists (see RECYCLE_STEPS)
                        step.close();
                        step = new TrainStep(adam).clipNorm(o.clipNorm());
                    }
                    for (int r : rows) s.epochTokens += train.tokens()[r].length;
                    if (log != null && s.batches % every == 0 && s.batches < order.size()) {
                        double sec = s.epochSeconds + (System.nanoTime() - start) / 1e9;
                        log.accept(String.format("    epoch %d: %d/%d batches, loss %.4f, %.0f tokens/s", s.epoch + 1,
                                s.batches, order.size(), s.lossSum / s.batches, s.epochTokens / sec));
                    }
                    if (plan.due(s.step) && s.batch < order.size()) {
                        s.epochSeconds += (System.nanoTime() - start) / 1e9;
                        start = System.nanoTime();
                        plan.save(s.step, s.encode(model, adam, fit));
                    }
                }
                double sec = s.epochSeconds + (System.nanoTime() - start) / 1e9;
                s.seconds += sec;
                s.tokens += s.epochTokens;
                Scores v = valid == null ? null : Scores.of(model.objective(), predict(model, valid, 256), valid);
                s.logs.add(new EpochLog(s.epoch, s.lossSum / s.batches, v, sec, s.epochTokens));
                if (log != null) {
                    log.accept(String.format("  epoch %d: train loss %.4f, %.1f s, %.0f tokens/s%s", s.epoch + 1,
                            s.lossSum / s.batches, sec, s.epochTokens / sec, v == null ? "" : ", held-out " + v));
                }
                boolean isBest = v == null || s.bestScores == null || v.betterThan(s.bestScores, model.objective());
                if (v != null && isBest) {
                    s.bestScores = v;
                    s.bestEpoch = s.epoch;
                    s.best = copy(model);
                }
                if (listener != null) {
                    listener.onEpochEnd(s.logs.get(s.logs.size() - 1), isBest);
                    model.train();
                }
                s.startEpoch(s.epoch + 1);
                if (plan.enabled()) plan.save(s.step, s.encode(model, adam, fit));
            }
        } finally {
            step.close();
        }
        if (s.best != null && s.bestEpoch != o.epochs() - 1) model.loadStateDict(s.best, true);
        model.eval();
        return new Result(List.copyOf(s.logs), s.bestEpoch, s.seconds, s.tokens);
    }

    /** Class probabilities (N, K) in eval mode with no graph, batched by length for speed, in data order. */
    public static float[][] predict(NeuralTextClassifier model, LabeledTokens data, int batchSize) {
        boolean wasTraining = model.isTraining();
        model.eval();
        float[][] probs = new float[data.size()][];
        try (GradMode.Scope ignored = GradMode.off()) {
            for (int[] rows : LengthBuckets.batches(data.tokens(), batchSize, 1, 0, 0, false)) {
                PaddedBatch b = PaddedBatch.of(data.tokens(), rows, model.minLength());
                float[][] p = model.objective().probabilities(model.logits(b));
                for (int i = 0; i < rows.length; i++) probs[rows[i]] = p[i];
            }
        }
        if (wasTraining) model.train();
        return probs;
    }

    private static Map<String, Tensor> copy(NeuralTextClassifier model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) out.put(e.getKey(), e.getValue().copy());
        return out;
    }
}
