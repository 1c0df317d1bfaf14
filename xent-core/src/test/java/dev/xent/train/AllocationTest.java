package dev.xent.train;

import dev.xent.loss.CrossEntropy;
import dev.xent.optim.Adam;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step reuses its activation buffers. For an MLP in → H → 10 on batches of B, the hidden
 * activation is B × H floats (and the pre-activation, the ReLU output and their gradients are as large),
 * yet after warm-up the heap bytes the training thread allocates per step (com.sun.management
 * .ThreadMXBean#getThreadAllocatedBytes) stay far below one such buffer. Warm-up is long because the
 * interpreter and C1 allocate small objects that C2's escape analysis later removes (measured: ~32 MB in
 * each of the first steps at B = 256, H = 2048, then ~36 KB). Run the slow test with
 * {@code ./build test -pl xent-core -Dtest=AllocationTest -Dsurefire.excludedGroups=}.
 */
class AllocationTest {

    /** Per-step allocated bytes of the training thread over {@code steps} steps of the MLP. */
    private static long[] measure(int batch, int hidden, int steps, long[] workspaceBytes) {
        int n = 4 * batch, in = 8, classes = 10;
        Rng r = new Rng(1);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
        Dataset data = Dataset.of(Init.normal(r, 0, 1, n, in), IntTensor.of(y, n));
        TinyMlp m = new TinyMlp(in, hidden, classes, 2);
        int[] order = DatasetTask.order(n, FitOptions.builder().build(), 0);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        long[] perStep = new long[steps];
        try (TrainStep step = new TrainStep(new Adam(m.namedParameters(), 1e-3)).clipNorm(1)) {
            for (int s = 0; s < steps; s++) {
                int from = (s % 4) * batch;
                long before = threads.getThreadAllocatedBytes(self);
                step.run(() -> {
                    Batch b = data.batch(order, from, from + batch);
                    Tensor out = m.forward(b.inputs());          // (B, 10)
                    return CrossEntropy.of(out, b.targetIds());
                });
                perStep[s] = threads.getThreadAllocatedBytes(self) - before;
                workspaceBytes[s] = step.workspaceBytes();
            }
        }
        return perStep;
    }

    private static long median(long[] a, int from) {
        long[] w = Arrays.copyOfRange(a, from, a.length);
        Arrays.sort(w);
        return w[w.length / 2];
    }

    /**
     * Deterministic part (fast suite): the step workspace allocates every scratch array in step 1 and none
     * after. The heap measurement needs C2-compiled Vector API code (the interpreter boxes vectors), so it
     * runs in the slow test below.
     */
    @Test
    void warmStepsReuseEveryScratchBuffer() {
        int batch = 64, hidden = 512, steps = 6;
        long[] ws = new long[steps];
        measure(batch, hidden, steps, ws);
        long activation = 4L * batch * hidden;                   // 128 KiB
        assertTrue(ws[0] > 4 * activation, "the first step allocates the activations in the workspace: " + ws[0]);
        for (int s = 1; s < steps; s++) assertEquals(ws[0], ws[s], "no new workspace array after step 1 (step " + s + ")");
    }

    /** The shape of the brief: B = 256, H = 2048 (a 2 MiB activation). Measured: ~36 KB per warm step. */
    @Test
    @Tag("slow")
    void largeMlpWarmStepsAllocateUnderOneMegabyte() {
        int steps = 40;
        long[] ws = new long[steps];
        long[] perStep = measure(256, 2048, steps, ws);
        long activation = 4L * 256 * 2048;
        long warmMax = 0;
        for (int s = 20; s < steps; s++) warmMax = Math.max(warmMax, perStep[s]);
        assertTrue(perStep[0] > 4 * activation, "the first step allocates the activations: " + perStep[0]);
        assertTrue(median(perStep, 20) < 64 * 1024 && warmMax < 1 << 20, "warm steps allocate median "
                + median(perStep, 20) + ", max " + warmMax + " bytes; one activation is " + activation
                + ". Per step: " + Arrays.toString(perStep));
    }
}
