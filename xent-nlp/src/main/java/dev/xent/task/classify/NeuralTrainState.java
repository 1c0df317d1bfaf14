// The neural classifiers' training position and history (epoch, batch, running sums, best epoch), as a checkpoint.
package dev.xent.task.classify;

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
 * What {@link NeuralTrainer#fit} carries between steps besides weights, Adam moments and the model's dropout
 * generators ({@link NeuralTextClassifier#rngs()}): the next batch (epoch, index into that epoch's
 * {@link LengthBuckets} plan, recomputed from the seed), the epoch's running sums, the best epoch and its weights,
 * and the epochs done. Checkpoint layout: tensors "model/…", "adam/…", "best/…"; counters "step", "position"
 * {epoch, batch}, "sums" {batches, tokens, loss bits, seconds bits}, "totals" {tokens, seconds bits}, "best"
 * {epoch, has scores, 4 score longs}, "rng/&lt;name&gt;", "epochs" (9 longs per epoch), "lr", "fit".
 */
final class NeuralTrainState {
    long step;
    int epoch;            // 0-based epoch in progress
    int batch;            // next batch of that epoch
    double lossSum, epochSeconds, seconds;
    int batches;
    long epochTokens, tokens;
    Map<String, Tensor> best;
    Scores bestScores;
    int bestEpoch;
    final List<NeuralTrainer.EpochLog> logs = new ArrayList<>();

    void startEpoch(int e) {
        epoch = e;
        batch = 0;
        lossSum = 0;
        epochSeconds = 0;
        batches = 0;
        epochTokens = 0;
    }

    static long[] fingerprint(NeuralTrainer.Options o, LabeledTokens train) {
        long total = 0;
        for (int[] t : train.tokens()) total += t.length;
        return new long[] {o.batchSize(), o.poolBatches(), o.seed(), train.size(), total, train.numClasses()};
    }

    Checkpoint encode(NeuralTextClassifier model, Adam adam, long[] fit) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(CheckpointPlan.prefixed("model/", model.stateDict()));
        tensors.putAll(CheckpointPlan.prefixed("adam/", adam.stateDict()));
        if (best != null) tensors.putAll(CheckpointPlan.prefixed("best/", best));
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("step", new long[] {step});
        c.put("position", new long[] {epoch, batch});
        long[] sums = CheckpointPlan.bits(0, 0, lossSum, epochSeconds);
        sums[0] = batches;
        sums[1] = epochTokens;
        c.put("sums", sums);
        c.put("totals", new long[] {tokens, Double.doubleToRawLongBits(seconds)});
        c.put("best", concat(new long[] {bestEpoch}, scores(bestScores)));
        c.put("lr", CheckpointPlan.bits(adam.lr()));
        model.rngs().forEach((name, r) -> c.put("rng/" + name, r.state()));
        List<Long> e = new ArrayList<>();
        for (NeuralTrainer.EpochLog l : logs) {
            e.add((long) l.epoch());
            e.add(Double.doubleToRawLongBits(l.trainLoss()));
            for (long x : scores(l.valid())) e.add(x);
            e.add(Double.doubleToRawLongBits(l.seconds()));
            e.add(l.tokens());
        }
        c.put("epochs", e.stream().mapToLong(Long::longValue).toArray());
        c.put("fit", fit);
        return new Checkpoint(tensors, c, null);
    }

    static NeuralTrainState restore(Checkpoint c, NeuralTextClassifier model, Adam adam, long[] fit) {
        CheckpointPlan.requireSame(c, "fit", fit, "batchSize", "poolBatches", "seed", "training examples",
                "training tokens", "classes");
        model.loadStateDict(CheckpointPlan.section(c, "model/"), true);
        adam.loadStateDict(CheckpointPlan.section(c, "adam/"));
        adam.setLr(CheckpointPlan.fromBits(c.counter("lr")));
        for (Map.Entry<String, Rng> r : model.rngs().entrySet()) r.getValue().restore(c.longs("rng/" + r.getKey()));
        NeuralTrainState s = new NeuralTrainState();
        s.step = c.counter("step");
        long[] pos = c.longs("position"), sums = c.longs("sums"), totals = c.longs("totals"), b = c.longs("best");
        s.epoch = (int) pos[0];
        s.batch = (int) pos[1];
        s.batches = (int) sums[0];
        s.epochTokens = sums[1];
        s.lossSum = CheckpointPlan.fromBits(sums[2]);
        s.epochSeconds = CheckpointPlan.fromBits(sums[3]);
        s.tokens = totals[0];
        s.seconds = CheckpointPlan.fromBits(totals[1]);
        s.bestEpoch = (int) b[0];
        s.bestScores = scores(b, 1);
        Map<String, Tensor> best = CheckpointPlan.section(c, "best/");
        s.best = best.isEmpty() ? null : best;
        long[] e = c.longs("epochs");
        for (int i = 0; i + 8 < e.length; i += 9) {
            s.logs.add(new NeuralTrainer.EpochLog((int) e[i], CheckpointPlan.fromBits(e[i + 1]), scores(e, i + 2),
                    CheckpointPlan.fromBits(e[i + 7]), e[i + 8]));
        }
        return s;
    }

    /** {present, accuracy bits, macro-F1 bits, log-loss bits, n}. */
    private static long[] scores(Scores s) {
        if (s == null) return new long[5];
        long[] b = CheckpointPlan.bits(0, s.accuracy(), s.macroF1(), s.logLoss());
        b[0] = 1;
        return concat(b, new long[] {s.n()});
    }

    private static Scores scores(long[] a, int off) {
        if (a[off] == 0) return null;
        return new Scores(CheckpointPlan.fromBits(a[off + 1]), CheckpointPlan.fromBits(a[off + 2]),
                CheckpointPlan.fromBits(a[off + 3]), (int) a[off + 4]);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
