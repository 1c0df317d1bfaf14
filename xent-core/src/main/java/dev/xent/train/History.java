// The record of a training run: every metric per epoch, and the loss and learning rate of every step.
package dev.xent.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's History, queryable: {@code h.get("val_loss")} is the list of per-epoch values, {@code
 * h.last("val_accuracy")} the final one, {@link #bestEpoch} where a metric peaked. Epoch metrics are
 * "loss" (mean training step loss of the epoch), "lr", and for validation data "val_loss" and
 * "val_&lt;metric&gt;". A metric missing in an epoch reads NaN there. Per-step: {@link #stepLosses()}.
 * JSON: {@link #toJson()} / {@link #fromJson(String)} (the checkpoint stores it this way).
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, List<Double>> epochs = new LinkedHashMap<>();
    private int epochCount;
    private Map<String, Double> initial = Map.of();   // scores of the untrained model (validateAtStart)
    private Map<String, Double> atStop = Map.of();    // scores when a budget stopped training mid-epoch
    private int bestEpoch = -1;
    private StopReason stopReason = StopReason.RUNNING;
    private float[] stepLoss = new float[64];
    private int[] stepEpoch = new int[64];
    private double[] stepLr = new double[64];
    private int steps;

    // ---------------------------------------------------------------- recording (the trainer)

    void recordStep(int epoch, float loss, double lr) {
        if (steps == stepLoss.length) {
            stepLoss = Arrays.copyOf(stepLoss, steps * 2);
            stepEpoch = Arrays.copyOf(stepEpoch, steps * 2);
            stepLr = Arrays.copyOf(stepLr, steps * 2);
        }
        stepLoss[steps] = loss;
        stepEpoch[steps] = epoch;
        stepLr[steps] = lr;
        steps++;
    }

    void recordEpoch(Map<String, Double> logs) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> values = epochs.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            while (values.size() < epochCount) values.add(Double.NaN);
            values.add(e.getValue());
        }
        epochCount++;
        for (List<Double> values : epochs.values()) while (values.size() < epochCount) values.add(Double.NaN);
    }

    void recordInitial(Map<String, Double> logs) {
        initial = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
    }

    void recordStop(StopReason reason, Map<String, Double> logs) {
        stopReason = reason;
        atStop = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
    }

    void recordBest(int epoch) {
        bestEpoch = epoch;
    }

    /** Mean step loss of {@code epoch} (NaN if it had no steps). */
    double meanStepLoss(int epoch) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < steps; i++) {
            if (stepEpoch[i] == epoch) {
                s += stepLoss[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    // ---------------------------------------------------------------- queries

    /** Number of completed epochs. */
    public int epochs() {
        return epochCount;
    }

    /** Names of the epoch metrics, in the order first recorded. */
    public Set<String> metrics() {
        return Collections.unmodifiableSet(epochs.keySet());
    }

    public boolean has(String metric) {
        return epochs.containsKey(metric);
    }

    /** The per-epoch values of {@code metric} (read-only). */
    public List<Double> get(String metric) {
        List<Double> v = epochs.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("the history has no metric '" + metric + "'; it has " + epochs.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The value of {@code metric} in the last epoch. */
    public double last(String metric) {
        List<Double> v = get(metric);
        if (v.isEmpty()) throw new IllegalStateException("no epoch has completed yet");
        return v.get(v.size() - 1);
    }

    /** Every metric of epoch {@code e} (0-based). */
    public Map<String, Double> epoch(int e) {
        if (e < 0 || e >= epochCount) {
            throw new IndexOutOfBoundsException("epoch " + e + " is outside the " + epochCount + " recorded epochs");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        epochs.forEach((k, v) -> out.put(k, v.get(e)));
        return out;
    }

    /** The epoch with the best value of {@code metric} (the first on ties, NaN skipped), or -1. */
    public int bestEpoch(String metric, boolean higherIsBetter) {
        List<Double> v = get(metric);
        int best = -1;
        for (int e = 0; e < v.size(); e++) {
            double x = v.get(e);
            if (Double.isNaN(x)) continue;
            if (best < 0 || (higherIsBetter ? x > v.get(best) : x < v.get(best))) best = e;
        }
        return best;
    }

    /** The validation scores of the untrained model, when the run asked for them (else empty). */
    public Map<String, Double> initial() {
        return initial;
    }

    /** The validation scores taken when a budget stopped training inside an epoch (else empty). */
    public Map<String, Double> atStop() {
        return atStop;
    }

    /**
     * The 0-based epoch whose weights the model holds at the end by the run's {@link Selection} (a budget stop
     * inside an epoch counts as that epoch), or -1 when no selection applied (the model is the last one).
     */
    public int selectedEpoch() {
        return bestEpoch;
    }

    /** Why training ended (RUNNING while it runs). */
    public StopReason stopReason() {
        return stopReason;
    }

    /** Number of recorded steps. */
    public int steps() {
        return steps;
    }

    /** The loss of every step, in order (a copy). */
    public float[] stepLosses() {
        return Arrays.copyOf(stepLoss, steps);
    }

    /** The epoch each step belonged to (a copy). */
    public int[] stepEpochs() {
        return Arrays.copyOf(stepEpoch, steps);
    }

    /** The learning rate each step used (a copy). */
    public double[] stepLrs() {
        return Arrays.copyOf(stepLr, steps);
    }

    // ---------------------------------------------------------------- JSON

    /** {"epochs": {metric: [values]}, "steps": {"loss": [...], "epoch": [...], "lr": [...]}}; NaN as "NaN". */
    public JsonNode toJsonTree() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode ep = root.putObject("epochs");
        epochs.forEach((k, v) -> {
            ArrayNode a = ep.putArray(k);
            for (double x : v) number(a, x);
        });
        root.set("initial", logs(initial));
        root.set("at_stop", logs(atStop));
        root.put("best_epoch", bestEpoch);
        root.put("stop_reason", stopReason.name());
        ObjectNode st = root.putObject("steps");
        ArrayNode loss = st.putArray("loss"), epoch = st.putArray("epoch"), lr = st.putArray("lr");
        for (int i = 0; i < steps; i++) {
            number(loss, stepLoss[i]);
            epoch.add(stepEpoch[i]);
            number(lr, stepLr[i]);
        }
        return root;
    }

    private static ObjectNode logs(Map<String, Double> m) {
        ObjectNode o = JSON.createObjectNode();
        m.forEach((k, v) -> {
            if (Double.isFinite(v)) o.put(k, v);
            else o.put(k, Double.toString(v));
        });
        return o;
    }

    private static Map<String, Double> logs(JsonNode o) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), number(e.getValue()));
        }
        return m;
    }

    private static void number(ArrayNode a, double x) {
        if (Double.isFinite(x)) a.add(x);
        else a.add(Double.toString(x));   // JSON has no NaN/Infinity: stored as text
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history could not be written as JSON", e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    public static History fromJson(String json) {
        try {
            return fromJsonTree(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a history JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static History fromJsonTree(JsonNode root) {
        History h = new History();
        JsonNode ep = root.path("epochs"), st = root.path("steps");
        if (!ep.isObject() || !st.isObject()) {
            throw new IllegalArgumentException("a history JSON has objects 'epochs' and 'steps'; got " + root);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ep.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Double> v = new ArrayList<>();
            for (JsonNode x : e.getValue()) v.add(number(x));
            h.epochs.put(e.getKey(), v);
            h.epochCount = Math.max(h.epochCount, v.size());
        }
        h.initial = Collections.unmodifiableMap(logs(root.path("initial")));
        h.atStop = Collections.unmodifiableMap(logs(root.path("at_stop")));
        h.bestEpoch = root.path("best_epoch").asInt(-1);
        h.stopReason = StopReason.valueOf(root.path("stop_reason").asText("RUNNING"));
        JsonNode loss = st.path("loss"), epoch = st.path("epoch"), lr = st.path("lr");
        for (int i = 0; i < loss.size(); i++) {
            h.recordStep(epoch.path(i).asInt(), (float) number(loss.get(i)), number(lr.path(i)));
        }
        return h;
    }

    private static double number(JsonNode x) {
        return x.isTextual() ? Double.parseDouble(x.asText()) : x.asDouble(Double.NaN);
    }
}
