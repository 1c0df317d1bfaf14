// `xent train classify`: the fastText-style classifier on fastText-format files, with a run directory and report.
package dev.xent.cli.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.data.Example;
import dev.xent.data.FastTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.ReadReport;
import dev.xent.io.Provenance;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.task.classify.FastTextCorpus;
import dev.xent.task.classify.FastTextTask;
import dev.xent.train.Hogwild;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
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
 * Settings ({@link ClassifySettings}) → a {@link FastTextTask} → {@link TrainSession#train} (hogwild over -thread
 * threads, linear learning-rate decay, as fastText; checkpoints every checkpointEvery examples, at each epoch end
 * and at the start; Ctrl-C / SIGTERM, divergence and out of memory end the run as TrainSession says) → summary,
 * model bundle, report. metrics.jsonl gets a "train" record at each checkpoint and epoch end, each epoch's training
 * loss ("train_epoch"; step = examples visited) and the final validation metrics. {@code --resume} continues from
 * the newest checkpoint; it repeats the uninterrupted run exactly only with -thread 1 (several hogwild threads never
 * repeat a run: their lock-free updates interleave differently every time).
 */
public final class ClassifyRun {
    private ClassifyRun() {}

    /** A fastText-format file's examples; bad lines stop the read or, with skip, are counted in {@code reports}. */
    public static List<Example> read(Path file, boolean skip, List<ReadReport> reports) {
        List<Example> out = new ArrayList<>();
        try (FastTextReader r = FastTextReader.open(file, ReadOptions.defaults().withSkipBadLines(skip))) {
            while (r.hasNext()) out.add(r.next());
            reports.add(r.report());
        }
        if (out.isEmpty()) throw new BadInputException(file + ": no examples (the file is empty or every line was bad)");
        return out;
    }

    /** A fastText-format training file encoded as it is read (no token strings kept); bad lines as {@link #read}. */
    static FastTextCorpus corpus(Path file, boolean skip, List<ReadReport> reports) {
        FastTextCorpus out = new FastTextCorpus();
        try (FastTextReader r = FastTextReader.open(file, ReadOptions.defaults().withSkipBadLines(skip))) {
            while (r.hasNext()) out.add(r.next());
            reports.add(r.report());
        }
        if (out.size() == 0) throw new BadInputException(file + ": no examples (the file is empty or every line was bad)");
        return out;
    }

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out,
                             PrintWriter err) throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train classify needs -input FILE (fastText format: "
                    + "\"__label__pos a fine film\" per line)");
        }
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        FastTextCorpus train = corpus(Path.of(c.getString("input")), skip, reports);
        List<Example> valid = c.getString("valid").isEmpty() ? List.of() : read(Path.of(c.getString("valid")), skip, reports);
        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (!valid.isEmpty()) data.add(Path.of(c.getString("valid")));
        FastTextConfig cfg = config(c);
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        out.printf(Locale.ROOT, "data      %,d training examples%s%s%n", train.size(),
                valid.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d validation examples", valid.size()),
                skipped > 0 ? ", " + skipped + " bad lines skipped" : "");
        out.flush();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        try (TrainSession session = TrainSession.open("classify", c, run, resume, sink, err)) {
            TrainOptions options = session.hogwildOptions().listeners(resumeNote(out, cfg.threads())).build();
            FastTextTask[] task = new FastTextTask[1];   // made inside the session: its matrices may not fit
            Hogwild.Result result = session.train(() -> {
                task[0] = FastTextTask.of(train, cfg);
                return resume ? task[0].resume(options) : task[0].fit(options);
            }, () -> task[0].classifier().save(run.modelFile(), Provenance.fingerprint(data)),
                    String.format(Locale.ROOT, "dim %d, wordNgrams %d, bucket %d", cfg.dim(), cfg.wordNgrams(), cfg.bucket()));
            sink.close();
            FastTextClassifier model = task[0].classifier();
            out.printf(Locale.ROOT, "trained   %d epochs on %d thread(s) in %.1f s; %d labels, %,d words; train loss %.4f%n",
                    cfg.epoch(), cfg.threads(), result.seconds(), model.labels().size(), model.vocabularySize(),
                    model.trainLoss());
            summary.put("task", "classify");
            summary.put("title", "fastText-style classifier");
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
                summary.set("confusion", confusion(m));
            }
            model.save(run.modelFile(), Provenance.fingerprint(data));
        }
        summary.put("skipped_lines", skipped);
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** The fastText settings of the resolved config (-thread 0: all cores). */
    static FastTextConfig config(ResolvedConfig c) {
        int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
        FastTextConfig.Loss loss = switch (c.getString("loss")) {
            case "softmax" -> FastTextConfig.Loss.SOFTMAX;
            case "ova", "one-vs-all" -> FastTextConfig.Loss.ONE_VS_ALL;
            default -> throw new IllegalArgumentException("loss must be softmax or ova; got '" + c.getString("loss") + "'");
        };
        return FastTextConfig.defaults().withDim(c.getInt("dim")).withEpoch(c.getInt("epoch"))
                .withLr(c.getDouble("lr")).withWordNgrams(c.getInt("wordNgrams")).withBucket(c.getInt("bucket"))
                .withMinCount(c.getInt("minCount")).withLoss(loss).withThreads(threads).withSeed(c.getLong("seed"))
                .withSubwords(c.getInt("minn"), c.getInt("maxn"));
    }

    /** Prints "resumed   from FILE: step N" when the run continues from a checkpoint (and that several threads are not exact). */
    private static ProgressListener resumeNote(PrintWriter out, int threads) {
        return new ProgressListener() {
            @Override
            public void onStep(Progress p) {}

            @Override
            public void onResume(long step, Path file, List<String> skipped) {
                out.println("resumed   from " + file + ": step " + step);
                if (threads > 1) {
                    out.println("note      resume is exact only with -thread 1; this run has " + threads + " hogwild "
                            + "threads, so it continues from the checkpoint but will not equal an uninterrupted run");
                }
                out.flush();
            }
        };
    }

    static ObjectNode confusion(ClassificationMetrics m) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        ArrayNode labels = c.putArray("labels");
        m.labels().forEach(labels::add);
        ArrayNode matrix = c.putArray("matrix");
        for (long[] row : m.confusion()) {
            ArrayNode r = matrix.addArray();
            for (long v : row) r.add(v);
        }
        return c;
    }
}
