// The hogwild runner on a toy least-squares task: exact resume after a stop (one thread), guards, epochs, threads.
package dev.xent.train;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HogwildTest {
    static final int N = 200, D = 5;
    static final float[][] X = new float[N][D];
    static final float[] Y = new float[N];

    static {
        Rng r = new Rng(4);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) X[i][j] = (float) r.nextGaussian();
            Y[i] = X[i][0] - 2 * X[i][3] + 0.1f * (float) r.nextGaussian();
        }
    }

    /**
     * w ← w − lr·(w·x − y)·x on one example at a time, with a random skip (p = 0.1) drawn from the thread's own
     * generator so that resume must restore it; thread t starts at example t·N/threads and wraps around.
     */
    static final class LeastSquares implements HogwildTask {
        final float[] w = new float[D];
        final int threads, epochs;
        final float lr;
        final AtomicLong examples = new AtomicLong();
        final int[] next;
        final Rng[] rngs;

        LeastSquares(int threads, int epochs, float lr) {
            this.threads = threads;
            this.epochs = epochs;
            this.lr = lr;
            next = new int[threads];
            rngs = new Rng[threads];
            for (int t = 0; t < threads; t++) {
                next[t] = t * N / threads;
                rngs[t] = new Rng(100 + t);
            }
        }

        @Override public int threads() { return threads; }
        @Override public long examplesPerEpoch() { return N; }
        @Override public int epochs() { return epochs; }
        @Override public boolean finished() { return examples.get() >= (long) epochs * N; }

        @Override
        public Worker worker(int t) {
            return () -> {
                int i = next[t];
                next[t] = (i + 1) % N;
                examples.incrementAndGet();
                if (rngs[t].nextDouble() < 0.1) return -1;   // skipped: nothing trained
                float err = -Y[i];
                for (int j = 0; j < D; j++) err += w[j] * X[i][j];
                for (int j = 0; j < D; j++) w[j] -= lr * err * X[i][j];
                return 0.5 * err * err;
            };
        }

        @Override public Map<String, Tensor> weights() { return Map.of("w", Tensor.of(w, D)); }

        @Override
        public TaskState state() {
            Map<String, long[]> c = new java.util.LinkedHashMap<>();
            c.put("examples", new long[] {examples.get()});
            for (int t = 0; t < threads; t++) {
                c.put("next/" + t, new long[] {next[t]});
                c.put("rng/" + t, rngs[t].state());
            }
            return new TaskState(Map.of(), c);
        }

        @Override
        public void restore(TaskState s) {
            examples.set(s.longs("examples")[0]);
            for (int t = 0; t < threads; t++) {
                next[t] = (int) s.longs("next/" + t)[0];
                rngs[t].restore(s.longs("rng/" + t));
            }
        }

        @Override public Map<String, Object> fingerprint() { return Map.of("lr", lr, "epochs", epochs); }
    }

    static TrainOptions.Builder options(Path dir) {
        return TrainOptions.builder().checkpointing(Checkpointing.to(dir).everySteps(150).keepLast(2));
    }

    @Test
    void oneThreadStoppedAndResumedEqualsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        LeastSquares full = new LeastSquares(1, 4, 0.02f);
        List<Double> epochLosses = new ArrayList<>();
        List<Long> reported = new ArrayList<>();
        ProgressListener epochs = new ProgressListener() {
            @Override public void onStep(Progress p) { reported.add(p.step()); }
            @Override public void onEpochEnd(int epoch, int n, Map<String, Double> logs) { epochLosses.add(logs.get("loss")); }
        };
        Hogwild.Result r = Hogwild.run(full, options(tmp.resolve("full")).listeners(epochs).build());
        assertEquals(4 * N, r.steps());
        assertEquals(StopReason.COMPLETED, r.reason());
        assertEquals(4, epochLosses.size());
        List<Long> segmentEnds = List.of(150L, 200L, 300L, 400L, 450L, 600L, 750L, 800L);   // checkpoints, epoch ends
        assertEquals(segmentEnds, reported, "one progress report per segment");
        assertTrue(epochLosses.get(3) < epochLosses.get(0) / 5, "it learns: " + epochLosses);
        assertEquals(1, full.w[0], 0.1);
        assertEquals(-2, full.w[3], 0.1);

        Path dir = tmp.resolve("stopped");
        LeastSquares first = new LeastSquares(1, 4, 0.02f);
        StopSignal signal = new StopSignal();
        signal.request("SIGTERM");   // seen after the first segment (the step-150 checkpoint)
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> Hogwild.run(first, options(dir).stop(signal).build()));
        assertTrue(e.step() > 0 && e.step() < 4 * N, "stopped early: " + e.step());
        assertEquals(dir.resolve("ckpt-" + e.step() + ".xent"), e.checkpoint());

        LeastSquares resumed = new LeastSquares(1, 4, 0.02f);
        resumed.w[2] = 42;   // must be overwritten by the checkpoint
        reported.clear();
        Hogwild.Result rr = Hogwild.resume(resumed, options(dir).listeners(epochs).build());
        assertEquals(segmentEnds, reported, "the stop's own step is not reported, so the resumed run reports the same");
        assertArrayEquals(full.w, resumed.w, "bit-identical with one thread");
        assertEquals(r.steps(), rr.steps());
        assertEquals(r.meanLoss(), rr.meanLoss());

        LeastSquares other = new LeastSquares(1, 4, 0.03f);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Hogwild.resume(other, options(dir).build()));
        assertTrue(refused.getMessage().contains("lr 0.02 in the checkpoint but 0.03 now"), refused.getMessage());
    }

    @Test
    void divergencePutsBackTheLastCheckpointsWeights(@TempDir Path tmp) throws Exception {
        LeastSquares task = new LeastSquares(1, 50, 3f);   // lr 3: every update overshoots more
        Path dir = tmp.resolve("d");
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> Hogwild.run(task, TrainOptions.builder().checkpointing(Checkpointing.to(dir).everySteps(20)).build()));
        long last = new Checkpoints(dir, 1).latest().orElseThrow().step();
        assertArrayEquals(Checkpoint.read(dir.resolve("ckpt-" + last + ".xent")).tensor("model/w").data(), task.w);
        for (float v : task.w) assertTrue(Float.isFinite(v));
        assertTrue(e.getMessage().contains("ckpt-" + last), e.getMessage());
    }

    @Test
    void twoThreadsShareTheWorkAndBudgetsStopThem() {
        LeastSquares task = new LeastSquares(2, 6, 0.02f);
        Hogwild.Result r = Hogwild.run(task, TrainOptions.builder().build());
        assertTrue(r.steps() >= 6 * N && r.steps() < 6 * N + 2, "every example of 6 epochs: " + r.steps());
        assertEquals(1, task.w[0], 0.15);

        LeastSquares capped = new LeastSquares(2, 6, 0.02f);
        Hogwild.Result c = Hogwild.run(capped, TrainOptions.builder().maxSteps(333).build());
        assertEquals(StopReason.MAX_STEPS, c.reason());
        assertEquals(333, c.steps(), "the two threads' shares sum to the budget");
        assertFalse(capped.finished());
        assertThrows(IllegalArgumentException.class, () -> Hogwild.run(capped, TrainOptions.builder().clipNorm(1).build()));
    }
}
