// Where and how often the training loop writes resumable checkpoints, and how many it keeps.
package dev.xent.train;

import dev.xent.io.Checkpoints;

import java.nio.file.Path;

/**
 * A checkpoint holds everything {@link Trainer#resume} needs to continue exactly — weights, optimizer state and
 * rate, generators, the task's carried state, the position, the history, the best epoch's weights and every
 * callback's state — as "ckpt-&lt;step&gt;.xent" in {@link #dir()}, written atomically ({@link Checkpoints}: temp
 * file, fsync, rename), keeping the newest {@link #keepLast()}. The loop writes one when a fresh run starts (so a
 * last good state always exists), every {@link #everySteps()} steps, at each epoch end, at a budget stop and on
 * a {@link StopSignal}. Immutable:
 *
 * <pre>{@code Checkpointing.to(runDir.resolve("checkpoints")).everySteps(500).keepLast(3)}</pre>
 */
public final class Checkpointing {
    private final Path dir;
    private final long everySteps;
    private final boolean eachEpoch;
    private final int keepLast;

    private Checkpointing(Path dir, long everySteps, boolean eachEpoch, int keepLast) {
        if (dir == null) throw new IllegalArgumentException("checkpoint directory must not be null");
        if (everySteps < 0) throw new IllegalArgumentException("everySteps must be >= 0 (0: only at epoch ends); got " + everySteps);
        if (keepLast < 1) throw new IllegalArgumentException("keepLast must be >= 1; got " + keepLast);
        this.dir = dir;
        this.everySteps = everySteps;
        this.eachEpoch = eachEpoch;
        this.keepLast = keepLast;
    }

    /** Checkpoints in {@code dir}: at the start and at each epoch end, keeping 3. */
    public static Checkpointing to(Path dir) {
        return new Checkpointing(dir, 0, true, 3);
    }

    /** Also after every {@code n}-th step (0: off). */
    public Checkpointing everySteps(long n) {
        return new Checkpointing(dir, n, eachEpoch, keepLast);
    }

    public Checkpointing eachEpoch(boolean on) {
        return new Checkpointing(dir, everySteps, on, keepLast);
    }

    public Checkpointing keepLast(int n) {
        return new Checkpointing(dir, everySteps, eachEpoch, n);
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

    /** True when a checkpoint is due after run step {@code step} (counted from 1). */
    boolean due(long step) {
        return everySteps > 0 && step % everySteps == 0;
    }

    Checkpoints store() {
        return new Checkpoints(dir, keepLast);
    }
}
