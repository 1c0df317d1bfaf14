// Synchronous data-parallel training on Spark: the driver runs the one training loop; per step every partition takes
// the gradient of its shard of the global batch (ShardStep), a treeAggregate sums them, the driver's optimizer steps.
package dev.xent.spark;

import dev.xent.nn.Module;
import dev.xent.tensor.Tensor;
import dev.xent.train.Checkpointing;
import dev.xent.train.Gradients;
import dev.xent.train.History;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver's {@link TrainTask}: handed to {@code Trainer} with the driver's model and optimizer, so epochs,
 * clipping, penalties, the optimizer, schedules, validation, best-model choice, early stopping and the guards are
 * the single-machine loop's. Its {@link #loss} is one Spark job: the current weights go out in one broadcast; on
 * each partition a {@link ShardWorker} (built once per executor JVM from the partition's rows by the
 * {@link ShardFactory}: the existing task code over that shard) copies them into its model and takes its batch's
 * gradient times the batch's loss weight; {@code treeAggregate} sums these, and {@link Gradients#asLoss} gives the
 * loop the loss whose backward deposits Σ w_p g_p / Σ w_p — the gradient of the union of the partitions' batches.
 *
 * <p>Semantics: step b of epoch e is the union of batch b of every partition's plan (a partition with fewer
 * batches sits the last steps out); the epoch has as many steps as the longest plan. With H = 1 (an update every
 * step, all this does) that is exact synchronous SGD on those global batches: the weights equal a single-machine
 * run over the same global batches up to the order of float sums. Only the driver holds optimizer state; workers
 * hold weights only for the length of a step.
 */
final class SyncTraining implements TrainTask {

    /** Builds a partition's shard task from its rows, on an executor: once per JVM and partition, then reused. */
    interface ShardFactory<T> extends Serializable {
        TrainTask build(int partition, int partitions, List<T> rows);
    }

    /** One step's figures on the driver: wall seconds, bytes of weights broadcast and of gradients summed. */
    public record Step(long step, int epoch, int batch, double seconds, long bytesBroadcast, long bytesCollected,
                       double loss, long units) {}

    private final JavaRDD<?> data;
    private final Module model;
    private final String unit;
    private final Supplier<Map<String, Double>> validate;
    private final Selection selection;
    private final Consumer<Step> listener;
    private final String run = UUID.randomUUID().toString();
    private final Map<Integer, Integer> batches = new HashMap<>();
    private final Job job;
    private long steps, lastUnits;

    /**
     * @param data      the training rows, persisted by the caller (each step reads every partition)
     * @param model     the driver's model: the one the loop updates and the workers copy
     * @param validate  the driver's validation (its own data), or null for none
     * @param selection which epoch's weights to keep, or null for the last
     */
    <T> SyncTraining(JavaRDD<T> data, ShardFactory<T> factory, Module model, String unit,
                     Supplier<Map<String, Double>> validate, Selection selection, Consumer<Step> listener) {
        this.data = data;
        this.model = model;
        this.unit = unit;
        this.validate = validate;
        this.selection = selection;
        this.listener = listener == null ? s -> {} : listener;
        this.job = new Job(data, factory, run, data.getNumPartitions());
    }

    @Override
    public Module model() {
        return model;
    }

    /** The longest partition's plan for {@code epoch} (one small job per epoch; kept). */
    @Override
    public int batches(int epoch) {
        return batches.computeIfAbsent(epoch, job::batches);
    }

    @Override
    public Tensor loss(int epoch, int batch) {
        long start = System.nanoTime();
        Map<String, float[]> weights = new LinkedHashMap<>();
        long sent = 0;
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            float[] w = java.util.Arrays.copyOf(e.getValue().data(), e.getValue().size());   // the loop updates in place
            weights.put(e.getKey(), w);
            sent += 4L * w.length;
        }
        Gradients sum = job.step(epoch, batch, weights, Gradients.zero(model));
        lastUnits = sum.units();
        steps++;
        listener.accept(new Step(steps, epoch, batch, (System.nanoTime() - start) * 1e-9, sent, sum.bytes(),
                sum.meanLoss(), sum.units()));
        return sum.asLoss(model);
    }

    @Override
    public long units(int epoch, int batch) {
        return lastUnits;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public Map<String, Double> validate() {
        return validate == null ? Map.of() : validate.get();
    }

    @Override
    public Selection selection() {
        return selection;
    }

    @Override
    public Map<String, Object> fingerprint() {
        return Map.of("partitions", data.getNumPartitions());
    }

    /**
     * Trains through the one loop with {@code optimizer}: from the start, or with {@code resume} from the newest
     * checkpoint in {@code checkpointDir} (a driver-local directory; "" for no checkpoints), written every
     * {@code every} steps and at epoch ends. A checkpoint holds the driver's state (weights, optimizer moments,
     * position, history, best epoch); the shards carry none across it (see docs/spark.md), then drops the workers.
     */
    History train(dev.xent.optim.Optimizer optimizer, TrainOptions.Builder options, String checkpointDir, long every,
                  boolean resume) {
        if (checkpointDir.isEmpty() && resume) {
            throw new IllegalArgumentException("resume needs checkpointDir: the directory the interrupted run wrote its "
                    + "checkpoints to");
        }
        if (!checkpointDir.isEmpty()) {
            options.checkpointing(Checkpointing.to(java.nio.file.Path.of(checkpointDir)).everySteps(every));
        }
        try {
            Trainer t = new Trainer(this, optimizer);
            return resume ? t.resume(options.build()) : t.fit(options.build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot resume from " + checkpointDir + ": " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /** Drops this run's shard workers from the executors that ran its last job (others are dropped with the JVM). */
    void release() {
        String id = run;
        data.foreachPartition(rows -> ShardWorker.release(id, org.apache.spark.TaskContext.getPartitionId()));
    }

    /** The Spark side: serializable, holds no driver state but the run's id. */
    private record Job(JavaRDD<?> data, ShardFactory<?> factory, String run, int partitions) {

        int batches(int epoch) {
            @SuppressWarnings("unchecked") JavaRDD<Object> rows = (JavaRDD<Object>) data;
            @SuppressWarnings("unchecked") ShardFactory<Object> f = (ShardFactory<Object>) factory;
            String id = run;
            int parts = partitions;
            List<Integer> counts = rows.mapPartitionsWithIndex((p, it) ->
                    List.of(ShardWorker.get(id, p, parts, it, f).batches(epoch)).iterator(), false).collect();
            int max = 0;
            for (int c : counts) max = Math.max(max, c);
            return max;
        }

        Gradients step(int epoch, int batch, Map<String, float[]> weights, Gradients zero) {
            @SuppressWarnings("unchecked") JavaRDD<Object> rows = (JavaRDD<Object>) data;
            @SuppressWarnings("unchecked") ShardFactory<Object> f = (ShardFactory<Object>) factory;
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
            Broadcast<Map<String, float[]>> w = jsc.broadcast(weights);
            String id = run;
            int parts = partitions;
            try {
                return rows.mapPartitionsWithIndex((p, it) -> {
                    List<Gradients> out = new ArrayList<>(1);
                    out.add(ShardWorker.get(id, p, parts, it, f).step(epoch, batch, w.value()));
                    return out.iterator();
                }, false).treeAggregate(zero, Gradients::add, Gradients::add);
            } finally {
                w.destroy(false);
            }
        }
    }
}
