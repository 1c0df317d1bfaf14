// The weights of the best epoch so far by a Selection: copied when an epoch beats it, put back at the end.
package dev.xent.train;

import dev.xent.nn.Module;
import dev.xent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** One copy of the state dict, allocated at the first improvement and overwritten in place after that. */
final class BestWeights {
    final Selection selection;
    private Map<String, Tensor> weights;
    private Map<String, Double> logs = Map.of();
    private int epoch = -1;

    BestWeights(Selection selection) {
        this.selection = selection;
    }

    /** Keeps {@code model}'s weights when {@code logs} beat the best so far; returns whether they did. */
    boolean offer(int epoch, Map<String, Double> logs, Module model) {
        if (!selection.better(logs, this.logs.isEmpty() ? null : this.logs)) return false;
        Map<String, Tensor> live = model.stateDict();
        if (weights == null) {
            weights = new LinkedHashMap<>();
            live.forEach((k, t) -> weights.put(k, Tensor.zeros(t.shape())));
        }
        live.forEach((k, t) -> System.arraycopy(t.data(), 0, weights.get(k).data(), 0, t.size()));
        this.logs = new LinkedHashMap<>(logs);
        this.epoch = epoch;
        return true;
    }

    boolean has() {
        return weights != null;
    }

    int epoch() {
        return epoch;
    }

    Map<String, Double> logs() {
        return logs;
    }

    Map<String, Tensor> weights() {
        return weights;
    }

    void restoreInto(Module model) {
        if (weights != null) model.loadStateDict(weights, true);
    }

    /** Puts back a checkpoint's best epoch. */
    void load(int epoch, Map<String, Double> logs, Map<String, Tensor> saved) {
        if (saved == null) return;
        weights = new LinkedHashMap<>();
        saved.forEach((k, t) -> weights.put(k, t.copy()));
        this.logs = new LinkedHashMap<>(logs);
        this.epoch = epoch;
    }
}
