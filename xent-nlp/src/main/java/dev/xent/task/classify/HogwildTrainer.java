// fastText's supervised training loop: lock-free (hogwild) SGD on shared float[] matrices. Each thread starts at
// its own offset in the data (thread t at t*n/threads, as fastText seeks t*size/threads into the file), walks the
// examples in order and wraps around, until the shared token count reaches epoch * tokens; the learning rate is
// lr * (1 - tokensDone / (epoch * tokens)), decaying linearly to 0.
package dev.xent.task.classify;

import dev.xent.kernel.Kernels;
import dev.xent.tensor.Rng;
import dev.xent.train.CheckpointPlan;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains a {@link FastTextModel} in place. Without checkpoints and listener the threads run to the end in one go.
 * Otherwise training runs in segments that end at every checkpoint step and every epoch end (a step is one example;
 * an epoch is n examples, over all threads): the threads stop there between two examples, the state is consistent
 * and is saved ({@link HogwildState}), then they go on. With one thread a segment boundary changes nothing and a
 * resumed run repeats the uninterrupted one exactly; with several, the interleaving of their lock-free updates
 * differs from run to run anyway, so a resumed run continues from the checkpoint but is not the same run.
 */
final class HogwildTrainer {
    final FastTextModel m;
    private final int[][] inputs;  // per example: input rows (all >= 0)
    private final int[][] targets; // per example: label ids (>= 1)
    private final int[] tokens;    // per example: tokens for the schedule (words + </s> + labels, as fastText)
    private final FastTextConfig cfg;
    private final float[] classWeight; // per label
    final long totalTokens;
    final AtomicLong tokenCount = new AtomicLong();
    final Worker[] workers;
    double epochLoss;              // loss and example count at the start of the current epoch (for the listener)
    long epochCount;

