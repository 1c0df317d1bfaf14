// The one training loop's front door: fit a TrainTask (every xent task) or a Dataset (Keras's model.fit).
package dev.xent.train;

import dev.xent.io.Checkpoints;
import dev.xent.nn.Module;
import dev.xent.optim.Optimizer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a {@link TrainTask} with an optimizer: the task supplies batches, the loss, its validation scores and
 * any carried state; the trainer owns the step (backward, clipping, penalties, the update, in a reused step
 * workspace), the position, checkpoints and exact resume, budgets (steps, seconds), callbacks (learning-rate
 * schedules, early stopping), progress records, the choice of the best epoch's model, and the guards:
 *
 * <pre>{@code
 * History h = new Trainer(task, new Adam(task.model().namedParameters(), 1e-3)).fit(TrainOptions.builder()
 *         .epochs(10).clipNorm(5).checkpointing(Checkpointing.to(dir).everySteps(200)).build());
 * }</pre>
 *
 * Keras's {@code model.fit} is the same loop over a {@link Dataset} ({@link DatasetTask}):
 * <pre>{@code
 * Trainer trainer = new Trainer(model, b -> model.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()),
 *         new Adam(model.namedParameters(), 1e-3));
 * History h = trainer.fit(train, FitOptions.builder().epochs(10).batchSize(32).shuffle(42)
 *         .validation(valid).metrics(Metrics.accuracy()).build());
 * }</pre>
 *
 * <p><b>Guards.</b> A NaN or infinite loss or gradient norm (or a non-finite weight found when a checkpoint is
 * due) stops training at once with {@link NonFiniteLossException}, naming the step and the last finite loss;
 * the model is put back to the last good state (the best epoch's weights, else the newest checkpoint's). A
 * {@link StopSignal} stops at the next step boundary with a checkpoint and {@link TrainingInterruptedException}.
 *
 * <p><b>Exact resume.</b> {@link #resume} continues from the newest checkpoint that verifies, with the same
 * weights, optimizer moments and rate, generators, carried task state, callback states, best epoch and history:
 * with the same options, data and kernel thread count, the result is bit-identical to a run never interrupted.
 */
public final class Trainer {
    private final TrainTask task;
    private final Optimizer optimizer;
    private final Module model;
    private final Forward forward;
    private final LossFn lossFn;

    /** A trainer for a task; build the optimizer over {@code task.model().namedParameters()}. */
    public Trainer(TrainTask task, Optimizer optimizer) {
        this.task = Objects.requireNonNull(task, "task");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.model = task.model();
        this.forward = null;
        this.lossFn = null;
    }

    /** A Keras-style trainer: fit it on a {@link Dataset} with {@link #fit(Dataset, FitOptions)}. */
    public Trainer(Module model, Forward forward, LossFn lossFn, Optimizer optimizer) {
        this.task = null;
        this.model = Objects.requireNonNull(model, "model");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.lossFn = Objects.requireNonNull(lossFn, "lossFn");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** One-line form: {@code Trainer.fit(model, forward, loss, optimizer, train, options)}. */
    public static History fit(Module model, Forward forward, LossFn lossFn, Optimizer optimizer, Dataset train,
                              FitOptions options) {
        return new Trainer(model, forward, lossFn, optimizer).fit(train, options);
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Trains the task from its current weights; returns the history of this run. */
    public History fit(TrainOptions options) {
        return new TrainLoop(requireTask(), optimizer, Objects.requireNonNull(options, "options")).run(null);
    }

    /**
     * Continues the run whose checkpoints are in {@code options.checkpointing().dir()} (the newest one that
     * verifies; damaged newer ones are skipped). Build the task and optimizer as before and pass the same options.
     * A directory without a checkpoint is an error: call {@link #fit(TrainOptions)} to start a run.
     */
    public History resume(TrainOptions options) throws IOException {
        return new TrainLoop(requireTask(), optimizer, options).run(latest(options));
    }

    /** Keras's fit: trains on {@code train} as {@code options} say; returns the history of this run. */
    public History fit(Dataset train, FitOptions options) {
        return new TrainLoop(datasetTask(train, options), optimizer, options.loop()).run(null);
    }

    /** Continues a {@link #fit(Dataset, FitOptions)} run from its newest checkpoint (same data and options). */
    public History resume(Dataset train, FitOptions options) throws IOException {
        return new TrainLoop(datasetTask(train, options), optimizer, options.loop()).run(latest(options.loop()));
    }

    /**
     * Evaluates on {@code data} in eval mode without recording a graph: "loss" (the batch losses weighted by
     * batch size; NaN for unlabelled data) and each metric by its name. Restores the previous train/eval mode.
     */
    public Map<String, Double> evaluate(Dataset data, int batchSize, List<Metric> metrics) {
        if (forward == null) throw new IllegalStateException("evaluate(Dataset) needs a Keras-style trainer "
                + "(new Trainer(model, forward, lossFn, optimizer)); a task validates itself");
        return DatasetTask.evaluate(model, forward, lossFn, data, batchSize, metrics);
    }

    private TrainTask requireTask() {
        if (task == null) throw new IllegalStateException("this trainer was built for a Dataset: call fit(Dataset, FitOptions)");
        return task;
    }

    private DatasetTask datasetTask(Dataset train, FitOptions options) {
        Objects.requireNonNull(options, "options");
        if (forward == null) throw new IllegalStateException("this trainer was built for a task: call fit(TrainOptions)");
        return new DatasetTask(model, forward, lossFn, train, options);
    }

    private static Checkpoints.Loaded latest(TrainOptions options) throws IOException {
        Checkpointing c = options.checkpointing();
        if (c == null) {
            throw new IllegalArgumentException("resume needs the checkpoint directory: set checkpointing(Checkpointing.to(dir)) "
                    + "as when the run was started");
        }
        return c.store().latest().orElseThrow(() -> new IllegalArgumentException(
                "no checkpoint in " + c.dir() + " to resume from; start the run with fit()"));
    }
}
