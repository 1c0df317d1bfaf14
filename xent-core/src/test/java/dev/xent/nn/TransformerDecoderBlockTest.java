// The encoder-decoder layer: finite-difference gradients of input, memory and every weight; the cached step equals
// the full forward row by row; a masked memory position changes nothing.
package dev.xent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.GradMode;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerDecoderBlockTest {
    static final int B = 2, T = 3, S = 4, D = 4, H = 2, F = 6;

    static TransformerDecoderBlock block() {
        TransformerDecoderBlock b = new TransformerDecoderBlock(D, H, F, 0f, new Rng(5));
        Rng r = new Rng(9);   // nonzero biases and gains: every path carries gradient
        for (Parameter p : b.namedParameters()) {
            if (p.name().endsWith("bias")) p.tensor().data()[0] += 0.1f;
            float[] d = p.tensor().data();
            for (int i = 0; i < d.length; i++) d[i] += 0.05f * (r.nextFloat() - 0.5f);
        }
        return b;
    }

    static Tensor memoryMask() {   // source 1 has 2 real positions of 4
        return Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, B, S);
    }

    @Test
    void gradientsOfInputMemoryAndWeights() {
        TransformerDecoderBlock b = block();
        Tensor x = Init.normal(new Rng(1), 0, 1, B, T, D).requiresGrad(true);
        Tensor mem = Init.normal(new Rng(2), 0, 1, B, S, D).requiresGrad(true);
        Tensor mask = memoryMask();
        List<Tensor> inputs = new ArrayList<>(List.of(x, mem));
        inputs.addAll(b.parameters());
        GradCheck.Result r = GradCheck.check(in -> b.forward(in[0], in[1], mask), inputs.toArray(new Tensor[0]));
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void cachedStepEqualsFullForward() {
        TransformerDecoderBlock b = block();
        b.eval();
        Tensor x = Init.normal(new Rng(1), 0, 1, B, T, D);
        Tensor mem = Init.normal(new Rng(2), 0, 1, B, S, D);
        Tensor mask = memoryMask();
        try (GradMode.Scope off = GradMode.off()) {
            float[] full = b.forward(x, mem, mask).data();                     // (B, T, D)
            Tensor[] cross = b.crossKeysValues(mem);
            Tensor k = null, v = null;
            for (int t = 0; t < T; t++) {
                Tensor xt = ShapeOps.slice(x, 1, t, t + 1);                      // (B, 1, D)
                Tensor[] kv = b.selfKeysValues(xt);
                k = k == null ? kv[0] : ShapeOps.concat(1, k, kv[0]);
                v = v == null ? kv[1] : ShapeOps.concat(1, v, kv[1]);
                float[] step = b.step(xt, k, v, cross[0], cross[1], mask).data();  // (B, 1, D)
                for (int i = 0; i < B; i++) {
                    float[] want = Arrays.copyOfRange(full, (i * T + t) * D, (i * T + t + 1) * D);
                    float[] got = Arrays.copyOfRange(step, i * D, (i + 1) * D);
                    assertArrayEquals(want, got, 1e-5f, "row " + i + ", position " + t);
                }
            }
        }
    }

    @Test
    void maskedMemoryPositionsAreNeverRead() {
        TransformerDecoderBlock b = block();
        Tensor x = Init.normal(new Rng(1), 0, 1, B, T, D);
        Tensor mem = Init.normal(new Rng(2), 0, 1, B, S, D);
        Tensor changed = Tensor.of(mem.data().clone(), B, S, D);
        for (int s = 2; s < S; s++) for (int d = 0; d < D; d++) changed.data()[(S + s) * D + d] = 100f * (s + d);
        try (GradMode.Scope off = GradMode.off()) {
            assertArrayEquals(b.forward(x, mem, memoryMask()).data(), b.forward(x, changed, memoryMask()).data(), 0f);
        }
    }

    @Test
    void wrongWidthIsRefused() {
        TransformerDecoderBlock b = block();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.forward(Tensor.zeros(B, T, D), Tensor.zeros(B, S, D + 1), null));
        assertTrue(e.getMessage().contains("memory must be (B, T, D) with D = 4"), e.getMessage());
    }
}