    HogwildTrainer(FastTextModel m, int[][] inputs, int[][] targets, int[] tokens, FastTextConfig cfg,
            float[] classWeight) {
        this.m = m;
        this.inputs = inputs;
        this.targets = targets;
        this.tokens = tokens;
        this.cfg = cfg;
        this.classWeight = classWeight;
        long t = 0;
        for (int k : tokens) {
            t += k;
        }
        this.totalTokens = t * cfg.epoch();
        int n = inputs.length;
        workers = new Worker[cfg.threads()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w, (int) ((long) w * n / workers.length));
        }
    }

    int examples() {
        return inputs.length;
    }

    /** Examples trained so far, over all threads. */
    long step() {
        long s = 0;
        for (Worker w : workers) {
            s += w.done;
        }
        return s;
    }

    /** Trains to the end; returns the mean training loss. */
    double run() {
        return run(CheckpointPlan.none(), null);
    }

    /**
     * Trains to the end (from the plan's checkpoint, when it has one), saving checkpoints as the plan says;
     * returns the mean training loss over all examples trained, before the checkpoint too.
     */
    double run(CheckpointPlan plan, FastTextClassifier.EpochListener listener) {
        plan.resume().ifPresent(c -> HogwildState.restore(c, this, cfg));
        long n = inputs.length;
        boolean segmented = plan.enabled() || listener != null;
        while (tokenCount.get() < totalTokens) {
            long step = step();
            long next = segmented ? (step / n + 1) * n : Long.MAX_VALUE;   // the next epoch end
            if (plan.everySteps() > 0) next = Math.min(next, (step / plan.everySteps() + 1) * plan.everySteps());
            runSegment(next == Long.MAX_VALUE ? Long.MAX_VALUE : next - step);
            long now = step();
            boolean more = tokenCount.get() < totalTokens;
            if (now / n > step / n) {   // crossed an epoch end (exactly at it with one thread)
                double loss = 0;
                long count = 0;
                for (Worker w : workers) {
                    loss += w.loss;
                    count += w.count;
                }
                if (listener != null) {
                    listener.onEpochEnd((int) (now / n), now, (loss - epochLoss) / Math.max(1, count - epochCount));
                }
                epochLoss = loss;
                epochCount = count;
            }
            if (plan.enabled() && more && now > step) plan.save(now, HogwildState.encode(this, cfg));
        }
        double loss = 0;
        long seen = 0;
        for (Worker w : workers) {
            loss += w.loss;
            seen += w.count;
        }
        return seen == 0 ? Double.NaN : loss / seen;
    }

    /** Runs every thread until the end of training or until the segment's {@code steps} examples are done. */
    private void runSegment(long steps) {
        int threads = workers.length;
        if (threads == 1) {
            workers[0].quota = steps;
            workers[0].run();
            return;
        }
        Thread[] ts = new Thread[threads];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            Worker w = workers[t];
            w.quota = steps == Long.MAX_VALUE ? steps : (steps + threads - 1 - t) / threads;   // shares sum to steps
            ts[t] = new Thread(w, "xent-fasttext-" + t);
            ts[t].setUncaughtExceptionHandler((th, e) -> {
                synchronized (failure) {
                    failure[0] = e;
                }
                tokenCount.set(Long.MAX_VALUE / 2); // stop the others
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            }
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a training thread failed: " + failure[0], failure[0]);
        }
    }

    /**
     * One hogwild thread: its own RNG and buffers; reads and writes the shared matrices without locks. Its
     * position (next example, tokens not yet added to the shared count, examples done, loss sum) lives in fields,
     * so a segment can end between two examples and the next one (or a resumed run) continues where it stopped.
     */
    final class Worker implements Runnable {
        final Rng rng;
        int next;         // the next example
        long local;       // tokens processed but not yet added to tokenCount
        long done;        // examples visited (the step count)
        long count;       // examples with inputs and labels, trained on
        double loss;      // their loss sum
        long quota;       // examples to visit in this segment
        private final int dim = m.dim;
        private final float[] hidden = new float[dim];
        private final float[] grad = new float[dim];
        private final float[] out = new float[m.nLabels];

        Worker(int threadId, int start) {
            this.rng = new Rng(cfg.seed() * 0x9E3779B97F4A7C15L + threadId);
            this.next = start;
        }

        @Override
        public void run() {
            int n = inputs.length;
            double lr0 = cfg.lr();
            for (long q = 0; q < quota && tokenCount.get() < totalTokens; q++) {
                int i = next;
                double progress = (double) tokenCount.get() / totalTokens;
                float lr = (float) (lr0 * (1.0 - progress));
                local += tokens[i];
                if (inputs[i].length > 0 && targets[i].length > 0) {
                    loss += update(inputs[i], targets[i], lr);
                    count++;
                }
                done++;
                next = i + 1 == n ? 0 : i + 1;
                if (local > cfg.lrUpdateRate()) {
                    tokenCount.addAndGet(local);
                    local = 0;
                }
            }
        }

        /** One SGD step on one example (fastText Model::update); returns its loss. */
        private double update(int[] rows, int[] labels, float lr) {
            m.hidden(rows, hidden, null);
            m.scores(hidden, out);
            java.util.Arrays.fill(grad, 0f);
            double loss;
            if (cfg.loss() == FastTextConfig.Loss.SOFTMAX) {
                int target = labels.length == 1 ? labels[0] : labels[rng.nextInt(labels.length)];
                FastTextModel.softmax(out, m.nLabels);
                float w = classWeight[target];
                for (int c = 0; c < m.nLabels; c++) {
                    // d(-log p_target)/d score_c = p_c - [c == target]; step = -lr * that
                    float alpha = lr * w * ((c == target ? 1f : 0f) - out[c]);
                    step(c, alpha);
                }
                loss = -Math.log(Math.max(out[target], 1e-10f));
            } else {
                loss = 0;
                for (int c = 0; c < m.nLabels; c++) {
                    boolean positive = contains(labels, c);
                    float p = FastTextModel.sigmoid(out[c]);
                    float alpha = lr * (positive ? classWeight[c] : 1f) * ((positive ? 1f : 0f) - p);
                    step(c, alpha);
                    loss -= Math.log(Math.max(positive ? p : 1 - p, 1e-10f));
                }
            }
            // every input row gets the mean's gradient: grad / rows.length (fastText normalizeGradient)
            float g = 1.0f / rows.length;
            for (int r : rows) {
                Kernels.vec().axpy(g, grad, 0, m.input, r * dim, dim);
            }
            return loss;
        }

        /** grad += alpha * output[c] (before the update, as fastText), then output[c] += alpha * hidden. */
        private void step(int c, float alpha) {
            Kernels.vec().axpy(alpha, m.output, c * dim, grad, 0, dim);
            Kernels.vec().axpy(alpha, hidden, 0, m.output, c * dim, dim);
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
