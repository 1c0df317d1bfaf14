// `xent train classify -model cnn|rnn|transformer`: a neural classifier on fastText-format files, with run directory and report.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunCheckpoints;
import dev.xent.cli.run.RunDirectory;
import dev.xent.data.Example;
import dev.xent.data.ReadReport;
import dev.xent.io.Provenance;
import dev.xent.loss.Warnings;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.LabeledTokens;
import dev.xent.task.classify.LengthBuckets;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.classify.NeuralClassifierSpec;
import dev.xent.task.classify.NeuralTextEncoding;
import dev.xent.task.classify.NeuralTrainer;
import dev.xent.task.classify.Objective;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Training is {@link NeuralTrainer#fit}: Adam on length-bucketed batches, gradient clipping, and — with -valid —
 * the weights of the best epoch on the validation file (accuracy, ties to lower log loss) restored at the end, so
 * the validation file picks the epoch and a test file must be another. metrics.jsonl gets per epoch a train_epoch
 * record (loss, tokens/s) and a valid record (log loss, accuracy, macro-F1), step = optimisation steps so far.
 * Checkpoints every checkpointEvery steps and at epoch ends; {@code --resume} continues exactly (same batches,
 * Adam moments and dropout draws). The vocabulary is the training file's words seen minCount times; labels are
 * sorted by name; softmax with two labels trains one sigmoid logit (BINARY), with more a softmax (MULTICLASS);
 * ova trains independent sigmoids (MULTILABEL).
 */
public final class NeuralClassifyRun {
    /** Batches per length-sorting pool (NeuralTrainer.Options.defaults). */
    private static final int POOL_BATCHES = 50;

    private NeuralClassifyRun() {}

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out)
            throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train classify needs -input FILE (fastText format: "
                    + "\"__label__pos a fine film\" per line)");
        }
        NeuralClassifierSpec spec = ClassifySettings.spec(c);
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        List<Example> train = ClassifyRun.read(Path.of(c.getString("input")), skip, reports);
        List<Example> valid = c.getString("valid").isEmpty() ? List.of()
                : ClassifyRun.read(Path.of(c.getString("valid")), skip, reports);
        int maxLength = c.getInt("maxLength");
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0 (0: no cap); got " + maxLength);
        if (c.getInt("minCount") < 1) throw new IllegalArgumentException("minCount must be >= 1; got " + c.getInt("minCount"));
        NeuralTextEncoding.Tokenizer tokenizer = switch (c.getString("tokenizer")) {
            case "whitespace" -> NeuralTextEncoding.Tokenizer.WHITESPACE;
            case "word" -> NeuralTextEncoding.Tokenizer.WORD;
            default -> throw new IllegalArgumentException("tokenizer must be whitespace or word; got '"
                    + c.getString("tokenizer") + "'");
        };
        NeuralTextEncoding enc = NeuralTextEncoding.build(train.stream().map(Example::text).toList(), tokenizer,
                c.getBoolean("lowercase"), maxLength, c.getInt("minCount"));
        TreeSet<String> labelSet = new TreeSet<>();
        for (Example e : train) labelSet.addAll(e.labels());
        List<String> labels = List.copyOf(labelSet);
        Objective objective = objective(c.getString("loss"), labels, train.get(0).line());
        long seed = c.getLong("seed");
        NeuralClassifier classifier = NeuralClassifier.create(spec, enc, labels, objective, seed);
        LabeledTokens tr = classifier.encode(train);
        LabeledTokens va = valid.isEmpty() ? null : classifier.encode(valid);
        NeuralTrainer.Options opts = new NeuralTrainer.Options(ClassifySettings.positive(c, "epoch"),
                ClassifySettings.positive(c, "batch"), c.getDouble("lr"), c.getDouble("weightDecay"),
                c.getDouble("clipNorm"), seed, null, POOL_BATCHES);
        int stepsPerEpoch = LengthBuckets.batches(tr.tokens(), opts.batchSize(), POOL_BATCHES, seed, 0, true).size();
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        out.printf(Locale.ROOT, "data      %,d training examples%s; %d labels, %,d words%s%n", train.size(),
                valid.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d validation examples", valid.size()),
                labels.size(), enc.size(), skipped > 0 ? ", " + skipped + " bad lines skipped" : "");
        out.printf(Locale.ROOT, "model     %s, %,d parameters, %s; %d steps an epoch%n", classifier.model().describe(),
                classifier.model().parameterCount(), objective.name().toLowerCase(Locale.ROOT), stepsPerEpoch);
        RunCheckpoints ckpts = RunCheckpoints.open(c, run, resume, out);
        if (ckpts.resuming()) ckpts.printResumed(out, "");
        NeuralTrainer.Result result;
        try (MetricsLog log = run.openMetrics()) {
            sink.begin("training", opts.epochs(), "epochs");
            result = withoutSigmoidLookalikeWarning(() -> NeuralTrainer.fit(classifier.model(), tr, va, opts,
                    sink::message, (e, best) -> {
                long step = (long) (e.epoch() + 1) * stepsPerEpoch;
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("loss", e.trainLoss());
                shown.put("tokens_per_s", e.tokens() / e.seconds());
                try {
                    log.log("train_epoch", step, e.epoch() + 1, shown);
                    if (e.valid() != null) {
                        Map<String, Double> v = new LinkedHashMap<>();
                        v.put("loss", e.valid().logLoss());
                        v.put("accuracy", e.valid().accuracy());
                        v.put("macro_f1", e.valid().macroF1());
                        log.log("valid", step, e.epoch() + 1, v);
                        shown.put("valid_accuracy", e.valid().accuracy());
                    }
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                sink.update(e.epoch() + 1, e.trainLoss(), e.tokens() / e.seconds(), "tok");
                sink.epochEnd(e.epoch() + 1, shown);
            }, ckpts.plan()));
        }
        sink.close();
        NeuralTrainer.EpochLog last = result.epochs().get(result.epochs().size() - 1);
        out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f tokens/s); train loss %.4f; weights of epoch %d%n",
                opts.epochs(), result.trainSeconds(), result.tokensPerSecond(), last.trainLoss(), result.bestEpoch() + 1);

        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "classify");
        summary.put("title", "Neural classifier: " + classifier.model().describe());
        ObjectNode fin = summary.putObject("final");
        fin.put("train_loss", last.trainLoss());
        fin.put("train_seconds", result.trainSeconds());
        fin.put("best_epoch", result.bestEpoch() + 1);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("best_epoch", result.bestEpoch() + 1);
        if (!valid.isEmpty()) {
            ClassificationMetrics m = classifier.evaluate(valid);
            metrics.put("valid_accuracy", m.accuracy()).put("valid_macro_f1", m.macroF1()).put("valid_log_loss", m.logLoss());
            metrics.fields().forEachRemaining(e -> fin.set(e.getKey(), e.getValue()));
            out.print(m.report());
            summary.set("confusion", ClassifyRun.confusion(m));
        }
        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (!valid.isEmpty()) data.add(Path.of(c.getString("valid")));
        classifier.save(run.modelFile(), seed, Provenance.fingerprint(data), training(c, opts), metrics);
        summary.put("skipped_lines", skipped);
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        if (!valid.isEmpty()) notes.add("the validation file picked the epoch (" + (result.bestEpoch() + 1) + "), so its "
                + "scores are optimistic; evaluate on a separate test file with `xent eval`");
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /**
     * The binary losses warn when every logit of a batch lies in [0, 1] (a sigmoid output fed to a loss that applies
     * one). These models end in a Linear layer, so here it is a false alarm — common in the first steps, while the
     * logits are still small — and is dropped during training; every other warning passes to the default listener.
     */
    private static <T> T withoutSigmoidLookalikeWarning(Supplier<T> body) {
        Warnings.setListener((source, message) -> {
            if (!message.contains("looks like a sigmoid output")) Warnings.DEFAULT.warn(source, message);
        });
        try {
            return body.get();
        } finally {
            Warnings.setListener(null);
        }
    }

    static Objective objective(String loss, List<String> labels, long line) {
        if (labels.size() < 2 && !loss.equals("ova")) {
            throw new BadInputException("the training data has only the label " + labels + "; a classifier needs at "
                    + "least two labels (line " + line + " is the first example)");
        }
        return switch (loss) {
            case "softmax" -> labels.size() == 2 ? Objective.BINARY : Objective.MULTICLASS;
            case "ova", "one-vs-all" -> Objective.MULTILABEL;
            default -> throw new IllegalArgumentException("loss must be softmax or ova; got '" + loss + "'");
        };
    }

    /** How the model was trained, for the bundle's config (informational; loading does not need it). */
    private static ObjectNode training(ResolvedConfig c, NeuralTrainer.Options o) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("optimizer", "adam").put("lr", o.learningRate()).put("weightDecay", o.weightDecay())
                .put("clipNorm", o.clipNorm()).put("epochs", o.epochs()).put("batch", o.batchSize())
                .put("seed", o.seed()).put("minCount", c.getInt("minCount"));
        return t;
    }
}
