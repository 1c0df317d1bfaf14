package dev.xent.tensor;

import dev.xent.autograd.Backward;
import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Parallel;
import dev.xent.ops.F;

import java.util.Arrays;

/**
 * A float32 tensor: a contiguous row-major array with a shape, plus what reverse-mode autodiff needs
 * (whether it requires a gradient, its gradient, and the node that produced it).
 *
 * <p>Leaves with {@code requiresGrad} are parameters: their gradient persists and accumulates across
 * {@link #backward()} calls until {@link #zeroGrad()}. Tensors produced by ops hold a {@link Node}; the
 * graph of a step is dropped after backward, so parameters outlive it without keeping it alive.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;
    private final int size;

    private boolean requiresGrad;
    private Tensor grad;
    private SparseRows sparseGrad;
    private Node node;
    private String name;

    // Scratch tensors remember the workspace step they belong to, so stale use is caught.
    private final Workspace workspace;
    private final int generation;

    private Tensor(float[] data, int[] shape, Workspace workspace) {
        this.shape = shape.clone();
        this.size = Shapes.size(this.shape);
        if (data.length < size) {
            throw new IllegalArgumentException("data has " + data.length + " floats; shape " + Shapes.str(shape)
                    + " needs " + size);
        }
        this.data = data;
        this.workspace = workspace;
        this.generation = workspace == null ? 0 : workspace.generation();
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}; data.length must equal its size. */
    public static Tensor of(float[] data, int... shape) {
        if (data.length != Shapes.size(shape)) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + Shapes.size(shape) + " elements)");
        }
        return new Tensor(data, shape, null);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), new int[] {values.length}, null);
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0], null);
    }

    /** A heap tensor of zeros (never from a workspace: use for persistent state). */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], shape, null);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.size(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape, null);
    }

    /** 0, 1, ..., n-1 as floats. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return new Tensor(d, new int[] {n}, null);
    }

    /** start, start+step, ... below end. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || (end - start) / step < 0) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step
                    + ") is empty or infinite; step must move start towards end");
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(d, new int[] {n}, null);
    }

    /**
     * An op's output buffer: from the open {@link Workspace} if there is one, else the heap. Its contents
     * are unspecified: the caller must write every element.
     */
    public static Tensor scratch(int... shape) {
        Workspace ws = Workspace.current();
        if (ws == null) return new Tensor(new float[Shapes.size(shape)], shape, null);
        return new Tensor(ws.take(Shapes.size(shape)), shape, ws);
    }

    /** Like {@link #scratch} but filled with zeros. */
    public static Tensor scratchZeros(int... shape) {
        Tensor t = scratch(shape);
        if (t.workspace != null) {   // a reused array: zeroed over the kernel threads (a step's gradients, MBs each)
            float[] d = t.data;
            Parallel.forRange(t.size, ZERO_CHUNK, (from, to) -> Arrays.fill(d, from, to, 0f));
        }
        return t;
    }

    private static final int ZERO_CHUNK = 1 << 17;   // floats (512 KB) per thread at least

    // ---------------------------------------------------------------- shape and data

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    /**
     * The backing array, row-major from index 0 (it may be longer than {@link #size()} for no reason a
     * caller should rely on). Kernels read and write it directly.
     */
    public float[] data() {
        return data;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        checkLive();
        if (size != 1) {
            throw new IllegalStateException("item() needs a tensor with one element; this one has shape "
                    + Shapes.str(shape) + ". Reduce it first, e.g. with sum() or mean()");
        }
        return data[0];
    }

    /** The element at the given indices (one per dimension). */
    public float get(int... idx) {
        checkLive();
        return data[flatIndex(idx)];
    }

    public void set(float value, int... idx) {
        data[flatIndex(idx)] = value;
    }

    private int flatIndex(int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("got " + idx.length + " indices for a tensor of rank " + shape.length
                    + " (shape " + Shapes.str(shape) + ")");
        }
        int f = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + idx[i] + " is out of range for dimension " + i
                        + " of shape " + Shapes.str(shape));
            }
            f = f * shape[i] + idx[i];
        }
        return f;
    }

    /** A heap copy of the values (size elements). */
    public float[] toArray() {
        checkLive();
        return Arrays.copyOf(data, size);
    }

    /** A heap copy with no graph and no gradient. */
    public Tensor copy() {
        checkLive();
        return new Tensor(Arrays.copyOf(data, size), shape, null);
    }

    /** The same data with no graph: gradients do not flow back through the result. */
    public Tensor detach() {
        return new Tensor(data, shape, workspace);
    }

    /** A view of the same data with another shape of equal size (no graph: use the reshape op for that). */
    public Tensor view(int... newShape) {
        if (Shapes.size(newShape) != size) {
            throw new IllegalArgumentException("cannot view shape " + Shapes.str(shape) + " (" + size
                    + " elements) as " + Shapes.str(newShape) + " (" + Shapes.size(newShape) + " elements)");
        }
        return new Tensor(data, newShape, workspace);
    }

    private void checkLive() {
        if (workspace != null && !workspace.isLive(generation)) {
            throw new IllegalStateException("this tensor (shape " + Shapes.str(shape) + ") belongs to a workspace "
                    + "step that has closed, and its buffer was recycled. Read what you need (item(), copy()) "
                    + "before the workspace closes");
        }
    }

    /** True if this tensor's buffer came from a workspace. */
    public boolean isScratch() {
        return workspace != null;
    }

    // ---------------------------------------------------------------- autograd

    /** Marks this tensor as a leaf that needs a gradient (a parameter). Returns this. */
    public Tensor requiresGrad(boolean on) {
        if (node != null && !on) {
            throw new IllegalStateException("cannot turn off requiresGrad on a tensor produced by an op; use detach()");
        }
        this.requiresGrad = on;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for tensors not produced by a recorded op. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The accumulated dense gradient, or null if none has been computed. */
    public Tensor grad() {
        return grad;
    }

    /** The accumulated row-sparse gradient (embedding tables with sparse gradients), or null. */
    public SparseRows sparseGrad() {
        return sparseGrad;
    }

    /**
     * The gradient buffer to add into, created as zeros on first use. Leaves get a heap buffer that
     * persists; intermediate tensors get scratch.
     */
    public Tensor gradForAccumulation() {
        if (grad == null) {
            grad = isLeaf() ? zeros(shape) : scratchZeros(shape);
        }
        return grad;
    }

    /**
     * True when this is an intermediate (produced by an op) with no gradient yet: the next contribution is the
     * first, and an op that can write it whole (a GEMM with beta 0) may take {@link #gradForOverwrite} instead of
     * adding into zeros. Leaves never qualify: their gradient persists and accumulates.
     */
    public boolean gradUnset() {
        return grad == null && node != null;
    }

    /**
     * A gradient buffer from scratch, not zeroed, when {@link #gradUnset()}: the caller must write every element
     * (it becomes this tensor's gradient, to which later contributions add).
     */
    public Tensor gradForOverwrite() {
        if (!gradUnset()) {
            throw new IllegalStateException("gradForOverwrite: this tensor " + (grad != null ? "already has a gradient"
                    : "is a leaf") + "; add into gradForAccumulation() instead (check gradUnset() first)");
        }
        grad = scratch(shape);
        return grad;
    }

    /**
     * Hands this tensor's gradient buffer to {@code x} as x's gradient, for a backward whose contribution to x is
     * the upstream gradient itself (a reshape, a residual's skip path): done when x is an intermediate with no
     * gradient yet ({@link #gradUnset}) of the same size, saving a zeroed buffer and a pass that adds. This tensor
     * holds no gradient afterwards (the backward engine has consumed it). Returns false, doing nothing,
     * otherwise: then add as usual.
     */
    public boolean passGradTo(Tensor x) {
        if (grad == null || x == this || !x.gradUnset() || x.size != size) return false;
        x.grad = grad.view(x.shape);
        grad = null;
        return true;
    }

    /** The sparse-row gradient buffer to add into; this tensor must be 2-D. */
    public SparseRows sparseGradForAccumulation() {
        if (shape.length != 2) {
            throw new IllegalStateException("a sparse row gradient needs a 2-D tensor; got shape " + Shapes.str(shape));
        }
        if (sparseGrad == null) sparseGrad = new SparseRows(shape[0], shape[1]);
        return sparseGrad;
    }

    /** Clears the gradient (dense values set to zero, sparse rows forgotten). */
    public void zeroGrad() {
        if (grad != null) {                 // a parameter's gradient is MBs: zeroed over the kernel threads
            float[] d = grad.data;
            Parallel.forRange(grad.size, ZERO_CHUNK, (from, to) -> Arrays.fill(d, from, to, 0f));
        }
        if (sparseGrad != null) sparseGrad.clear();
    }

    /**
     * Drops the gradient buffer entirely (used by the backward engine for intermediates, once the
     * gradient has been consumed). A gradient lent by a workspace in its current step goes back to that
     * workspace at once, so the rest of the backward pass reuses it: a step's peak memory then holds the
     * gradients still in flight, not every gradient of the step. The dropped gradient must not be read.
     */
    public void clearGrad() {
        if (grad != null && grad.workspace != null && grad.workspace.isLive(grad.generation)) {
            grad.workspace.giveBack(grad.data);
        }
        grad = null;
    }

    public Node node() {
        return node;
    }

    /**
     * Records that an op produced this tensor. Ops call this only when {@link GradMode#needsGrad} says an
     * input requires a gradient.
     */
    public Tensor withNode(Node producer) {
        this.node = producer;
        this.requiresGrad = true;
        return this;
    }

    /** Drops the producing node (the backward engine does this to free the graph). */
    public void dropNode() {
        this.node = null;
    }

    /** Backpropagates from this scalar: d(this)/d(x) is added into every leaf x that requires a gradient. */
    public void backward() {
        Backward.run(this, null, false);
    }

    /** Backpropagates with an explicit upstream gradient of this tensor's shape. */
    public void backward(Tensor gradient) {
        Backward.run(this, gradient, false);
    }

    /** A name for error messages and parameter listings (optional). */
    public Tensor named(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- fluent ops (see dev.xent.ops.F)

    public Tensor add(Tensor other) { return F.add(this, other); }
    public Tensor sub(Tensor other) { return F.sub(this, other); }
    public Tensor mul(Tensor other) { return F.mul(this, other); }
    public Tensor div(Tensor other) { return F.div(this, other); }
    public Tensor add(float c) { return F.add(this, c); }
    public Tensor mul(float c) { return F.mul(this, c); }
    public Tensor neg() { return F.neg(this); }
    /** this (M, K) · other (K, N) */
    public Tensor matmul(Tensor other) { return F.matmul(this, other); }
    public Tensor sum() { return F.sum(this); }
    public Tensor mean() { return F.mean(this); }
    public Tensor sum(int axis, boolean keepDim) { return F.sum(this, axis, keepDim); }
    public Tensor mean(int axis, boolean keepDim) { return F.mean(this, axis, keepDim); }
    public Tensor relu() { return F.relu(this); }
    public Tensor sigmoid() { return F.sigmoid(this); }
    public Tensor tanh() { return F.tanh(this); }
    public Tensor exp() { return F.exp(this); }
    public Tensor log() { return F.log(this); }
    public Tensor softmax(int axis) { return F.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return F.logSoftmax(this, axis); }
    public Tensor reshape(int... newShape) { return F.reshape(this, newShape); }
    public Tensor transpose(int axis0, int axis1) { return F.transpose(this, axis0, axis1); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape));
        if (name != null) sb.append(" '").append(name).append('\'');
        if (workspace != null && !workspace.isLive(generation)) return sb.append(" <recycled>").toString();
        sb.append(" [");
        int show = Math.min(size, 8);
        for (int i = 0; i < show; i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[i]);
        }
        if (size > show) sb.append(", ...");
        sb.append(']');
        if (node != null) sb.append(" grad_fn=").append(node.op());
        else if (requiresGrad) sb.append(" requires_grad");
        return sb.toString();
    }
}
