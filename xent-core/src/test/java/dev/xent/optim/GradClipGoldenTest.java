// Gradient clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
package dev.xent.optim;

import dev.xent.io.Safetensors;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;
import dev.xent.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gradients g0..gN set on zero tensors; compared: the returned total norm and the clipped gradients (rtol 1e-5). */
class GradClipGoldenTest {

    private static List<Tensor> withGrads(Safetensors.Contents c) {
        List<Tensor> ps = new ArrayList<>();
        for (int i = 0; c.floats().containsKey("g" + i); i++) {
            Tensor g = c.tensor("g" + i);
            Tensor p = Tensor.zeros(g.shape()).requiresGrad(true);
            System.arraycopy(g.data(), 0, p.gradForAccumulation().data(), 0, g.size());
            ps.add(p);
        }
        return ps;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"norm2", "norm2_noclip", "norminf", "norm2_tiny"})
    void clipByNormMatchesTorch(String name) {
        Safetensors.Contents c = Golden.load("optim", "clip_" + name);
        List<Tensor> ps = withGrads(c);
        double total = GradClip.clipGradNorm(ps, Double.parseDouble(c.metadata().get("max_norm")),
                Double.parseDouble(c.metadata().get("norm_type").replace("inf", "Infinity")));
        double expected = c.tensor("total_norm").item();
        assertEquals(expected, total, 1e-5 * expected, name + " total norm");
        for (int i = 0; i < ps.size(); i++) Golden.assertClose(name + " grad " + i, c.tensor("c" + i), ps.get(i).grad());
    }

    @Test
    void clipByValueMatchesTorch() {
        Safetensors.Contents c = Golden.load("optim", "clip_value");
        List<Tensor> ps = withGrads(c);
        GradClip.clipGradValue(ps, Double.parseDouble(c.metadata().get("clip_value")));
        for (int i = 0; i < ps.size(); i++) Golden.assertClose("grad " + i, c.tensor("c" + i), ps.get(i).grad());
    }

    @Test
    void largeGradientsNormMatchesADoublePrecisionSum() {
        // sizes across the 4096-element blocks of the vectorised sum: several full blocks, one plus a tail, one
        float[][] gs = {new float[3 * 4096 + 1000], new float[4097], new float[1]};
        java.util.Random r = new java.util.Random(7);
        double exact = 0;
        List<Tensor> ps = new ArrayList<>();
        for (float[] g : gs) {
            Tensor p = Tensor.zeros(g.length).requiresGrad(true);
            float[] d = p.gradForAccumulation().data();
            for (int i = 0; i < g.length; i++) {
                d[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 1e-3 : 10));
                exact += (double) d[i] * d[i];
            }
            ps.add(p);
        }
        assertEquals(Math.sqrt(exact), GradClip.clipGradNorm(ps, 1e9), 1e-6 * Math.sqrt(exact));
    }

    @Test
    void sparseRowsCountInTheNormAndAreScaled() {
        // dense grad [3] and a sparse row [4, 0]: norm 5; clip to 1 → scale 1/(5 + 1e-6)
        Tensor a = Tensor.zeros(1).requiresGrad(true);
        a.gradForAccumulation().data()[0] = 3f;
        Tensor emb = Tensor.zeros(10, 2).requiresGrad(true);
        SparseRows sg = emb.sparseGradForAccumulation();
        sg.add(7, new float[] {4f, 0f}, 0);
        assertEquals(5.0, GradClip.clipGradNorm(List.of(a, emb), 1.0), 1e-12);
        assertArrayEquals(new float[] {0.6f}, a.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.8f, 0f}, new float[] {sg.values()[0], sg.values()[1]}, 1e-6f);
    }
}
