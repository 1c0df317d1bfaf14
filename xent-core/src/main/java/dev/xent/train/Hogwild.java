// The hogwild runner: lock-free worker threads in segments, with the loop's checkpoints, budgets, stop and guards.
package dev.xent.train;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link HogwildTask} in segments: the threads train until the next epoch end, the next due checkpoint
 * or maxSteps (a step is one example, over all threads; thread t's share of a segment is fixed, so the shares
 * sum to the segment), and stop early between two examples on a {@link StopSignal}, the time budget or a
 * failure. Between segments the state is quiescent: a segment that reached its planned end is reported to the
 * listeners' onStep (one {@link Progress} for the segment), epoch ends are reported (mean loss since the epoch
 * began), checkpoints written in the one training format ({@link TrainState}), weights checked. With one thread a
 * segment boundary changes nothing, so a resumed run repeats the uninterrupted one exactly.
 *
 * <pre>{@code Hogwild.Result r = Hogwild.run(task, TrainOptions.builder().checkpointing(Checkpointing.to(dir)).build());}</pre>
 *
 * Of {@link TrainOptions} it uses checkpointing, listeners, stop, maxSteps and maxSeconds; epochs come from the
 * task, and options the hogwild update has no place for (clipping, penalties, callbacks, model choice) are refused.
 */
public final class Hogwild {
    /** Examples trained, their mean loss (over the whole run), why it ended, seconds trained over all sessions. */
    public record Result(long steps, double meanLoss, StopReason reason, double seconds) {}

    private final HogwildTask task;
    private final TrainOptions o;
    private final Checkpoints store;
    private final int threads;
    // Per thread t at index t * PAD (a cache line apart, so the threads' counters do not share one):
    private static final int PAD = 8;
    private final long[] done, trained;   // examples visited, examples trained
    private final double[] lossSum;        // loss sum of the examples trained
    private long epochTrained;             // trained count and loss sum when the current epoch began
    private double epochLoss;
    private long trainedNanos, sessionStart, sessionSteps, deadline;
    private long lastSaveNanos = System.nanoTime();   // epoch-end checkpoints keep Checkpointing's spacing from it
    private Path lastCheckpoint;
    private volatile boolean halt;         // a thread failed, or the stop signal / deadline was seen
    private volatile Throwable failure;

    private Hogwild(HogwildTask task, TrainOptions o) {
        if (o.clipNorm() > 0 || o.clipValue() > 0 || o.l1() > 0 || o.l2() > 0 || !o.callbacks().isEmpty()
                || o.selection() != null || o.validateAtStart()) {
            throw new IllegalArgumentException("hogwild training applies its own per-example SGD update: clipping, "
                    + "penalties, callbacks, model selection and validateAtStart do not apply; leave them unset");
        }
        if (task.threads() < 1) throw new IllegalArgumentException("threads must be >= 1; got " + task.threads());
        if (task.examplesPerEpoch() < 1) throw new IllegalArgumentException("the training data is empty");
        this.task = task;
        this.o = o;
        this.store = o.checkpointing() == null ? null : o.checkpointing().store();
        this.threads = task.threads();
        this.done = new long[threads * PAD];
        this.trained = new long[threads * PAD];
        this.lossSum = new double[threads * PAD];
    }

    /** Trains the task from its current weights to its end (or a budget); see the class comment. */
    public static Result run(HogwildTask task, TrainOptions options) {
        return new Hogwild(task, options).go(null);
    }

    /** Continues from the newest checkpoint in {@code options.checkpointing().dir()} that verifies. */
    public static Result resume(HogwildTask task, TrainOptions options) throws IOException {
        Checkpointing c = options.checkpointing();
        if (c == null) throw new IllegalArgumentException("resume needs checkpointing(Checkpointing.to(dir)) as when the run started");
        Checkpoints.Loaded from = c.store().latest().orElseThrow(() -> new IllegalArgumentException(
                "no checkpoint in " + c.dir() + " to resume from; start the run with Hogwild.run"));
        return new Hogwild(task, options).go(from);
    }

