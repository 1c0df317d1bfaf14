// A Transformer block's training step on workspace arrays longer than its tensors (size classes), recycled holding NaN.
package dev.xent.nn;

import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The workspace hands out arrays of a size class, longer than the tensor (Workspace.sizeClass). If any op read or
 * wrote past its tensor's size — attention, layer norm, GELU, dropout, linear, residual adds, their backwards — the
 * NaN the recycled arrays hold there would reach the loss or a gradient. Sizes: N = B·T = 1000 rows, D = 80 →
 * (N, D) 80,000 floats (class 81,920), (N, 3D) 240,000, (N, F) 160,000, P (B, H, T, T) 1,000,000: all past the
 * exact range and none a class size itself.
 */
class SizeClassScratchTest {
    private static final int B = 4, T = 250, D = 80, H = 4, F = 160;

    private static float[][] step(TransformerEncoderBlock block, Tensor x) {
        Tensor in = x.copy().requiresGrad(true);
        Tensor y = block.forward(in, null, true);
        Tensor loss = y.mul(y).sum();
        loss.backward();
        float[][] out = new float[2 + block.parameters().size()][];
        out[0] = new float[] {loss.item()};
        out[1] = in.grad().toArray();
        for (int i = 0; i < block.parameters().size(); i++) out[2 + i] = block.parameters().get(i).grad().toArray();
        block.zeroGrad();
        return out;
    }

    @Test
    void longerRecycledArraysChangeNothing() {
        Tensor x = Init.normal(new Rng(1), 0, 1, B, T, D);
        TransformerEncoderBlock block = new TransformerEncoderBlock(D, H, F, 0.1f, new Rng(2));
        block.train();
        float[][] fresh = step(block, x);                   // no workspace: exact-length arrays
        block = new TransformerEncoderBlock(D, H, F, 0.1f, new Rng(2));
        block.train();
        Workspace ws = Workspace.open();
        for (int[] sizeAndCount : new int[][] {{B * T * D, 40}, {B * T * 3 * D, 4}, {B * T * F, 6}, {B * H * T * T, 3}}) {
            for (int k = 0; k < sizeAndCount[1]; k++) Arrays.fill(Tensor.scratch(sizeAndCount[0]).data(), Float.NaN);
        }
        ws.close();
        long poisoned = ws.bytesAllocated();
        ws.reopen();
        float[][] reused = step(block, x);
        long fresh2 = ws.bytesAllocated() - poisoned;
        ws.close();
        for (int i = 0; i < fresh.length; i++) assertArrayEquals(fresh[i], reused[i], "output " + i);
        assertEquals(true, fresh2 < poisoned, "the step must have run on the recycled arrays (allocated " + fresh2 + ")");
    }
}
