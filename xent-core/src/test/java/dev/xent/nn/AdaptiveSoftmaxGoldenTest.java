// The adaptive softmax against torch.nn.AdaptiveLogSoftmaxWithLoss: per-token log-probabilities, loss, log_prob, every gradient.
package dev.xent.nn;

import dev.xent.io.Safetensors;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tolerances: Golden's rtol 1e-5, atol 1e-6 for every tensor (scripts/golden/cases_adaptive_softmax.py). */
class AdaptiveSoftmaxGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"two_clusters_bias", "one_cluster", "empty_cluster"})
    void matchesPyTorch(String name) {
        Safetensors.Contents c = Golden.load("adaptive_softmax", name);
        int[] cutoffs = Arrays.stream(c.metadata().get("cutoffs").split(",")).mapToInt(Integer::parseInt).toArray();
        Tensor x = Golden.param(c, "x");
        AdaptiveSoftmax m = new AdaptiveSoftmax(x.dim(1), Integer.parseInt(c.metadata().get("vocab")), cutoffs,
                Float.parseFloat(c.metadata().get("div_value")), Boolean.parseBoolean(c.metadata().get("head_bias")),
                new Rng(1));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String p : m.stateDict().keySet()) weights.put(p, c.tensor(p));
        m.loadStateDict(weights, true);

        Tensor out = Tensor.of(m.targetLogProb(x, c.intTensor("target")), x.dim(0));
        Golden.assertClose("out (per-token log-probabilities)", c.tensor("out"), out);
        Golden.assertClose("log_prob", c.tensor("log_prob"), m.logProb(x));
        Tensor loss = m.loss(x, c.intTensor("target"));
        Golden.assertClose("loss", c.tensor("loss"), loss);
        loss.backward(c.tensor("w"));
        Golden.assertClose("grad_x", c.tensor("grad_x"), x.grad());
        m.stateDict().forEach((p, t) -> Golden.assertClose("grad_" + p, c.tensor("grad_" + p),
                t.grad() == null ? Tensor.zeros(t.shape()) : t.grad()));
    }
}
