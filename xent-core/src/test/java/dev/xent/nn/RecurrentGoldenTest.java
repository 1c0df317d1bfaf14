// SimpleRnn, GruLayer and LstmLayer vs torch.nn.RNN / GRU / LSTM with the same weights: one and two layers,
// bidirectional, batch-first, initial states, and lengths (vs pack_padded_sequence / pad_packed_sequence).
package dev.xent.nn;

import dev.xent.io.Safetensors;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RecurrentGoldenTest {

    static List<String> cases() {
        List<String> out = new ArrayList<>();
        for (String kind : new String[] {"rnn", "gru", "lstm"}) {
            for (String v : new String[] {"1layer", "2layer_state", "bidir_2layer_state", "bidir_2layer_lengths",
                    "1layer_lengths_timefirst", "bidir_2layer_long", "nobias_bidir_lengths"}) {
                out.add(kind + "_" + v);
            }
        }
        return out;
    }

    /**
     * T = 5: the default rtol 1e-5, atol 1e-6. T = 40 ("_long", two bidirectional layers): parameter gradients sum
     * 40 steps of float rounding, and which 1-ulp tanh errors occur moves single elements by up to ~2e-6 (measured
     * on rnn_bidir_2layer_long, grad of weight_hh_l1 element 8: 2.2e-7 off PyTorch with Math.tanh, 3.8e-7 with
     * the Vector API's TANH, 1.9e-6 with VectorMath.tanh; every tanh there is within 1 ulp), so those use atol 2e-6.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Safetensors.Contents c = LayerFixtures.load(name);
        var meta = c.metadata();
        RnnConfig o = RnnConfig.defaults().numLayers(Integer.parseInt(meta.get("layers")))
                .bidirectional(Boolean.parseBoolean(meta.get("bidirectional")))
                .batchFirst(Boolean.parseBoolean(meta.get("batchFirst"))).bias(Boolean.parseBoolean(meta.get("bias")));
        Recurrent rnn = switch (name.substring(0, name.indexOf('_'))) {
            case "rnn" -> new SimpleRnn(3, 4, o);
            case "gru" -> new GruLayer(3, 4, o);
            default -> new LstmLayer(3, 4, o);
        };
        LayerFixtures.loadState(rnn, c);
        boolean lstm = rnn instanceof LstmLayer, state = c.floats().containsKey("h0");
        Tensor x = Golden.param(c, "x");
        Tensor h0 = state ? Golden.param(c, "h0") : null, c0 = state && lstm ? Golden.param(c, "c0") : null;
        IntTensor lengths = c.ints().get("lengths");
        RnnOutput r = rnn.forward(x, h0, c0, lengths);
        LayerFixtures.weightedSum(new Tensor[] {r.output(), r.h(), r.c()},
                new Tensor[] {c.tensor("w"), c.tensor("wh"), lstm ? c.tensor("wc") : null}).backward();
        Golden.assertClose("out", c.tensor("out"), r.output());
        Golden.assertClose("out_h", c.tensor("out_h"), r.h());
        if (lstm) Golden.assertClose("out_c", c.tensor("out_c"), r.c());
        Golden.assertClose("grad_x", c.tensor("grad_x"), x.grad());
        if (state) Golden.assertClose("grad_h0", c.tensor("grad_h0"), h0.grad());
        if (state && lstm) Golden.assertClose("grad_c0", c.tensor("grad_c0"), c0.grad());
        LayerFixtures.assertParamGrads(rnn, c, Golden.RTOL, name.endsWith("_long") ? 2e-6 : Golden.ATOL);
        // The parameter names are PyTorch's, in PyTorch's order (the strict load above checks the set).
        assertArrayEquals(LayerFixtures.state(c, "param.").keySet().toArray(), rnn.stateDict().keySet().toArray());
        assertEquals(lstm, r.c() != null);
    }
}
