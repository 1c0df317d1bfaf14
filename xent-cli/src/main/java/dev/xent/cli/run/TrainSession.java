// How a train command runs the training loop: checkpoints, Ctrl-C and SIGTERM, progress, and how a run can end.
package dev.xent.cli.run;

import dev.xent.cli.CommandFailure;
import dev.xent.cli.ExitCodes;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.train.Checkpointing;
import dev.xent.train.NonFiniteLossException;
import dev.xent.train.StopSignal;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainingInterruptedException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;

/**
 * Settings every train command has: checkpointEvery (steps between checkpoints; 0: only at epoch ends),
 * keepCheckpoints, logEvery (steps between "train" records; 10 if the task has no such setting). {@link #options()} gives the loop's
 * options with them, the stop signal and the {@link TrainingMonitor}; {@link #train} runs the fit and turns its
 * endings into exits:
 * <ul>
 *   <li>Ctrl-C / SIGTERM: the loop wrote a checkpoint; exit 130 / 143 with the checkpoint and the resume command.</li>
 *   <li>divergence (a NaN or infinite loss, gradient or weight): the model was put back to its last good state,
 *       which {@code salvage} writes to model.xent; exit 1 with the step, the last finite loss and a fix.</li>
 *   <li>out of memory: exit 1 with what ran out, the settings to lower and how to give the JVM more heap.</li>
 * </ul>
 */
public final class TrainSession implements AutoCloseable {
    /** Steps between "train" records in metrics.jsonl for a task without a logEvery setting. */
    static final long DEFAULT_LOG_EVERY = 10;

    private final String task;
    private final ResolvedConfig config;
    private final RunDirectory run;
    private final boolean resume;
    private final PrintWriter err;
    private final StopSignal stop = new StopSignal();
    private final TrainingMonitor monitor;

    private TrainSession(String task, ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink,
                         PrintWriter err) {
        this.task = task;
        this.config = c;
        this.run = run;
        this.resume = resume;
        this.err = err;
        long logEvery = c.has("logEvery") ? c.getLong("logEvery") : DEFAULT_LOG_EVERY;
        this.monitor = new TrainingMonitor(run, sink, Math.max(1, logEvery));
    }

    public static TrainSession open(String task, ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink,
                                    PrintWriter err) throws IOException {
        if (resume && !hasCheckpoint(run)) {
            throw new IllegalArgumentException(run.dir() + " has no checkpoint in " + run.checkpointsDir()
                    + " (it was stopped before its first one); start a new run instead of --resume");
        }
        return new TrainSession(task, c, run, resume, sink, err);
    }

    private static boolean hasCheckpoint(RunDirectory run) throws IOException {
        if (!Files.isDirectory(run.checkpointsDir())) return false;
        try (var s = Files.list(run.checkpointsDir())) {
            return s.anyMatch(p -> p.getFileName().toString().matches("ckpt-\\d+\\.xent"));
        }
    }

    public boolean resuming() {
        return resume;
    }

    public TrainingMonitor monitor() {
        return monitor;
    }

    /** The loop's options with checkpoints in the run directory, the stop signal and the monitor. */
    public TrainOptions.Builder options() {
        return TrainOptions.builder().stop(stop).listeners(monitor).checkpointing(checkpointing());
    }

    /**
     * Hogwild runs (fastText-style, NBSVM) write an epoch-end checkpoint only when the last one is at least this
     * old: their epochs can take a fraction of a second (5,000 short lines: 0.07 s), and a checkpoint per epoch
     * then costs more than the training. A crash loses at most ~10 s of epochs; steps (checkpointEvery), stops
     * and Ctrl-C still write one.
     */
    static final double HOGWILD_EPOCH_CHECKPOINT_SECONDS = 10;

    /** {@link #options()} for a hogwild run: epoch-end checkpoints spaced by {@link #HOGWILD_EPOCH_CHECKPOINT_SECONDS}. */
    public TrainOptions.Builder hogwildOptions() {
        return options().checkpointing(checkpointing().epochEndsAtMostEvery(HOGWILD_EPOCH_CHECKPOINT_SECONDS));
    }

    private Checkpointing checkpointing() {
        long every = config.getLong("checkpointEvery");
        if (every < 0) throw new IllegalArgumentException("checkpointEvery must be >= 0 (0: only at epoch ends); got " + every);
        int keep = config.getInt("keepCheckpoints");
        if (keep < 1) throw new IllegalArgumentException("keepCheckpoints must be >= 1; got " + keep);
        return Checkpointing.to(run.checkpointsDir()).everySteps(every).keepLast(keep);
    }

    /** A training run: {@link #train} returns what it returns. */
    public interface Fit<T> {
        T run() throws IOException;
    }

    /** Writes the model as the loop left it after a divergence (its last good state) to the run's model.xent. */
    public interface Salvage {
        void save() throws IOException;
    }

    /**
     * Runs {@code fit} with Ctrl-C and SIGTERM turned into stop requests. {@code memoryHint} names the settings
     * that size the job, with their values (e.g. "batch 32, dim 256"), for the out-of-memory message.
     */
    public <T> T train(Fit<T> fit, Salvage salvage, String memoryHint) throws IOException {
        try (Signals ignored = Signals.install(stop, err)) {
            return fit.run();
        } catch (TrainingInterruptedException e) {
            int code = "SIGTERM".equals(e.reason()) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
            String where = e.checkpoint() == null ? "no checkpoint was written"
                    : "checkpoint " + e.checkpoint();
            throw new CommandFailure(code, "stopped by " + e.reason() + " after step " + e.step() + "; " + where
                    + ". Continue exactly from there with: xent train " + task + " --resume " + run.dir(), e);
        } catch (NonFiniteLossException e) {
            String kept;
            try {
                salvage.save();
                kept = " " + run.modelFile() + " holds that last good model.";
            } catch (IOException | RuntimeException x) {
                kept = " The last good model could not be written to " + run.modelFile() + ": " + x.getMessage();
            }
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage() + "." + kept + " On the command line: "
                    + "-lr SMALLER" + (config.has("clipNorm") ? ", or --set clipNorm=1" : ""), e);
        } catch (OutOfMemoryError e) {
            throw new CommandFailure(ExitCodes.FAILURE, "out of memory (" + e.getMessage() + ") while training "
                    + task + " (" + memoryHint + "): lower those settings, or "
                    + dev.xent.cli.Failures.moreHeap("./xent train " + task + " ..."), e);
        }
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
