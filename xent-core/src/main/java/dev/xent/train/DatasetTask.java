// A Keras-style fit as a TrainTask: a Dataset cut into (shuffled) batches, a forward pass, a loss and metrics.
package dev.xent.train;

import dev.xent.autograd.GradMode;
import dev.xent.nn.Module;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Epoch e visits the examples in the order {@link #order}(n, options, e) (identity, or a permutation fixed by
 * (seed, e)), in batches of batchSize; the epoch logs get "val_loss" and "val_&lt;metric&gt;" from the validation
 * data, and the metrics on the training set when metricsOnTrain. What {@link Trainer#fit(Dataset, FitOptions)}
 * trains.
 */
public final class DatasetTask implements TrainTask {
    private final Module model;
    private final Forward forward;
    private final LossFn lossFn;
    private final Dataset train;
    private final FitOptions options;
    private int[] order;
    private int orderEpoch = -1;

    public DatasetTask(Module model, Forward forward, LossFn lossFn, Dataset train, FitOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.lossFn = Objects.requireNonNull(lossFn, "lossFn");
        this.options = Objects.requireNonNull(options, "options");
        if (train == null || train.size() == 0) throw new IllegalArgumentException("the training data is empty");
        if (options.dropLast() && train.size() < options.batchSize()) {
            throw new IllegalArgumentException("dropLast with batchSize " + options.batchSize() + " leaves no batch of the "
                    + train.size() + " training examples; lower the batch size");
        }
        this.train = train;
    }

    @Override
    public Module model() {
        return model;
    }

    @Override
    public int batches(int epoch) {
        int n = train.size(), bs = options.batchSize();
        return options.dropLast() ? n / bs : (n + bs - 1) / bs;
    }

    @Override
    public Tensor loss(int epoch, int b) {
        int[] idx = order(epoch);
        int from = b * options.batchSize(), to = Math.min(idx.length, from + options.batchSize());
        Batch batch = train.batch(idx, from, to);
        return lossFn.apply(forward.apply(batch), batch);
    }

    @Override
    public long units(int epoch, int b) {
        int from = b * options.batchSize();
        return Math.min(train.size(), from + options.batchSize()) - from;
    }

    @Override
    public Map<String, Double> validate() {
        Map<String, Double> logs = new LinkedHashMap<>();
        if (options.metricsOnTrain()) {
            Map<String, Double> m = evaluate(model, forward, lossFn, train, options.evalBatch(), options.metrics());
            m.remove("loss");                       // the epoch's "loss" stays the mean training step loss
            logs.putAll(m);
        }
        if (options.validation() != null) {
            evaluate(model, forward, lossFn, options.validation(), options.evalBatch(), options.metrics())
                    .forEach((k, v) -> logs.put("val_" + k, v));
        }
        return logs;
    }

    @Override
    public Map<String, Rng> rngs() {
        return options.rngs();
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("batchSize", options.batchSize());
        f.put("shuffle", options.shuffle());
        f.put("seed", options.seed());
        f.put("dropLast", options.dropLast());
        f.put("training examples", train.size());
        return f;
    }

    private int[] order(int epoch) {
        if (epoch != orderEpoch) {
            order = order(train.size(), options, epoch);
            orderEpoch = epoch;
        }
        return order;
    }

    /** The visiting order of epoch {@code epoch}: identity, or a permutation fixed by (seed, epoch). */
    static int[] order(int n, FitOptions o, int epoch) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (o.shuffle()) {
            // a generator per epoch, seeded by a mix of (seed, epoch): the order needs no saved state
            long mixed = new Rng(o.seed() ^ 0x5DEECE66DL * (epoch + 1)).nextLong();
            new Rng(mixed).shuffle(idx);
        }
        return idx;
    }

    /**
     * Evaluates on {@code data} in eval mode without recording a graph: "loss" (the batch losses weighted by
     * batch size; NaN for unlabelled data) and each metric by its name. Restores the previous train/eval mode.
     */
    static Map<String, Double> evaluate(Module model, Forward forward, LossFn lossFn, Dataset data, int batchSize,
                                        List<Metric> metrics) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
        for (Metric m : metrics) m.reset();
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        int n = data.size(), labelled = 0;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        try (GradMode.Scope g = GradMode.off(); Workspace ws = Workspace.open()) {
            for (int from = 0; from < n; from += batchSize) {
                if (from > 0) ws.reopen();
                int to = Math.min(n, from + batchSize);
                Batch batch = data.batch(idx, from, to);
                Tensor out = forward.apply(batch);
                if (batch.hasTargets()) {
                    lossSum += (double) lossFn.apply(out, batch).item() * (to - from);
                    labelled += to - from;
                }
                for (Metric m : metrics) m.update(out, batch);
                ws.close();
            }
        } finally {
            if (wasTraining) model.train();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", labelled == 0 ? Double.NaN : lossSum / labelled);
        for (Metric m : metrics) out.put(m.name(), m.result());
        return out;
    }
}
