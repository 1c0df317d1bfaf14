package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.Node;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout's backward (the saved mask) by finite differences, and a negative control. */
class DropoutGradTest {

    /** A fresh Rng(5) per forward, so every finite-difference evaluation draws the same mask. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor x = Init.normal(new Rng(3), 0, 1, 4, 5).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> Dropout.apply(in[0], 0.4f, true, new Rng(5)), x);
        assertTrue(r.passed(), r.worst());
    }

    /** Negative control: a backward that uses a fresh mask instead of the saved one must fail. */
    @Test
    void backwardWithAnotherMaskIsCaught() {
        Tensor x = Init.normal(new Rng(4), 0, 1, 4, 5).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> {
            Tensor good = Dropout.apply(in[0], 0.4f, true, new Rng(5));
            Tensor bad = Tensor.of(good.toArray(), good.shape());
            return bad.withNode(new Node("dropout-other-mask", in[0]) {
                @Override
                public void backward(Tensor g) {
                    Rng other = new Rng(6);                    // another mask of the same density
                    float[] gx = in[0].gradForAccumulation().data(), gd = g.data();
                    for (int i = 0; i < gd.length; i++) gx[i] += other.nextFloat() < 0.4f ? 0f : gd[i] / 0.6f;
                }
            });
        }, x);
        assertFalse(r.passed(), "a backward with the wrong mask must fail; worst: " + r.worst());
    }
}
