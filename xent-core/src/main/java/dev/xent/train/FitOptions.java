// Keras's fit(...) arguments: the loop's options plus batching, shuffling, validation data and metrics.
package dev.xent.train;

import dev.xent.tensor.Rng;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@link Trainer#fit(Dataset, FitOptions)}: how to batch a {@link Dataset} and what to measure
 * ({@link DatasetTask}), plus the loop's own {@link TrainOptions}. Built with {@link #builder()}:
 * <pre>{@code
 * FitOptions.builder().epochs(10).batchSize(32).shuffle(42).validation(valid)
 *         .metrics(Metrics.accuracy()).callbacks(EarlyStopping.minimize("val_loss").patience(3))
 *         .clipNorm(1.0).build()
 * }</pre>
 *
 * @param loop          epochs, budgets, clipping, penalties, callbacks, listeners, checkpoints, selection, stop
 * @param batchSize     examples per step (>= 1); the last batch of an epoch may be smaller unless dropLast
 * @param shuffle       whether each epoch visits the examples in a new order drawn from (seed, epoch)
 * @param seed          the shuffling seed: the order of epoch e depends only on seed and e
 * @param dropLast      skip the final partial batch of each epoch
 * @param validation    data evaluated after each epoch ("val_loss", "val_&lt;metric&gt;"), or null
 * @param metrics       metrics computed on the validation data (and on the training data if metricsOnTrain)
 * @param metricsOnTrain also evaluate the metrics on the whole training set after each epoch (costs a pass)
 * @param evalBatchSize batch size for evaluation (0: the training batch size)
 * @param rngs          generators the model draws from (dropout masks), by name: checkpoints save their state
 */
public record FitOptions(TrainOptions loop, int batchSize, boolean shuffle, long seed, boolean dropLast,
                         Dataset validation, List<Metric> metrics, boolean metricsOnTrain, int evalBatchSize,
                         Map<String, Rng> rngs) {

    public FitOptions {
        if (loop == null) throw new IllegalArgumentException("loop options must not be null");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
        if (evalBatchSize < 0) throw new IllegalArgumentException("evalBatchSize must be >= 0 (0: batchSize); got " + evalBatchSize);
        metrics = List.copyOf(metrics);
        rngs = Map.copyOf(rngs);
        if (metricsOnTrain && metrics.isEmpty()) {
            throw new IllegalArgumentException("metricsOnTrain needs at least one metric; add one with metrics(...)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() {
        return loop.epochs();
    }

    public long maxSteps() {
        return loop.maxSteps();
    }

    public double clipNorm() {
        return loop.clipNorm();
    }

    public List<Callback> callbacks() {
        return loop.callbacks();
    }

    public List<ProgressListener> listeners() {
        return loop.listeners();
    }

    /** These options with another validation set (cross-validation's held-out fold). */
    public FitOptions withValidation(Dataset data) {
        return new FitOptions(loop, batchSize, shuffle, seed, dropLast, data, metrics, metricsOnTrain, evalBatchSize, rngs);
    }

    /** These options with {@code more} metrics after their own (duplicates dropped). */
    public FitOptions withMetrics(List<Metric> first) {
        List<Metric> all = new java.util.ArrayList<>(first);
        for (Metric m : metrics) if (!all.contains(m)) all.add(m);
        return new FitOptions(loop, batchSize, shuffle, seed, dropLast, validation, all, metricsOnTrain, evalBatchSize, rngs);
    }

    /** The batch size evaluation uses. */
    int evalBatch() {
        return evalBatchSize > 0 ? evalBatchSize : batchSize;
    }

    /** Builder with Keras's defaults: 1 epoch, batch 32, no shuffling, no validation; loop options as TrainOptions'. */
    public static final class Builder {
        private final TrainOptions.Builder loop = TrainOptions.builder();
        private int batchSize = 32, evalBatchSize;
        private boolean shuffle, dropLast, metricsOnTrain;
        private long seed;
        private Dataset validation;
        private final List<Metric> metrics = new java.util.ArrayList<>();
        private final Map<String, Rng> rngs = new LinkedHashMap<>();

        public Builder epochs(int n) { loop.epochs(n); return this; }

        public Builder batchSize(int n) { batchSize = n; return this; }

        /** Shuffle each epoch with an order determined by {@code seed} and the epoch number. */
        public Builder shuffle(long seed) { shuffle = true; this.seed = seed; return this; }

        public Builder dropLast(boolean on) { dropLast = on; return this; }

        public Builder validation(Dataset data) { validation = data; return this; }

        public Builder metrics(Metric... ms) { metrics.addAll(List.of(ms)); return this; }

        public Builder metricsOnTrain(boolean on) { metricsOnTrain = on; return this; }

        public Builder evalBatchSize(int n) { evalBatchSize = n; return this; }

        public Builder callbacks(Callback... cs) { loop.callbacks(cs); return this; }

        public Builder listeners(ProgressListener... ls) { loop.listeners(ls); return this; }

        public Builder clipNorm(double v) { loop.clipNorm(v); return this; }

        public Builder clipValue(double v) { loop.clipValue(v); return this; }

        public Builder l1(double lambda) { loop.l1(lambda); return this; }

        public Builder l2(double lambda) { loop.l2(lambda); return this; }

        public Builder maxSteps(long n) { loop.maxSteps(n); return this; }

        public Builder maxSeconds(double s) { loop.maxSeconds(s); return this; }

        public Builder checkpointing(Checkpointing c) { loop.checkpointing(c); return this; }

        /** Keep the weights of the best epoch by this choice (e.g. {@code Selection.minimize("val_loss")}). */
        public Builder selection(Selection s) { loop.selection(s); return this; }

        public Builder stop(StopSignal s) { loop.stop(s); return this; }

        public Builder validateAtStart(boolean on) { loop.validateAtStart(on); return this; }

        /** A generator the model uses (e.g. for dropout): its state goes into checkpoints under {@code name}. */
        public Builder rng(String name, Rng rng) {
            if (name == null || rng == null) throw new IllegalArgumentException("rng name and generator must not be null");
            rngs.put(name, rng);
            return this;
        }

        public FitOptions build() {
            return new FitOptions(loop.build(), batchSize, shuffle, seed, dropLast, validation, metrics, metricsOnTrain,
                    evalBatchSize, rngs);
        }
    }
}
