// The fused decoder + cross-entropy against PyTorch's F.cross_entropy(F.linear(x, W, b), t, label_smoothing=ε).
package dev.xent.loss;

import dev.xent.io.Safetensors;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearCrossEntropyGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"linear_ce", "linear_ce_nobias", "linear_ce_large_logits", "linear_ce_smooth",
            "linear_ce_smooth_nobias", "linear_ce_smooth_large_logits"})
    void matchesPyTorch(String name) {
        Safetensors.Contents c = Golden.load("linear_ce", name);
        Tensor x = Golden.param(c, "x"), w = Golden.param(c, "weight");
        Tensor b = c.floats().containsKey("bias") ? Golden.param(c, "bias") : null;
        float eps = Float.parseFloat(c.metadata().getOrDefault("label_smoothing", "0"));
        Tensor out = LinearCrossEntropy.of(x, w, b, c.intTensor("target"), eps);
        out.backward(c.tensor("w"));
        Golden.assertClose("out", c.tensor("out"), out);
        Golden.assertClose("grad_x", c.tensor("grad_x"), x.grad());
        Golden.assertClose("grad_weight", c.tensor("grad_weight"), w.grad());
        if (b != null) Golden.assertClose("grad_bias", c.tensor("grad_bias"), b.grad());
    }
}
