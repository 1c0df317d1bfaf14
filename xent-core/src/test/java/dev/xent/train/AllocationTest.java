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
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A training step reuses its activation buffers. For an MLP in → H → 10 on batches of B, the hidden
 * activation is B × H floats (and the pre-activation, the ReLU output and their gradients are as large),
 * yet once the step is JIT-compiled the heap bytes the process allocates per step
 * (com.sun.management.ThreadMXBean#getThreadAllocatedBytes, summed over all threads, the kernel pool
 * included) stay far below one such buffer.
 *
 * <p>How long "once compiled" takes is the JIT's business, not the engine's: the interpreter and C1 box
 * every Vector API value (MBs of small objects per step) until C2 compiles each kernel and its escape
 * analysis removes the boxes. A kernel called a few times per step with a long loop (Adam's update: one
 * call per parameter) is compiled by its loop's back-edge counter, so its warm-up is counted in loop
 * iterations: for this MLP ~2,300 AVX-512 iterations per step, and C2 took over after 50–80 steps
 * (measured, 2 cores; longer when the compiler threads wait for a loaded CPU). The slow test therefore
 * waits, up to a cap, for {@link #WINDOW} consecutive steps under the bound rather than assuming a step count.
 */
class AllocationTest {
    /** Consecutive steps under the bound that count as warm. */
    static final int WINDOW = 20;

    /** One MLP training run measured step by step: {@link #step()} runs a step and returns its bytes. */
    private static final class MlpSteps implements AutoCloseable {
        final int batch;
        final Dataset data;
        final TinyMlp model;
        final int[] order;
        final TrainStep step;
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int done;

        MlpSteps(int batch, int hidden) {
            int n = 4 * batch, in = 8, classes = 10;
            Rng r = new Rng(1);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
            this.batch = batch;
            this.data = Dataset.of(Init.normal(r, 0, 1, n, in), IntTensor.of(y, n));
            this.model = new TinyMlp(in, hidden, classes, 2);
            this.order = DatasetTask.order(n, FitOptions.builder().build(), 0);
            this.step = new TrainStep(new Adam(model.namedParameters(), 1e-3)).clipNorm(1);
        }

        /**
         * Runs the next step; returns the bytes all threads allocated during it, thread by thread: a thread that
         * ends during the step (an idle pool worker of an earlier test retiring) would otherwise take its whole
         * lifetime's bytes out of a before/after sum over all threads (seen in CI: a first step of 4.7 MB).
         */
        long step() {
            int from = (done++ % 4) * batch;
            Map<Long, Long> before = allocatedByThread();
            step.run(() -> {
                Batch b = data.batch(order, from, from + batch);
                Tensor out = model.forward(b.inputs());          // (B, 10)
                return CrossEntropy.of(out, b.targetIds());
            });
            long sum = 0;
            for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);   // a new thread: all its bytes
            }
            return sum;
        }

        private Map<Long, Long> allocatedByThread() {
            long[] ids = threads.getAllThreadIds();
            long[] bytes = threads.getThreadAllocatedBytes(ids);
            Map<Long, Long> out = new HashMap<>();
            for (int i = 0; i < ids.length; i++) if (bytes[i] >= 0) out.put(ids[i], bytes[i]);
            return out;
        }

        @Override
        public void close() {
            step.close();
        }
    }

    /**
     * Deterministic part (fast suite): the step workspace allocates every scratch array in step 1 and none
     * after. (The heap measurement depends on the JIT, so it runs in the slow test below.)
     */
    @Test
    void warmStepsReuseEveryScratchBuffer() {
        int batch = 64, hidden = 512, steps = 6;
        long activation = 4L * batch * hidden;                   // 128 KiB
        try (MlpSteps run = new MlpSteps(batch, hidden)) {
            run.step();
            long first = run.step.workspaceBytes();
            assertTrue(first > 4 * activation, "the first step allocates the activations in the workspace: " + first);
            for (int s = 1; s < steps; s++) {
                run.step();
                assertEquals(first, run.step.workspaceBytes(), "no new workspace array after step 1 (step " + (s + 1) + ")");
            }
        }
    }

    /**
     * B = 256, H = 2048: a 2 MiB activation. A compiled step allocates ~15 KB (tensor headers, shape arrays,
     * graph nodes, lambdas, fork-join tasks); the bound is 64 KiB, 1/32 of one activation.
     */
    @Test
    @Tag("slow")
    void largeMlpWarmStepsAllocateFarLessThanOneActivation() {
        int batch = 256, hidden = 2048, maxSteps = 1000;
        long activation = 4L * batch * hidden, bound = 64 * 1024;
        long deadline = System.nanoTime() + 120_000_000_000L;   // C1 only, never warm: ~600 MB, 1-2 s a step
        long[] perStep = new long[maxSteps];
        try (MlpSteps run = new MlpSteps(batch, hidden)) {
            perStep[0] = run.step();
            long workspaceAfterFirst = run.step.workspaceBytes();
            assertTrue(perStep[0] > 4 * activation, "the meter sees the first step's new buffers (at least 4 "
                    + "activations of " + activation + " bytes); got " + perStep[0]);
            int underBound = 0, steps = 1;
            while (steps < maxSteps && System.nanoTime() < deadline) {
                perStep[steps] = run.step();
                underBound = perStep[steps++] < bound ? underBound + 1 : 0;
                if (underBound == WINDOW) return;                 // warm: WINDOW steps in a row under the bound
            }
            long[] last = Arrays.copyOfRange(perStep, Math.max(0, steps - WINDOW), steps);
            fail("no " + WINDOW + " consecutive training steps allocated under " + bound + " bytes within "
                    + steps + " steps (cap: " + maxSteps + " steps or 120 s; one activation is " + activation
                    + " bytes). Steps 1-10: "
                    + Arrays.toString(Arrays.copyOf(perStep, 10)) + "; last " + WINDOW + ": " + Arrays.toString(last)
                    + "; the step workspace grew by " + (run.step.workspaceBytes() - workspaceAfterFirst)
                    + " bytes after step 1. About an activation or more in every step means a buffer made per step "
                    + "(Tensor.scratch outside the step's workspace, a gradient or optimizer array re-created); MBs "
                    + "that never fall mean a kernel still boxes Vector API values (not C2-compiled, or a vector "
                    + "passed through a call that is not inlined). Find the sites with JFR: add "
                    + "\"-Dxent.jvm.flags=--add-modules jdk.incubator.vector -XX:StartFlightRecording:filename=/tmp/a.jfr,"
                    + "+jdk.ObjectAllocationInNewTLAB#enabled=true\" to the Maven command, then "
                    + "$(scripts/find-jdk.sh)/bin/jfr view allocation-by-site /tmp/a.jfr");
        }
    }
}
