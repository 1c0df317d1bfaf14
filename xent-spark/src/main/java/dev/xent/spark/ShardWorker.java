// A partition's half of synchronous data-parallel training, kept per executor JVM: its shard task and its step.
package dev.xent.spark;

import dev.xent.tensor.Tensor;
import dev.xent.train.Gradients;
import dev.xent.train.ShardStep;
import dev.xent.train.TrainTask;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The first task of a run on a partition builds the worker from the partition's rows (the shard task: the
 * single-machine task code over that shard) and keeps it in a JVM-wide map keyed by run and partition, so the rows
 * are encoded once and a carried state (an RNN's hidden state) moves on from step to step. A step copies the
 * broadcast weights into the shard's model, starts the epoch when it changed ({@code beginEpoch}), and takes the
 * weighted gradient of the batch ({@link ShardStep}); a partition with no batch of that index gives the zero.
 *
 * <p>Retries: a task Spark runs again for a step this worker already took (its first attempt failed after the step)
 * gets the same result, not a second step; a task that failed inside the step left the carried state as it was,
 * since ShardStep moves it on only after a successful backward. A retry on another executor builds a new worker from
 * the partition's rows: its carried state (an RNN's hidden state) and its dropout generator start afresh there.
 */
final class ShardWorker {
    private static final ConcurrentMap<String, ShardWorker> WORKERS = new ConcurrentHashMap<>();

    private final TrainTask task;
    private final ShardStep step;
    private int epoch = -1;
    private long lastKey = -1;
    private Gradients last;

    private ShardWorker(TrainTask task) {
        this.task = task;
        this.step = new ShardStep(task.model());
    }

    /** This JVM's worker of partition {@code p} of run {@code run}, built from {@code rows} on first use. */
    static <T> ShardWorker get(String run, int p, int partitions, Iterator<T> rows, SyncTraining.ShardFactory<T> f) {
        return WORKERS.computeIfAbsent(run + "/" + p, k -> {
            List<T> list = new ArrayList<>();
            rows.forEachRemaining(list::add);
            return new ShardWorker(f.build(p, partitions, list));
        });
    }

    static void release(String run, int p) {
        WORKERS.remove(run + "/" + p);
    }

    /** Drops every worker of this JVM: what losing the executor does to them (for tests). */
    static void clear() {
        WORKERS.clear();
    }

    /** How many workers this JVM holds (for tests). */
    static int count() {
        return WORKERS.size();
    }

    synchronized int batches(int e) {
        return task.batches(e);
    }

    /** The weighted gradient of batch {@code b} of epoch {@code e} at {@code weights} (the driver's, by name). */
    synchronized Gradients step(int e, int b, Map<String, float[]> weights) {
        long key = ((long) e << 32) | b;
        if (key == lastKey) return last;
        Map<String, Tensor> own = task.model().stateDict();
        if (!own.keySet().equals(weights.keySet())) {
            throw new IllegalStateException("the shard's model has the weights " + own.keySet() + ", the driver's "
                    + weights.keySet() + "; the shard factory must build the driver's architecture");
        }
        for (Map.Entry<String, Tensor> t : own.entrySet()) {
            float[] w = weights.get(t.getKey());
            if (w.length != t.getValue().size()) {
                throw new IllegalStateException("weight '" + t.getKey() + "' has " + t.getValue().size()
                        + " values on the shard and " + w.length + " on the driver; build both from the same settings");
            }
            System.arraycopy(w, 0, t.getValue().data(), 0, w.length);
        }
        if (e != epoch) {
            task.beginEpoch(e);
            epoch = e;
        }
        Gradients g = b < task.batches(e) ? step.run(task, e, b) : Gradients.zero(task.model());
        lastKey = key;
        last = g;
        return g;
    }
}
