// One optimisation step for custom loops: forward and loss (yours), then backward, clip, update, zero grads.
package dev.xent.train;

import dev.xent.loss.NonFiniteInputException;
import dev.xent.nn.Parameter;
import dev.xent.optim.GradClip;
import dev.xent.optim.Optimizer;
import dev.xent.optim.Regularization;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The GradientTape-style step of the seed programs, in one call:
 *
 * <pre>{@code
 * TrainStep step = new TrainStep(optimizer).clipNorm(1.0);
 * for (Batch b : batches) {
 *     float loss = step.run(() -> CrossEntropy.of(model.forward(b.inputs()), b.targetIds()));
 * }
 * }</pre>
 *
 * {@link #run} evaluates the supplier (forward and loss) inside a step-scoped {@link Workspace}, adds the
 * L1/L2 penalties if set, reads the loss value, backpropagates, measures the global gradient norm, clips
 * (by norm and/or value), applies the optimizer and zeroes the gradients. The workspace is re-opened each
 * step and closed at its end, so once the shapes repeat the step allocates no new activation buffers; every
 * tensor made inside is recycled when {@code run} returns (read what you need inside the supplier).
 *
 * <p>A NaN or infinite loss, or gradient norm, throws {@link NonFiniteLossException} before the optimizer
 * runs: the weights stay those of the previous step. Single-threaded: use one TrainStep per thread.
 */
public final class TrainStep implements AutoCloseable {
    private final Optimizer optimizer;
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> decayed;
    private final Workspace workspace;
    private double clipNorm, clipValue, l1, l2;
    private double lastGradNorm = Double.NaN;
    private long steps;

    public TrainStep(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        for (Parameter p : optimizer.parameters()) params.add(p.tensor());
        this.decayed = Regularization.decayed(optimizer.parameters());
        this.workspace = Workspace.open();
        workspace.close();
    }

    /** Rescales gradients whose global L2 norm exceeds {@code maxNorm} (0 = off). Returns this. */
    public TrainStep clipNorm(double maxNorm) {
        this.clipNorm = nonNegative("clipNorm", maxNorm);
        return this;
    }

    /** Clamps each gradient element to [−v, v] (0 = off). Returns this. */
    public TrainStep clipValue(double v) {
        this.clipValue = nonNegative("clipValue", v);
        return this;
    }

    /** Adds λ·Σ|w| over the weights with decay on (not biases, not norm gains) to the loss. Returns this. */
    public TrainStep l1(double lambda) {
        this.l1 = nonNegative("l1", lambda);
        return this;
    }

    /** Adds (λ/2)·Σw² over the weights with decay on to the loss. Returns this. */
    public TrainStep l2(double lambda) {
        this.l2 = nonNegative("l2", lambda);
        return this;
    }

    private static double nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0 (0 turns it off); got " + v);
        }
        return v;
    }

    /**
     * Runs one step; returns the loss value (penalties included). {@code forwardAndLoss} must return a
     * one-element tensor built from the parameters this step's optimizer updates.
     */
    public float run(Supplier<Tensor> forwardAndLoss) {
        workspace.reopen();
        try {
            Tensor loss;
            try {
                loss = forwardAndLoss.get();
            } catch (NonFiniteInputException e) {   // the model's output diverged before the loss
                throw new NonFiniteLossException(steps + 1, -1, -1, e.quantity(), e.value());
            }
            if (loss == null || loss.size() != 1) {
                throw new IllegalArgumentException("the step's loss must be a one-element tensor; got "
                        + (loss == null ? "null" : loss) + ". Use a MEAN or SUM reduction");
            }
            if (l1 > 0 || l2 > 0) loss = withPenalties(loss);
            float value = loss.item();
            if (!Float.isFinite(value)) throw new NonFiniteLossException(steps + 1, -1, -1, "loss", value);
            loss.backward();
            lastGradNorm = GradClip.clipGradNorm(params, clipNorm > 0 ? clipNorm : Double.POSITIVE_INFINITY);
            if (!Double.isFinite(lastGradNorm)) {
                throw new NonFiniteLossException(steps + 1, -1, -1, "gradient norm", lastGradNorm);
            }
            if (clipValue > 0) GradClip.clipGradValue(params, clipValue);
            optimizer.step();
            steps++;
            return value;
        } finally {
            optimizer.zeroGrad();   // also after a failure, so a retry starts from clean gradients
            workspace.close();
        }
    }

    private Tensor withPenalties(Tensor loss) {
        if (l1 > 0 && l2 > 0) return Regularization.add(loss, Regularization.l1(l1, decayed), Regularization.l2(l2, decayed));
        return Regularization.add(loss, l1 > 0 ? Regularization.l1(l1, decayed) : Regularization.l2(l2, decayed));
    }

    /** The global L2 norm of the gradients of the last step, before clipping (NaN before the first step). */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** Steps applied by this TrainStep. */
    public long steps() {
        return steps;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Bytes of new scratch arrays the step workspace has allocated so far (flat once the step is warm). */
    public long workspaceBytes() {
        return workspace.bytesAllocated();
    }

    @Override
    public void close() {
        workspace.close();
    }
}
