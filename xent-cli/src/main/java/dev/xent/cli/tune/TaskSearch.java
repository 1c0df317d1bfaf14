// `xent tune tag|lm|translate`: trials of the task's own training run (the one loop) in runs/NAME/trials/NNN/,
// each capped at an equal share of the budget, scored on the validation data; the best is kept as it goes.
package dev.xent.cli.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.CommandFailure;
import dev.xent.cli.ExitCodes;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.Signals;
import dev.xent.cli.run.TrainSession;
import dev.xent.task.classify.ModelSearch;
import dev.xent.train.StopSignal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Budget: a trial's training is capped at share = budget / trials — maxSteps with a step budget (then exactly
 * {@code trials} trials run, and a one-thread search repeats exactly), maxSeconds with a time budget (less the
 * overhead seen so far — reading data, the final validation, writing — so that the planned trials end within the
 * budget: {@link #timeCap}; trials that stop early leave room for more). The cap is one of the trial's settings, so
 * config.json, the best trial's settings, trains that model again with {@code xent train TASK --config}.
 * <p>After each trial: a line in the table and in trials.jsonl; if it is the best so far its model.xent moves to
 * runs/NAME/model.xent and its settings to runs/NAME/config.json; its checkpoints are deleted, its log
 * (trials/NNN/log.txt), metrics, summary and report stay. Ctrl-C or SIGTERM stops the trial under way (not scored),
 * writes the summary and report of the trials so far and ends with exit 130 / 143 and the best so far named. A
 * trial that diverges or runs out of memory is a failed trial (score NaN, its error in trials.jsonl); the search
 * goes on.
 */
public final class TaskSearch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskSearch() {}

    /** One training run of the task, as `xent train TASK` does it (TagRun.train, LmRun.train, TranslateRun.train). */
    public interface Training {
        void run(ResolvedConfig c, RunDirectory dir, ProgressSink sink, PrintWriter out, PrintWriter err) throws IOException;
    }

    /** The task searched: its name, its model (the table's label), what is scored, how a trial trains. */
    public record Task(String name, String model, Score score, Training training) {}

    /**
     * Searches {@code space} from {@code base} (the run's resolved settings; {@code fixed}: the settings the user
     * gave, never searched) within {@code budget} split into {@code trials} shares.
     */
    public static void run(Task task, ResolvedConfig base, SearchSpace space, Set<String> fixed,
                           ModelSearch.Budget budget, int trials, RunDirectory run, Supplier<ProgressSink> sinks,
                           PrintWriter out, PrintWriter err) throws IOException {
        if (trials < 1) throw new IllegalArgumentException("--trials must be >= 1; got " + trials);
        boolean steps = budget.steps() > 0;
        long stepShare = budget.steps() / trials;
        double secondShare = budget.seconds() / trials;
        if (steps && stepShare < 1) {
            throw new IllegalArgumentException("--budget " + budget.steps() + "steps is fewer than one step for each of "
                    + trials + " trials; give a larger budget or fewer --trials");
        }
        out.printf(Locale.ROOT, "search    %d trials of at most %s each (budget %s), scored on validation %s (%s)%n",
                trials, steps ? String.format(Locale.ROOT, "%,d steps", stepShare)
                        : String.format(Locale.ROOT, "%.0f s of training", secondShare),
                steps ? String.format(Locale.ROOT, "%,d steps", budget.steps())
                        : String.format(Locale.ROOT, "%.0f s", budget.seconds()),
                task.score().name(), task.score().maximize() ? "higher is better" : "lower is better");
        TrialTable table = new TrialTable(out, task.score(), List.of());
        table.header();
        StopSignal stop = new StopSignal();
        long start = System.nanoTime();
        List<Trial> done = new ArrayList<>();
        Trial best = null;
        String stoppedBy = "budget", interruptedBy = null;
        int interruptedTrial = -1;
        double overhead = 0;
        Iterator<Map<String, Object>> candidates = space.candidates(base.getLong("seed"), fixed);
        try (TrialLog log = TrialLog.open(run, task.score(), List.of());
             Signals ignored = Signals.install(stop, err, "ending the search; the best so far is kept")) {
            TrainSession.shareStop(stop);
            for (int i = 0; ; i++) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (stop.requested()) {
                    interruptedBy = stop.reason();
                    stoppedBy = "stop";
                    break;
                }
                double cap = steps ? 0 : timeCap(budget.seconds() - elapsed, secondShare, overhead, trials - i);
                if (steps ? i >= trials : cap <= 0) break;
                if (!candidates.hasNext()) {
                    stoppedBy = "candidates";
                    break;
                }
                Map<String, Object> settings = candidates.next();
                Map<String, String> given = new LinkedHashMap<>();
                settings.forEach((k, v) -> given.put(k, String.valueOf(v)));
                given.put("maxSteps", Long.toString(steps ? stepShare : 0));
                given.put("maxSeconds", Double.toString(cap));
                ResolvedConfig c = ResolvedConfig.resolve(base.tree(), null, given);
                RunDirectory dir = RunDirectory.create(run.dir().resolve("trials"), String.format(Locale.ROOT, "%03d", i));
                Ran ran = trial(task, i, settings, c, dir, sinks, err, start);
                if (ran.interruptedBy() != null) {
                    interruptedBy = ran.interruptedBy();
                    interruptedTrial = i;
                    stoppedBy = "stop";
                    break;
                }
                Trial t = ran.trial();
                if (!steps) overhead = Math.max(overhead, t.seconds() - cap);
                boolean isBest = !Double.isNaN(t.score())
                        && (best == null || task.score().better(t.score(), best.score()));
                done.add(t);
                log.add(t, ran.failure());
                table.row(t, isBest);
                if (ran.failure() != null) out.println("          trial " + i + " failed: " + ran.failure());
                if (isBest) {
                    best = t;
                    Files.move(dir.modelFile(), run.modelFile(), StandardCopyOption.REPLACE_EXISTING);
                    c.write(run.configFile());
                } else {
                    Files.deleteIfExists(dir.modelFile());
                }
            }
        } finally {
            TrainSession.endSharedStop();
        }
        finish(task, base, run, done, best, stoppedBy, interruptedBy, interruptedTrial, out);
    }

    /**
     * The training seconds of the next trial under a time budget with {@code left} seconds left: its share, less
     * what the trials still planned ({@code trialsLeft}; 1 past the plan) need for their overhead, so that they
     * all end within the budget; 0 (no trial) when less than half a share remains.
     */
    static double timeCap(double left, double share, double overhead, int trialsLeft) {
        double cap = Math.min(share, left / Math.max(1, trialsLeft) - overhead);
        return cap >= share / 2 ? Math.round(cap * 10) / 10.0 : 0;
    }

    /** A trial that ended (failure: why it failed, else null), or was stopped by a signal (interruptedBy). */
    private record Ran(Trial trial, String failure, String interruptedBy) {}

    /** Trains one trial in {@code dir} (its output to log.txt), deletes its checkpoints and reads its score. */
    private static Ran trial(Task task, int index, Map<String, Object> settings, ResolvedConfig c, RunDirectory dir,
                             Supplier<ProgressSink> sinks, PrintWriter err, long searchStart) throws IOException {
        dir.writeConfig(c);
        long t0 = System.nanoTime();
        String failure = null;
        try (OutputStream file = Files.newOutputStream(dir.dir().resolve("log.txt"));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), true)) {
            task.training().run(c, dir, sinks.get(), out, err);
        } catch (CommandFailure e) {
            if (e.exitCode() == ExitCodes.INTERRUPTED || e.exitCode() == ExitCodes.TERMINATED) {
                deleteTree(dir.checkpointsDir());
                return new Ran(null, null, e.exitCode() == ExitCodes.INTERRUPTED ? "SIGINT" : "SIGTERM");
            }
            failure = e.getMessage();   // diverged or out of memory: this trial failed, the search goes on
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        deleteTree(dir.checkpointsDir());
        Map<String, Double> metrics = new LinkedHashMap<>();
        double score = Double.NaN;
        if (failure == null) {
            JsonNode fin = JSON.readTree(dir.summaryFile().toFile()).path("final");
            fin.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber() && !e.getKey().equals(task.score().key())) {
                    metrics.put(e.getKey(), e.getValue().asDouble());
                }
            });
            score = fin.path(task.score().key()).asDouble(Double.NaN);
        }
        return new Ran(new Trial(index, task.model(), settings, score, metrics, seconds, lastStep(dir),
                (System.nanoTime() - searchStart) / 1e9), failure, null);
    }

    /** The summary (the best trial's, with the search added), the report, the closing lines; a stop ends in exit 130/143. */
    private static void finish(Task task, ResolvedConfig base, RunDirectory run, List<Trial> done, Trial best, String stoppedBy,
                               String interruptedBy, int interruptedTrial, PrintWriter out) throws IOException {
        String during = interruptedTrial >= 0 ? " during trial " + interruptedTrial + " (not scored)" : " between trials";
        if (best == null) {
            if (interruptedBy != null) {
                throw new CommandFailure(interruptedBy.equals("SIGTERM") ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED,
                        "stopped by " + interruptedBy + during + ", before any trial finished: nothing to keep", null);
            }
            if (!done.isEmpty()) {
                throw new CommandFailure(ExitCodes.FAILURE, "every trial failed (" + done.size() + "; the reasons are in "
                        + run.dir().resolve(TrialLog.FILE) + "); fix the settings given, or give a larger budget", null);
            }
            throw new IllegalArgumentException("no trial fitted in the budget; give a larger --budget or fewer --trials");
        }
        Path bestDir = run.dir().resolve("trials").resolve(String.format(Locale.ROOT, "%03d", best.index()));
        ObjectNode summary = (ObjectNode) JSON.readTree(bestDir.resolve("summary.json").toFile());
        summary.put("title", "xent tune " + task.name() + ": trial " + best.index() + " of " + done.size() + " ("
                + TrialTable.text(best.settings()) + ")");
        ObjectNode fin = summary.withObject("final");
        fin.put(task.score().key(), best.score());
        ObjectNode search = summary.putObject("search");
        search.put("score", task.score().key());
        search.put("score_name", task.score().name());
        search.put("maximize", task.score().maximize());
        search.put("trials", done.size());
        search.put("chosen_trial", best.index());
        search.put("stopped_by", stoppedBy);
        search.set("chosen", JSON.valueToTree(best.settings()));
        ObjectNode defaults = search.putObject("defaults");   // what a trial that does not change a setting has
        for (Trial t : done) for (String k : t.settings().keySet()) defaults.set(k, base.get(k));
        summary.withArray("notes").add("the validation data chose the trial, so its scores are optimistic; evaluate "
                + "on a separate test file with `xent eval`");
        run.writeSummary(summary);
        out.printf(Locale.ROOT, "chosen    trial %d of %d: %s, validation %s %s%n", best.index(), done.size(),
                TrialTable.text(best.settings()), task.score().name(), task.score().format(best.score()));
        out.println("model     " + run.modelFile());
        out.println("config    " + run.configFile() + " (xent train " + task.name() + " --config " + run.configFile() + ")");
        out.println("trials    " + run.dir().resolve(TrialLog.FILE));
        out.println("report    " + ReportWriter.write(run.dir()));
        out.flush();
        if (interruptedBy != null) {
            throw new CommandFailure(interruptedBy.equals("SIGTERM") ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED,
                    "stopped by " + interruptedBy + during + "; the " + done.size() + " finished trial(s) are in "
                            + run.dir().resolve(TrialLog.FILE) + ", and the best so far (trial " + best.index() + ", "
                            + task.score().name() + " " + task.score().format(best.score()) + ") is " + run.modelFile()
                            + " with its settings in " + run.configFile(), null);
        }
    }

    /** The highest step of the trial's metrics records (the steps it trained). */
    private static long lastStep(RunDirectory dir) throws IOException {
        if (!Files.exists(dir.metricsFile())) return 0;
        long[] max = {0};
        MetricsLog.forEach(dir.metricsFile(), r -> {
            Double s = MetricsLog.number(r, "step");
            if (s != null) max[0] = Math.max(max[0], s.longValue());
        });
        return max[0];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
