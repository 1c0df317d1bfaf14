// What a report is made of: the run's name, config.json, the curves of metrics.jsonl, summary.json, trials.jsonl.
package dev.xent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Missing files are allowed (a run killed early has no summary yet); empty parts are left out of the report. */
record ReportData(String runName, ObjectNode config, Curves curves, ObjectNode summary, List<ObjectNode> trials) {

    /** A search's trials, one JSON object a line (xent tune, -model auto). */
    static final String TRIALS = "trials.jsonl";

    static ReportData read(Path runDir) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        Curves curves = Files.exists(run.metricsFile()) ? Curves.read(run.metricsFile()) : new Curves();
        Path trials = runDir.resolve(TRIALS);
        return new ReportData(runDir.toAbsolutePath().normalize().getFileName().toString(),
                readObject(run.configFile()), curves, readObject(run.summaryFile()),
                Files.exists(trials) ? MetricsLog.read(trials) : List.of());
    }

    private static ObjectNode readObject(Path file) throws IOException {
        if (!Files.exists(file)) return JsonNodeFactory.instance.objectNode();
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!(n instanceof ObjectNode o)) throw new BadInputException(file + ": expected a JSON object");
        return o;
    }
}
