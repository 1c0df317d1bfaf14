// The word LSTM LM against PyTorch (pytorch/examples RNNModel, same weights): losses, gradients, two SGD steps of the
// RnnLmTask on the one training loop, dropout.
package dev.xent.task.lm;

import dev.xent.io.Safetensors;
import dev.xent.optim.GradClip;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import dev.xent.train.Progress;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LstmLanguageModelGoldenTest {
    private static final double RTOL = 1e-4, ATOL = 1e-6;
    private static final int T = 4, B = 3;

    private static final Safetensors.Contents C = Golden.load("lm", "lm_two_steps");
    /** The same two steps with dropout 0.3, PyTorch using the masks xent's trainer draws from Rng(7). */
    private static final Safetensors.Contents D = Golden.load("lm", "lm_two_steps_dropout");

    /** A model (dropout 0) holding the fixture's initial weights. */
    private static LstmLanguageModel model() {
        return model(C, 0f);
    }

    private static LstmLanguageModel model(Safetensors.Contents f, float dropout) {
        LstmLanguageModel m = new LstmLanguageModel(13, 5, 4, 2, dropout, new Rng(1));
        Map<String, Tensor> state = new HashMap<>();
        for (String k : m.stateDict().keySet()) state.put(k, f.tensor("param." + k));
        m.loadStateDict(state, true);
        return m;
    }

    private static BpttStream stream() {
        return stream(C);
    }

    /** The fixture's (2T+1, B) time-major stream as the flat token order BpttStream batchifies back. */
    private static BpttStream stream(Safetensors.Contents f) {
        IntTensor s = f.intTensor("stream");
        int rows = s.dim(0);
        int[] flat = new int[rows * B];
        for (int j = 0; j < B; j++) for (int i = 0; i < rows; i++) flat[j * rows + i] = s.data()[i * B + j];
        return new BpttStream(flat, B, T);
    }

    private static void assertScalar(String what, float expected, double actual) {
        assertEquals(expected, actual, ATOL + RTOL * Math.abs(expected), what);
    }

    @Test
    void firstStepLossAndGradientsMatchPyTorch() {
        LstmLanguageModel m = model();
        BpttStream s = stream();
        LstmLanguageModel.Output out = m.forward(s.input(0), s.target(0), m.initialState(B), null);
        out.loss().backward();
        assertScalar("loss of step 1", C.tensor("loss1").data()[0], out.loss().item());
        double norm = GradClip.clipGradNorm(m.parameters(), 0.25);
        assertScalar("gradient norm of step 1", C.tensor("grad_norm1").data()[0], norm);
        for (var p : m.namedParameters()) {
            Tensor t = p.tensor();
            float[] dense = t.grad() != null ? t.grad().toArray() : new float[t.size()];
            if (t.sparseGrad() != null) t.sparseGrad().addTo(dense);
            Golden.assertClose("clipped gradient of " + p.name(), C.tensor("grad1." + p.name()),
                    Tensor.of(dense, t.shape()), RTOL, ATOL);
        }
    }

    @Test
    void twoTrainerStepsWithCarriedStateMatchPyTorch() {
        LstmLanguageModel m = model();
        BpttStream s = stream();
        assertEquals(2, s.batches());
        List<Progress> steps = SgdSteps.run(m, s, null, 2);
        assertScalar("loss of step 1", C.tensor("loss1").data()[0], steps.get(0).loss());
        assertScalar("gradient norm of step 1", C.tensor("grad_norm1").data()[0], steps.get(0).gradNorm());
        assertScalar("loss of step 2", C.tensor("loss2").data()[0], steps.get(1).loss());
        assertScalar("gradient norm of step 2", C.tensor("grad_norm2").data()[0], steps.get(1).gradNorm());
        for (var p : m.namedParameters()) {
            Golden.assertClose("weights after two steps: " + p.name(), C.tensor("after2." + p.name()), p.tensor(),
                    RTOL, ATOL);
        }
    }

    /**
     * Dropout where pytorch/examples puts it (embedding output, between the layers, last LSTM output; not
     * the carried state), inverted scaling, masks per element and per timestep: with xent's masks on both
     * sides, two steps (the second from the first's carried state) land on PyTorch's losses, gradient norms
     * and weights. A mask in the wrong place, a missing 1/(1−p), a mask on the state, or one mask shared
     * over time would each change step 1's loss.
     */
    @Test
    void twoTrainerStepsWithDropoutMatchPyTorchGivenTheSameMasks() {
        float p = Float.parseFloat(D.metadata().get("dropout"));
        LstmLanguageModel m = model(D, p);
        BpttStream s = stream(D);
        List<Progress> steps = SgdSteps.run(m, s, new Rng(Long.parseLong(D.metadata().get("rng_seed"))), 2);
        assertScalar("loss of step 1 (dropout)", D.tensor("loss1").data()[0], steps.get(0).loss());
        assertScalar("gradient norm of step 1 (dropout)", D.tensor("grad_norm1").data()[0], steps.get(0).gradNorm());
        assertScalar("loss of step 2 (dropout)", D.tensor("loss2").data()[0], steps.get(1).loss());
        assertScalar("gradient norm of step 2 (dropout)", D.tensor("grad_norm2").data()[0], steps.get(1).gradNorm());
        for (var prm : m.namedParameters()) {
            Golden.assertClose("weights after two dropout steps: " + prm.name(), D.tensor("after2." + prm.name()),
                    prm.tensor(), RTOL, ATOL);
        }
    }

    /** Negative control: the dropout fixture really depends on the masks (another seed misses it). */
    @Test
    void dropoutFixtureFailsWithOtherMasks() {
        LstmLanguageModel m = model(D, Float.parseFloat(D.metadata().get("dropout")));
        double loss = SgdSteps.run(m, stream(D), new Rng(8), 1).get(0).loss();
        float expected = D.tensor("loss1").data()[0];
        assertTrue(Math.abs(loss - expected) > 1e-3, "another mask seed should miss the fixture's loss by far; "
                + "got " + loss + " vs " + expected);
    }
}
