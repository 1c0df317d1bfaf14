// Optimizer state export/import: stopping after 5 steps and resuming from the saved state equals 10 straight steps.
package dev.xent.optim;

import dev.xent.io.Safetensors;
import dev.xent.nn.Parameter;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerStateTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd_04", "adam_07", "adamw_09", "rmsprop_13", "adagrad_15"})
    void resumeFromSavedStateMatchesTorch(String name) throws Exception {
        Safetensors.Contents c = Golden.load("optim", name);
        Tensor w = c.tensor("w_0").copy(), b = c.tensor("b_0").copy();
        List<Parameter> params = List.of(new Parameter("w", w, true), new Parameter("b", b, false));
        Optimizer first = OptimizerGoldenTest.build(params, c.metadata());
        for (int k = 1; k <= 5; k++) step(first, w, b, c, k);

        // through a safetensors round trip, as a checkpoint would
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Safetensors.write(buf, first.stateDict(), null, Map.of());
        Map<String, Tensor> saved = Safetensors.parse(buf.toByteArray()).floats();

        Optimizer resumed = OptimizerGoldenTest.build(params, c.metadata());
        resumed.loadStateDict(saved);
        assertEquals(5, resumed.stepCount(0));
        for (int k = 6; k <= 10; k++) step(resumed, w, b, c, k);
        Golden.assertClose(name + " w after resume", c.tensor("w_10"), w);
        Golden.assertClose(name + " b after resume", c.tensor("b_10"), b);
    }

    private static void step(Optimizer opt, Tensor w, Tensor b, Safetensors.Contents c, int k) {
        opt.zeroGrad();
        System.arraycopy(c.tensor("gw_" + k).data(), 0, w.gradForAccumulation().data(), 0, w.size());
        System.arraycopy(c.tensor("gb_" + k).data(), 0, b.gradForAccumulation().data(), 0, b.size());
        opt.step();
    }

    /** stateView holds what stateDict holds, in the live arrays (no copy): a later step shows in the view only. */
    @ParameterizedTest
    @ValueSource(strings = {"adam_07"})
    void stateViewIsTheLiveStateWithoutCopies(String name) {
        Safetensors.Contents c = Golden.load("optim", name);
        Tensor w = c.tensor("w_0").copy(), b = c.tensor("b_0").copy();
        List<Parameter> params = List.of(new Parameter("w", w, true), new Parameter("b", b, false));
        Optimizer opt = OptimizerGoldenTest.build(params, c.metadata());
        step(opt, w, b, c, 1);
        Map<String, Tensor> copy = opt.stateDict(), view = opt.stateView();
        assertEquals(copy.keySet(), view.keySet());
        for (String k : copy.keySet()) assertArrayEquals(copy.get(k).toArray(), view.get(k).toArray(), k);
        step(opt, w, b, c, 2);
        Map<String, Tensor> now = opt.stateDict();
        for (String k : copy.keySet()) {
            if (k.endsWith(".step")) continue;   // a fresh scalar in both
            assertArrayEquals(now.get(k).toArray(), view.get(k).toArray(), k + ": the view follows the state");
            assertFalse(java.util.Arrays.equals(now.get(k).toArray(), copy.get(k).toArray()), k + ": the copy does not");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam_05"})
    void stateOfAnotherKindIsRejected(String name) {
        Safetensors.Contents c = Golden.load("optim", name);
        Tensor w = c.tensor("w_0").copy();
        Adam adam = new Adam(Parameter.of(w), 0.1);
        w.gradForAccumulation();
        adam.step();
        Sgd sgd = new Sgd(Parameter.of(w), 0.1).momentum(0.9);
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(adam.stateDict()));
        assertEquals(true, e.getMessage().contains("momentum_buffer"), e.getMessage());
    }
}
