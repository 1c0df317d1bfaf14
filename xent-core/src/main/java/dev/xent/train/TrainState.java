// The one checkpoint layout of a training run (gradient loop and hogwild runner), and its checks on resume.
package dev.xent.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.Checkpoint;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Layout (format {@value #FORMAT}). Tensors: "model/&lt;name&gt;" (the weights), "optim/&lt;key&gt;" (optimizer
 * moments), "best/&lt;name&gt;" (the best epoch's weights), "task/&lt;name&gt;" (the task's carried state),
 * "callback/&lt;i&gt;/&lt;key&gt;". Counters: "step", "position" = {next epoch, next batch}, "clock" = {nanoseconds
 * trained}, "lr" (double bits; absent without an optimizer), "rng/&lt;name&gt;", "task/&lt;name&gt;",
 * "callback/&lt;i&gt;". JSON state: {"format", "fingerprint": {setting: value}, "best": {"epoch", "logs"},
 * "callbacks": [class names], "history"}.
 */
final class TrainState {
    static final String FORMAT = "xent.train/2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainState() {}

    /** Everything a checkpoint holds, gathered by the loop (or the hogwild runner) or read back from a file. */
    static final class Parts {
        long step;
        int nextEpoch, nextBatch;
        long trainedNanos;
        boolean stopped;                      // a callback asked to stop (e.g. early stopping) before this was written
        Map<String, Tensor> model = Map.of();
        Map<String, Tensor> optim = Map.of();
        double lr = Double.NaN;
        Map<String, long[]> rngs = new LinkedHashMap<>();
        TaskState task = TaskState.EMPTY;
        Map<String, Tensor> best;             // null: no best epoch yet
        int bestEpoch = -1;
        Map<String, Double> bestLogs = Map.of();
        History history = new History();
        Map<String, Object> fingerprint = Map.of();
        Map<Integer, long[]> callbackCounters = new LinkedHashMap<>();
        Map<Integer, Map<String, Tensor>> callbackTensors = new LinkedHashMap<>();
        List<String> callbackNames = List.of();
    }

    static Checkpoint encode(Parts p) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        p.model.forEach((k, t) -> tensors.put("model/" + k, t));
        p.optim.forEach((k, t) -> tensors.put("optim/" + k, t));
        if (p.best != null) p.best.forEach((k, t) -> tensors.put("best/" + k, t));
        p.task.tensors().forEach((k, t) -> tensors.put("task/" + k, t));
        p.callbackTensors.forEach((i, m) -> m.forEach((k, t) -> tensors.put("callback/" + i + "/" + k, t)));
        Map<String, long[]> counters = new LinkedHashMap<>();
        counters.put("step", new long[] {p.step});
        counters.put("position", new long[] {p.nextEpoch, p.nextBatch});
        counters.put("clock", new long[] {p.trainedNanos});
        if (p.stopped) counters.put("stopped", new long[] {1});   // absent (older files): not stopped
        if (!Double.isNaN(p.lr)) counters.put("lr", new long[] {Double.doubleToRawLongBits(p.lr)});
        p.rngs.forEach((k, s) -> counters.put("rng/" + k, s));
        p.task.counters().forEach((k, v) -> counters.put("task/" + k, v));
        p.callbackCounters.forEach((i, v) -> counters.put("callback/" + i, v));
        ObjectNode state = JSON.createObjectNode();
        state.put("format", FORMAT);
        ObjectNode fp = state.putObject("fingerprint");
        p.fingerprint.forEach((k, v) -> fp.put(k, String.valueOf(v)));
        ObjectNode best = state.putObject("best");
        best.put("epoch", p.bestEpoch);
        ObjectNode bl = best.putObject("logs");
        p.bestLogs.forEach((k, v) -> bl.put(k, Double.toString(v)));
        ArrayNode names = state.putArray("callbacks");
        p.callbackNames.forEach(names::add);
        state.set("history", p.history.toJsonTree());
        return new Checkpoint(tensors, counters, state);
    }

    /**
     * Reads a checkpoint written by {@link #encode}, refusing (with the reason and the fix) one of another
     * format, or one written with other data-order settings ({@code fingerprint}), other generators or other
     * callbacks.
     */
    static Parts decode(Checkpoint c, String source, Map<String, Object> fingerprint, Iterable<String> rngNames,
                        List<String> callbackNames) {
        String format = c.state().path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new CheckpointMismatchException(source + " is a checkpoint of " + (format.isEmpty()
                    ? "an earlier xent (before the one training loop)" : "format '" + format + "'") + ", and this xent "
                    + "resumes only format '" + FORMAT + "'. Start a new run (the old run directory stays as it is)");
        }
        Parts p = new Parts();
        checkFingerprint(c.state().path("fingerprint"), fingerprint, source);
        Map<String, Tensor> model = new LinkedHashMap<>(), optim = new LinkedHashMap<>(), best = new LinkedHashMap<>(),
                task = new LinkedHashMap<>();
        c.tensors().forEach((k, t) -> {
            if (k.startsWith("model/")) model.put(k.substring(6), t);
            else if (k.startsWith("optim/")) optim.put(k.substring(6), t);
            else if (k.startsWith("best/")) best.put(k.substring(5), t);
            else if (k.startsWith("task/")) task.put(k.substring(5), t);
            else if (k.startsWith("callback/")) {
                int slash = k.indexOf('/', 9);
                p.callbackTensors.computeIfAbsent(Integer.parseInt(k.substring(9, slash)), i -> new LinkedHashMap<>())
                        .put(k.substring(slash + 1), t);
            }
        });
        Map<String, long[]> taskCounters = new LinkedHashMap<>();
        TreeSet<String> savedRngs = new TreeSet<>();
        c.counters().forEach((k, v) -> {
            if (k.startsWith("rng/")) {
                savedRngs.add(k.substring(4));
                p.rngs.put(k.substring(4), v);
            } else if (k.startsWith("task/")) {
                taskCounters.put(k.substring(5), v);
            } else if (k.startsWith("callback/")) {
                p.callbackCounters.put(Integer.parseInt(k.substring(9)), v);
            }
        });
        TreeSet<String> wanted = new TreeSet<>();
        rngNames.forEach(wanted::add);
        if (!savedRngs.equals(wanted)) {
            throw new CheckpointMismatchException(source + " holds the generators " + savedRngs + " but this run draws from "
                    + wanted + "; resume with the same model and settings (FitOptions.rng(name, rng) for a Dataset fit)");
        }
        JsonNode names = c.state().path("callbacks");
        if (names.size() != callbackNames.size()) {
            throw new CheckpointMismatchException(source + " was written with " + names.size() + " callbacks " + names
                    + " but this run has " + callbackNames.size() + "; resume with the same callbacks in the same order");
        }
        for (int i = 0; i < callbackNames.size(); i++) {
            if (!callbackNames.get(i).equals(names.get(i).asText())) {
                throw new CheckpointMismatchException(source + ": callback " + i + " was a " + names.get(i).asText()
                        + " but is now a " + callbackNames.get(i) + "; resume with the same callbacks in the same order");
            }
        }
        p.model = model;
        p.optim = optim;
        p.task = new TaskState(task, taskCounters);
        p.best = best.isEmpty() ? null : best;
        p.bestEpoch = c.state().path("best").path("epoch").asInt(-1);
        Map<String, Double> bestLogs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.state().path("best").path("logs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            bestLogs.put(e.getKey(), Double.parseDouble(e.getValue().asText()));
        }
        p.bestLogs = bestLogs;
        p.step = c.counter("step");
        long[] pos = c.longs("position");
        p.nextEpoch = (int) pos[0];
        p.nextBatch = (int) pos[1];
        p.trainedNanos = c.counter("clock");
        p.stopped = c.counters().containsKey("stopped") && c.counter("stopped") != 0;
        if (c.counters().containsKey("lr")) p.lr = Double.longBitsToDouble(c.counter("lr"));
        p.history = History.fromJsonTree(c.state().path("history"));
        return p;
    }

    private static void checkFingerprint(JsonNode saved, Map<String, Object> now, String source) {
        StringBuilder diff = new StringBuilder();
        TreeSet<String> keys = new TreeSet<>(now.keySet());
        saved.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            String was = saved.has(k) ? saved.get(k).asText() : "(none)";
            String is = now.containsKey(k) ? String.valueOf(now.get(k)) : "(none)";
            if (!was.equals(is)) diff.append(diff.isEmpty() ? "" : ", ").append(k).append(" ").append(was)
                    .append(" in the checkpoint but ").append(is).append(" now");
        }
        if (!diff.isEmpty()) {
            throw new CheckpointMismatchException(source + " was written with other settings or data: " + diff
                    + ". Resume with the same settings and data, or the batches would differ; or start a new run");
        }
    }

    /** The named generators' states, for {@link Parts#rngs}. */
    static Map<String, long[]> rngStates(Map<String, Rng> rngs) {
        Map<String, long[]> out = new LinkedHashMap<>();
        rngs.forEach((k, r) -> out.put(k, r.state()));
        return out;
    }
}
