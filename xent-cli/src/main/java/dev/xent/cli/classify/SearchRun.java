// `-model auto` and `xent tune classify`: a model search over fastText-style, NBSVM and (with word vectors from
// -unlabeled text) neural recipes on a validation scheme, a live table of trials, trials.jsonl, then the chosen
// recipe (or ensemble) trained on all the training data.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.report.ReportWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.tune.Score;
import dev.xent.cli.tune.Trial;
import dev.xent.cli.tune.TrialLog;
import dev.xent.cli.tune.TrialTable;
import dev.xent.cli.tune.TuneBudget;
import dev.xent.data.Example;
import dev.xent.data.ReadReport;
import dev.xent.io.Provenance;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.ClassifierRecipe;
import dev.xent.task.classify.ClassifierSearchSpace;
import dev.xent.task.classify.EnsembleClassifier;
import dev.xent.task.classify.FinalChoice;
import dev.xent.task.classify.ModelSearch;
import dev.xent.task.classify.NeuralTextEncoding;
import dev.xent.task.classify.TrainedClassifier;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run directory gets trials.jsonl (one line per trial: its settings, validation accuracy and log loss, seconds,
 * SGD steps), a "trial" record per trial in metrics.jsonl, model.xent (the chosen recipe trained on all the training
 * data) and config.json rewritten to the chosen model's settings, so `xent train classify --config
 * runs/NAME/config.json` trains it again. With --set ensemble=K (K > 1) the trials' validation predictions also
 * decide whether an ensemble of up to K trials is kept instead of the best trial ({@link FinalChoice}: the way of
 * choosing that scores best on the halves of the validation data it did not choose on); if so model.xent is that
 * ensemble (each member trained on all the data) and config.json still holds the best single recipe. With -valid the
 * validation file scores the trials (and the final model); without, {@link ModelSearch#validation} splits the training
 * data itself (k folds up to 20,000 examples, else a 10% hold-out of whole texts), seeded by -seed. With -unlabeled
 * TEXT the neural families join the search (unless families is given) and skip-gram vectors trained on TEXT once
 * (the run's vectors.vec, in the budget) start their embeddings; a neural trial scored on -valid has trained on all
 * the training data, so its model is kept rather than trained again.
 */
public final class SearchRun {
    public static final String TRIALS = TrialLog.FILE;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Trials are chosen on accuracy (then log loss: {@link ModelSearch.Result#best}). */
    private static final Score SCORE = new Score("accuracy", "accuracy", true, true);

    private SearchRun() {}

    /**
     * -model auto: the fixed candidates of the families in the config, within its budget setting (if any). A time
     * budget is the whole command's: counted from the process's start, with the final training kept back.
     */
    public static void auto(ResolvedConfig c, RunDirectory run, PrintWriter out) throws IOException {
        run(c, run, budget(c, null), false, true, out);
    }

    /** {@link #run(ResolvedConfig, RunDirectory, ModelSearch.Budget, boolean, boolean, PrintWriter)}: the budget is the search's. */
    public static void run(ResolvedConfig c, RunDirectory run, ModelSearch.Budget budget, boolean random,
                           PrintWriter out) throws IOException {
        run(c, run, budget, random, false, out);
    }

    /** The config's budget setting ({@link TuneBudget}'s forms; empty: none), with {@code stop} (may be null). */
    public static ModelSearch.Budget budget(ResolvedConfig c, dev.xent.train.StopSignal stop) {
        String text = c.getString("budget");
        if (text.isBlank()) return new ModelSearch.Budget(0, 0, stop);
        ModelSearch.Budget b = TuneBudget.parse(text, "--set budget");
        return new ModelSearch.Budget(b.seconds(), b.steps(), stop);
    }

    /**
     * Searches {@code c}'s families (the fixed candidates, then random ones when {@code random}) within
     * {@code budget}, then trains the chosen recipe on all the training data. {@code wholeCommand}: the budget's
     * seconds count from the process's start and include that final training (see {@link ModelSearch.Budget}).
     */
    public static void run(ResolvedConfig c, RunDirectory run, ModelSearch.Budget budget, boolean random,
                           boolean wholeCommand, PrintWriter out) throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("classify needs -input FILE (fastText format: \"__label__pos a fine "
                    + "film\" per line)");
        }
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        List<Example> train = ClassifyRun.read(Path.of(c.getString("input")), skip, reports);
        List<Example> valid = c.getString("valid").isEmpty() ? List.of()
                : ClassifyRun.read(Path.of(c.getString("valid")), skip, reports);
        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (!valid.isEmpty()) data.add(Path.of(c.getString("valid")));
        int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
        long seed = c.getLong("seed");
        LinkedHashSet<String> families = new LinkedHashSet<>(Arrays.asList(c.getString("families").split("\\s*,\\s*")));
        boolean unlabeled = !c.getString("unlabeled").isEmpty();
        if (unlabeled && c.origins().getOrDefault("families", ResolvedConfig.Origin.DEFAULT) == ResolvedConfig.Origin.DEFAULT) {
            families.addAll(ClassifierSearchSpace.FAMILIES);   // the vectors are for the neural families
        }
        if (train.stream().anyMatch(e -> e.labels().size() > 1)) {
            List<String> single = new ArrayList<>(List.of("nbsvm"));
            single.addAll(ClassifierSearchSpace.NEURAL);
            single.retainAll(families);
            if (!single.isEmpty()) {
                families.removeAll(single);
                out.println("note      multi-label examples: " + String.join(", ", single) + " (one label per text) "
                        + (single.size() == 1 ? "is" : "are") + " left out of the search");
            }
        }
        double before = processSeconds();
        ClassifyVectors.Loaded vectors = families.stream().anyMatch(ClassifierSearchSpace.NEURAL::contains)
                ? ClassifyVectors.of(c, train, NeuralTextEncoding.Settings.defaults(), ClassifierSearchSpace.NEURAL_DIM,
                        run, out) : null;
        if (vectors == null && unlabeled) {
            out.println("note      -unlabeled: no neural family in the search (families " + String.join(",", families)
                    + "), so no vectors are trained");
        }
        if (vectors != null) {
            data.add(Path.of(c.getString("unlabeled")));
            budget = budget.after(processSeconds() - before);   // the vectors' minutes count against the budget
        }
        ClassifierSearchSpace space = new ClassifierSearchSpace(families, threads, seed,
                vectors == null ? null : vectors.vectors());
        ModelSearch.Validation validation = ModelSearch.validation(train.size(), valid, seed, c.getInt("folds"),
                budget.seconds() > 0);
        if (wholeCommand && budget.seconds() > 0) budget = budget.forWholeCommand(processSeconds(), train.size());
        out.printf(Locale.ROOT, "data      %,d training examples%s%n", train.size(),
                valid.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d validation examples", valid.size()));
        out.println("search    " + describe(validation, train.size()) + budgetText(budget));
        TrialTable table = new TrialTable(out, SCORE, List.of("log_loss"));
        table.header();
        Iterator<ClassifierRecipe> candidates = random ? space.withRandom() : space.fixed().iterator();
        double[] best = {Double.NEGATIVE_INFINITY};
        long start = System.nanoTime();
        ModelSearch.Result result;
        ModelSearch.Budget b = budget;
        try (TrialLog log = TrialLog.open(run, SCORE, List.of("log_loss"))) {
            result = NeuralClassifyRun.withoutSigmoidLookalikeWarning(() -> ModelSearch.search(train, validation,
                    candidates, b, t -> {
                boolean isBest = t.accuracy() > best[0];
                if (isBest) best[0] = t.accuracy();
                Trial row = new Trial(t.index(), t.recipe().model(), t.recipe().settings(), t.accuracy(),
                        Map.of("log_loss", t.logLoss()), t.seconds(), t.steps(), (System.nanoTime() - start) / 1e9);
                table.row(row, isBest);
                try {
                    log.add(row);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        ModelSearch.Trial chosen = result.best();
        out.printf(Locale.ROOT, "scored    %,d validation examples per trial%n", result.validationExamples().size());
        out.printf(Locale.ROOT, "chosen    trial %d of %d (%s): %s, validation accuracy %.2f%%%n", chosen.index(),
                result.trials().size(), stopText(result.stoppedBy()), chosen.recipe().describe(),
                100 * chosen.accuracy());
        out.flush();
        FinalChoice.Decision decision = FinalChoice.decide(result, c.getInt("ensemble"), seed);
        boolean useEnsemble = decision.isEnsemble();
        if (c.getInt("ensemble") > 1 && result.trials().size() > 1) {
            double[] h = decision.heldOutAccuracy();
            out.printf(Locale.ROOT, "kept      %s: trials %s, validation accuracy %.2f%%, log loss %.4f (held-out "
                            + "accuracy of each way of choosing, over %d halvings of the validation data: best trial "
                            + "%.2f%%, greedy ensemble %.2f%%)%n", wayText(decision.way()),
                    decision.members().stream().map(t -> Integer.toString(t.index())).collect(
                            java.util.stream.Collectors.joining("+")), 100 * decision.accuracy(), decision.logLoss(),
                    FinalChoice.SPLITS, 100 * h[0], 100 * h[1]);
        }
        long t0 = System.nanoTime();
        int[] kept = {0};
        TrainedClassifier model = NeuralClassifyRun.withoutSigmoidLookalikeWarning(() -> {
            Map<ModelSearch.Trial, TrainedClassifier> trained = new java.util.IdentityHashMap<>();
            java.util.function.Function<ModelSearch.Trial, TrainedClassifier> fit = t -> trained.computeIfAbsent(t, x -> {
                if (x.model() != null) {   // trained on all the training data already: the same recipe, the same data
                    kept[0]++;
                    return x.model();
                }
                return x.recipe().train(train, TrainOptions.builder().build());
            });
            if (!useEnsemble) return fit.apply(chosen);
            List<TrainedClassifier> members = new ArrayList<>();
            for (ModelSearch.Trial t : decision.members()) members.add(fit.apply(t));
            return new EnsembleClassifier(members);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "trained   the chosen %s on all %,d training examples in %.1f s%s%n",
                useEnsemble ? "ensemble's models" : "recipe", train.size(), seconds, kept[0] == 0 ? ""
                        : String.format(Locale.ROOT, " (%d neural model(s) kept as their trials trained them on all "
                                + "the training data)", kept[0]));
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "classify");
        summary.put("title", "model search: " + chosen.recipe().describe());
        ObjectNode fin = summary.putObject("final");
        fin.put("train_seconds", seconds);
        fin.put("search_accuracy", chosen.accuracy());
        fin.put("search_log_loss", chosen.logLoss());
        if (!valid.isEmpty()) {
            ClassificationMetrics m = model.evaluate(valid);
            fin.put("valid_accuracy", m.accuracy());
            fin.put("valid_macro_f1", m.macroF1());
            fin.put("valid_log_loss", m.logLoss());
            out.print(m.report());
            summary.set("confusion", ClassifyRun.confusion(m));
        }
        ObjectNode search = summary.putObject("search");
        search.put("validation", describe(validation, train.size()));
        search.put("score", SCORE.key());
        search.put("score_name", SCORE.name());
        search.put("maximize", true);
        search.put("trials", result.trials().size());
        search.put("chosen_trial", chosen.index());
        search.put("stopped_by", result.stoppedBy());
        search.set("chosen", JSON.valueToTree(chosen.recipe().settings()));
        if (useEnsemble) {
            ArrayNode ens = search.putArray("ensemble");
            for (ModelSearch.Trial t : decision.members()) ens.add(t.index());
            search.put("ensemble_accuracy", decision.accuracy());
            search.put("ensemble_way", decision.way().name().toLowerCase(Locale.ROOT));
        }
        model.save(run.modelFile(), Provenance.fingerprint(data));
        run.writeConfig(chosenConfig(c, chosen.recipe()));
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        if (!valid.isEmpty()) notes.add("the validation file chose the model, so its scores are optimistic; evaluate on"
                + " a separate test file with `xent eval`");
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("config    " + run.configFile() + " (the chosen settings: xent train classify --config "
                + run.configFile() + ")");
        out.println("trials    " + run.dir().resolve(TRIALS));
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** Seconds since this process started (the JVM's start-up included), 0 where the OS does not say. */
    static double processSeconds() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toNanos() / 1e9).orElse(0.0);
    }

    /** The chosen model's settings as `xent train classify` reads them, with this run's data files and threads. */
    static ResolvedConfig chosenConfig(ResolvedConfig c, ClassifierRecipe r) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("input", c.getString("input"));
        given.put("valid", c.getString("valid"));
        given.put("thread", Integer.toString(c.getInt("thread")));
        given.put("skipBadLines", Boolean.toString(c.getBoolean("skipBadLines")));
        r.settings().forEach((k, v) -> {
            if (!k.equals("model")) given.put(k, String.valueOf(v));
        });
        return ResolvedConfig.resolve(ClassifySettings.TABLE.defaults(r.model()), null, given);
    }

    static String describe(ModelSearch.Validation v, int n) {
        return switch (v) {
            case ModelSearch.Validation.File f -> String.format(Locale.ROOT, "scored on the validation file (%,d "
                    + "examples)", f.examples().size());
            case ModelSearch.Validation.KFold k -> String.format(Locale.ROOT, "%d-fold cross-validation of the %,d "
                    + "training examples (seed %d)", k.k(), n, k.seed());
            case ModelSearch.Validation.Holdout h -> String.format(Locale.ROOT, "a %.0f%% hold-out of the %,d training "
                    + "examples (seed %d)", 100 * h.fraction(), n, h.seed());
        };
    }

    private static String budgetText(ModelSearch.Budget b) {
        if (b.seconds() > 0 && b.finalExamples() > 0) {
            return String.format(Locale.ROOT, "; budget %.3g s for the whole command (%.1f s gone before the search)",
                    b.seconds(), b.spentBefore());
        }
        if (b.seconds() > 0) return String.format(Locale.ROOT, "; budget %.0f s", b.seconds());
        if (b.steps() > 0) return String.format(Locale.ROOT, "; budget %,d SGD steps", b.steps());
        return "";
    }

    private static String wayText(FinalChoice.Way w) {
        return switch (w) {
            case BEST_TRIAL -> "the best trial";
            case GREEDY_ENSEMBLE -> "the greedy ensemble";
        };
    }

    private static String stopText(String stoppedBy) {
        return switch (stoppedBy) {
            case "seconds" -> "the time budget ended the search";
            case "steps" -> "the step budget ended the search";
            case "stop" -> "stopped by request";
            default -> "every candidate tried";
        };
    }
}
