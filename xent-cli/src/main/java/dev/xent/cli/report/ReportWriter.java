// Writes runs/<name>/report.html: one self-contained page (inline CSS, charts as SVG data URIs, no scripts, no links).
package dev.xent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.RunDirectory;
import dev.xent.io.AtomicFiles;
import dev.xent.io.Provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any task can produce a report: the curves come from metrics.jsonl (every numeric field, one chart per field,
 * one line per split), the rest from summary.json (final numbers, per-epoch curves, sample translations, confusion
 * matrix, per-tag scores, samples, notes); the format of both is in docs/cli.md. Parts without data are left out.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** Charts drawn after the quality metrics, in this order. */
    private static final List<String> TRAINING_DYNAMICS = List.of("lr", "grad_norm");

    /** Reads the run directory and writes its report.html (atomically); returns the report's path. */
    public static Path write(Path runDir) throws IOException {
        String html = render(ReportData.read(runDir));
        Path out = runDir.resolve(RunDirectory.REPORT);
        AtomicFiles.write(out, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    static String render(ReportData d) {
        StringBuilder h = new StringBuilder(1 << 16);
        JsonNode s = d.summary();
        String title = s.path("title").asText(d.runName());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · xent report</title><style>").append(Html.CSS)
                .append("</style></head><body><main>\n");
        h.append("<h1>").append(Html.esc(title)).append("</h1><div class=\"sub\">run <b>").append(Html.esc(d.runName()))
                .append("</b>");
        if (s.hasNonNull("task")) h.append(" · task ").append(Html.esc(s.get("task").asText()));
        h.append(" · ").append(d.curves().records()).append(" metric records · report generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</div>\n");

        Curves curves = d.curves();
        List<String> notes = new ArrayList<>();
        StringBuilder body = new StringBuilder(1 << 16);   // built first: its parts may add notes
        SummarySections.perEpoch(body, s.path("per_epoch"), notes);
        SummarySections.translations(body, s.path("translations"));
        TrialPlots.section(body, d.trials(), s.path("search"));
        charts(body, curves);
        SummarySections.confusion(body, s.path("confusion"), notes);
        SummarySections.perTag(body, s.path("per_tag"));
        SummarySections.samples(body, s.path("samples"));
        config(body, d.config());
        cards(h, s, curves);
        notes(notes, s, curves);
        for (String n : notes) h.append("<div class=\"note\">").append(Html.esc(n)).append("</div>\n");
        h.append(body);
        h.append("<footer>Made by xent ").append(Html.esc(Provenance.XENT_VERSION))
                .append(" from metrics.jsonl and summary.json. Self-contained: no scripts, no network.</footer>\n")
                .append("</main></body></html>\n");
        return h.toString();
    }

    /** The headline numbers: summary.final, or else the last value of each curve (validation first). */
    private static void cards(StringBuilder h, JsonNode s, Curves curves) {
        Map<String, Double> shown = new LinkedHashMap<>();
        JsonNode fin = s.path("final");
        if (fin.isObject() && !fin.isEmpty()) {
            fin.fields().forEachRemaining(e -> {
                Double v = MetricsLog.number(fin, e.getKey());
                if (v != null) shown.put(e.getKey(), v);
            });
        } else {
            for (String metric : curves.metrics()) {
                if (TRAINING_DYNAMICS.contains(metric)) continue;
                Map<String, Series> bySplit = curves.get(metric);
                for (String split : List.of("test", "valid", "train")) {
                    Series ser = bySplit.get(split);
                    if (ser != null && !ser.isEmpty() && shown.size() < 8) {
                        shown.put(split + " " + metric, ser.lastY());
                        break;
                    }
                }
            }
        }
        if (shown.isEmpty()) return;
        h.append("<div class=\"cards\">");
        shown.forEach((k, v) -> h.append("<div class=\"card\"><div class=\"k\">").append(Html.esc(k.replace('_', ' ')))
                .append("</div><div class=\"v\">").append(Html.num(v)).append("</div></div>"));
        h.append("</div>\n");
    }

    private static void notes(List<String> notes, JsonNode s, Curves curves) {
        for (String metric : curves.metrics()) {
            curves.get(metric).forEach((split, ser) -> {
                if (ser.firstNonFiniteX != null) {
                    notes.add(metric + " (" + split + ") was NaN or infinite from " + curves.xLabel() + " "
                            + Html.num(ser.firstNonFiniteX) + " on; those points are not plotted. A diverging run: "
                            + "lower the learning rate or clip gradients.");
                }
            });
        }
        long skipped = s.path("skipped_lines").asLong(0);
        if (skipped > 0) notes.add(skipped + " bad input lines were skipped (--skip-bad-lines).");
        for (JsonNode n : s.path("notes")) notes.add(n.asText());
    }

    private static void charts(StringBuilder h, Curves curves) {
        if (curves.metrics().isEmpty()) return;
        h.append("<h2>Training curves</h2><div class=\"grid\">\n");
        List<String> order = new ArrayList<>(curves.metrics());
        order.sort(Comparator.comparingInt(ReportWriter::rank).thenComparing(m -> m));
        for (String metric : order) {
            List<Series> lines = new ArrayList<>();
            curves.get(metric).forEach((split, ser) -> {
                if (!ser.isEmpty()) lines.add(ser);
            });
            if (lines.isEmpty()) continue;
            // a single line (e.g. perplexity on validation only) has no legend: its split goes in the title
            String t = title(metric) + (lines.size() == 1 ? " · " + lines.get(0).name : "");
            h.append(Charts.lines(t, curves.xLabel(), metric, lines).tag(t)).append('\n');
            if (metric.equals("loss") && !curves.lossByTime().isEmpty()) {
                // speed comparisons (xent vs PyTorch) read loss against time, not against steps
                List<Series> timed = curves.lossByTime();
                String tt = "Loss against wall time" + (timed.size() == 1 ? " · " + timed.get(0).name : "");
                h.append(Charts.lines(tt, "elapsed seconds", "loss", timed).tag(tt)).append('\n');
            }
        }
        h.append("</div>\n");
    }

    /** loss first, perplexity next, other metrics, then learning rate, gradient norm and throughput. */
    private static int rank(String metric) {
        if (metric.equals("loss")) return 0;
        if (metric.equals("perplexity")) return 1;
        if (metric.equals("lr")) return 3;
        if (metric.equals("grad_norm")) return 4;
        if (metric.endsWith("_per_s")) return 5;
        return 2;
    }

    private static String title(String metric) {
        return switch (metric) {
            case "loss" -> "Loss (cross-entropy, nats)";
            case "perplexity" -> "Perplexity";
            case "lr" -> "Learning rate";
            case "grad_norm" -> "Gradient norm (before clipping)";
            case "tokens_per_s" -> "Throughput (tokens/s)";
            case "examples_per_s" -> "Throughput (examples/s)";
            default -> {
                String t = metric.replace('_', ' ');
                yield Character.toUpperCase(t.charAt(0)) + t.substring(1);
            }
        };
    }

    private static void config(StringBuilder h, ObjectNode config) {
        if (config.isEmpty()) return;
        h.append("<h2>Configuration</h2><details open><summary>resolved settings (config.json)</summary><table>");
        flatten("", config, h);
        h.append("</table></details>\n");
    }

    private static void flatten(String prefix, JsonNode n, StringBuilder h) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), h));
            return;
        }
        h.append("<tr><th class=\"l\">").append(Html.esc(prefix)).append("</th><td class=\"l\">")
                .append(Html.esc(n.isTextual() ? n.asText() : n.toString())).append("</td></tr>");
    }
}
