// Follows a training run for the CLI: every step to the progress display, records to metrics.jsonl, checkpoints.
package dev.xent.cli.run;

import dev.xent.cli.progress.ProgressSink;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.StopReason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProgressListener} for {@code TrainOptions.listeners(...)}. Records written (epochs 1-based, as shown):
 * <ul>
 *   <li>the first step at or past each multiple of {@code logEvery}: {@code {"split":"train","step","epoch","elapsed_s","loss","lr","grad_norm",
 *       "<unit>_per_s"}};</li>
 *   <li>the untrained model's scores (when the run asks for them) and each epoch's validation metrics ({@code val_x}
 *       as {@code x}) under split "valid", the other epoch metrics (mean step loss, metrics on the training set)
 *       under split "train_epoch"; validation at a budget stop under "valid" too.</li>
 * </ul>
 * On resume, metrics.jsonl first loses the records after the checkpoint's step (they are trained again). A metrics
 * file that cannot be written stops training (an {@link UncheckedIOException}) rather than losing records.
 */
public final class TrainingMonitor implements ProgressListener, AutoCloseable {
    private final RunDirectory run;
    private final ProgressSink sink;
    private final long logEvery;
    private final long startNanos = System.nanoTime();
    private MetricsLog log;
    private int shownEpoch = -1;
    private long lastStep, lastLogged;
    private int lastEpoch;

    /** @param logEvery write one training record every this many steps (1: every step) */
    public TrainingMonitor(RunDirectory run, ProgressSink sink, long logEvery) {
        if (logEvery < 1) throw new IllegalArgumentException("logEvery must be >= 1; got " + logEvery);
        this.run = run;
        this.sink = sink;
        this.logEvery = logEvery;
    }

    @Override
    public void onResume(long step, Path file, List<String> skipped) {
        for (String why : skipped) sink.message("skipped   checkpoint: " + why);
        try {
            if (log == null) MetricsLog.truncateAfterStep(run.metricsFile(), step);   // before the log is opened
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + run.metricsFile() + ": " + e.getMessage(), e);
        }
        lastStep = step;
        lastLogged = step;
    }

    @Override
    public void onInitialValidation(Map<String, Double> logs) {
        Map<String, Object> r = header("valid", 0, 0);
        logs.forEach((k, v) -> r.put(k.startsWith("val_") ? k.substring(4) : k, v));
        write(r);
    }

    @Override
    public void onStep(Progress p) {
        if (p.epoch() != shownEpoch) {
            shownEpoch = p.epoch();
            sink.begin("epoch " + (p.epoch() + 1) + "/" + p.epochs(), p.batchesPerEpoch(), "batches");
        }
        sink.update(p.batch() + 1, p.loss(), p.unitsPerSecond(), p.unit());
        lastStep = p.step();
        lastEpoch = p.epoch() + 1;
        // a record each time the step count passes a multiple of logEvery: steps may jump (hogwild segments),
        // and a resumed run records at the same steps as an uninterrupted one
        if (p.step() / logEvery == lastLogged / logEvery) return;
        lastLogged = p.step();
        Map<String, Object> r = header("train", p.step(), p.epoch() + 1);
        r.put("loss", (double) p.loss());
        r.put("lr", p.lr());
        r.put("grad_norm", p.gradNorm());
        r.put(p.unit() + "_per_s", p.unitsPerSecond());
        write(r);
    }

    @Override
    public void onValidationBegin(int epoch) {
        sink.begin("validation", 0, "batches");
    }

    @Override
    public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
        Map<String, Object> valid = header("valid", lastStep, epoch + 1), train = header("train_epoch", lastStep, epoch + 1);
        logs.forEach((k, v) -> {
            if (k.startsWith("val_")) valid.put(k.substring(4), v);
            else if (!k.equals("lr")) train.put(k, v);   // the rate is in the per-step records
        });
        if (train.size() > 4) write(train);
        if (valid.size() > 4) write(valid);
        Map<String, Double> shown = new LinkedHashMap<>(logs);
        shown.remove("lr");
        sink.epochEnd(epoch + 1, shown);
        shownEpoch = -1;   // the next step opens a new bar
    }

    @Override
    public void onStop(StopReason reason, long step, Map<String, Double> logs) {
        if (logs.isEmpty()) return;
        Map<String, Object> valid = header("valid", step, lastEpoch);
        logs.forEach((k, v) -> valid.put(k.startsWith("val_") ? k.substring(4) : k, v));
        write(valid);
    }

    private Map<String, Object> header(String split, long step, int epoch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("split", split);
        r.put("step", step);
        r.put("epoch", epoch);
        r.put("elapsed_s", Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
        return r;
    }

    private void write(Map<String, Object> record) {
        try {
            if (log == null) log = run.openMetrics();
            log.append(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.metricsFile() + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record outside training (e.g. the final evaluation). */
    public void record(String split, long step, int epoch, Map<String, Double> values) {
        Map<String, Object> r = header(split, step, epoch);
        r.putAll(values);
        write(r);
    }

    /** Closes the display and the metrics file. */
    @Override
    public void close() throws IOException {
        sink.close();
        if (log != null) log.close();
    }
}
