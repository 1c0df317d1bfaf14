package dev.xent.cli.report;

import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");

    @Test
    void reportIsSelfContainedAndHasEverySection() throws Exception {
        // written under target/ so the page can be looked at (docs/img/report-example.png is a screenshot of it)
        Path root = Path.of("target", "report-example");
        if (Files.exists(root.resolve("synthetic"))) {
            try (var files = Files.walk(root.resolve("synthetic"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        RunDirectory run = SyntheticRun.write(root, "synthetic", 400);
        Path report = ReportWriter.write(run.dir());
        String html = Files.readString(report, StandardCharsets.UTF_8);

        // self-contained: nothing fetched from anywhere, no scripts
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "the report must not reference network resources");
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.toLowerCase().contains("<link"), "no external stylesheets");

        // every plot is an inline SVG that parses as XML, has the chart's size and draws something
        Matcher m = IMG.matcher(html);
        int images = 0;
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/svg+xml;base64,"), src.substring(0, Math.min(40, src.length())));
            byte[] svg = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            Element doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg)).getDocumentElement();
            assertEquals("svg", doc.getTagName());
            assertEquals(Integer.toString(Charts.HEIGHT), doc.getAttribute("height"));
            assertTrue(Integer.parseInt(doc.getAttribute("width")) >= Charts.WIDTH);
            assertTrue(doc.getElementsByTagName("path").getLength() + doc.getElementsByTagName("circle").getLength()
                    + doc.getElementsByTagName("rect").getLength() > 2, "a line, points or bars besides the frame");
            assertTrue(doc.getElementsByTagName("text").getLength() >= 4, "title, axis titles and tick labels");
            images++;
        }
        // loss (against steps and against time), perplexity, accuracy, lr, grad_norm, tokens_per_s, per-tag F1
        assertEquals(8, images, "one chart per curve, loss against time, and the per-tag bar chart");
        for (String part : new String[] {"Confusion matrix", "Per-tag scores", "Sample generations", "Configuration",
                "Loss (cross-entropy, nats)", "Loss against wall time", "Learning rate", "Gradient norm", "Throughput", "Perplexity",
                "2 bad input lines were skipped"}) {
            assertTrue(html.contains(part) || html.contains(Html.esc(part)), "missing: " + part);
        }
        // sample text is escaped, not interpreted as markup
        assertTrue(html.contains("&lt;adopt&gt; the report &amp; move on."));
        assertTrue(html.contains("<b>The committee </b>"));
        // resolved config shows the flag's value
        assertTrue(html.contains("<th class=\"l\">epoch</th><td class=\"l\">4</td>"));
        assertTrue(html.contains("optimizer.clip"));
    }

    @Test
    void divergedRunIsNotedAndEmptyPartsLeftOut(@TempDir Path root) throws Exception {
        RunDirectory run = RunDirectory.create(root, "nan");
        try (MetricsLog log = run.openMetrics()) {
            for (int step = 1; step <= 5; step++) {
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("loss", step < 4 ? 1.0 / step : Double.NaN);
                log.log("train", step, 1, v);
            }
        }
        String html = Files.readString(ReportWriter.write(run.dir()));
        assertTrue(html.contains("loss (train) was NaN or infinite from step 4 on"), html);
        assertFalse(html.contains("Confusion matrix"));
        assertFalse(html.contains("Sample generations"));
        assertFalse(html.contains("Configuration"));
    }

    @Test
    void malformedConfusionMatrixBecomesANote(@TempDir Path root) throws Exception {
        RunDirectory run = RunDirectory.create(root, "bad");
        var s = SyntheticRun.JSON.createObjectNode();
        s.putObject("confusion").putArray("labels").add("a").add("b");
        run.writeSummary(s);
        Files.writeString(run.metricsFile(), "");
        String html = Files.readString(ReportWriter.write(run.dir()));
        assertTrue(html.contains("confusion must be"), html);
    }

    @Test
    void perEpochCurvesAndSampleTranslationsOfATranslationRun(@TempDir Path root) throws Exception {
        RunDirectory run = RunDirectory.create(root, "mt");
        var s = SyntheticRun.JSON.createObjectNode();
        var p = s.putObject("per_epoch");
        p.putArray("epoch").add(1).add(2).add(3);
        p.put("selected", 2).put("selected_by", "best validation BLEU");
        p.putObject("loss").<com.fasterxml.jackson.databind.node.ObjectNode>set("train (label-smoothed)",
                SyntheticRun.JSON.valueToTree(new double[] {4.1, 3.2, 2.9}))
                .set("valid", SyntheticRun.JSON.valueToTree(new double[] {3.5, 2.7, 2.6}));
        p.putObject("perplexity").set("valid", SyntheticRun.JSON.valueToTree(new double[] {33.1, 14.9, 13.5}));
        p.putObject("bleu").set("valid (greedy)", SyntheticRun.JSON.valueToTree(new double[] {12.5, 25.0, 24.0}));
        p.putObject("chrf").set("valid", SyntheticRun.JSON.valueToTree(new double[] {40.0, 50.0}));   // one short
        var t = s.putObject("translations");
        t.put("search", "the first 2 validation sentences, beam 5, alpha 0.6");
        t.putArray("pairs").add(SyntheticRun.JSON.createObjectNode().put("source", "Ein Hund <rennt>.")
                .put("reference", "A dog runs.").put("translation", "A dog & a cat run."))
                .add(SyntheticRun.JSON.createObjectNode().put("source", "Zwei Männer.").put("reference", "Two men.")
                        .put("translation", "Two men."));
        run.writeSummary(s);
        Files.writeString(run.metricsFile(), "");
        String html = Files.readString(ReportWriter.write(run.dir()));

        assertEquals(3, IMG.matcher(html).results().count(), "loss, perplexity and BLEU against the epoch: " + html);
        for (String part : new String[] {"Per epoch", "the model kept is epoch 2 (best validation BLEU)",
                "Loss (cross-entropy, nats) per epoch", "Perplexity per epoch · valid", "BLEU per epoch · valid (greedy)",
                "Sample translations", "the first 2 validation sentences, beam 5, alpha 0.6",
                "per_epoch.chrf.valid must have one value per epoch (3); not shown"}) {
            assertTrue(html.contains(Html.esc(part)), "missing: " + part);
        }
        assertTrue(html.contains("<td>1</td><td class=\"l\">Ein Hund &lt;rennt&gt;.</td><td class=\"l\">A dog runs.</td>"
                + "<td class=\"l\">A dog &amp; a cat run.</td>"), html);
        assertTrue(html.indexOf("Per epoch") < html.indexOf("Sample translations"));
    }
}