    private Result go(Checkpoints.Loaded from) {
        if (from != null) restore(from);
        else if (store != null) save();   // so a last good state exists from the start
        long n = task.examplesPerEpoch();
        sessionStart = System.nanoTime();
        sessionSteps = steps();
        deadline = o.maxSeconds() > 0 ? sessionStart + (long) (o.maxSeconds() * 1e9) - trainedNanos : Long.MAX_VALUE;
        StopReason reason = StopReason.COMPLETED;
        while (!task.finished()) {
            long step = steps();
            if (o.maxSteps() > 0 && step >= o.maxSteps()) {
                reason = StopReason.MAX_STEPS;
                break;
            }
            long next = (step / n + 1) * n;   // the next epoch end
            if (o.checkpointing() != null && o.checkpointing().everySteps() > 0) {
                long every = o.checkpointing().everySteps();
                next = Math.min(next, (step / every + 1) * every);
            }
            if (o.maxSteps() > 0) next = Math.min(next, o.maxSteps());
            runSegment(next - step);
            if (failure != null) throw failed();
            long now = steps();
            if (now == next) progress(now);   // only at planned ends, so that a resumed run reports the same steps
            if (now / n > step / n) endEpoch((int) (now / n));
            StopSignal s = o.stop();
            if (s != null && s.requested()) {
                throw new TrainingInterruptedException(s.reason(), now, store != null ? save() : null);
            }
            if (System.nanoTime() >= deadline && !task.finished()) {
                reason = StopReason.MAX_SECONDS;
                break;
            }
            boolean due = o.checkpointing() != null && (o.checkpointing().due(now)
                    || (now % n == 0 && o.checkpointing().epochEndDue(System.nanoTime() - lastSaveNanos)));
            if (store != null && due && now > step && !task.finished()) save();
        }
        trainedNanos += System.nanoTime() - sessionStart;
        sessionStart = System.nanoTime();
        if (store != null && reason != StopReason.COMPLETED) save();
        long count = 0;
        double loss = 0;
        for (int t = 0; t < threads; t++) {
            count += trained[t * PAD];
            loss += lossSum[t * PAD];
        }
        for (ProgressListener l : o.listeners()) l.onStop(reason, steps(), Map.of());
        return new Result(steps(), count == 0 ? Double.NaN : loss / count, reason, trainedNanos / 1e9);
    }

    private long steps() {
        long s = 0;
        for (int t = 0; t < threads; t++) s += done[t * PAD];
        return s;
    }

    /**
     * Reports the run at the end of a segment (an epoch end, a checkpoint step or maxSteps) as one {@link Progress}:
     * step = examples visited, batch = the example's place in its epoch, loss = the epoch's mean loss so far.
     */
    private void progress(long now) {
        if (o.listeners().isEmpty()) return;
        long count = 0;
        double loss = 0;
        for (int t = 0; t < threads; t++) {
            count += trained[t * PAD];
            loss += lossSum[t * PAD];
        }
        long n = task.examplesPerEpoch(), nanos = System.nanoTime() - sessionStart;
        Progress p = new Progress(now, (int) ((now - 1) / n), task.epochs(), (int) ((now - 1) % n), (int) Math.min(n,
                Integer.MAX_VALUE), (float) ((loss - epochLoss) / Math.max(1, count - epochTrained)), task.lr(),
                Double.NaN, (now - sessionSteps) / Math.max(1e-9, nanos / 1e9), "examples", (trainedNanos + nanos) / 1e9);
        for (ProgressListener l : o.listeners()) l.onStep(p);
    }

