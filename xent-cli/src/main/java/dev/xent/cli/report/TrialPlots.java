// The report of an `xent tune` run: the score of each trial against elapsed time and against each searched setting.
package dev.xent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.run.MetricsLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From trials.jsonl ({@code trial}, {@code score}, {@code elapsed_s}, {@code settings}) and summary.json's "search"
 * ({@code score_name}, {@code maximize}, and {@code defaults}: the value a trial has for a setting it does not
 * change). A numeric setting is a scatter plot (log x when it spans over a decade, as a learning rate); a setting
 * of words or booleans a bar per value with the best score of its trials.
 */
final class TrialPlots {
    private TrialPlots() {}

    static void section(StringBuilder h, List<ObjectNode> trials, JsonNode search) {
        if (trials.isEmpty()) return;
        String name = search.path("score_name").asText(search.path("score").asText("score"));
        String title = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        boolean maximize = search.path("maximize").asBoolean(true);
        h.append("<h2>Trials</h2><div class=\"grid\">\n");
        Series points = new Series("trial"), best = new Series("best so far");
        double bestSoFar = Double.NaN;
        for (ObjectNode t : trials) {
            Double x = MetricsLog.number(t, "elapsed_s"), y = MetricsLog.number(t, "score");
            if (x == null || y == null) continue;
            points.add(x, y);
            if (Double.isNaN(bestSoFar) || (maximize ? y > bestSoFar : y < bestSoFar)) bestSoFar = y;
            best.add(x, bestSoFar);
        }
        if (!points.isEmpty()) {
            String t = title + " against elapsed time";
            h.append(Charts.scatter(t, "elapsed seconds", name, List.of(points), List.of(best), false).tag(t)).append('\n');
        }
        for (Map.Entry<String, List<double[]>> e : numeric(trials, search.path("defaults")).entrySet()) {
            Series s = new Series(e.getKey());
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (double[] xy : e.getValue()) {
                s.add(xy[0], xy[1]);
                lo = Math.min(lo, xy[0]);
                hi = Math.max(hi, xy[0]);
            }
            String t = title + " against " + e.getKey();
            h.append(Charts.scatter(t, e.getKey(), name, List.of(s), List.of(), lo > 0 && hi / lo > 10).tag(t)).append('\n');
        }
        for (Map.Entry<String, Map<String, Double>> e : categorical(trials, search.path("defaults"), maximize).entrySet()) {
            String t = title + " against " + e.getKey();
            List<String> values = new ArrayList<>(e.getValue().keySet());
            h.append(Charts.bars(t, "best " + name, values, Map.of(name, new ArrayList<>(e.getValue().values())))
                    .tag(t)).append('\n');
        }
        h.append("</div>\n");
    }

    /** Each numeric setting that takes two or more values over the trials: its (value, score) points. */
    private static Map<String, List<double[]>> numeric(List<ObjectNode> trials, JsonNode defaults) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (String key : keys(trials)) {
            List<double[]> xy = new ArrayList<>();
            boolean numeric = true;
            for (ObjectNode t : trials) {
                JsonNode v = value(t, key, defaults);
                Double y = MetricsLog.number(t, "score");
                if (v == null || y == null) continue;
                if (!v.isNumber()) numeric = false;
                else xy.add(new double[] {v.asDouble(), y});
            }
            if (numeric && xy.stream().mapToDouble(p -> p[0]).distinct().count() > 1) out.put(key, xy);
        }
        return out;
    }

    /** Each setting of words or booleans that takes two or more values: value → the best score of its trials. */
    private static Map<String, Map<String, Double>> categorical(List<ObjectNode> trials, JsonNode defaults,
                                                                boolean maximize) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String key : keys(trials)) {
            Map<String, Double> best = new LinkedHashMap<>();
            boolean numeric = false;
            for (ObjectNode t : trials) {
                JsonNode v = value(t, key, defaults);
                Double y = MetricsLog.number(t, "score");
                if (v == null || y == null || !Double.isFinite(y)) continue;
                if (v.isNumber()) numeric = true;
                best.merge(v.asText(), y, (a, b) -> maximize ? Math.max(a, b) : Math.min(a, b));
            }
            if (!numeric && best.size() > 1) out.put(key, best);
        }
        return out;
    }

    private static List<String> keys(List<ObjectNode> trials) {
        List<String> keys = new ArrayList<>();
        for (ObjectNode t : trials) t.path("settings").fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) keys.add(k);
        });
        return keys;
    }

    /** The trial's value of {@code key}: its own, else the run's default; null when neither is known. */
    private static JsonNode value(ObjectNode t, String key, JsonNode defaults) {
        JsonNode v = t.path("settings").get(key);
        if (v == null) v = defaults.get(key);
        return v == null || v.isNull() ? null : v;
    }
}
