// Where and how often the training loop writes resumable checkpoints, and how many it keeps.
package dev.xent.train;

import dev.xent.io.Checkpoints;

import java.nio.file.Path;

/**
 * A checkpoint holds everything {@link Trainer#resume} needs to continue exactly — weights, optimizer state and
 * rate, generators, the task's carried state, the position, the history, the best epoch's weights and every
 * callback's state — as "ckpt-&lt;step&gt;.xent" in {@link #dir()}, written atomically ({@link Checkpoints}: temp
 * file, fsync, rename), keeping the newest {@link #keepLast()}. The loop writes one when a fresh run starts (so a
 * last good state always exists), every {@link #everySteps()} steps, at each epoch end (unless the last checkpoint
 * is younger than {@link #epochEndsAtMostEvery(double)}'s seconds: short epochs need not pay a write each), at a
 * budget stop and on a {@link StopSignal}. Immutable:
 *
 * <pre>{@code Checkpointing.to(runDir.resolve("checkpoints")).everySteps(500).keepLast(3)}</pre>
 */
public final class Checkpointing {
    private final Path dir;
    private final long everySteps;
    private final boolean eachEpoch;
    private final int keepLast;
    private final long epochEndGapNanos;

    private Checkpointing(Path dir, long everySteps, boolean eachEpoch, int keepLast, long epochEndGapNanos) {
        if (dir == null) throw new IllegalArgumentException("checkpoint directory must not be null");
        if (everySteps < 0) throw new IllegalArgumentException("everySteps must be >= 0 (0: only at epoch ends); got " + everySteps);
        if (keepLast < 1) throw new IllegalArgumentException("keepLast must be >= 1; got " + keepLast);
        this.dir = dir;
        this.everySteps = everySteps;
        this.eachEpoch = eachEpoch;
        this.keepLast = keepLast;
        this.epochEndGapNanos = epochEndGapNanos;
    }

    /** Checkpoints in {@code dir}: at the start and at each epoch end, keeping 3. */
    public static Checkpointing to(Path dir) {
        return new Checkpointing(dir, 0, true, 3, 0);
    }

    /** Also after every {@code n}-th step (0: off). */
    public Checkpointing everySteps(long n) {
        return new Checkpointing(dir, n, eachEpoch, keepLast, epochEndGapNanos);
    }

    public Checkpointing eachEpoch(boolean on) {
        return new Checkpointing(dir, everySteps, on, keepLast, epochEndGapNanos);
    }

    public Checkpointing keepLast(int n) {
        return new Checkpointing(dir, everySteps, eachEpoch, n, epochEndGapNanos);
    }

    /**
     * Epoch-end checkpoints only when the last checkpoint (of any kind) is at least {@code seconds} old (0: at every
     * epoch end, the default). A crash then loses at most that many seconds of epochs, and a run of many sub-second
     * epochs (a small fastText-style job) is not dominated by checkpoint writes. Stops and signals still write one.
     */
    public Checkpointing epochEndsAtMostEvery(double seconds) {
        if (!(seconds >= 0 && seconds < 1e9)) {
            throw new IllegalArgumentException("epoch-end checkpoint spacing must be in [0, 1e9) seconds; got " + seconds);
        }
        return new Checkpointing(dir, everySteps, eachEpoch, keepLast, Math.round(seconds * 1e9));
    }

    public Path dir() {
        return dir;
    }

    public long everySteps() {
        return everySteps;
    }

    public boolean eachEpoch() {
        return eachEpoch;
    }

    public int keepLast() {
        return keepLast;
    }

    /** True when an epoch end should write a checkpoint, {@code nanosSinceLast} after the last one was written. */
    boolean epochEndDue(long nanosSinceLast) {
        return eachEpoch && nanosSinceLast >= epochEndGapNanos;
    }

    /** True when a checkpoint is due after run step {@code step} (counted from 1). */
    boolean due(long step) {
        return everySteps > 0 && step % everySteps == 0;
    }

    Checkpoints store() {
        return new Checkpoints(dir, keepLast);
    }
}
