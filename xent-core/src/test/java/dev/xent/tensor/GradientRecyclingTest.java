package dev.xent.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backward hands each consumed intermediate gradient back to the open workspace at once, so a long chain's
 * backward pass reuses a few gradient buffers instead of allocating one per op — with the same gradients.
 */
class GradientRecyclingTest {
    static final int N = 1000, DEPTH = 20;

    /** x → tanh → ×1.01 → tanh → … (DEPTH ops) → sum; returns x's gradient. */
    static float[] chainGradient() {
        Tensor x = Init.normal(new Rng(3), 0, 1, N).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < DEPTH; i++) y = i % 2 == 0 ? y.tanh() : y.mul(1.01f);
        y.sum().backward();
        return x.grad().toArray();
    }

    @Test
    void consumedGradientsAreReusedWithinTheStep() {
        float[] heap = chainGradient();
        try (Workspace ws = Workspace.open()) {
            float[] reused = chainGradient();
            assertArrayEquals(heap, reused, "gradients must not change when buffers are recycled mid-step");
            long forward = 4L * N * DEPTH;            // one output buffer per op, kept for backward
            long allocated = ws.bytesAllocated();
            // Without recycling every op's gradient is a new buffer too (≈ 2 × forward). With it, only the
            // gradients in flight at once (two here: the one being consumed and the one being filled).
            assertTrue(allocated <= forward + 4L * N * 3 + 64,
                    "allocated " + allocated + " bytes; forward alone is " + forward);
        }
    }

    @Test
    void aGradientFromAnEarlierStepIsNotTakenBack() {
        try (Workspace ws = Workspace.open()) {
            Tensor g = Tensor.scratch(N);
            ws.close();
            ws.reopen();
            ws.giveBack(g.data());   // not lent in this step: ignored, so it cannot be handed out twice
            Tensor a = Tensor.scratch(N), b = Tensor.scratch(N);
            assertTrue(a.data() != b.data(), "two live tensors of one step never share a buffer");
        }
    }
}
