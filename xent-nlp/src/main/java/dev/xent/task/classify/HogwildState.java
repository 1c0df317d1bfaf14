// fastText-style training as a checkpoint: both matrices, the shared token count, each thread's position and RNG.
package dev.xent.task.classify;

import dev.xent.io.Checkpoint;
import dev.xent.tensor.Tensor;
import dev.xent.train.CheckpointPlan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layout. Tensors: "input" (rows, dim), "output" (labels, dim). Counters: "step" (examples visited), "tokens"
 * (the shared progress count that drives the learning rate), "worker/&lt;t&gt;" = {next example, unflushed tokens,
 * examples visited, examples trained, loss-sum bits}, "rng/&lt;t&gt;" (that thread's Rng), "epoch_start" = {examples
 * trained, loss-sum bits} at the start of the current epoch, and "fit" = the settings and data sizes that fix the
 * data and the schedule (resuming with others is refused).
 */
final class HogwildState {
    private HogwildState() {}

    static long[] fingerprint(HogwildTrainer t, FastTextConfig cfg) {
        return new long[] {t.examples(), t.m.input.length / t.m.dim, t.m.dim, t.m.nLabels, t.workers.length, cfg.seed(),
            t.totalTokens, Double.doubleToLongBits(cfg.lr()), cfg.lrUpdateRate(), cfg.loss().ordinal()};
    }

    static Checkpoint encode(HogwildTrainer t, FastTextConfig cfg) {
        FastTextModel m = t.m;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("input", Tensor.of(m.input, m.input.length / m.dim, m.dim));   // written before training goes on
        tensors.put("output", Tensor.of(m.output, m.nLabels, m.dim));
        Map<String, long[]> counters = new LinkedHashMap<>();
        counters.put("step", new long[] {t.step()});
        counters.put("tokens", new long[] {t.tokenCount.get()});
        for (int i = 0; i < t.workers.length; i++) {
            HogwildTrainer.Worker w = t.workers[i];
            counters.put("worker/" + i, new long[] {w.next, w.local, w.done, w.count, Double.doubleToRawLongBits(w.loss)});
            counters.put("rng/" + i, w.rng.state());
        }
        counters.put("epoch_start", new long[] {t.epochCount, Double.doubleToRawLongBits(t.epochLoss)});
        counters.put("fit", fingerprint(t, cfg));
        return new Checkpoint(tensors, counters, null);
    }

    static void restore(Checkpoint c, HogwildTrainer t, FastTextConfig cfg) {
        CheckpointPlan.requireSame(c, "fit", fingerprint(t, cfg), "examples", "input rows", "dim", "labels", "threads",
                "seed", "schedule tokens (tokens x epoch)", "lr bits", "lrUpdateRate", "loss");
        FastTextModel m = t.m;
        copy(c.tensor("input"), m.input);
        copy(c.tensor("output"), m.output);
        t.tokenCount.set(c.counter("tokens"));
        for (int i = 0; i < t.workers.length; i++) {
            HogwildTrainer.Worker w = t.workers[i];
            long[] s = c.longs("worker/" + i);
            w.next = (int) s[0];
            w.local = s[1];
            w.done = s[2];
            w.count = s[3];
            w.loss = Double.longBitsToDouble(s[4]);
            w.rng.restore(c.longs("rng/" + i));
        }
        long[] e = c.longs("epoch_start");
        t.epochCount = e[0];
        t.epochLoss = Double.longBitsToDouble(e[1]);
    }

    private static void copy(Tensor from, float[] to) {
        if (from.size() != to.length) {
            throw new IllegalArgumentException("checkpoint matrix has " + from.size() + " values, the model " + to.length
                    + "; the checkpoint is from a different model");
        }
        System.arraycopy(from.data(), 0, to, 0, to.length);
    }
}
