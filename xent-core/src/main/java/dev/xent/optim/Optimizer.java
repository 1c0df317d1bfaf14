// Base of the optimizers: walks the parameters, keeps per-parameter state, and calls the subclass's update.
package dev.xent.optim;

import dev.xent.kernel.Parallel;
import dev.xent.nn.Parameter;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Template for first-order optimizers. A subclass declares its state slots (each a float array the size
 * of the parameter, e.g. Adam's "exp_avg" and "exp_avg_sq") and writes one element-range update; this
 * class does the rest: state allocation on first use, the per-parameter step count, weight decay only for
 * parameters whose {@link Parameter#decay()} is set, sparse gradients, zeroing gradients, and state export.
 *
 * <p><b>Which parameters step.</b> As in PyTorch, a parameter without a gradient (never backpropagated
 * into) is skipped and its step count does not advance. A zeroed dense gradient still counts: momentum
 * and moment estimates decay on that step.
 *
 * <p><b>Sparse gradients (lazy updates).</b> A parameter that has only a row-sparse gradient
 * ({@link Tensor#sparseGrad()}, e.g. an embedding table) is updated row by row, only on the rows present:
 * the update rule is exactly the dense one applied to those rows, and the state of the other rows (moments,
 * momentum buffers) is left as it is rather than decayed. For plain SGD and Adagrad this equals the dense
 * update (an absent row has gradient 0 and would not move); for momentum SGD, Adam and RMSprop it is the
 * "lazy" variant. Lazy Adam keeps one step count per parameter for bias correction (as torch SparseAdam),
 * but unlike torch SparseAdam it uses Adam's own eps placement (eps added after bias correction). A
 * parameter holding both a dense and a sparse gradient (a tied embedding) takes one dense step on their sum.
 */
public abstract class Optimizer {
    private static final int PARALLEL_CHUNK = 1 << 16;

    private final List<Parameter> params;
    private final float[][][] state;     // [param][slot] -> array of the parameter's size; null until first step
    private final long[] steps;          // per-parameter step count (advances when the parameter has a gradient)
    private double lr;
    private final double weightDecay;

    /** The values an update needs besides the arrays. {@code step} is the parameter's count, 1 on its first update. */
    protected record StepInfo(double lr, double weightDecay, long step) {}

    protected Optimizer(List<Parameter> params, double lr, double weightDecay) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter; got none. "
                    + "Pass model.namedParameters() or Parameter.of(tensors...)");
        }
        Set<String> names = new HashSet<>();
        Set<Tensor> tensors = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : params) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two parameters are named '" + p.name() + "'; names must be unique "
                        + "(they key the optimizer state)");
            }
            if (!tensors.add(p.tensor())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is listed twice (same tensor); "
                        + "it would be updated twice per step");
            }
        }
        checkNonNegative("lr", lr);
        checkNonNegative("weightDecay", weightDecay);
        this.params = List.copyOf(params);
        this.state = new float[params.size()][][];
        this.steps = new long[params.size()];
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    protected static void checkNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0; got " + v);
        }
    }

    /** Options change the state layout, so they are fixed once any parameter has stepped. */
    protected final void checkNotStarted(String option) {
        for (float[][] s : state) {
            if (s != null) {
                throw new IllegalStateException(option + " must be set before the first step(); create a new "
                        + getClass().getSimpleName() + " to change it");
            }
        }
    }

    // ---------------------------------------------------------------- what subclasses write

    /** Names of the state slots, each a float array shaped like the parameter (empty for plain SGD). */
    protected abstract List<String> slots();

    /** Initial values of the slots; zeros unless overridden (Adagrad's initial accumulator). */
    protected void initState(float[][] slots) {}

    /**
     * Updates {@code w[off, off+n)} in place from the gradient {@code g[gOff, gOff+n)}; the slot arrays are
     * indexed like {@code w} (same {@code off}). {@code info.weightDecay()} is 0 for parameters excluded
     * from decay. Ranges of one parameter may run concurrently on different threads: touch only [off, off+n).
     */
    protected abstract void update(float[] w, int off, float[] g, int gOff, int n, float[][] slots, StepInfo info);

    // ---------------------------------------------------------------- the step

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Tensor t = p.tensor();
            Tensor g = t.grad();
            SparseRows sg = t.sparseGrad();
            boolean sparse = sg != null && sg.count() > 0;
            if (g == null && !sparse) continue;
            if (state[i] == null) state[i] = newState(t.size());
            steps[i]++;
            StepInfo info = new StepInfo(lr, p.decay() ? weightDecay : 0, steps[i]);
            float[] w = t.data();
            if (g != null) {
                float[] gd = g.data();
                if (sparse) {                    // tied table: dense step on dense + sparse
                    gd = Arrays.copyOf(gd, t.size());
                    sg.addTo(gd);
                }
                float[] grad = gd;
                float[][] st = state[i];
                // elements are independent: large tensors are split over the kernel threads
                Parallel.forRange(t.size(), PARALLEL_CHUNK, (from, to) -> update(w, from, grad, from, to - from, st, info));
            } else {
                int cols = sg.cols();
                float[] vals = sg.values();
                for (int s = 0; s < sg.count(); s++) update(w, sg.rowId(s) * cols, vals, s * cols, cols, state[i], info);
            }
        }
    }

    private float[][] newState(int size) {
        List<String> names = slots();
        float[][] s = new float[names.size()][size];
        initState(s);
        return s;
    }

    /** Clears the gradients of every parameter this optimizer updates. */
    public final void zeroGrad() {
        for (Parameter p : params) p.tensor().zeroGrad();
    }

    public final double lr() {
        return lr;
    }

    /** Sets the learning rate for the next steps (schedules call this). */
    public final void setLr(double lr) {
        checkNonNegative("lr", lr);
        this.lr = lr;
    }

    public final double weightDecay() {
        return weightDecay;
    }

    public final List<Parameter> parameters() {
        return params;
    }

    /** The step count of parameter {@code index} (0 before its first update). */
    public final long stepCount(int index) {
        return steps[index];
    }

    // ---------------------------------------------------------------- state export / import

    /**
     * The optimizer state as tensors: "&lt;param&gt;.&lt;slot&gt;" shaped like the parameter, and
     * "&lt;param&gt;.step" as a one-element tensor (exact up to 2^24 steps). Parameters that have not
     * stepped yet are absent. Values are copies. The learning rate is not included: read {@link #lr()}.
     */
    public final Map<String, Tensor> stateDict() {
        return state(true);
    }

    /**
     * As {@link #stateDict()}, the slots as views of the live state instead of copies: for writing a checkpoint at
     * once (a copy of Adam's two moments of a 16 M parameter word LM is 128 MB of heap for the length of the write).
     * The views change with the next step.
     */
    public final Map<String, Tensor> stateView() {
        return state(false);
    }

    private Map<String, Tensor> state(boolean copy) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> names = slots();
        for (int i = 0; i < params.size(); i++) {
            if (state[i] == null) continue;
            Parameter p = params.get(i);
            out.put(p.name() + ".step", Tensor.scalar(steps[i]));
            for (int k = 0; k < names.size(); k++) {
                out.put(p.name() + "." + names.get(k), Tensor.of(copy ? state[i][k].clone() : state[i][k], p.tensor().shape()));
            }
        }
        return out;
    }

    /** Restores state written by {@link #stateDict()} of an optimizer of the same kind over the same parameters. */
    public final void loadStateDict(Map<String, Tensor> saved) {
        List<String> names = slots();
        List<String> unknown = new ArrayList<>(saved.keySet());
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Tensor step = saved.get(p.name() + ".step");
            unknown.remove(p.name() + ".step");
            if (step == null) {
                state[i] = null;
                steps[i] = 0;
                continue;
            }
            float[][] s = new float[names.size()][];
            for (int k = 0; k < names.size(); k++) {
                String key = p.name() + "." + names.get(k);
                Tensor t = saved.get(key);
                unknown.remove(key);
                if (t == null) {
                    throw new IllegalArgumentException("optimizer state has '" + p.name() + ".step' but no '" + key
                            + "'; was it saved by a " + getClass().getSimpleName() + " with the same options?");
                }
                if (!Arrays.equals(t.shape(), p.tensor().shape())) {
                    throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + Shapes.str(t.shape())
                            + " but parameter '" + p.name() + "' has shape " + Shapes.str(p.tensor().shape()));
                }
                s[k] = t.toArray();
            }
            state[i] = s;
            steps[i] = (long) step.item();
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("optimizer state has entries for no parameter or slot of this "
                    + getClass().getSimpleName() + ": " + unknown);
        }
    }
}
