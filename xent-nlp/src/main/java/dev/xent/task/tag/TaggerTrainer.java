// Trains a BiLstmTagger: bucketed batches, Adam, gradient clipping, per-epoch dev evaluation, best-epoch weights.
package dev.xent.task.tag;

import dev.xent.optim.Adam;
import dev.xent.optim.GradClip;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import dev.xent.train.CheckpointPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * One training step = one batch: loss → backward → clip (when configured) → Adam step → zero gradients, inside a
 * reused {@link Workspace}. After each epoch {@code devScore} rates the model (higher is better); the weights of
 * the best epoch are restored at the end ("select on dev").
 */
public final class TaggerTrainer {
    /**
     * What one epoch did. {@code seconds} counts training steps only, not the dev evaluation; {@code step} is the
     * number of optimisation steps done when the epoch ended, over all epochs.
     */
    public record Epoch(int epoch, double trainLoss, double devScore, double seconds, long tokens, long step) {
        public double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    /**
     * A workspace keeps one free list per exact array length, and bucketed batches have many different lengths,
     * so its retained arrays would grow without bound; past this many bytes it is dropped for a fresh one.
     */
    static final long WORKSPACE_BUDGET = 96L << 20;

    private final BiLstmTagger model;
    private final TagEncoder encoder;
    private final Adam adam;
    private Workspace ws;

    public TaggerTrainer(BiLstmTagger model, TagEncoder encoder) {
        this.model = model;
        this.encoder = encoder;
        this.adam = new Adam(model.namedParameters(), model.config().lr());
    }

    /** Runs {@code config().epochs()} epochs; reports each through {@code onEpoch}; returns all epochs. */
    public List<Epoch> fit(List<TagEncoder.Encoded> train, ToDoubleFunction<BiLstmTagger> devScore,
                           Consumer<Epoch> onEpoch) {
        return fit(train, devScore, onEpoch, CheckpointPlan.none());
    }

    /**
     * As {@link #fit(List, ToDoubleFunction, Consumer)}, saving checkpoints as {@code plan} says (after every
     * {@code everySteps}-th step and at each epoch end, after {@code onEpoch}) and, when the plan holds one,
     * continuing from its checkpoint: same batches in the same order, same Adam moments, same dropout draws, so
     * the weights equal those of an uninterrupted run bit for bit (same kernels and thread count). The returned
     * list then holds the epochs before the checkpoint too; {@code onEpoch} is called only for the epochs that
     * end after it.
     */
    public List<Epoch> fit(List<TagEncoder.Encoded> train, ToDoubleFunction<BiLstmTagger> devScore,
                           Consumer<Epoch> onEpoch, CheckpointPlan plan) {
        TaggerConfig cfg = model.config();
        int[] lengths = lengths(train);
        Rng rng = new Rng(cfg.seed() * 31 + 7);
        long[] fit = TagTrainState.fingerprint(cfg, lengths, encoder.words().size(), encoder.tags().size());
        TagTrainState s = plan.resume().map(c -> TagTrainState.restore(c, model, adam, rng, fit))
                .orElseGet(TagTrainState::new);
        while (s.epoch <= cfg.epochs()) {
            model.train();
            List<int[]> batches = Bucketing.batches(lengths, cfg.batchSize(), cfg.seed() + s.epoch);
            long t0 = System.nanoTime();
            while (s.batch < batches.size()) {
                TagBatch batch = TagBatch.of(train, batches.get(s.batch), cfg.chars(), encoder.words(),
                        cfg.wordDropout(), rng);
                s.lossSum += step(batch, rng);
                s.steps++;
                s.tokens += batch.tokens();
                s.step++;
                s.batch++;
                if (plan.due(s.step) && s.batch < batches.size()) {
                    s.seconds += (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    plan.save(s.step, s.encode(model, adam, rng, fit));
                }
            }
            s.seconds += (System.nanoTime() - t0) / 1e9;
            double score = devScore == null ? Double.NaN : devScore.applyAsDouble(model);
            if (devScore != null && score > s.bestScore) {
                s.bestScore = score;
                s.best = copy(model.stateDict());
            }
            Epoch e = new Epoch(s.epoch, s.lossSum / s.steps, score, s.seconds, s.tokens, s.step);
            s.done.add(e);
            if (onEpoch != null) onEpoch.accept(e);
            s.startEpoch(s.epoch + 1);
            if (plan.enabled()) plan.save(s.step, s.encode(model, adam, rng, fit));
        }
        if (s.best != null) model.loadStateDict(s.best, true);
        return List.copyOf(s.done);
    }

    /** One optimisation step on {@code batch}; returns the batch loss. */
    public double step(TagBatch batch, Rng rng) {
        double loss;
        if (ws == null || ws.bytesAllocated() > WORKSPACE_BUDGET) {
            ws = Workspace.open();
            ws.close();
        }
        try (Workspace ignored = ws.reopen()) {
            Tensor l = model.loss(batch, rng);
            loss = l.item();
            l.backward();
            if (model.config().clip() > 0) GradClip.clipGradNorm(model.parameters(), model.config().clip());
            adam.step();
            adam.zeroGrad();
        }
        return loss;
    }

    static int[] lengths(List<TagEncoder.Encoded> data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) out[i] = data.get(i).length();
        return out;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) out.put(e.getKey(), e.getValue().copy());
        return out;
    }

    /** Predicted tag ids for every sentence of {@code data}, in order (batched by length for speed). */
    public static int[][] predict(BiLstmTagger model, List<TagEncoder.Encoded> data, int batchSize,
                                  dev.xent.text.Vocabulary words) {
        int[][] out = new int[data.size()][];
        for (int[] index : Bucketing.batches(lengths(data), batchSize, 0)) {
            try (Workspace ignored = Workspace.open()) {
                TagBatch batch = TagBatch.of(data, index, model.config().chars(), words, 0, null);
                int[][] p = model.predict(batch);
                for (int b = 0; b < index.length; b++) out[index[b]] = p[b];
            }
        }
        return out;
    }

    /** Token accuracy of predicted tag ids against the gold ids (a gold −1, unseen in training, is wrong). */
    public static double accuracy(List<TagEncoder.Encoded> data, int[][] predicted) {
        long right = 0, all = 0;
        for (int i = 0; i < data.size(); i++) {
            int[] gold = data.get(i).tags();
            for (int t = 0; t < gold.length; t++) {
                if (gold[t] == predicted[i][t]) right++;
                all++;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }
}
