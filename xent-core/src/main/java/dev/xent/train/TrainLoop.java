// The one training loop: epochs of steps, validation, best-model choice, checkpoints, budgets and guards.
package dev.xent.train;

import dev.xent.autograd.GradMode;
import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.loss.NonFiniteInputException;
import dev.xent.nn.Module;
import dev.xent.optim.Optimizer;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per step: the stop signal and the step budget are checked, the callbacks' onBatchBegin runs (a per-step
 * schedule sets the rate), {@link TrainStep} computes the task's loss, backpropagates, clips and updates (a NaN
 * or infinite loss or gradient stops here, see {@link #diverged}), the task's endStep runs, then the listeners,
 * onBatchEnd, a due checkpoint and the time budget. Per epoch: the task validates, the {@link Selection} keeps
 * the best weights, the history records the logs, callbacks and listeners see them, a checkpoint is written.
 * At the end the best weights are put back. See {@link Trainer} for the contract.
 */
final class TrainLoop {
    private final TrainTask task;
    private final Module model;
    private final Optimizer optimizer;
    private final TrainOptions o;
    private final List<Callback> callbacks;
    private final Checkpoints store;
    private final TrainContext ctx;
    private BestWeights best;
    private boolean explicitSelection;
    private Path lastCheckpoint;
    private double lastLoss = Double.NaN;
    private long sessionStart, sessionUnits, clockBase;
    private long lastSaveNanos = System.nanoTime();   // epoch-end checkpoints keep Checkpointing's spacing from it

    TrainLoop(TrainTask task, Optimizer optimizer, TrainOptions options) {
        this.task = task;
        this.model = task.model();
        this.optimizer = optimizer;
        this.o = options;
        this.callbacks = List.copyOf(options.callbacks());
        this.store = options.checkpointing() == null ? null : options.checkpointing().store();
        this.ctx = new TrainContext(model, optimizer, options, new History());
        Selection s = options.selection();
        explicitSelection = s != null;
        for (Callback cb : callbacks) {
            if (s == null && cb instanceof EarlyStopping es && es.selection() != null) s = es.selection();
        }
        if (s == null) s = task.selection();
        best = s == null ? null : new BestWeights(s);
    }

    /** Trains from the current weights, or from {@code from} when resuming; returns the run's history. */
    History run(Checkpoints.Loaded from) {
        boolean fresh = from == null;
        if (!fresh) restore(from);
        boolean wasTraining = model.isTraining();
        model.train();
        try (TrainStep step = new TrainStep(optimizer).clipNorm(o.clipNorm()).clipValue(o.clipValue()).l1(o.l1()).l2(o.l2())) {
            for (Callback cb : callbacks) cb.onTrainBegin(ctx);
            if (fresh && o.validateAtStart()) {
                Map<String, Double> logs = validate(-1);
                ctx.history.recordInitial(logs);
                for (ProgressListener l : o.listeners()) l.onInitialValidation(logs);
            }
            if (fresh && store != null) save();   // so a last good state exists from the start
            clockBase = ctx.trainedNanos;
            sessionStart = System.nanoTime();
            StopReason reason = loop(step);
            ctx.trainedNanos = clock();
            ctx.history.recordBest(best != null && best.has() ? best.epoch() : -1);
            if (reason != StopReason.COMPLETED && reason != StopReason.EARLY_STOPPED && store != null) save();
            for (Callback cb : callbacks) cb.onTrainEnd(ctx);
            if (best != null) best.restoreInto(model);
            for (ProgressListener l : o.listeners()) l.onStop(reason, ctx.step, ctx.history.atStop());
        } finally {
            if (wasTraining) model.train();
            else model.eval();
        }
        return ctx.history;
    }

    private StopReason loop(TrainStep step) {
        if (ctx.stop && ctx.nextBatch == 0) {   // resumed from the checkpoint of the epoch whose end stopped the run
            ctx.history.recordStop(StopReason.EARLY_STOPPED, Map.of());
            return StopReason.EARLY_STOPPED;
        }
        for (int epoch = ctx.nextEpoch; epoch < o.epochs(); epoch++) {
            int batches = task.batches(epoch);
            if (batches < 1) throw new IllegalStateException("the task planned " + batches + " batches for epoch " + (epoch + 1));
            ctx.batchesPerEpoch = batches;
            if (ctx.nextBatch == 0) task.beginEpoch(epoch);
            for (Callback cb : callbacks) cb.onEpochBegin(ctx, epoch);
            for (int b = ctx.nextBatch; b < batches && !ctx.stop; b++) {
                checkStopSignal();
                if (o.maxSteps() > 0 && ctx.step >= o.maxSteps()) return budgetStop(StopReason.MAX_STEPS, epoch);
                trainBatch(step, epoch, b, batches);
                if (o.checkpointing() != null && o.checkpointing().due(ctx.step) && b + 1 < batches) save();
                if (o.maxSeconds() > 0 && clock() >= o.maxSeconds() * 1e9 && b + 1 < batches) {
                    return budgetStop(StopReason.MAX_SECONDS, epoch);
                }
            }
            endEpoch(epoch);
            if (ctx.stop) {
                ctx.history.recordStop(StopReason.EARLY_STOPPED, Map.of());
                return StopReason.EARLY_STOPPED;
            }
            if (epoch + 1 < o.epochs()) {
                StopReason spent = o.maxSteps() > 0 && ctx.step >= o.maxSteps() ? StopReason.MAX_STEPS
                        : o.maxSeconds() > 0 && clock() >= o.maxSeconds() * 1e9 ? StopReason.MAX_SECONDS : null;
                if (spent != null) {
                    ctx.history.recordStop(spent, Map.of());
                    return spent;
                }
            }
        }
        ctx.history.recordStop(StopReason.COMPLETED, Map.of());
        return StopReason.COMPLETED;
    }

    private void trainBatch(TrainStep step, int epoch, int b, int batches) {
        for (Callback cb : callbacks) cb.onBatchBegin(ctx, epoch, b);
        double lr = optimizer.lr();
        float loss;
        try {
            loss = step.run(() -> task.loss(epoch, b));
        } catch (NonFiniteLossException e) {
            throw diverged(e, ctx.step + 1, epoch, b);
        }
        task.endStep();
        ctx.step++;
        ctx.nextEpoch = epoch;
        ctx.nextBatch = b + 1;
        lastLoss = loss;
        sessionUnits += task.units(epoch, b);
        ctx.history.recordStep(epoch, loss, lr);
        if (!o.listeners().isEmpty()) {
            double seconds = (System.nanoTime() - sessionStart) * 1e-9;
            Progress p = new Progress(ctx.step, epoch, o.epochs(), b, batches, loss, lr, step.lastGradNorm(),
                    sessionUnits / Math.max(seconds, 1e-9), task.unit(), clock() * 1e-9);
            for (ProgressListener l : o.listeners()) l.onStep(p);
        }
        for (Callback cb : callbacks) cb.onBatchEnd(ctx, epoch, b, loss);
    }

    private void endEpoch(int epoch) {
        requireFiniteWeights();
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", ctx.history.meanStepLoss(epoch));
        logs.put("lr", optimizer.lr());
        logs.putAll(validate(epoch));
        offerBest(epoch, logs);
        ctx.history.recordEpoch(logs);
        ctx.nextEpoch = epoch + 1;
        ctx.nextBatch = 0;
        for (Callback cb : callbacks) cb.onEpochEnd(ctx, epoch, logs);
        for (ProgressListener l : o.listeners()) l.onEpochEnd(epoch, o.epochs(), logs);
        checkStopSignal();
        if (store != null && o.checkpointing().epochEndDue(System.nanoTime() - lastSaveNanos)) save();
    }

    /** A budget ran out inside epoch {@code epoch}: validate there, so the model trained so far can be chosen. */
    private StopReason budgetStop(StopReason reason, int epoch) {
        Map<String, Double> logs = validate(epoch);
        offerBest(epoch, logs);
        ctx.history.recordStop(reason, logs);
        return reason;
    }

    private void offerBest(int epoch, Map<String, Double> logs) {
        if (best == null) return;
        if (!best.selection.appliesTo(logs)) {
            if (explicitSelection) {
                throw new IllegalArgumentException("the model is chosen by " + best.selection + ", but the epoch logs have "
                        + logs.keySet() + (best.selection.metric().startsWith("val_") ? "; did you give validation data?" : ""));
            }
            best = null;   // the task's own choice needs validation data this run does not have: keep the last model
            return;
        }
        best.offer(epoch, logs, model);
    }

    private Map<String, Double> validate(int epoch) {
        for (ProgressListener l : o.listeners()) l.onValidationBegin(epoch);
        boolean wasTraining = model.isTraining();
        model.eval();
        try (GradMode.Scope off = GradMode.off()) {
            return new LinkedHashMap<>(task.validate());
        } catch (NonFiniteInputException e) {
            throw diverged(new NonFiniteLossException(ctx.step, -1, -1, "validation's " + e.quantity(), e.value()),
                    ctx.step, ctx.nextEpoch, ctx.nextBatch - 1);
        } finally {
            if (wasTraining) model.train();
        }
    }

    private long clock() {
        return clockBase + (System.nanoTime() - sessionStart);
    }

    private void checkStopSignal() {
        StopSignal s = o.stop();
        if (s == null || !s.requested()) return;
        Path file = store != null ? save() : null;
        throw new TrainingInterruptedException(s.reason(), ctx.step, file);
    }

    /**
     * Training diverged at step {@code failed}: put the model back to the last good state (the best epoch's
     * weights, else the newest checkpoint's), and say so in the exception.
     */
    private NonFiniteLossException diverged(NonFiniteLossException e, long failed, int epoch, int b) {
        String restored;
        if (best != null && best.has()) {
            best.restoreInto(model);
            restored = "the weights of its best epoch so far (epoch " + (best.epoch() + 1) + ", " + best.selection.metric()
                    + " " + best.logs().get(best.selection.metric()) + ")";
        } else if (lastCheckpoint != null) {
            restored = restoreCheckpointWeights(lastCheckpoint);
        } else {
            restored = "the weights after the last good step (" + ctx.step + "; no checkpoint was written)";
        }
        return e.at(failed, epoch, b, lastLoss, restored);
    }

    private String restoreCheckpointWeights(Path file) {
        try {
            Checkpoint c = Checkpoint.read(file);
            Map<String, Tensor> w = new LinkedHashMap<>();
            c.tensors().forEach((k, t) -> {
                if (k.startsWith("model/")) w.put(k.substring(6), t);
            });
            model.loadStateDict(w, true);
            return "the weights of its last checkpoint (" + file + ", step " + c.counter("step") + ")";
        } catch (IOException | RuntimeException x) {
            return "the weights after the last good step (" + ctx.step + "); the last checkpoint " + file
                    + " could not be read back: " + x.getMessage();
        }
    }

    /** An update can overflow a weight while the loss was still finite: that is a divergence too. */
    private void requireFiniteWeights() {
        for (Map.Entry<String, Tensor> w : model.stateDict().entrySet()) {
            int bad = Guards.firstNonFinite(w.getValue());
            if (bad >= 0) {
                NonFiniteLossException e = new NonFiniteLossException(ctx.step, -1, -1, "weights ("
                        + w.getKey() + "[" + bad + "])", w.getValue().data()[bad]);
                throw diverged(e, ctx.step, ctx.nextEpoch, ctx.nextBatch - 1);
            }
        }
    }

    /** Writes a checkpoint of the current state; the weights must be finite (else training diverged). */
    private Path save() {
        lastSaveNanos = System.nanoTime();
        requireFiniteWeights();
        ctx.trainedNanos = sessionStart == 0 ? ctx.trainedNanos : clock();
        TrainState.Parts p = new TrainState.Parts();
        p.step = ctx.step;
        p.nextEpoch = ctx.nextEpoch;
        p.nextBatch = ctx.nextBatch;
        p.trainedNanos = ctx.trainedNanos;
        p.stopped = ctx.stop;
        p.model = model.stateDict();
        p.optim = optimizer.stateView();   // written before the next step: no copy
        p.lr = optimizer.lr();
        p.rngs = TrainState.rngStates(task.rngs());
        p.task = task.state();
        if (best != null && best.has()) {
            p.best = best.weights();
            p.bestEpoch = best.epoch();
            p.bestLogs = best.logs();
        }
        p.history = ctx.history;
        p.fingerprint = task.fingerprint();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < callbacks.size(); i++) {
            Callback cb = callbacks.get(i);
            names.add(cb.getClass().getName());
            long[] s = cb.state();
            if (s != null) p.callbackCounters.put(i, s);
            Map<String, Tensor> t = cb.stateTensors();
            if (!t.isEmpty()) p.callbackTensors.put(i, t);
        }
        p.callbackNames = names;
        try {
            lastCheckpoint = store.save(ctx.step, TrainState.encode(p));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint at step " + ctx.step + " in " + store.dir()
                    + ": " + e.getMessage() + ". Check the disk space and that the directory is writable", e);
        }
        for (ProgressListener l : o.listeners()) l.onCheckpoint(ctx.step, lastCheckpoint);
        return lastCheckpoint;
    }

    private void restore(Checkpoints.Loaded from) {
        String source = from.file().toString();
        List<String> names = new ArrayList<>();
        for (Callback cb : callbacks) names.add(cb.getClass().getName());
        TrainState.Parts p = TrainState.decode(from.checkpoint(), source, task.fingerprint(), task.rngs().keySet(), names);
        model.loadStateDict(p.model, true);
        optimizer.loadStateDict(p.optim);
        if (!Double.isNaN(p.lr)) optimizer.setLr(p.lr);
        for (Map.Entry<String, Rng> r : task.rngs().entrySet()) r.getValue().restore(p.rngs.get(r.getKey()));
        task.restore(p.task);
        for (int i = 0; i < callbacks.size(); i++) {
            if (p.callbackCounters.containsKey(i)) {
                callbacks.get(i).restore(p.callbackCounters.get(i), p.callbackTensors.getOrDefault(i, Map.of()));
            }
        }
        if (best != null) best.load(p.bestEpoch, p.bestLogs, p.best);
        ctx.history = p.history;
        ctx.step = p.step;
        ctx.nextEpoch = p.nextEpoch;
        ctx.nextBatch = p.nextBatch;
        ctx.trainedNanos = p.trainedNanos;
        if (p.stopped) ctx.stopTraining();
        lastCheckpoint = from.file();
        for (ProgressListener l : o.listeners()) l.onResume(p.step, from.file(), from.skipped());
    }
}
