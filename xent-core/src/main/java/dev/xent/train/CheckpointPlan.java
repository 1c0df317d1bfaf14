// Where and how often a hand-written training loop saves checkpoints, and the checkpoint it resumes from.
package dev.xent.train;

import dev.xent.io.Checkpoint;
import dev.xent.io.Checkpoints;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For trainers with their own loop (the tagger, the text classifiers, fastText's hogwild SGD), which encode their
 * state as a {@link Checkpoint} themselves; {@link Trainer#fit} has {@link Checkpointing} instead. A loop asks
 * {@link #due} after each step, saves at each epoch end when {@link #enabled}, and starts from {@link #resume()}
 * when present. Saves are atomic and keep the newest N ({@link Checkpoints}).
 *
 * <pre>{@code CheckpointPlan.to(new Checkpoints(dir, 2), 100).resumeFrom(checkpoints.latest().get().checkpoint())}</pre>
 */
public final class CheckpointPlan {
    private static final CheckpointPlan NONE = new CheckpointPlan(null, 0, null);

    private final Checkpoints store;
    private final long everySteps;
    private final Checkpoint from;

    private CheckpointPlan(Checkpoints store, long everySteps, Checkpoint from) {
        this.store = store;
        this.everySteps = everySteps;
        this.from = from;
    }

    /** No checkpoints, a fresh start. */
    public static CheckpointPlan none() {
        return NONE;
    }

    /** Save into {@code store} every {@code everySteps} steps (0: only at epoch ends) and at each epoch end. */
    public static CheckpointPlan to(Checkpoints store, long everySteps) {
        if (store == null) throw new IllegalArgumentException("checkpoint store must not be null; use CheckpointPlan.none()");
        if (everySteps < 0) {
            throw new IllegalArgumentException("everySteps must be >= 0 (0: only at epoch ends); got " + everySteps);
        }
        return new CheckpointPlan(store, everySteps, null);
    }

    /** The same plan, starting from {@code checkpoint} (null: a fresh start). */
    public CheckpointPlan resumeFrom(Checkpoint checkpoint) {
        return new CheckpointPlan(store, everySteps, checkpoint);
    }

    public boolean enabled() {
        return store != null;
    }

    public long everySteps() {
        return everySteps;
    }

    /** True when a checkpoint is due after global step {@code step} (counted from 1). */
    public boolean due(long step) {
        return store != null && everySteps > 0 && step % everySteps == 0;
    }

    public Optional<Checkpoint> resume() {
        return Optional.ofNullable(from);
    }

    /** Saves {@code checkpoint} as the one of {@code step}; a failed write is an UncheckedIOException saying so. */
    public void save(long step, Checkpoint checkpoint) {
        if (store == null) return;
        try {
            store.save(step, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of step " + step + " in " + store.dir()
                    + ": " + e.getMessage() + ". Check the disk space and that the directory is writable", e);
        }
    }

    // ---------------------------------------------------------------- encoding helpers

    /** {@code tensors} with every name prefixed, e.g. "model/" + "w". */
    public static Map<String, Tensor> prefixed(String prefix, Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(prefix + k, t));
        return out;
    }

    /** The checkpoint's tensors whose names start with {@code prefix}, with the prefix removed. */
    public static Map<String, Tensor> section(Checkpoint c, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        c.tensors().forEach((k, t) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), t);
        });
        return out;
    }

    /** Doubles as their raw bits, so a counter holds them exactly (NaN included). */
    public static long[] bits(double... values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Double.doubleToRawLongBits(values[i]);
        return out;
    }

    public static double fromBits(long bits) {
        return Double.longBitsToDouble(bits);
    }

    /**
     * Checks that the counter {@code name} (the loop's settings and data sizes, in the order {@code what} names
     * them) equals {@code now}; otherwise says which value differs, so resuming with other settings or data,
     * which would silently change the data order, is refused.
     */
    public static void requireSame(Checkpoint c, String name, long[] now, String... what) {
        long[] saved = c.longs(name);
        if (Arrays.equals(saved, now)) return;
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < Math.max(saved.length, now.length); i++) {
            String label = i < what.length ? what[i] : "value " + i;
            String a = i < saved.length ? Long.toString(saved[i]) : "-", b = i < now.length ? Long.toString(now[i]) : "-";
            if (!a.equals(b)) diff.append(diff.isEmpty() ? "" : ", ").append(label).append(" ").append(a).append(" -> ").append(b);
        }
        throw new IllegalArgumentException("the checkpoint was written by a different run (checkpoint -> this run: "
                + diff + "); resume with the same settings and the same training data, or start a new run");
    }
}
