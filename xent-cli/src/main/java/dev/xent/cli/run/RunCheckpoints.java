// A run's checkpoints/ for the train commands: the cadence settings, and on --resume the newest usable checkpoint.
package dev.xent.cli.run;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.train.CheckpointPlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Settings (every train command has them): checkpointEvery = steps between checkpoints (0: only at epoch ends) and
 * keepCheckpoints = how many to keep. On resume: the newest checkpoint that verifies is used (corrupted newer
 * ones are skipped and named), metrics.jsonl loses the records after its step (they are written again), and
 * a run without any checkpoint is an error that says to start a new run.
 */
public record RunCheckpoints(CheckpointPlan plan, Checkpoints.Loaded resumed) {

    /** Opens the run's checkpoints; on {@code resume}, loads the newest one and reports it on {@code out}. */
    public static RunCheckpoints open(ResolvedConfig c, RunDirectory run, boolean resume, PrintWriter out)
            throws IOException {
        long every = c.getLong("checkpointEvery");
        if (every < 0) {
            throw new IllegalArgumentException("checkpointEvery must be >= 0 (0: only at epoch ends); got " + every);
        }
        int keep = c.getInt("keepCheckpoints");
        if (keep < 1) throw new IllegalArgumentException("keepCheckpoints must be >= 1; got " + keep);
        Checkpoints store = new Checkpoints(run.checkpointsDir(), keep);
        CheckpointPlan plan = CheckpointPlan.to(store, every);
        if (!resume) return new RunCheckpoints(plan, null);
        Optional<Checkpoints.Loaded> got = store.latest();
        if (got.isEmpty()) {
            throw new IllegalArgumentException(run.dir() + " has no checkpoint in " + run.checkpointsDir()
                    + " (it was stopped before its first one); start a new run instead of --resume");
        }
        Checkpoints.Loaded l = got.get();
        for (String why : l.skipped()) out.println("skipped   checkpoint: " + why);
        MetricsLog.truncateAfterStep(run.metricsFile(), l.step());   // before the log is opened to append
        return new RunCheckpoints(plan.resumeFrom(l.checkpoint()), l);
    }

    public boolean resuming() {
        return resumed != null;
    }

    /** The checkpoint resumed from (only when {@link #resuming()}). */
    public Checkpoint checkpoint() {
        return resumed.checkpoint();
    }

    /** "resumed   from runs/x/checkpoints/ckpt-40.xent: step 40" plus {@code where} (e.g. "(epoch 2, batch 3)"). */
    public void printResumed(PrintWriter out, String where) {
        out.println("resumed   from " + resumed.file() + ": step " + resumed.step() + (where.isEmpty() ? "" : " " + where));
        out.flush();
    }
}
