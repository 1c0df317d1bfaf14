// Synchronous data parallelism in one process: two shards' weighted gradients, summed, train as their union batch.
package dev.xent.train;

import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Module;
import dev.xent.ops.Arith;
import dev.xent.ops.Embedding;
import dev.xent.ops.MatMul;
import dev.xent.optim.Adam;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardStepTest {
    static final int V = 40, T = 5, D = 6, C = 3, N = 67;

    /** Bag of embeddings: mean over T of a sparse-gradient table (V, D), then (D, C) + bias; an unused parameter. */
    static final class Bag extends Module {
        final Tensor table, w, b, unused;

        Bag(long seed) {
            Rng r = new Rng(seed);
            table = parameter("table", Init.normal(r, 0, 0.5f, V, D));   // (V, D)
            w = parameter("w", Init.xavierUniform(r, D, C));             // (D, C)
            b = parameter("b", Tensor.zeros(C));                          // (C)
            unused = parameter("unused", Tensor.ones(4));
        }

        Tensor loss(int[][] ids, int[] y, int[] rows) {
            int[] flat = new int[rows.length * T], labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(ids[rows[i]], 0, flat, i * T, T);
                labels[i] = y[rows[i]];
            }
            Tensor e = Embedding.lookup(table, IntTensor.of(flat, rows.length, T), true, Embedding.NO_PADDING);
            Tensor h = e.mean(1, false);                                                    // (B, D)
            return CrossEntropy.of(Arith.biasAdd(MatMul.matmul(h, w), b), IntTensor.of(labels, rows.length));
        }

        float[] flat() {
            List<Float> out = new ArrayList<>();
            for (Tensor t : parameters()) for (float v : t.data()) out.add(v);
            float[] a = new float[out.size()];
            for (int i = 0; i < a.length; i++) a[i] = out.get(i);
            return a;
        }
    }

    /** Rows of the shared data set, batched as {@code plan(epoch)} says; the mean loss is over the batch's rows. */
    static final class BagTask implements TrainTask {
        final Bag model;
        final IntFunction<List<int[]>> plan;
        final boolean weighted;
        final int[][] ids;
        final int[] y;

        BagTask(Bag model, int[][] ids, int[] y, IntFunction<List<int[]>> plan, boolean weighted) {
            this.model = model;
            this.ids = ids;
            this.y = y;
            this.plan = plan;
            this.weighted = weighted;
        }

        @Override public Module model() { return model; }
        @Override public int batches(int epoch) { return plan.apply(epoch).size(); }
        @Override public Tensor loss(int epoch, int batch) { return model.loss(ids, y, plan.apply(epoch).get(batch)); }
        @Override public long units(int epoch, int batch) { return plan.apply(epoch).get(batch).length; }

        @Override
        public double lossWeight(int epoch, int batch) {
            return weighted ? plan.apply(epoch).get(batch).length : 1;
        }
    }

    /**
     * The driver of data-parallel training: the shards' models get the driver's weights, each takes its batch's
     * weighted gradient, and the sum is the driver's loss; a shard with fewer batches sits the last steps out.
     */
    static final class DriverTask implements TrainTask {
        final Bag model;
        final List<BagTask> shards;
        final List<ShardStep> steps = new ArrayList<>();

        DriverTask(Bag model, List<BagTask> shards) {
            this.model = model;
            this.shards = shards;
            for (BagTask s : shards) steps.add(new ShardStep(s.model));
        }

        @Override public Module model() { return model; }

        @Override
        public int batches(int epoch) {
            return shards.stream().mapToInt(s -> s.batches(epoch)).max().orElseThrow();
        }

        @Override
        public Tensor loss(int epoch, int batch) {
            Gradients sum = new Gradients(model.namedParameters().size());
            for (int s = 0; s < shards.size(); s++) {
                BagTask shard = shards.get(s);
                shard.model.loadStateDict(model.stateDict(), true);
                if (batch < shard.batches(epoch)) sum.add(steps.get(s).run(shard, epoch, batch));
            }
            return sum.asLoss(model);
        }
    }

    /** Rows [from, to) shuffled by (seed, epoch) and cut into batches of {@code size}. */
    static IntFunction<List<int[]>> shardPlan(int from, int to, int size) {
        return epoch -> {
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) rows[i] = from + i;
            new Rng(100 + epoch).shuffle(rows);
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < rows.length; i += size) {
                out.add(java.util.Arrays.copyOfRange(rows, i, Math.min(rows.length, i + size)));
            }
            return out;
        };
    }

    /** Batch b of the union: shard A's batch b followed by shard B's (when B has one). */
    static IntFunction<List<int[]>> union(IntFunction<List<int[]>> a, IntFunction<List<int[]>> b) {
        return epoch -> {
            List<int[]> pa = a.apply(epoch), pb = b.apply(epoch), out = new ArrayList<>();
            for (int k = 0; k < Math.max(pa.size(), pb.size()); k++) {
                int[] x = k < pa.size() ? pa.get(k) : new int[0], z = k < pb.size() ? pb.get(k) : new int[0];
                int[] u = java.util.Arrays.copyOf(x, x.length + z.length);
                System.arraycopy(z, 0, u, x.length, z.length);
                out.add(u);
            }
            return out;
        };
    }

    int[][] ids = new int[N][T];
    int[] y = new int[N];

    ShardStepTest() {
        Rng r = new Rng(5);
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(C);
            for (int t = 0; t < T; t++) ids[i][t] = r.nextInt(10) < 6 ? y[i] * 10 + r.nextInt(10) : 30 + r.nextInt(10);
        }
    }

    private static TrainOptions options() {
        return TrainOptions.builder().epochs(3).clipNorm(0.5).l2(1e-3).build();
    }

    /** Shards of 27 rows (batches of 3: 9 a epoch) and 40 rows (batches of 5: 8), trained data-parallel. */
    private History dataParallel(Bag driver, boolean weighted) {
        IntFunction<List<int[]>> a = shardPlan(0, 27, 3), b = shardPlan(27, N, 5);
        DriverTask task = new DriverTask(driver, List.of(new BagTask(new Bag(99), ids, y, a, weighted),
                new BagTask(new Bag(98), ids, y, b, weighted)));
        return new Trainer(task, new Adam(driver.namedParameters(), 0.05)).fit(options());
    }

    @Test
    void twoWeightedShardsTrainAsTheirUnionBatchOnOneMachine() {
        Bag single = new Bag(1), driver = new Bag(1);
        TrainTask union = new BagTask(single, ids, y, union(shardPlan(0, 27, 3), shardPlan(27, N, 5)), true);
        History ref = new Trainer(union, new Adam(single.namedParameters(), 0.05)).fit(options());
        History dp = dataParallel(driver, true);
        assertEquals(27, ref.steps());
        assertEquals(ref.steps(), dp.steps());
        float[] a = ref.stepLosses(), b = dp.stepLosses();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 2e-6 * Math.abs(a[i]), "step " + (i + 1));
        assertArrayEquals(single.flat(), driver.flat(), 1e-5f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, driver.unused.data(), "a parameter no shard used keeps no gradient");
        assertNull(driver.unused.grad());
        assertTrue(Math.abs(a[a.length - 1] - a[0]) > 0.05, "the run must learn: " + a[0] + " -> " + a[a.length - 1]);
    }

    @Test
    void equalShardWeightsAreNotTheUnionBatchWhenTheShardsBatchesDiffer() {   // the control: weights matter
        Bag single = new Bag(1), driver = new Bag(1);
        TrainTask union = new BagTask(single, ids, y, union(shardPlan(0, 27, 3), shardPlan(27, N, 5)), true);
        new Trainer(union, new Adam(single.namedParameters(), 0.05)).fit(options());
        dataParallel(driver, false);
        float[] a = single.flat(), b = driver.flat();
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        assertTrue(max > 1e-3, "max weight difference " + max);
    }

    /** The gradients {@code g.asLoss(m)} puts into m: the table's rows densified, w, b. */
    private static float[][] deposited(Bag m, Gradients g) {
        m.zeroGrad();
        g.asLoss(m).backward();
        float[] table = new float[V * D];
        m.table.sparseGrad().addTo(table);
        float[][] out = {table, m.w.grad().data().clone(), m.b.grad().data().clone()};
        m.zeroGrad();
        return out;
    }

    @Test
    void sumsMergeSparseRowsByIdAndCheckShapes() {
        Bag m = new Bag(3);
        ShardStep step = new ShardStep(m);
        BagTask t1 = new BagTask(m, ids, y, e -> List.of(new int[] {0, 1}), true);
        BagTask t2 = new BagTask(m, ids, y, e -> List.of(new int[] {2}), true);
        Gradients g1 = step.run(t1, 0, 0), g2 = step.run(t2, 0, 0);
        assertNull(m.table.grad());
        assertEquals(0, m.table.sparseGrad().count(), "gradients are zeroed after they are read");
        Gradients sum = new Gradients(4).add(g1).add(g2);
        assertEquals(3.0, sum.weight());
        assertEquals(2, sum.batches());
        assertEquals(3, sum.units());
        Gradients direct = step.run(new BagTask(m, ids, y, e -> List.of(new int[] {0, 1, 2}), true), 0, 0);
        float[][] viaSum = deposited(m, sum), viaUnion = deposited(m, new Gradients(4).add(direct));
        for (int k = 0; k < viaSum.length; k++) assertArrayEquals(viaUnion[k], viaSum[k], 1e-6f, "part " + k);
        assertEquals(direct.meanLoss(), sum.meanLoss(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new Gradients(3).add(g1));
        assertThrows(IllegalStateException.class, () -> new Gradients(4).asLoss(m));
        step.close();
    }
}
