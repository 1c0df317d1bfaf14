// The report parts taken from summary.json: confusion matrix, per-tag scores, sample texts, per-epoch curves, translations.
package dev.xent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.run.MetricsLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

final class SummarySections {
    private SummarySections() {}

    /** Larger label sets make an unreadable table; they are cut to the first this many labels. */
    static final int MAX_CONFUSION_LABELS = 40;

    /**
     * {"labels": [..n..], "matrix": [[..n..] × n]}: rows are true labels, columns predictions. Cells are shaded by
     * their share of the row (so recall per class reads as the diagonal's darkness).
     */
    static void confusion(StringBuilder h, JsonNode c, List<String> notes) {
        if (c.isMissingNode() || c.isNull()) return;
        JsonNode labels = c.path("labels"), m = c.path("matrix");
        int n = labels.size();
        if (!labels.isArray() || !m.isArray() || n == 0 || m.size() != n) {
            notes.add("summary.json: confusion must be {\"labels\": [n names], \"matrix\": [n rows of n counts]}; "
                    + "it is not, so it is not shown");
            return;
        }
        for (JsonNode row : m) {
            if (!row.isArray() || row.size() != n) {
                notes.add("summary.json: every confusion matrix row must have " + n + " counts; not shown");
                return;
            }
        }
        int shown = Math.min(n, MAX_CONFUSION_LABELS);
        h.append("<h2>Confusion matrix</h2>");
        if (shown < n) h.append("<p class=\"sub\">first ").append(shown).append(" of ").append(n).append(" labels</p>");
        h.append("<table class=\"cm\"><tr><th class=\"l\">true \\ predicted</th>");
        for (int j = 0; j < shown; j++) h.append("<th>").append(Html.esc(labels.get(j).asText())).append("</th>");
        h.append("<th>recall</th></tr>");
        for (int i = 0; i < shown; i++) {
            JsonNode row = m.get(i);
            double total = 0;
            for (JsonNode v : row) total += v.asDouble();
            h.append("<tr><th class=\"l\">").append(Html.esc(labels.get(i).asText())).append("</th>");
            for (int j = 0; j < shown; j++) {
                double v = row.get(j).asDouble();
                double share = total > 0 ? v / total : 0;
                String bg = String.format(Locale.ROOT, "rgba(31,119,180,%.3f)", share);
                h.append("<td style=\"background:").append(bg).append(share > 0.55 ? ";color:#fff" : "")
                        .append(i == j ? ";font-weight:700" : "").append("\">").append(Html.num(v)).append("</td>");
            }
            h.append("<td>").append(total > 0 ? String.format(Locale.ROOT, "%.3f", row.get(i).asDouble() / total) : "–")
                    .append("</td></tr>");
        }
        h.append("</table>\n");
    }

