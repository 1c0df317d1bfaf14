// `xent train classify -model nbsvm`: naive-Bayes-weighted n-grams + softmax (NBSVM) on fastText-format files.
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
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.NbSvmClassifier;
import dev.xent.task.classify.NbSvmConfig;
import dev.xent.task.classify.NbSvmTask;
import dev.xent.train.Hogwild;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings → an {@link NbSvmTask} → {@link TrainSession#train} (hogwild over -thread threads, the rate decayed
 * linearly to 0; checkpoints every checkpointEvery examples and at epoch ends) → summary, bundle, report. -valid is
 * scored at the end. {@code --resume} continues from the newest checkpoint (exactly with -thread 1).
 */
public final class NbSvmRun {
    private NbSvmRun() {}

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
        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (!valid.isEmpty()) data.add(Path.of(c.getString("valid")));
        NbSvmConfig cfg = config(c);
        out.printf(Locale.ROOT, "data      %,d training examples%s%n", train.size(),
                valid.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d validation examples", valid.size()));
        out.flush();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        try (TrainSession session = TrainSession.open("classify", c, run, resume, sink, err)) {
            TrainOptions options = session.hogwildOptions().build();
            NbSvmTask[] task = new NbSvmTask[1];
            Hogwild.Result result = session.train(() -> {
                task[0] = NbSvmTask.of(train, cfg);
                return resume ? task[0].resume(options) : task[0].fit(options);
            }, () -> task[0].classifier().save(run.modelFile(), Provenance.fingerprint(data)),
                    String.format(Locale.ROOT, "wordNgrams %d", cfg.ngrams()));
            sink.close();
            NbSvmClassifier model = task[0].classifier();
            out.printf(Locale.ROOT, "trained   %d epochs on %d thread(s) in %.1f s; %d labels, %,d n-grams; train loss "
                    + "%.4f%n", cfg.epoch(), cfg.threads(), result.seconds(), model.labels().size(), model.featureCount(),
                    model.trainLoss());
            summary.put("task", "classify");
            summary.put("title", "NBSVM classifier (naive-Bayes-weighted n-grams)");
            ObjectNode fin = summary.putObject("final");
            fin.put("train_loss", model.trainLoss());
            fin.put("train_seconds", result.seconds());
            if (!valid.isEmpty()) {
                ClassificationMetrics m = model.evaluate(valid);
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("accuracy", m.accuracy());
                v.put("macro_f1", m.macroF1());
                v.put("log_loss", m.logLoss());
                session.monitor().record("valid", result.steps(), cfg.epoch(), v);
                v.forEach((k, x) -> fin.put("valid_" + k, x));
                out.print(m.report());
                summary.set("confusion", ClassifyRun.confusion(m));
            }
            model.save(run.modelFile(), Provenance.fingerprint(data));
        }
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** The NBSVM settings of the resolved config (-thread 0: all cores). */
    static NbSvmConfig config(ResolvedConfig c) {
        int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
        return new NbSvmConfig(c.getInt("wordNgrams"), c.getDouble("alpha"), c.getInt("epoch"), c.getDouble("lr"),
                c.getBoolean("lowercase"), threads, c.getLong("seed"));
    }
}
