// Keras' name for a Linear layer followed by an activation, with the input size given or inferred by a Sequential.
package dev.xent.nn;

import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

/**
 * y = activation(x·Wᵀ + b) for x (..., in), y (..., units): a {@link Linear} (its parameters, initialisation and
 * product) followed by an {@link Activation}. The parameters are the Linear's, registered under the same names
 * "weight" (units, in) and "bias" (units), so a Dense loads an nn.Linear state dict.
 *
 * <p><b>Input size.</b> Give it ({@code new Dense(in, units, act)}) or leave it out
 * ({@code new Dense(units, act)}): then a {@link Sequential} builds it at construction from the feature
 * size of the layers before it (or from the Sequential's declared input size), so the parameters exist
 * before an optimizer is created; {@link #build} builds it explicitly. There is deliberately no build on the
 * first forward: parameters created after the optimizer listed them would silently never train, so an
 * unbuilt Dense refuses to run and says how to fix it.
 */
public class Dense extends Layer {
    public final int units;
    public final Activation activation;
    private final boolean useBias;
    private final Rng rng;
    private Linear linear;   // null until the input size is known

    /** Linear (no activation), input size inferred by the enclosing Sequential: Keras' Dense(units). */
    public Dense(int units) {
        this(-1, units, Activation.NONE);
    }

    public Dense(int units, Activation activation) {
        this(-1, units, activation);
    }

    public Dense(int in, int units, Activation activation) {
        this(in, units, activation, true, InitRng.next());
    }

    public Dense(int in, int units, Activation activation, boolean bias, Rng rng) {
        if (units < 1) throw new IllegalArgumentException("Dense needs units >= 1; got " + units);
        if (activation == null) {
            throw new IllegalArgumentException("Dense activation is null; use Activation.NONE for a linear layer");
        }
        this.units = units;
        this.activation = activation;
        this.useBias = bias;
        this.rng = rng;
        if (in != -1) build(in);
    }

    /** Creates the parameters for {@code in} input features; a no-op if already built with that size. */
    public Dense build(int in) {
        if (linear != null) {
            if (linear.inFeatures != in) {
                throw new IllegalArgumentException("Dense(" + units + ") was built for " + linear.inFeatures
                        + " input features and cannot take " + in + "; a layer's input size is fixed once built");
            }
            return this;
        }
        if (in < 1) throw new IllegalArgumentException("Dense input features must be >= 1; got " + in);
        linear = new Linear(in, units, useBias, rng);
        parameter("weight", linear.weight);          // the Linear's tensors, under its own names (no "linear." prefix)
        if (useBias) parameter("bias", linear.bias);
        return this;
    }

    public boolean isBuilt() {
        return linear != null;
    }

    /** (units, in); null before the layer is built. */
    public Tensor weight() {
        return linear == null ? null : linear.weight;
    }

    /** (units); null without bias or before the layer is built. */
    public Tensor bias() {
        return linear == null ? null : linear.bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (linear == null) {
            throw new IllegalStateException("Dense(" + units + ") does not know its input size yet (input "
                    + dev.xent.tensor.Shapes.str(x.shape()) + "). Give it: new Dense(in, " + units + ", " + activation
                    + "), call build(in) before creating the optimizer, or put it in a Sequential after a layer with a "
                    + "known output size (or declare the input size: new Sequential(in, layers...))");
        }
        return activation.apply(Linear.apply("Dense(" + units + ")", x, linear.weight, linear.bias));
    }

    @Override
    public int outFeatures(int in) {
        return units;
    }

    @Override
    public String toString() {
        return "Dense(" + units + ", " + activation + ")";
    }
}