    private void endEpoch(int epochsDone) {
        long count = 0;
        double loss = 0;
        for (int t = 0; t < threads; t++) {
            count += trained[t * PAD];
            loss += lossSum[t * PAD];
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", (loss - epochLoss) / Math.max(1, count - epochTrained));
        epochLoss = loss;
        epochTrained = count;
        for (ProgressListener l : o.listeners()) l.onEpochEnd(epochsDone - 1, task.epochs(), logs);
    }

    /** Runs every thread for its share of {@code steps} examples, or until the task ends or a halt. */
    private void runSegment(long steps) {
        halt = false;
        if (threads == 1) {
            work(0, steps);
            return;
        }
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            long quota = (steps + threads - 1 - t) / threads;   // the shares sum to steps
            ts[t] = new Thread(() -> work(id, quota), "xent-hogwild-" + t);
            ts[t].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                halt = true;
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            }
        }
    }

    private void work(int t, long quota) {
        HogwildTask.Worker w = task.worker(t);
        StopSignal stop = o.stop();
        int i = t * PAD;
        try {
            for (long q = 0; q < quota && !halt && !task.finished(); q++) {
                double loss = w.step();
                done[i]++;
                if (!(loss < Double.POSITIVE_INFINITY) || loss == Double.NEGATIVE_INFINITY) {   // NaN or ±inf
                    throw new NonFiniteLossException(steps(), -1, -1, "loss", loss);
                }
                if (loss >= 0) {
                    trained[i]++;
                    lossSum[i] += loss;
                }
                if ((q & 255) == 255 && System.nanoTime() >= deadline) halt = true;
                if (stop != null && stop.requested()) halt = true;
            }
        } catch (Throwable e) {
            if (failure == null) failure = e;
            halt = true;
        }
    }

    /** A thread failed: a divergence restores the last checkpoint's weights; anything else is rethrown as it was. */
    private RuntimeException failed() {
        Throwable f = failure;
        if (f instanceof NonFiniteLossException e) {
            long count = 0;
            double loss = 0;
            for (int t = 0; t < threads; t++) {
                count += trained[t * PAD];
                loss += lossSum[t * PAD];
            }
            String restored = lastCheckpoint == null ? "non-finite weights: no checkpoint was written, so nothing good is left"
                    : restoreWeights(lastCheckpoint);
            return e.at(steps(), -1, -1, count == 0 ? Double.NaN : loss / count, restored);
        }
        if (f instanceof RuntimeException r) return r;
        if (f instanceof Error err) throw err;
        return new IllegalStateException("a training thread failed: " + f, f);
    }

    private String restoreWeights(Path file) {
        try {
            Checkpoint c = Checkpoint.read(file);
            task.weights().forEach((k, view) -> copyInto(c.tensor("model/" + k), view, file));
            return "the weights of its last checkpoint (" + file + ", step " + c.counter("step") + ")";
        } catch (IOException | RuntimeException x) {
            return "non-finite weights; the last checkpoint " + file + " could not be read back: " + x.getMessage();
        }
    }

    private static void copyInto(Tensor from, Tensor view, Path source) {
        if (from.size() != view.size()) {
            throw new CheckpointMismatchException(source + " holds " + from.size() + " values where the model has "
                    + view.size() + "; it is from another model");
        }
        System.arraycopy(from.data(), 0, view.data(), 0, view.size());
    }

    private Path save() {
        lastSaveNanos = System.nanoTime();
        Map<String, Tensor> weights = task.weights();
        for (Map.Entry<String, Tensor> w : weights.entrySet()) {
            int bad = Guards.firstNonFinite(w.getValue());
            if (bad >= 0) {
                failure = new NonFiniteLossException(steps(), -1, -1, "weights (" + w.getKey() + "[" + bad + "])",
                        w.getValue().data()[bad]);
                throw failed();
            }
        }
        TrainState.Parts p = new TrainState.Parts();
        p.step = steps();
        p.nextEpoch = (int) (p.step / task.examplesPerEpoch());
        p.trainedNanos = trainedNanos + (sessionStart == 0 ? 0 : System.nanoTime() - sessionStart);
        p.model = weights;
        TaskState ts = task.state();
        Map<String, long[]> counters = new LinkedHashMap<>(ts.counters());
        for (int t = 0; t < threads; t++) {
            counters.put("hogwild/" + t, new long[] {done[t * PAD], trained[t * PAD], Double.doubleToRawLongBits(lossSum[t * PAD])});
        }
        counters.put("hogwild/epoch", new long[] {epochTrained, Double.doubleToRawLongBits(epochLoss)});
        p.task = new TaskState(ts.tensors(), counters);
        p.fingerprint = fingerprint();
        p.callbackNames = List.of();
        try {
            lastCheckpoint = store.save(p.step, TrainState.encode(p));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint at step " + p.step + " in " + store.dir()
                    + ": " + e.getMessage() + ". Check the disk space and that the directory is writable", e);
        }
        for (ProgressListener l : o.listeners()) l.onCheckpoint(p.step, lastCheckpoint);
        return lastCheckpoint;
    }

    private Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>(task.fingerprint());
        f.put("threads", threads);
        f.put("examples per epoch", task.examplesPerEpoch());
        return f;
    }

    private void restore(Checkpoints.Loaded from) {
        Path file = from.file();
        TrainState.Parts p = TrainState.decode(from.checkpoint(), file.toString(), fingerprint(), List.of(), List.of());
        task.weights().forEach((k, view) -> {
            Tensor saved = p.model.get(k);
            if (saved == null) throw new CheckpointMismatchException(file + " has no weights '" + k + "'; it is from another model");
            copyInto(saved, view, file);
        });
        Map<String, long[]> own = new LinkedHashMap<>();
        p.task.counters().forEach((k, v) -> {
            if (!k.startsWith("hogwild/")) own.put(k, v);
        });
        task.restore(new TaskState(p.task.tensors(), own));
        for (int t = 0; t < threads; t++) {
            long[] s = p.task.longs("hogwild/" + t);
            done[t * PAD] = s[0];
            trained[t * PAD] = s[1];
            lossSum[t * PAD] = Double.longBitsToDouble(s[2]);
        }
        long[] e = p.task.longs("hogwild/epoch");
        epochTrained = e[0];
        epochLoss = Double.longBitsToDouble(e[1]);
        trainedNanos = p.trainedNanos;
        lastCheckpoint = file;
        for (ProgressListener l : o.listeners()) l.onResume(p.step, file, from.skipped());
    }
}
