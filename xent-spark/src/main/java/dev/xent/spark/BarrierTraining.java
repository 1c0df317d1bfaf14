// Synchronous data-parallel training in one barrier stage: every partition runs the one training loop over its
// shard; per step the weighted gradients are all-gathered and summed in partition order, and every worker applies
// the same optimizer step to its own copy of the model.
package dev.xent.spark;

import dev.xent.nn.Module;
import dev.xent.optim.Optimizer;
import dev.xent.tensor.Tensor;
import dev.xent.train.Callback;
import dev.xent.train.Gradients;
import dev.xent.train.ShardStep;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alternative to {@link SyncTraining} (per step a Spark job rooted at the driver): one Spark job for the whole
 * run, in barrier execution mode (all P tasks start together, or the stage waits). Each task builds its shard task
 * with the same {@link SyncTraining.ShardFactory}, loads the driver's initial weights and runs {@code Trainer} with its
 * own optimizer over a task whose {@code loss(e, b)} takes the shard's weighted gradient ({@link ShardStep}),
 * exchanges it with {@code BarrierTaskContext.allGather} (serialized, as text: Spark's barrier API carries strings,
 * relayed by the driver) and returns the sum in partition order as the loss ({@link Gradients#asLoss}). Every worker
 * thus applies the same update to the same weights: their copies stay equal without a broadcast, and the result
 * equals {@link SyncTraining}'s (for 2 partitions bit for bit: a sum of two floats does not depend on the order).
 *
 * <p>Limits: P task slots must be free at once; a failed task restarts the whole stage (Spark's barrier rule), so
 * the run starts over; the loop runs on the workers, so there is no per-epoch validation on the driver.
 */
final class BarrierTraining {
    private BarrierTraining() {}

    /** Builds a worker's optimizer over its model (the driver's choice: Adam, AdamW). */
    interface OptimizerFactory extends Serializable {
        Optimizer build(Module model);
    }

    /** Builds a worker's learning-rate callbacks (the driver's schedule; stateful, so one set per worker). */
    interface Schedule extends Serializable {
        List<Callback> callbacks();
    }

    /** What the run took on worker 0: steps, wall seconds, seconds inside allGather, bytes it sent per step. */
    record Summary(long steps, double seconds, double gatherSeconds, double bytesPerStep) implements Serializable {}

    /** What partition 0 returns: the trained weights and its summary. */
    record Result(Map<String, float[]> weights, Summary summary) implements Serializable {}

    /** Refuses what barrier mode cannot do: validation on the driver between steps, the driver loop's checkpoints. */
    static void check(boolean validation, String checkpointDir) {
        if (!checkpointDir.isEmpty()) {
            throw new IllegalArgumentException("checkpoints need sync \"aggregate\" (the driver's loop writes them). "
                    + "Fix: setSync(\"aggregate\") or no checkpointDir");
        }
        if (validation) {
            throw new IllegalArgumentException("validation data needs sync \"aggregate\" (the driver validates between "
                    + "steps); with \"barrier\" the workers run the loop. Fix: setSync(\"aggregate\")");
        }
    }

    /** Refuses H > 1 outside barrier mode (the aggregate mode sums the gradients every step). */
    static void checkSyncEvery(String sync, int every) {
        if (every > 1 && !sync.equals("barrier")) {
            throw new IllegalArgumentException("syncEvery " + every + " needs sync \"barrier\" (local SGD runs on the "
                    + "workers); sync \"" + sync + "\" sums the gradients every step. Fix: setSync(\"barrier\") or syncEvery 1");
        }
    }

    /**
     * Trains {@code model} (its weights are the start, and get the result) over {@code data}; loop options as given.
     * {@code every} = H: 1 sums the gradients every step (exact synchronous SGD); H > 1 lets each worker step on its
     * own shard's gradient and averages the weights every H steps and at the end (local SGD, parameter averaging).
     */
    static <T> Summary fit(JavaRDD<T> data, SyncTraining.ShardFactory<T> factory, Module model,
                           OptimizerFactory optimizer, int epochs, double clipNorm, long maxSteps, Schedule schedule,
                           int every) {
        Map<String, float[]> start = new LinkedHashMap<>();
        model.stateDict().forEach((k, t) -> start.put(k, java.util.Arrays.copyOf(t.data(), t.size())));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
        Broadcast<Map<String, float[]>> init = jsc.broadcast(start);
        try {
            if (every < 1) throw new IllegalArgumentException("syncEvery must be >= 1 (steps between exchanges); got " + every);
            Worker<T> w = new Worker<>(factory, init, optimizer, epochs, clipNorm, maxSteps, schedule, every,
                    data.getNumPartitions());
            List<Object> out = data.rdd().barrier().mapPartitions(w, false, ClassTag$.MODULE$.apply(Object.class))
                    .toJavaRDD().collect();
            Result r = (Result) out.get(0);
            Map<String, Tensor> own = model.stateDict();
            r.weights().forEach((k, v) -> System.arraycopy(v, 0, own.get(k).data(), 0, v.length));
            return r.summary();
        } finally {
            init.destroy(false);
        }
    }

    /** One barrier task: the loop over the all-reduced shard. Partition 0 returns a {@link Result}, the others nothing. */
    private static final class Worker<T> extends scala.runtime.AbstractFunction1<scala.collection.Iterator<T>,
            scala.collection.Iterator<Object>> implements Serializable {
        private final SyncTraining.ShardFactory<T> factory;
        private final Broadcast<Map<String, float[]>> init;
        private final OptimizerFactory optimizer;
        private final int epochs, every, partitions;
        private final double clipNorm;
        private final long maxSteps;
        private final Schedule schedule;

        Worker(SyncTraining.ShardFactory<T> factory, Broadcast<Map<String, float[]>> init, OptimizerFactory optimizer,
               int epochs, double clipNorm, long maxSteps, Schedule schedule, int every, int partitions) {
            this.factory = factory;
            this.init = init;
            this.optimizer = optimizer;
            this.epochs = epochs;
            this.clipNorm = clipNorm;
            this.maxSteps = maxSteps;
            this.schedule = schedule;
            this.every = every;
            this.partitions = partitions;
        }

        @Override
        public scala.collection.Iterator<Object> apply(scala.collection.Iterator<T> rows) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            int p = ctx.partitionId();
            List<T> list = new ArrayList<>();
            CollectionConverters.asJava(rows).forEachRemaining(list::add);
            TrainTask shard = factory.build(p, partitions, list);
            Map<String, Tensor> own = shard.model().stateDict();
            init.value().forEach((k, v) -> System.arraycopy(v, 0, own.get(k).data(), 0, v.length));
            AllReduced task = new AllReduced(shard, ctx, every);
            long start = System.nanoTime();
            List<Callback> callbacks = new ArrayList<>(schedule.callbacks());
            callbacks.add(task.averaging());
            new Trainer(task, optimizer.build(shard.model()))
                    .fit(TrainOptions.builder().epochs(epochs).clipNorm(clipNorm).maxSteps(maxSteps)
                            .callbacks(callbacks.toArray(Callback[]::new)).build());
            List<Object> out = new ArrayList<>(1);
            if (p == 0) {
                Map<String, float[]> w = new LinkedHashMap<>();
                own.forEach((k, t) -> w.put(k, java.util.Arrays.copyOf(t.data(), t.size())));
                long steps = Math.max(1, task.steps);
                out.add(new Result(w, new Summary(task.steps, (System.nanoTime() - start) * 1e-9,
                        task.gatherNanos * 1e-9, (double) task.bytesSent / steps)));
            }
            return CollectionConverters.asScala(out.iterator());
        }
    }

    /**
     * The shard's task with its gradient summed over all partitions each step (H = 1), or its own gradient with the
     * weights averaged over all partitions after every H-th update and at the end of the run (H > 1; as a callback).
     */
    private static final class AllReduced implements TrainTask {
        private final TrainTask shard;
        private final BarrierTaskContext ctx;
        private final ShardStep step;
        private final int every;
        private final Map<Integer, Integer> batches = new HashMap<>();
        private long units, steps, gatherNanos, bytesSent;

        AllReduced(TrainTask shard, BarrierTaskContext ctx, int every) {
            this.shard = shard;
            this.ctx = ctx;
            this.step = new ShardStep(shard.model());
            this.every = every;
        }

        @Override
        public Module model() {
            return shard.model();
        }

        /** The longest plan over the partitions (every worker must take the same number of steps). */
        @Override
        public int batches(int epoch) {
            return batches.computeIfAbsent(epoch, e -> {
                int max = 0;
                for (String s : ctx.allGather(String.valueOf(shard.batches(e)))) max = Math.max(max, Integer.parseInt(s));
                return max;
            });
        }

        @Override
        public void beginEpoch(int epoch) {
            shard.beginEpoch(epoch);
        }

        @Override
        public Tensor loss(int epoch, int b) {
            steps++;
            int own = shard.batches(epoch);
            if (every > 1) {   // a shard with fewer batches than the longest plan starts its plan again
                Gradients g = step.run(shard, epoch, b % own);
                units = g.units();
                return g.asLoss(shard.model());
            }
            Gradients g = b < own ? step.run(shard, epoch, b) : Gradients.zero(shard.model());
            Gradients sum = Gradients.zero(shard.model());
            for (String s : gather(encode(g))) sum.add(decode(s));
            units = sum.units();
            return sum.asLoss(shard.model());
        }

        /** The loop's hook for H > 1: the weights averaged after every H-th update and after the last. */
        Callback averaging() {
            return new Callback() {
                @Override
                public void onBatchEnd(dev.xent.train.TrainContext c, int epoch, int batch, float loss) {
                    if (every > 1 && steps % every == 0) average();
                }

                @Override
                public void onTrainEnd(dev.xent.train.TrainContext c) {
                    if (every > 1 && steps % every != 0) average();
                }
            };
        }

        /** Every worker's weights (and buffers) replaced by their mean, summed in partition order: the copies stay equal. */
        private void average() {
            Map<String, Tensor> own = shard.model().stateDict();
            float[][] mine = new float[own.size()][];
            int i = 0;
            for (Tensor t : own.values()) mine[i++] = t.data();
            float[][] sum = null;
            for (String s : gather(encode(mine))) {
                float[][] w = (float[][]) decodeObject(s);
                if (sum == null) {
                    sum = w;
                } else {
                    for (int k = 0; k < w.length; k++) for (int j = 0; j < w[k].length; j++) sum[k][j] += w[k][j];
                }
            }
            float scale = 1f / ctx.getTaskInfos().length;
            i = 0;
            for (Tensor t : own.values()) {
                float[] d = t.data(), m = sum[i++];
                for (int j = 0; j < t.size(); j++) d[j] = m[j] * scale;
            }
        }

        private String[] gather(String mine) {
            long t0 = System.nanoTime();
            String[] all = ctx.allGather(mine);
            gatherNanos += System.nanoTime() - t0;
            bytesSent += mine.length();
            return all;
        }

        @Override
        public long units(int epoch, int batch) {
            return units;
        }
    }

    private static String encode(Serializable g) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static Gradients decode(String s) {
        return (Gradients) decodeObject(s);
    }

    private static Object decodeObject(String s) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a worker's gradients or weights do not deserialize: " + e.getMessage(), e);
        }
    }
}
