// The gradients of batches of one model, weighted and summed (data-parallel shards), and handed to the loop as a loss.
package dev.xent.train;

import dev.xent.autograd.Node;
import dev.xent.nn.Module;
import dev.xent.nn.Parameter;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Data-parallel training in the engine's terms. Each worker holds a copy of the model and a shard of the data;
 * {@link ShardStep} takes the gradient g_p of its batch's mean loss L_p and multiplies it by the batch's weight
 * w_p ({@link TrainTask#lossWeight}: the count the mean is over). {@link #add} sums such values over the shards:
 * Σ w_p g_p, Σ w_p L_p and Σ w_p. Divided by Σ w_p that is the gradient (and the loss) of the mean over the union of
 * the shards' batches, which {@link #asLoss} hands to the one training loop: a one-element tensor whose value is
 * Σ w_p L_p / Σ w_p and whose backward adds Σ w_p g_p / Σ w_p into the model's parameters. The loop then does what
 * it does on one machine — penalties, clipping, the optimizer, schedules, checkpoints, the guards — on the union
 * batch's gradient.
 *
 * <p>Per parameter, by its position in {@code model.namedParameters()}: a dense gradient (or none), and a row-sparse
 * one (or none: an embedding table with sparse gradients), kept apart as the parameter holds them, so a lazy
 * optimizer updates exactly the rows the union batch touched and a parameter no shard backpropagated into stays
 * without a gradient. Rows are kept sorted by id. Serializable so a cluster runner can ship it.
 */
public final class Gradients implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[][] dense;      // [param] Σ w_p·(dense gradient), or null
    private final int[][] rows;         // [param] sorted row ids of Σ w_p·(sparse gradient), or null
    private final float[][] rowValues;  // [param] (rows.length, cols) row-major
    private final int[] cols;           // [param] row width of the sparse gradient
    private double lossSum, weight;
    private long units;
    private int batches;

    /** The zero of {@link #add} for a model with {@code parameters} parameters. */
    public Gradients(int parameters) {
        dense = new float[parameters][];
        rows = new int[parameters][];
        rowValues = new float[parameters][];
        cols = new int[parameters];
    }

    /** The zero of {@link #add} for {@code model} (its distinct parameters). */
    public static Gradients zero(Module model) {
        return new Gradients(distinct(model).size());
    }

    /**
     * Reads the gradients the parameters of {@code model} hold now (one batch's backward), times {@code weight}, with
     * the batch's mean {@code loss} and its {@code units} (for throughput). The parameters are not changed.
     */
    static Gradients read(Module model, float loss, double weight, long units) {
        List<Parameter> params = distinct(model);
        Gradients g = new Gradients(params.size());
        float w = (float) weight;
        for (int i = 0; i < params.size(); i++) {
            Tensor t = params.get(i).tensor();
            if (t.grad() != null) {
                float[] d = t.grad().data();
                float[] out = new float[t.size()];
                for (int k = 0; k < out.length; k++) out[k] = w * d[k];
                g.dense[i] = out;
            }
            SparseRows s = t.sparseGrad();
            if (s != null && s.count() > 0) {
                int n = s.count(), c = s.cols();
                Integer[] order = new Integer[n];
                for (int k = 0; k < n; k++) order[k] = k;
                Arrays.sort(order, (a, b) -> Integer.compare(s.rowId(a), s.rowId(b)));
                int[] ids = new int[n];
                float[] v = new float[n * c];
                for (int k = 0; k < n; k++) {
                    ids[k] = s.rowId(order[k]);
                    for (int j = 0; j < c; j++) v[k * c + j] = w * s.values()[order[k] * c + j];
                }
                g.rows[i] = ids;
                g.rowValues[i] = v;
                g.cols[i] = c;
            }
        }
        g.lossSum = weight * loss;
        g.weight = weight;
        g.units = units;
        g.batches = 1;
        return g;
    }

    /** Adds {@code other} (another shard's batch, or a sum of them) into this; returns this. */
    public Gradients add(Gradients other) {
        if (other.dense.length != dense.length) {
            throw new IllegalArgumentException("gradients of models with " + dense.length + " and " + other.dense.length
                    + " parameters cannot be summed; every shard must train the same model");
        }
        for (int i = 0; i < dense.length; i++) {
            if (other.dense[i] != null) {
                if (dense[i] == null) {
                    dense[i] = other.dense[i].clone();
                } else {
                    float[] a = dense[i], b = other.dense[i];
                    for (int k = 0; k < a.length; k++) a[k] += b[k];
                }
            }
            if (other.rows[i] != null) mergeRows(i, other.rows[i], other.rowValues[i], other.cols[i]);
        }
        lossSum += other.lossSum;
        weight += other.weight;
        units += other.units;
        batches += other.batches;
        return this;
    }

    /** Union of two sorted row lists; a row in both gets the sum. */
    private void mergeRows(int i, int[] ids, float[] values, int c) {
        if (rows[i] == null) {
            rows[i] = ids.clone();
            rowValues[i] = values.clone();
            cols[i] = c;
            return;
        }
        int[] a = rows[i];
        float[] av = rowValues[i];
        int[] out = new int[a.length + ids.length];
        float[] ov = new float[out.length * c];
        int x = 0, y = 0, n = 0;
        while (x < a.length || y < ids.length) {
            boolean fromA = y == ids.length || (x < a.length && a[x] <= ids[y]);
            boolean fromB = x == a.length || (y < ids.length && ids[y] <= a[x]);
            out[n] = fromA ? a[x] : ids[y];
            if (fromA) System.arraycopy(av, x++ * c, ov, n * c, c);
            if (fromB) {
                int base = y++ * c;
                for (int j = 0; j < c; j++) ov[n * c + j] += values[base + j];
            }
            n++;
        }
        rows[i] = Arrays.copyOf(out, n);
        rowValues[i] = Arrays.copyOf(ov, n * c);
    }

    /** Σ w_p L_p / Σ w_p: the mean loss of the union batch (NaN when nothing was added). */
    public double meanLoss() {
        return weight > 0 ? lossSum / weight : Double.NaN;
    }

    /** Σ w_p. */
    public double weight() {
        return weight;
    }

    /** The units (examples, tokens) of the batches summed, for throughput. */
    public long units() {
        return units;
    }

    /** How many batches were summed. */
    public int batches() {
        return batches;
    }

    /** Bytes of gradient values and row ids held (what a cluster ships for this sum, roughly). */
    public long bytes() {
        long n = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != null) n += 4L * dense[i].length;
            if (rows[i] != null) n += 4L * (rows[i].length + rowValues[i].length);
        }
        return n;
    }

    /**
     * The union batch's loss for the loop: value Σ w_p L_p / Σ w_p; its backward adds Σ w_p g_p / Σ w_p (times the
     * upstream gradient) into the parameters of {@code model}, dense and row-sparse parts as the shards had them.
     */
    public Tensor asLoss(Module model) {
        if (!(weight > 0)) {
            throw new IllegalStateException("no shard contributed a batch (total weight " + weight + "); a step needs "
                    + "at least one shard's gradient");
        }
        List<Parameter> params = distinct(model);
        if (params.size() != dense.length) {
            throw new IllegalArgumentException("these gradients are of a model with " + dense.length + " parameters; "
                    + "this one has " + params.size());
        }
        List<Tensor> inputs = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor t = params.get(i).tensor();
            if (dense[i] == null && rows[i] == null) continue;
            if (dense[i] != null && dense[i].length != t.size()) {
                throw new IllegalArgumentException("parameter '" + params.get(i).name() + "' has " + t.size()
                        + " values but its gradient " + dense[i].length + "; every shard must train the same model");
            }
            inputs.add(t);
            index.add(i);
        }
        Tensor loss = Tensor.scalar((float) meanLoss());
        double scale = 1 / weight;
        return loss.withNode(new Node("averaged gradients", inputs.toArray(Tensor[]::new)) {
            @Override
            public void backward(Tensor gradOutput) {
                float s = (float) (scale * gradOutput.data()[0]);
                for (int k = 0; k < index.size(); k++) {
                    int i = index.get(k);
                    Tensor t = inputs.get(k);
                    if (dense[i] != null) {
                        float[] g = t.gradForAccumulation().data(), d = dense[i];
                        for (int j = 0; j < d.length; j++) g[j] += s * d[j];
                    }
                    if (rows[i] != null) {
                        SparseRows out = t.sparseGradForAccumulation();
                        int c = cols[i];
                        float[] row = new float[c];
                        for (int r = 0; r < rows[i].length; r++) {
                            for (int j = 0; j < c; j++) row[j] = s * rowValues[i][r * c + j];
                            out.add(rows[i][r], row, 0);
                        }
                    }
                }
            }
        });
    }

    /** The parameters of {@code model} in order, a tensor registered under two names counted once. */
    private static List<Parameter> distinct(Module model) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : model.namedParameters()) if (seen.add(p.tensor())) out.add(p);
        return out;
    }
}
