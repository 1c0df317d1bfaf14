// A task's extra training state (carried RNN state, per-thread positions) as named tensors and long counters.
package dev.xent.train;

import dev.xent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link TrainTask#state()} hands the checkpoint besides weights, optimizer and generators. Tensors are
 * copied when the checkpoint is written; counters hold integers, or doubles as {@link Double#doubleToRawLongBits}.
 */
public record TaskState(Map<String, Tensor> tensors, Map<String, long[]> counters) {
    public static final TaskState EMPTY = new TaskState(Map.of(), Map.of());

    public TaskState {
        tensors = Map.copyOf(new LinkedHashMap<>(tensors));
        Map<String, long[]> c = new LinkedHashMap<>();
        counters.forEach((k, v) -> c.put(k, v.clone()));
        counters = Map.copyOf(c);
    }

    public static TaskState ofTensors(Map<String, Tensor> tensors) {
        return new TaskState(tensors, Map.of());
    }

    public boolean isEmpty() {
        return tensors.isEmpty() && counters.isEmpty();
    }

    /** The tensor {@code name}, or an error naming what the state holds. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("saved task state has no tensor '" + name + "'; it has " + tensors.keySet());
        return t;
    }

    /** The counter {@code name} (a copy), or an error naming what the state holds. */
    public long[] longs(String name) {
        long[] v = counters.get(name);
        if (v == null) throw new IllegalArgumentException("saved task state has no counter '" + name + "'; it has " + counters.keySet());
        return v.clone();
    }
}
