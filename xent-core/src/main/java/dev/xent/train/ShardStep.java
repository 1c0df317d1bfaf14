// A data-parallel worker's half of a step: the gradient of its shard's batch, taken without updating the model.
package dev.xent.train;

import dev.xent.loss.NonFiniteInputException;
import dev.xent.nn.Module;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;

/**
 * What a worker of synchronous data-parallel training does per step, for the batch {@code (epoch, batch)} of its
 * shard's {@link TrainTask}: forward and loss (in train mode, in a step workspace reused across calls, as
 * {@link TrainStep}), backward, then the parameters' gradients are read out, weighted by
 * {@link TrainTask#lossWeight}, and zeroed; the task's {@code endStep} runs (its carried state moves on). No penalty,
 * clipping or update: the driver's loop applies those to the sum over shards ({@link Gradients#asLoss}), so that
 * the model copies on the workers and the driver stay one model.
 *
 * <pre>{@code
 * ShardStep step = new ShardStep(shardTask.model());        // one per shard, reused
 * Gradients g = step.run(shardTask, epoch, batch);          // then summed over shards: g.add(other)
 * }</pre>
 *
 * A non-finite loss, or a non-finite model output the loss refused, is not an error here: the result's loss is then
 * NaN or infinite, and the driver's loop stops with its divergence report, as on one machine. One thread at a time.
 */
public final class ShardStep implements AutoCloseable {
    private final Module model;
    private Workspace workspace;

    public ShardStep(Module model) {
        this.model = model;
    }

    /** The weighted gradient of batch {@code batch} of epoch {@code epoch} of {@code task}, whose model this step's is. */
    public Gradients run(TrainTask task, int epoch, int batch) {
        if (task.model() != model) {
            throw new IllegalArgumentException("this ShardStep takes the gradients of another model; make one per task");
        }
        double weight = task.lossWeight(epoch, batch);
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalStateException("the task gave batch " + batch + " of epoch " + (epoch + 1)
                    + " the loss weight " + weight + "; it must be a finite number > 0 (the count its mean is over)");
        }
        long units = task.units(epoch, batch);
        boolean wasTraining = model.isTraining();
        model.train();
        openWorkspace();
        try {
            Tensor loss;
            try {
                loss = task.loss(epoch, batch);
            } catch (NonFiniteInputException e) {   // the model's output diverged before the loss
                return Gradients.read(model, Float.NaN, weight, units);
            }
            if (loss == null || loss.size() != 1) {
                throw new IllegalArgumentException("the task's loss must be a one-element tensor; got "
                        + (loss == null ? "null" : loss) + ". Use a MEAN or SUM reduction");
            }
            float value = loss.item();
            if (!Float.isFinite(value)) return Gradients.read(model, value, weight, units);
            loss.backward();
            Gradients g = Gradients.read(model, value, weight, units);
            task.endStep();
            return g;
        } finally {
            model.zeroGrad();
            workspace.close();
            if (!wasTraining) model.eval();
        }
    }

    /**
     * Re-opens the step workspace (its buffers reused); a new one when this call nests differently from the last
     * (inside a driver's step in one process, or on another thread of a cluster's executor).
     */
    private void openWorkspace() {
        if (workspace != null) {
            try {
                workspace.reopen();
                return;
            } catch (IllegalStateException otherNesting) {
                workspace = null;
            }
        }
        workspace = Workspace.open();
    }

    @Override
    public void close() {
        workspace = null;
    }
}
