// Where a search writes its trials: runs/NAME/trials.jsonl (one object per trial) and "trial" records in metrics.jsonl.
package dev.xent.cli.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.RunDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trials.jsonl line: {"trial", "model", "score", the score's own key (e.g. "valid_f1") and the other metrics,
 * "seconds", "steps", "elapsed_s", "settings": {the searched settings}, and "error" for a trial that failed, its
 * score NaN (written "NaN")}. Each line is written when its trial ends,
 * so a search stopped by Ctrl-C keeps every finished trial.
 */
public final class TrialLog implements Closeable {
    public static final String FILE = "trials.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final MetricsLog metrics;
    private final Score score;
    private final List<String> logged;

    private TrialLog(Path file, MetricsLog metrics, Score score, List<String> logged) {
        this.file = file;
        this.metrics = metrics;
        this.score = score;
        this.logged = List.copyOf(logged);
    }

    /**
     * Starts an empty trials.jsonl in {@code run} and appends to its metrics.jsonl, where a "trial" record holds the
     * score, the metrics named in {@code logged} and the seconds (the report's per-trial curves).
     */
    public static TrialLog open(RunDirectory run, Score score, List<String> logged) throws IOException {
        Path file = run.dir().resolve(FILE);
        Files.deleteIfExists(file);
        return new TrialLog(file, run.openMetrics(), score, logged);
    }

    public Path file() {
        return file;
    }

    public void add(Trial t) throws IOException {
        add(t, null);
    }

    /** A trial that failed ({@code error}: why; its score is NaN) or, with null, one that ended. */
    public void add(Trial t, String error) throws IOException {
        ObjectNode j = JSON.createObjectNode();
        j.put("trial", t.index());
        j.put("model", t.label());
        j.put("score", t.score());
        j.put(score.key(), t.score());
        t.metrics().forEach(j::put);
        j.put("seconds", t.seconds());
        j.put("steps", t.steps());
        j.put("elapsed_s", t.elapsed());
        j.set("settings", JSON.valueToTree(t.settings()));
        if (error != null) j.put("error", error);
        Files.writeString(file, JSON.writeValueAsString(j) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(score.key(), t.score());
        for (String k : logged) values.put(k, t.metrics().getOrDefault(k, Double.NaN));
        values.put("seconds", t.seconds());
        metrics.log("trial", t.index(), 0, values);
    }

    @Override
    public void close() throws IOException {
        metrics.close();
    }
}
