// Shape ops: reshape, squeeze/unsqueeze, transpose/permute, concat, split and slice, each with its backward.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * Ops that move or regroup elements without arithmetic. Gradients move the same way back: reshape passes
 * the gradient through, permute applies the inverse permutation, concat/split/slice add each piece's
 * gradient into its own slice of the input.
 *
 * <p>Slicing along an axis views a row-major tensor as (outer, dim, inner), where outer is the product of
 * the dimensions before the axis and inner the product of those after: a slice [start, end) is then
 * {@code outer} contiguous runs of {@code (end - start) * inner} floats.
 */
public final class ShapeOps {
    private ShapeOps() {}

    // ---------------------------------------------------------------- reshape family

    /**
     * The same elements in a new shape (row-major order kept). One dimension may be -1: it is inferred.
     * The result shares x's data.
     */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] target = inferShape(x.shape(), shape);
        Tensor out = x.view(target);
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node("reshape", x) {
                @Override
                public void backward(Tensor g) {   // same element order: pass the gradient through
                    if (!x.requiresGrad() || out.passGradTo(x)) return;
                    float[] gx = x.gradForAccumulation().data();
                    Kernels.vec().add(gx, 0, g.data(), 0, gx, 0, x.size());
                }
            });
        }
        return out;
    }

    /** Resolves a single -1 in {@code shape} against the element count of {@code from}. */
    static int[] inferShape(int[] from, int[] shape) {
        int size = Shapes.size(from);
        int[] target = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + Shapes.str(from) + " to " + Shapes.str(shape)
                            + ": only one dimension may be -1 (inferred); got -1 at " + infer + " and " + i);
                }
                infer = i;
            } else if (target[i] < 0) {
                throw new IllegalArgumentException("reshape " + Shapes.str(from) + " to " + Shapes.str(shape)
                        + ": dimension " + i + " is " + target[i] + "; dimensions must be >= 0 or -1 (inferred)");
            } else {
                known *= target[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(from) + " (" + size
                        + " elements) to " + Shapes.str(shape) + ": the known dimensions multiply to " + known
                        + ", which does not divide " + size);
            }
            target[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.str(from) + " (" + size + " elements) to "
                    + Shapes.str(shape) + " (" + known + " elements); sizes must match");
        }
        return target;
    }

    /** Removes dimension {@code axis}, which must have size 1. */
    public static Tensor squeeze(Tensor x, int axis) {
        int[] s = x.shape();
        int a = Shapes.axis(axis, s);
        if (s[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shapes.str(s) + " has size "
                    + s[a] + "; only a dimension of size 1 can be removed");
        }
        int[] t = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != a) t[j++] = s[i];
        return reshape(x, t);
    }

    /** Removes every dimension of size 1. */
    public static Tensor squeeze(Tensor x) {
        return reshape(x, Arrays.stream(x.shape()).filter(d -> d != 1).toArray());
    }

    /** Inserts a dimension of size 1 at {@code axis}, in [-(rank+1), rank] (-1 appends). */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int[] s = x.shape();
        int r = s.length;
        int a = axis < 0 ? axis + r + 1 : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for shape "
                    + Shapes.str(s) + "; use an axis in [" + (-r - 1) + ", " + r + "]");
        }
        int[] t = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) t[i] = i == a ? 1 : s[j++];
        return reshape(x, t);
    }

    // ---------------------------------------------------------------- permutations

    /** Swaps two axes: out[..i..j..] = x[..j..i..]. */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        int[] s = x.shape();
        int a = Shapes.axis(axis0, s), b = Shapes.axis(axis1, s);
        int[] perm = new int[s.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** Reorders axes: out dimension i is x dimension axes[i] (as torch.permute). Copies the data. */
    public static Tensor permute(Tensor x, int... axes) {
        int[] s = x.shape();
        int r = s.length;
        if (axes.length != r) {
            throw new IllegalArgumentException("permute: got " + axes.length + " axes " + Arrays.toString(axes)
                    + " for shape " + Shapes.str(s) + " of rank " + r + "; give each axis exactly once");
        }
        int[] perm = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            perm[i] = Shapes.axis(axes[i], s);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " are not a permutation"
                        + " of 0.." + (r - 1) + " (axis " + axes[i] + " repeats) for shape " + Shapes.str(s));
            }
            seen[perm[i]] = true;
        }
        int[] outShape = new int[r];
        for (int i = 0; i < r; i++) outShape[i] = s[perm[i]];
        Tensor out = Tensor.scratch(outShape);
        permuteCopy(x.data(), s, perm, out.data(), false);
        if (GradMode.needsGrad(x)) {
            int[] inverse = new int[r];
            for (int i = 0; i < r; i++) inverse[perm[i]] = i;
            out.withNode(new Node("permute", x) {
                @Override
                public void backward(Tensor g) {   // g has outShape; the inverse permutation maps it back to s
                    if (x.requiresGrad()) permuteCopy(g.data(), outShape, inverse, x.gradForAccumulation().data(), true);
                }
            });
        }
        return out;
    }

    /**
     * dst[o] (=|+=) src[index of o] where dst has shape src-shape permuted by perm. Walks dst in row-major
     * order with an odometer; the src offset moves by srcStride[perm[d]] when output index d increments.
     */
    private static void permuteCopy(float[] src, int[] srcShape, int[] perm, float[] dst, boolean accumulate) {
        int r = srcShape.length;
        int size = Shapes.size(srcShape);
        if (size == 0) return;
        int[] srcStrides = Shapes.strides(srcShape);
        int[] step = new int[r], dims = new int[r];
        for (int d = 0; d < r; d++) {
            step[d] = srcStrides[perm[d]];
            dims[d] = srcShape[perm[d]];
        }
        int[] idx = new int[r];
        int inner = r == 0 ? 1 : dims[r - 1], innerStep = r == 0 ? 0 : step[r - 1];
        int srcOff = 0;
        for (int o = 0; o < size; o += inner) {
            // Innermost output dimension as a tight loop.
            if (accumulate) {
                for (int j = 0, s = srcOff; j < inner; j++, s += innerStep) dst[o + j] += src[s];
            } else {
                for (int j = 0, s = srcOff; j < inner; j++, s += innerStep) dst[o + j] = src[s];
            }
            for (int d = r - 2; d >= 0; d--) {   // advance the odometer over the outer dimensions
                idx[d]++;
                srcOff += step[d];
                if (idx[d] < dims[d]) break;
                srcOff -= step[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- concat, split, slice

    /** Joins tensors along {@code axis}; all other dimensions must match. */
    public static Tensor concat(int axis, Tensor... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("concat needs at least one tensor; got none");
        int[] first = xs[0].shape();
        int a = Shapes.axis(axis, first);
        int total = 0;
        for (int i = 0; i < xs.length; i++) {
            int[] s = xs[i].shape();
            boolean ok = s.length == first.length;
            for (int d = 0; ok && d < s.length; d++) ok = d == a || s[d] == first[d];
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + axis + ": tensor " + i + " has shape "
                        + Shapes.str(s) + " but tensor 0 has " + Shapes.str(first)
                        + "; every dimension except the axis must match");
            }
            total += s[a];
        }
        int[] outShape = first.clone();
        outShape[a] = total;
        int outer = outer(first, a), inner = inner(first, a);
        Tensor out = Tensor.scratch(outShape);
        float[] o = out.data();
        int rowOut = total * inner;                   // floats per outer index in the output
        for (int i = 0, start = 0; i < xs.length; start += xs[i].dim(a), i++) {
            int run = xs[i].dim(a) * inner;           // floats per outer index in tensor i
            float[] src = xs[i].data();
            for (int p = 0; p < outer; p++) System.arraycopy(src, p * run, o, p * rowOut + start * inner, run);
        }
        if (GradMode.needsGrad(xs)) {
            out.withNode(new Node("concat", xs.clone()) {
                @Override
                public void backward(Tensor g) {
                    VecOps vec = Kernels.vec();
                    float[] gd = g.data();
                    for (int i = 0, start = 0; i < xs.length; start += xs[i].dim(a), i++) {
                        if (!xs[i].requiresGrad()) continue;
                        int run = xs[i].dim(a) * inner;
                        float[] gx = xs[i].gradForAccumulation().data();
                        for (int p = 0; p < outer; p++) {
                            vec.add(gx, p * run, gd, p * rowOut + start * inner, gx, p * run, run);
                        }
                    }
                }
            });
        }
        return out;
    }

    /** x[..., start:end, ...] along {@code axis}, with 0 <= start <= end <= dim. Copies the data. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int[] s = x.shape();
        int a = Shapes.axis(axis, s);
        if (start < 0 || start > end || end > s[a]) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") of axis " + axis + " of shape "
                    + Shapes.str(s) + " is invalid; need 0 <= start <= end <= " + s[a]);
        }
        int outer = outer(s, a), inner = inner(s, a);
        int rowIn = s[a] * inner, run = (end - start) * inner;
        int[] outShape = s.clone();
        outShape[a] = end - start;
        Tensor out = Tensor.scratch(outShape);
        float[] xd = x.data(), o = out.data();
        for (int p = 0; p < outer; p++) System.arraycopy(xd, p * rowIn + start * inner, o, p * run, run);
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node("slice", x) {
                @Override
                public void backward(Tensor g) {   // add g into the slice it came from
                    if (!x.requiresGrad()) return;
                    VecOps vec = Kernels.vec();
                    float[] gx = x.gradForAccumulation().data(), gd = g.data();
                    for (int p = 0; p < outer; p++) {
                        int off = p * rowIn + start * inner;
                        vec.add(gx, off, gd, p * run, gx, off, run);
                    }
                }
            });
        }
        return out;
    }

    /** Splits x along {@code axis} into consecutive pieces of the given sizes, which must sum to the dim. */
    public static Tensor[] split(Tensor x, int axis, int... sizes) {
        int[] s = x.shape();
        int a = Shapes.axis(axis, s);
        long sum = 0;
        for (int n : sizes) {
            if (n < 0) {
                throw new IllegalArgumentException("split sizes must be >= 0; got " + Arrays.toString(sizes));
            }
            sum += n;
        }
        if (sum != s[a]) {
            throw new IllegalArgumentException("split of axis " + axis + " of shape " + Shapes.str(s) + " into sizes "
                    + Arrays.toString(sizes) + ": sizes sum to " + sum + " but the axis has " + s[a]);
        }
        Tensor[] pieces = new Tensor[sizes.length];
        for (int i = 0, start = 0; i < sizes.length; start += sizes[i], i++) {
            pieces[i] = slice(x, a, start, start + sizes[i]);   // each piece its own node
        }
        return pieces;
    }

    /** Product of the dimensions before {@code axis}. */
    static int outer(int[] s, int axis) {
        int n = 1;
        for (int d = 0; d < axis; d++) n *= s[d];
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    static int inner(int[] s, int axis) {
        int n = 1;
        for (int d = axis + 1; d < s.length; d++) n *= s[d];
        return n;
    }
}
