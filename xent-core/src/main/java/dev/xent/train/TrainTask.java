// What a task gives the one training loop: its model, its batches, the loss of a batch, its validation score.
package dev.xent.train;

import dev.xent.nn.Module;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.Map;

/**
 * A task (classify, tag, lm, a Keras-style {@link Dataset} fit) is a model, a batch plan, a loss and a metric;
 * {@link Trainer} owns everything else: the step (backward, clipping, the optimizer), the position, checkpoints
 * and exact resume, budgets, the guards, learning-rate callbacks, metric records and the best-model choice.
 *
 * <p>Determinism contract, which exact resume rests on: the plan of epoch e ({@link #batches}, and which
 * examples {@link #loss}{@code (e, b)} reads) must follow from the task's settings and e alone; every random
 * draw during training comes from a generator in {@link #rngs()}; any other state carried from one step to the
 * next (an RNN's hidden state) is returned by {@link #state()} and put back by {@link #restore}.
 */
public interface TrainTask {

    /** The module whose parameters are trained; its state dict is what checkpoints and best-model copies hold. */
    Module model();

    /** Number of batches in epoch {@code epoch} (0-based), at least 1. */
    int batches(int epoch);

    /**
     * The loss of batch {@code batch} of epoch {@code epoch}: a one-element tensor (a mean) built from the
     * model's parameters. Called in train mode inside the step's workspace; the loop backpropagates it.
     */
    Tensor loss(int epoch, int batch);

    /** Called before batch 0 of an epoch (not when a resumed run re-enters an epoch midway). */
    default void beginEpoch(int epoch) {}

    /** Called after the update of the step whose loss {@link #loss} built last (e.g. to keep a carried state). */
    default void endStep() {}

    /** How many {@link #unit()}s batch {@code batch} of epoch {@code epoch} holds, for throughput (0: unknown). */
    default long units(int epoch, int batch) {
        return 0;
    }

    /**
     * The count the mean loss of batch {@code batch} of epoch {@code epoch} divides by (its examples, its scored
     * tokens, or the sum of its class weights). Data-parallel training weighs each shard's gradient by it
     * ({@link Gradients}), so that the shards' batches together train as their union would in one batch. Default 1:
     * the shards' mean losses averaged with equal weights (exact when they are means over equally many items).
     */
    default double lossWeight(int epoch, int batch) {
        return 1;
    }

    /** What {@link #units} counts: "examples", "tokens", "sentences". */
    default String unit() {
        return "examples";
    }

    /**
     * Scores the model on held-out data, in eval mode without a graph (the loop restores train mode after).
     * Keys are the epoch-log names, validation scores prefixed "val_" ("val_loss", "val_accuracy"); empty when
     * the task has no validation data.
     */
    default Map<String, Double> validate() {
        return Map.of();
    }

    /** The metric that picks the best model, or null to keep the last one; a {@link TrainOptions} choice wins. */
    default Selection selection() {
        return null;
    }

    /** Generators drawn from during training (dropout masks, sampling), by name: checkpoints save their state. */
    default Map<String, Rng> rngs() {
        return Map.of();
    }

    /** State carried between steps besides weights, optimizer and generators (an RNN's hidden state). */
    default TaskState state() {
        return TaskState.EMPTY;
    }

    /** Puts back what {@link #state()} returned when the checkpoint was written. */
    default void restore(TaskState saved) {}

    /**
     * The settings and data sizes that fix the batch plan (batch size, seed, examples...), by name. A checkpoint
     * written with other values is refused on resume, naming the setting, since the data order would differ.
     */
    default Map<String, Object> fingerprint() {
        return Map.of();
    }
}
