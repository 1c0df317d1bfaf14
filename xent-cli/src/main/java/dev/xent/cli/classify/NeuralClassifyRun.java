// `xent train classify -model cnn|rnn|transformer`: a neural classifier on fastText-format files, with run directory and report.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.data.Example;
import dev.xent.data.ReadReport;
import dev.xent.io.Provenance;
import dev.xent.loss.Warnings;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.classify.NeuralClassifierTask;
import dev.xent.task.classify.NeuralTextEncoding;
import dev.xent.task.classify.NeuralTrainConfig;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings → {@link NeuralClassifier#create} and {@link NeuralClassifierTask} → {@link TrainSession#train} → the
 * summary, report and model.xent. Training is the one loop's (Adam on length-bucketed batches, gradient clipping,
 * with -valid the best epoch's weights by validation accuracy, ties to lower log loss), so the validation file
 * picks the epoch and a test file must be another. metrics.jsonl gets the loop's records (TrainingMonitor): a
 * "train" record per step, per epoch "train_epoch" (mean step loss) and "valid" (loss = log loss, accuracy,
 * macro_f1). Checkpoints at the start, every checkpointEvery steps and at epoch ends; {@code --resume} continues
 * exactly; Ctrl-C checkpoints and exits 130; a diverging run exits 1 with its last good model in model.xent.
 */
public final class NeuralClassifyRun {
    /** Batches per length-sorting pool (as NeuralTrainConfig.defaults). */
    private static final int POOL_BATCHES = 50;

    private NeuralClassifyRun() {}

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out,
                             PrintWriter err) throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train classify needs -input FILE (fastText format: "
                    + "\"__label__pos a fine film\" per line)");
        }
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        List<Example> train = ClassifyRun.read(Path.of(c.getString("input")), skip, reports);
        List<Example> valid = c.getString("valid").isEmpty() ? List.of()
                : ClassifyRun.read(Path.of(c.getString("valid")), skip, reports);
        long seed = c.getLong("seed");
        NeuralClassifier classifier = NeuralClassifier.create(ClassifySettings.spec(c), train, textSettings(c),
                multiLabel(c.getString("loss")), seed);
        ClassifyVectors.Loaded vectors = resume ? null
                : ClassifyVectors.of(c, train, textSettings(c), ClassifySettings.positive(c, "dim"), run, out);
        if (vectors != null) {
            out.printf(Locale.ROOT, "vectors   %,d of the %,d words start from %s%n", classifier.model().initEmbeddings(
                    vectors.vectors().vectors(), classifier.encoding().tokens()),
                    classifier.encoding().size() - dev.xent.text.Vocabulary.SPECIALS.size(), vectors.vectors().file());
        }
        NeuralTrainConfig config = new NeuralTrainConfig(ClassifySettings.positive(c, "epoch"),
                ClassifySettings.positive(c, "batch"), c.getDouble("lr"), c.getDouble("weightDecay"),
                c.getDouble("clipNorm"), seed, null, POOL_BATCHES);
        NeuralClassifierTask task = NeuralClassifierTask.of(classifier, config, train, valid);
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        out.printf(Locale.ROOT, "data      %,d training examples%s; %d labels, %,d words%s%n", train.size(),
                valid.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d validation examples", valid.size()),
                classifier.labels().size(), classifier.encoding().size(), skipped > 0 ? ", " + skipped + " bad lines skipped" : "");
        out.printf(Locale.ROOT, "model     %s, %,d parameters, %s; %d steps an epoch%n", classifier.model().describe(),
                classifier.model().parameterCount(), classifier.objective().name().toLowerCase(Locale.ROOT),
                task.batches(0));
        out.flush();

        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (!valid.isEmpty()) data.add(Path.of(c.getString("valid")));
        if (vectors != null) data.add(Path.of(vectors.vectors().file()));
        Map<String, String> fingerprint = Provenance.fingerprint(data);
        ObjectNode training = config.toJson().put("minCount", c.getInt("minCount"));
        Clock clock = new Clock(out);
        History h;
        try (TrainSession session = TrainSession.open("classify", c, run, resume, sink, err)) {
            TrainOptions o = task.options(session.options()).listeners(clock).build();
            h = session.train(() -> withoutSigmoidLookalikeWarning(() -> resume ? task.resume(o) : task.fit(o)),
                    () -> classifier.save(run.modelFile(), seed, fingerprint, training, null),
                    "batch " + config.batchSize() + ", maxLength " + c.getInt("maxLength") + ", dim " + c.getInt("dim"));
        }
        int kept = h.selectedEpoch() >= 0 ? h.selectedEpoch() + 1 : h.epochs();
        out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f tokens/s); train loss %.4f; weights of epoch %d%n",
                h.epochs(), clock.seconds, task.trainedTokens() / task.trainedSeconds(), h.last("loss"), kept);

        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "classify");
        summary.put("title", "Neural classifier: " + classifier.model().describe());
        ObjectNode fin = summary.putObject("final");
        fin.put("train_loss", h.last("loss"));
        fin.put("train_seconds", clock.seconds);
        fin.put("best_epoch", kept);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("best_epoch", kept);
        if (!valid.isEmpty()) {
            ClassificationMetrics m = classifier.evaluate(valid);
            metrics.put("valid_accuracy", m.accuracy()).put("valid_macro_f1", m.macroF1()).put("valid_log_loss", m.logLoss());
            metrics.fields().forEachRemaining(e -> fin.set(e.getKey(), e.getValue()));
            out.print(m.report());
            summary.set("confusion", ClassifyRun.confusion(m));
        }
        classifier.save(run.modelFile(), seed, fingerprint, training, metrics);
        summary.put("skipped_lines", skipped);
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        if (!valid.isEmpty()) notes.add("the validation file picked the epoch (" + kept + "), so its "
                + "scores are optimistic; evaluate on a separate test file with `xent eval`");
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** Prints where a resumed run continues from, and keeps the run's training seconds (over resumes). */
    private static final class Clock implements ProgressListener {
        private final PrintWriter out;
        double seconds;

        Clock(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onStep(Progress p) {
            seconds = p.seconds();
        }

        @Override
        public void onResume(long step, Path file, List<String> skipped) {
            out.println("resumed   from " + file + ": step " + step);
            out.flush();
        }
    }

    /**
     * The binary losses warn when every logit of a batch lies in [0, 1] (a sigmoid output fed to a loss that applies
     * one). These models end in a Linear layer, so here it is a false alarm — common in the first steps, while the
     * logits are still small — and is dropped during training; every other warning passes to the default listener.
     */
    static <T> T withoutSigmoidLookalikeWarning(TrainSession.Fit<T> body) throws IOException {
        Warnings.setListener((source, message) -> {
            if (!message.contains("looks like a sigmoid output")) Warnings.DEFAULT.warn(source, message);
        });
        try {
            return body.run();
        } finally {
            Warnings.setListener(null);
        }
    }

    private static NeuralTextEncoding.Settings textSettings(ResolvedConfig c) {
        NeuralTextEncoding.Tokenizer tokenizer = switch (c.getString("tokenizer")) {
            case "whitespace" -> NeuralTextEncoding.Tokenizer.WHITESPACE;
            case "word" -> NeuralTextEncoding.Tokenizer.WORD;
            default -> throw new IllegalArgumentException("tokenizer must be whitespace or word; got '"
                    + c.getString("tokenizer") + "'");
        };
        return new NeuralTextEncoding.Settings(tokenizer, c.getBoolean("lowercase"), c.getInt("maxLength"),
                c.getInt("minCount"));
    }

    /** loss softmax: one label per text (BINARY or MULTICLASS); ova: independent sigmoids (MULTILABEL). */
    private static boolean multiLabel(String loss) {
        return switch (loss) {
            case "softmax" -> false;
            case "ova", "one-vs-all" -> true;
            default -> throw new IllegalArgumentException("loss must be softmax or ova; got '" + loss + "'");
        };
    }
}