    /** {"TAG": f1} or {"TAG": {"precision": p, "recall": r, "f1": f, "support": n}}: a bar chart and a table. */
    static void perTag(StringBuilder h, JsonNode t) {
        if (!t.isObject() || t.isEmpty()) return;
        List<String> tags = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        List<String> columns = List.of("precision", "recall", "f1");
        boolean detailed = false;
        for (var it = t.fields(); it.hasNext(); ) {
            var e = it.next();
            tags.add(e.getKey());
            if (e.getValue().isObject()) detailed = true;
        }
        for (String col : detailed ? columns : List.of("f1")) {
            List<Double> values = new ArrayList<>();
            for (String tag : tags) {
                JsonNode v = t.get(tag);
                Double x = v.isObject() ? MetricsLog.number(v, col) : col.equals("f1") ? MetricsLog.number(t, tag) : null;
                values.add(x == null || !Double.isFinite(x) ? 0.0 : x);
            }
            series.put(col.equals("f1") ? "F1" : col, values);
        }
        h.append("<h2>Per-tag scores</h2><div class=\"wide\">")
                .append(Charts.bars("Per-tag scores", "score", tags, series).tag("per-tag scores"))
                .append("</div>\n<table><tr><th class=\"l\">tag</th>");
        List<String> cols = new ArrayList<>(detailed ? columns : List.of("f1"));
        if (detailed) cols.add("support");
        for (String c : cols) h.append("<th>").append(c).append("</th>");
        h.append("</tr>");
        for (String tag : tags) {
            JsonNode v = t.get(tag);
            h.append("<tr><th class=\"l\">").append(Html.esc(tag)).append("</th>");
            for (String c : cols) {
                Double x = v.isObject() ? MetricsLog.number(v, c) : MetricsLog.number(t, tag);
                h.append("<td>").append(x == null ? "–" : Html.num(x)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    /** ["text", ...] or [{"prompt": "...", "text": "...", "settings": "..."}]: the prompt in bold, then the text. */
    static void samples(StringBuilder h, JsonNode samples) {
        if (!samples.isArray() || samples.isEmpty()) return;
        h.append("<h2>Sample generations</h2>\n");
        for (JsonNode s : samples) {
            h.append("<div class=\"sample\">");
            if (s.isObject()) {
                if (s.hasNonNull("settings")) {
                    h.append("<span class=\"sub\">").append(Html.esc(s.get("settings").asText())).append("</span>\n");
                }
                if (s.hasNonNull("prompt")) h.append("<b>").append(Html.esc(s.get("prompt").asText())).append("</b>");
                h.append(Html.esc(s.path("text").asText("")));
            } else {
                h.append(Html.esc(s.asText()));
            }
            h.append("</div>\n");
        }
    }

    /**
     * {"epoch": [1, 2, …], "selected": k, "loss": {"train": [...], "valid": [...]}, "bleu": {"valid": [...]}, …}:
     * one chart per metric against the epoch, one line per split; the epoch the model was kept from is named in the
     * section's subtitle.
     */
    static void perEpoch(StringBuilder h, JsonNode p, List<String> notes) {
        JsonNode epochs = p.path("epoch");
        if (!epochs.isArray() || epochs.isEmpty()) return;
        List<String> charts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> metric : (Iterable<Map.Entry<String, JsonNode>>) p::fields) {
            if (!metric.getValue().isObject()) continue;
            List<Series> lines = new ArrayList<>();
            for (Map.Entry<String, JsonNode> split : (Iterable<Map.Entry<String, JsonNode>>) metric.getValue()::fields) {
                JsonNode ys = split.getValue();
                if (!ys.isArray() || ys.size() != epochs.size()) {
                    notes.add("summary.json: per_epoch." + metric.getKey() + "." + split.getKey() + " must have one "
                            + "value per epoch (" + epochs.size() + "); not shown");
                    continue;
                }
                Series ser = new Series(split.getKey());
                for (int i = 0; i < ys.size(); i++) ser.add(epochs.get(i).asDouble(), ys.get(i).asDouble(Double.NaN));
                if (!ser.isEmpty()) lines.add(ser);
            }
            if (lines.isEmpty()) continue;
            String name = switch (metric.getKey()) {
                case "loss" -> "Loss (cross-entropy, nats)";
                case "bleu" -> "BLEU";
                default -> metric.getKey().substring(0, 1).toUpperCase(Locale.ROOT) + metric.getKey().substring(1);
            };
            String title = name + " per epoch" + (lines.size() == 1 ? " · " + lines.get(0).name : "");
            charts.add(Charts.lines(title, "epoch", metric.getKey(), lines).tag(title));
        }
        if (charts.isEmpty()) return;
        h.append("<h2>Per epoch</h2>");
        if (p.hasNonNull("selected")) {
            h.append("<p class=\"sub\">the model kept is epoch ").append(p.get("selected").asInt())
                    .append(p.hasNonNull("selected_by") ? " (" + Html.esc(p.get("selected_by").asText()) + ")" : "")
                    .append("</p>");
        }
        h.append("<div class=\"grid\">\n");
        for (String c : charts) h.append(c).append('\n');
        h.append("</div>\n");
    }

    /**
     * {"search": "beam 5, alpha 0.6", "pairs": [{"source", "reference", "translation"}, …]}: a table, one row per
     * sentence, the model's translation beside the reference.
     */
    static void translations(StringBuilder h, JsonNode t) {
        JsonNode pairs = t.path("pairs");
        if (!pairs.isArray() || pairs.isEmpty()) return;
        h.append("<h2>Sample translations</h2>");
        if (t.hasNonNull("search")) {
            h.append("<p class=\"sub\">").append(Html.esc(t.get("search").asText())).append("</p>");
        }
        h.append("<table class=\"mt\"><tr><th>#</th><th class=\"l\">source</th><th class=\"l\">reference</th>"
                + "<th class=\"l\">translation</th></tr>");
        int i = 0;
        for (JsonNode p : pairs) {
            h.append("<tr><td>").append(++i).append("</td>");
            for (String k : List.of("source", "reference", "translation")) {
                h.append("<td class=\"l\">").append(Html.esc(p.path(k).asText(""))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }
}
