// The GRU LM and the tied LSTM/GRU LMs against PyTorch (pytorch/examples RNNModel, same weights): loss, every
// gradient, two SGD steps with carried state (RnnLmTask on the one training loop), and the state_dict names a PyTorch tied model lists.
package dev.xent.task.lm;

import dev.xent.io.Safetensors;
import dev.xent.optim.GradClip;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import dev.xent.train.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RnnLanguageModelGoldenTest {
    // measured: step-1 loss, norm and gradients agree within rtol 1e-6; weights after two lr-20 steps within 8.4e-6
    private static final double RTOL = 1e-5, ATOL = 1e-7;
    private static final int V = 13, T = 4, B = 3;

    /** A model (dropout 0) of the fixture's cell and tying, holding its initial weights. */
    private static LstmLanguageModel model(Safetensors.Contents c) {
        Map<String, String> meta = c.metadata();
        LstmLanguageModel m = new LstmLanguageModel(V, Integer.parseInt(meta.get("embed")),
                Integer.parseInt(meta.get("hidden")), Integer.parseInt(meta.get("layers")), 0f,
                LstmLanguageModel.Cell.valueOf(meta.get("cell").toUpperCase(java.util.Locale.ROOT)),
                Boolean.parseBoolean(meta.get("tied")), new Rng(1));
        Map<String, Tensor> state = new HashMap<>();
        for (String k : m.stateDict().keySet()) state.put(k, c.tensor("param." + k));
        m.loadStateDict(state, true);
        return m;
    }

    /** The fixture's (2T+1, B) time-major stream as the flat token order BpttStream batchifies back. */
    private static BpttStream stream(Safetensors.Contents c) {
        IntTensor s = c.intTensor("stream");
        int rows = s.dim(0);
        int[] flat = new int[rows * B];
        for (int j = 0; j < B; j++) for (int i = 0; i < rows; i++) flat[j * rows + i] = s.data()[i * B + j];
        return new BpttStream(flat, B, T);
    }

    private static void assertScalar(String what, float expected, double actual) {
        assertEquals(expected, actual, ATOL + RTOL * Math.abs(expected), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru_two_steps", "lstm_tied_two_steps", "gru_tied_two_steps"})
    void firstStepLossAndEveryGradientMatchPyTorch(String name) {
        Safetensors.Contents c = Golden.load("rnnlm", name);
        LstmLanguageModel m = model(c);
        BpttStream s = stream(c);
        LstmLanguageModel.Output out = m.forward(s.input(0), s.target(0), m.initialState(B), null);
        out.loss().backward();
        assertScalar(name + ": loss of step 1", c.tensor("loss1").data()[0], out.loss().item());
        double norm = GradClip.clipGradNorm(m.parameters(), 0.25);
        assertScalar(name + ": gradient norm of step 1", c.tensor("grad_norm1").data()[0], norm);
        for (var p : m.namedParameters()) {
            Tensor t = p.tensor();
            if (m.tied() && p.name().equals("encoder.weight")) {
                assertNull(t.sparseGrad(), "a tied table's gradient must be dense only (one buffer)");
            }
            float[] dense = t.grad() != null ? t.grad().toArray() : new float[t.size()];
            if (t.sparseGrad() != null) t.sparseGrad().addTo(dense);
            Golden.assertClose(name + ": clipped gradient of " + p.name(), c.tensor("grad1." + p.name()),
                    Tensor.of(dense, t.shape()), RTOL, ATOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru_two_steps", "lstm_tied_two_steps", "gru_tied_two_steps"})
    void twoTrainerStepsWithCarriedStateMatchPyTorch(String name) {
        Safetensors.Contents c = Golden.load("rnnlm", name);
        LstmLanguageModel m = model(c);
        BpttStream s = stream(c);
        List<Progress> steps = SgdSteps.run(m, s, null, 2);
        assertScalar(name + ": loss of step 1", c.tensor("loss1").data()[0], steps.get(0).loss());
        assertScalar(name + ": gradient norm of step 1", c.tensor("grad_norm1").data()[0], steps.get(0).gradNorm());
        assertScalar(name + ": loss of step 2", c.tensor("loss2").data()[0], steps.get(1).loss());
        assertScalar(name + ": gradient norm of step 2", c.tensor("grad_norm2").data()[0], steps.get(1).gradNorm());
        for (var p : m.namedParameters()) {
            Golden.assertClose(name + ": weights after two steps: " + p.name(), c.tensor("after2." + p.name()),
                    p.tensor(), RTOL, ATOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru_two_steps", "lstm_tied_two_steps", "gru_tied_two_steps"})
    void torchStateDictListsPyTorchsNamesInPyTorchsOrder(String name) {
        Safetensors.Contents c = Golden.load("rnnlm", name);
        LstmLanguageModel m = model(c);
        assertEquals(List.of(c.metadata().get("state_dict_keys").split(",")), List.copyOf(m.torchStateDict().keySet()));
        if (m.tied()) {
            assertEquals(m.torchStateDict().get("encoder.weight"), m.torchStateDict().get("decoder.weight"),
                    "the alias is the same tensor");
            assertEquals(m.stateDict().size() + 1, m.torchStateDict().size());
        }
    }
}
