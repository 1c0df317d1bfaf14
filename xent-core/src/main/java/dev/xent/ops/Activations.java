// Activation functions: relu, leaky relu, sigmoid, tanh, gelu (exact or tanh), softmax and log-softmax.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Kernels;
import dev.xent.tensor.Tensor;

/**
 * Elementwise activations and their derivatives. Where the derivative is a function of the output it is
 * taken from the saved output (sigmoid: s(1 − s); tanh: 1 − t²), as PyTorch does. relu and leaky relu use
 * derivative 0 (resp. slope) at x = 0, like PyTorch. Softmax and log-softmax live in {@link Softmax}.
 */
public final class Activations {
    private Activations() {}

    /** A backward loop over n elements: gx[i] += g[i] · f'(x[i]), f' written with x or the saved output. */
    @FunctionalInterface
    private interface BackwardLoop {
        void run(float[] g, float[] x, float[] out, float[] gx, int n);
    }

    private static Tensor record(String name, Tensor x, Tensor out, BackwardLoop loop) {
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node(name, x) {
                @Override
                public void backward(Tensor g) {
                    loop.run(g.data(), x.data(), out.data(), x.gradForAccumulation().data(), x.size());
                }
            });
        }
        return out;
    }

    /** max(x, 0) */
    public static Tensor relu(Tensor x) {
        Tensor out = Tensor.scratch(x.shape());
        Kernels.vec().relu(x.data(), 0, out.data(), 0, x.size());
        return record("relu", x, out, (g, xd, o, gx, n) -> {
            for (int i = 0; i < n; i++) gx[i] += o[i] > 0f ? g[i] : 0f;
        });
    }

    /** x for x > 0, slope·x otherwise */
    public static Tensor leakyRelu(Tensor x, float slope) {
        Tensor out = Tensor.scratch(x.shape());
        float[] xd = x.data(), o = out.data();
        for (int i = 0; i < x.size(); i++) o[i] = xd[i] > 0f ? xd[i] : xd[i] * slope;
        return record("leakyRelu", x, out, (g, xv, ov, gx, n) -> {
            for (int i = 0; i < n; i++) gx[i] += xv[i] > 0f ? g[i] : g[i] * slope;
        });
    }

    /** 1 / (1 + e^−x), without overflow for any x */
    public static Tensor sigmoid(Tensor x) {
        Tensor out = Tensor.scratch(x.shape());
        Kernels.vec().sigmoid(x.data(), 0, out.data(), 0, x.size());
        return record("sigmoid", x, out, (g, xd, s, gx, n) -> {
            for (int i = 0; i < n; i++) gx[i] += g[i] * (1f - s[i]) * s[i];      // PyTorch's order
        });
    }

    public static Tensor tanh(Tensor x) {
        Tensor out = Tensor.scratch(x.shape());
        Kernels.vec().tanh(x.data(), 0, out.data(), 0, x.size());
        return record("tanh", x, out, (g, xd, t, gx, n) -> {
            for (int i = 0; i < n; i++) gx[i] += g[i] * (1f - t[i] * t[i]);
        });
    }

    /** Exact GELU, x·Φ(x) (PyTorch's default approximate='none'). */
    public static Tensor gelu(Tensor x) {
        return gelu(x, false);
    }

    /** GELU; {@code tanhApproximation} selects ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (approximate='tanh'). */
    public static Tensor gelu(Tensor x, boolean tanhApproximation) {
        Tensor out = Tensor.scratch(x.shape());
        int n = x.size();
        Kernels.vec().gelu(x.data(), 0, out.data(), 0, n, tanhApproximation);
        if (GradMode.needsGrad(x)) {
            out.withNode(new Node(tanhApproximation ? "geluTanh" : "gelu", x) {
                @Override
                public void backward(Tensor g) {
                    Kernels.vec().geluBackward(x.data(), 0, g.data(), 0, x.gradForAccumulation().data(), 0, n,
                            tanhApproximation);
                }
            });
        }
        return out;
    }

    /** Softmax along {@code axis}; see {@link Softmax}. */
    public static Tensor softmax(Tensor x, int axis) {
        return Softmax.softmax(x, axis);
    }

    /** Log-softmax along {@code axis}; see {@link Softmax}. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return Softmax.logSoftmax(x, axis);
    }
}
