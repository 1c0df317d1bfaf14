// Fully connected layer y = x·Wᵀ + b (PyTorch nn.Linear: weight (out, in), bias (out)).
package dev.xent.nn;

import dev.xent.ops.MatMul;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

/**
 * x (..., in) → (..., out). Parameters "weight" (out, in) and "bias" (out), as in PyTorch, initialised like
 * PyTorch: kaiming-uniform with a = √5, which is U(±1/√in) for the weight, and U(±1/√in) for the bias.
 * {@link Dense} is this layer under Keras' name, with an activation and an input size a Sequential can infer.
 */
public class Linear extends Layer {
    public final int inFeatures, outFeatures;
    public final Tensor weight;
    public final Tensor bias;   // null without bias

    public Linear(int in, int out) {
        this(in, out, true);
    }

    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, InitRng.next());
    }

    public Linear(int in, int out, boolean bias, Rng rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear needs in >= 1 and out >= 1; got in=" + in + ", out=" + out);
        }
        this.inFeatures = in;
        this.outFeatures = out;
        float bound = (float) (1.0 / Math.sqrt(in));
        this.weight = parameter("weight", Init.uniform(rng, -bound, bound, out, in));
        this.bias = bias ? parameter("bias", Init.uniform(rng, -bound, bound, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return apply("Linear", x, weight, bias);
    }

    @Override
    public int outFeatures(int in) {
        return outFeatures;
    }

    /** x (..., in) · weightᵀ (in, out) + bias: leading axes are flattened into rows for one GEMM. */
    static Tensor apply(String who, Tensor x, Tensor weight, Tensor bias) {
        int in = weight.dim(1);
        if (x.rank() < 1 || x.dim(-1) != in) {
            throw new IllegalArgumentException(who + ": input must be (..., " + in + "): its last dimension must be " + in + " (the in features); got "
                    + Shapes.str(x.shape()) + ". Check the previous layer's output size");
        }
        int[] s = x.shape();
        if (bias != null && s.length >= 2) return MatMul.linear(x, weight, bias);   // (..., out), rows of x
        Tensor rows = s.length == 2 ? x : ShapeOps.reshape(x, x.size() / in, in);   // (N, in)
        Tensor y = bias == null ? MatMul.matmul(rows, weight, false, true)        // (N, out)
                : MatMul.linear(rows, weight, bias);
        if (s.length == 2) return y;
        int[] os = s.clone();
        os[os.length - 1] = weight.dim(0);
        return ShapeOps.reshape(y, os);                                            // (..., out)
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + ", " + outFeatures + (bias == null ? ", bias=false)" : ")");
    }
}
