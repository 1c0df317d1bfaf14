// Adam (L2 weight decay in the gradient) and, with decoupled decay, AdamW; optional AMSGrad.
package dev.xent.optim;

import dev.xent.kernel.AdamStep;
import dev.xent.kernel.Kernels;
import dev.xent.nn.Parameter;

import java.util.List;

/**
 * torch.optim.Adam (1.13), per element, with g = gradient and t the parameter's step count:
 * <pre>
 *   g ← g + wd·w                      (Adam: L2 decay in the gradient)
 *   w ← w·(1 − lr·wd)                 (AdamW instead: decoupled decay, applied before the update)
 *   m ← β1·m + (1−β1)·g
 *   v ← β2·v + (1−β2)·g²
 *   v̂ ← max(v̂, v) if AMSGrad, else v
 *   w ← w − (lr / (1−β1^t)) · m / (√v̂ / √(1−β2^t) + ε)
 * </pre>
 * The element loop is the kernel {@link dev.xent.kernel.VecOps#adam} (Vector API, or the scalar reference under
 * {@code -Dxent.kernels=scalar}: the same bits either way).
 */
public class Adam extends Optimizer {
    private final boolean decoupled;
    private double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    private boolean amsgrad;

    /** Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0);
    }

    public Adam(List<Parameter> params, double lr, double weightDecay) {
        this(params, lr, weightDecay, false);
    }

    protected Adam(List<Parameter> params, double lr, double weightDecay, boolean decoupled) {
        super(params, lr, weightDecay);
        this.decoupled = decoupled;
    }

    /** Decay rates of the first and second moment estimates, each in [0, 1). Returns this. */
    public Adam betas(double b1, double b2) {
        if (!(b1 >= 0 && b1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1); got " + b1);
        if (!(b2 >= 0 && b2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1); got " + b2);
        this.beta1 = b1;
        this.beta2 = b2;
        return this;
    }

    /** The term added to the denominator for stability (≥ 0; PyTorch default 1e-8). Returns this. */
    public Adam eps(double e) {
        if (!(e >= 0)) throw new IllegalArgumentException("eps must be >= 0; got " + e);
        this.eps = e;
        return this;
    }

    /** AMSGrad: divide by the running maximum of v. Returns this. */
    public Adam amsgrad(boolean on) {
        checkNotStarted("amsgrad");
        this.amsgrad = on;
        return this;
    }

    @Override
    protected final List<String> slots() {
        return amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected final void update(float[] w, int off, float[] g, int gOff, int n, float[][] slots, StepInfo info) {
        Kernels.vec().adam(coefficients(info), w, slots[0], slots[1], amsgrad ? slots[2] : null, off, g, gOff, n);
    }

    /** A StepInfo and its coefficients: the rows of a sparse gradient (one update call each) share them. */
    private record Coefficients(StepInfo info, AdamStep step) {}

    /** The last computed; immutable, so a thread racing with the writer reads a whole one, and checks its info. */
    private Coefficients last;

    private AdamStep coefficients(StepInfo info) {
        Coefficients c = last;
        if (c == null || c.info() != info) {
            double t = info.step();
            c = new Coefficients(info, new AdamStep((float) beta1, (float) (1 - beta1), (float) beta2,
                    (float) (1 - beta2), (float) Math.sqrt(1 - Math.pow(beta2, t)), (float) eps,
                    (float) (info.lr() / (1 - Math.pow(beta1, t))), (float) info.weightDecay(), decoupled,
                    (float) (1 - info.lr() * info.weightDecay())));
            last = c;
        }
        return c.step();
    }
}
