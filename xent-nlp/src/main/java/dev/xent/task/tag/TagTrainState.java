// The tagger's training position and history (epoch, batch, running sums, best epoch), and its checkpoint encoding.
package dev.xent.task.tag;

import dev.xent.io.Checkpoint;
import dev.xent.optim.Adam;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.CheckpointPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link TaggerTrainer#fit} carries from one step to the next besides the weights, the Adam moments and
 * the RNG: the next batch (epoch, index into that epoch's batch plan, which {@link Bucketing} recomputes from the
 * seed), the running loss/step/token sums of the epoch, the best dev score and its weights, and the epochs done.
 * Checkpoint layout: tensors "model/…", "adam/…", "best/…"; counters "step", "position" {epoch, batch},
 * "sums" {steps, tokens, loss bits, seconds bits}, "best_score" (bits), "rng", "epochs" (6 longs per epoch done),
 * "fit" (the settings and data sizes that fix the data order).
 */
final class TagTrainState {
    long step;                 // optimisation steps done, over all epochs
    int epoch = 1;             // the epoch in progress (1-based)
    int batch;                 // the next batch of that epoch
    double lossSum, seconds;
    int steps;
    long tokens;
    double bestScore = Double.NEGATIVE_INFINITY;
    Map<String, Tensor> best;  // weights of the best epoch so far; null before the first dev score
    final List<TaggerTrainer.Epoch> done = new ArrayList<>();

    void startEpoch(int e) {
        epoch = e;
        batch = 0;
        lossSum = 0;
        seconds = 0;
        steps = 0;
        tokens = 0;
    }

    static long[] fingerprint(TaggerConfig cfg, int[] lengths, int words, int tags) {
        long total = 0;
        for (int n : lengths) total += n;
        return new long[] {cfg.batchSize(), cfg.seed(), lengths.length, total, words, tags};
    }

    Checkpoint encode(BiLstmTagger model, Adam adam, Rng rng, long[] fit) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(CheckpointPlan.prefixed("model/", model.stateDict()));
        tensors.putAll(CheckpointPlan.prefixed("adam/", adam.stateDict()));
        if (best != null) tensors.putAll(CheckpointPlan.prefixed("best/", best));
        Map<String, long[]> counters = new LinkedHashMap<>();
        counters.put("step", new long[] {step});
        counters.put("position", new long[] {epoch, batch});
        long[] sums = CheckpointPlan.bits(0, 0, lossSum, seconds);
        sums[0] = steps;
        sums[1] = tokens;
        counters.put("sums", sums);
        counters.put("best_score", CheckpointPlan.bits(bestScore));
        counters.put("lr", CheckpointPlan.bits(adam.lr()));
        counters.put("rng", rng.state());
        long[] epochs = new long[done.size() * 6];
        for (int i = 0; i < done.size(); i++) {
            TaggerTrainer.Epoch e = done.get(i);
            long[] d = CheckpointPlan.bits(e.trainLoss(), e.devScore(), e.seconds());
            System.arraycopy(new long[] {e.epoch(), d[0], d[1], d[2], e.tokens(), e.step()}, 0, epochs, i * 6, 6);
        }
        counters.put("epochs", epochs);
        counters.put("fit", fit);
        return new Checkpoint(tensors, counters, null);
    }

    /** Puts the checkpoint into the model, optimizer and RNG; returns the loop state it holds. */
    static TagTrainState restore(Checkpoint c, BiLstmTagger model, Adam adam, Rng rng, long[] fit) {
        CheckpointPlan.requireSame(c, "fit", fit, "batchSize", "seed", "training sentences", "training tokens",
                "words", "tags");
        model.loadStateDict(CheckpointPlan.section(c, "model/"), true);
        adam.loadStateDict(CheckpointPlan.section(c, "adam/"));
        adam.setLr(CheckpointPlan.fromBits(c.counter("lr")));
        rng.restore(c.longs("rng"));
        TagTrainState s = new TagTrainState();
        s.step = c.counter("step");
        long[] pos = c.longs("position"), sums = c.longs("sums");
        s.epoch = (int) pos[0];
        s.batch = (int) pos[1];
        s.steps = (int) sums[0];
        s.tokens = sums[1];
        s.lossSum = CheckpointPlan.fromBits(sums[2]);
        s.seconds = CheckpointPlan.fromBits(sums[3]);
        s.bestScore = CheckpointPlan.fromBits(c.counter("best_score"));
        Map<String, Tensor> best = CheckpointPlan.section(c, "best/");
        s.best = best.isEmpty() ? null : best;
        long[] e = c.longs("epochs");
        for (int i = 0; i + 5 < e.length; i += 6) {
            s.done.add(new TaggerTrainer.Epoch((int) e[i], CheckpointPlan.fromBits(e[i + 1]),
                    CheckpointPlan.fromBits(e[i + 2]), CheckpointPlan.fromBits(e[i + 3]), e[i + 4], e[i + 5]));
        }
        return s;
    }
}
