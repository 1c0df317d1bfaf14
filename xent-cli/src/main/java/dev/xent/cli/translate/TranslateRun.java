// `xent train translate`: settings → TranslateTask → the one training loop (TrainSession) → perplexity, bundle, report.
package dev.xent.cli.translate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.data.DataException;
import dev.xent.io.Provenance;
import dev.xent.task.translate.ParallelCorpus;
import dev.xent.task.translate.TranslateConfig;
import dev.xent.task.translate.TranslateTask;
import dev.xent.task.translate.TranslationBundle;
import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.StopReason;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training (batches, dropout generators, checkpoints, exact resume, budgets, guards) is the library's
 * {@link TranslateTask} on the one loop; this class reads the files, prints what the run is and its validation
 * numbers per epoch, and writes model.xent, summary.json and the report.
 */
public final class TranslateRun {
    private TranslateRun() {}

    /** What the run ended with, for tests. */
    public record Result(double validLoss, Map<String, Double> finalLogs, long steps) {}

    public static Result train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out)
            throws IOException {
        long t0 = System.nanoTime();
        TranslateConfig cfg = TranslateSettings.config(c);   // settings first: fail before reading data
        String input = c.getString("input"), target = c.getString("target");
        if (input.isEmpty() || target.isEmpty()) {
            throw new BadInputException("training needs both sides of a parallel corpus: -src FILE -tgt FILE (got "
                    + (input.isEmpty() ? "no -src" : "-src " + input) + ", " + (target.isEmpty() ? "no -tgt" : "-tgt "
                    + target) + ")");
        }
        String valid = c.getString("valid"), validTarget = c.getString("validTarget");
        if (valid.isEmpty() != validTarget.isEmpty()) {
            throw new BadInputException("validation needs both files: -valid-src FILE -valid-tgt FILE, or neither");
        }
        ParallelCorpus train, validCorpus;
        try {
            train = ParallelCorpus.read(Path.of(input), Path.of(target));
            validCorpus = valid.isEmpty() ? null : ParallelCorpus.read(Path.of(valid), Path.of(validTarget));
        } catch (DataException e) {
            throw new BadInputException(e.getMessage());
        }
        long tBpe = System.nanoTime();
        TranslateTask task = TranslateTask.create(cfg, train, validCorpus);
        out.printf(Locale.ROOT, "data      %,d training pairs (%,d longer than maxLen %d dropped), %,d validation pairs;"
                        + " shared BPE of %,d ids learned in %.1f s%n", task.trainPairs(), task.dropped(), cfg.maxLen(),
                validCorpus == null ? 0 : validCorpus.size(), task.codec().size(), (System.nanoTime() - tBpe) / 1e9);
        String arch = cfg.model().equals("rnn")
                ? String.format(Locale.ROOT, "attention RNN: bi-GRU encoder and GRU decoder of %d, embeddings %d", cfg.hidden(),
                        cfg.dim())
                : String.format(Locale.ROOT, "Transformer %d+%d layers of %d, %d heads, MLP %d", cfg.encoderLayers(),
                        cfg.decoderLayers(), cfg.dim(), cfg.heads(), cfg.feedForward());
        out.printf(Locale.ROOT, "model     %s, %,d parameters; %d batches of <= %d tokens per epoch%n", arch,
                task.model().parameterCount(), task.batches(0), cfg.maxTokens());
        out.flush();

        int bleuSentences = validCorpus == null ? 0 : TranslateSettings.bleuSentences(c, validCorpus.size());
        if (bleuSentences > 0) {
            task.scoreBleu(bleuSentences, SearchConfig.DEFAULT.withBeam(1));
            out.printf(Locale.ROOT, "valid     each epoch: perplexity, and greedy BLEU on %s; the epoch of best BLEU "
                    + "is kept%n", bleuSentences == validCorpus.size() ? "all " + bleuSentences + " validation pairs"
                    : "the first " + bleuSentences + " of " + validCorpus.size() + " validation pairs");
        }

        Provenance provenance = Provenance.now(c.getLong("seed"), Map.of("train", input, "target", target));
        History h;
        Lines lines = new Lines(out);
        try (TrainSession session = TrainSession.open("translate", c, run, resume, sink,
                new PrintWriter(System.err, true))) {
            TrainOptions options = session.options().epochs(c.getInt("epoch")).maxSteps(c.getLong("maxSteps"))
                    .maxSeconds(c.getDouble("maxSeconds")).clipNorm(c.getDouble("clipNorm"))
                    .callbacks(task.schedule())
                    .listeners(lines).build();
            String hint = "maxTokens " + cfg.maxTokens() + ", dim " + cfg.dim();
            h = session.train(() -> resume ? task.resume(options) : task.fit(options),
                    () -> task.bundle(provenance, Map.of()).write(run.modelFile()), hint);
        }
        Map<String, Double> fin = finalLogs(h);
        double loss = fin.getOrDefault("val_loss", Double.NaN);
        if (h.stopReason() == StopReason.MAX_SECONDS) {
            out.printf(Locale.ROOT, "stopped   at the time budget (maxSeconds %.0f) after %d steps%n",
                    c.getDouble("maxSeconds"), h.steps());
        }
        if (h.selectedEpoch() >= 0) out.printf("chosen    epoch %d%n", h.selectedEpoch() + 1);
        out.printf(Locale.ROOT, "after     validation perplexity %.2f%s, %d steps in %.0f s%n", Math.exp(loss),
                fin.containsKey("val_bleu") ? String.format(Locale.ROOT, ", BLEU %.2f", fin.get("val_bleu")) : "",
                h.steps(), lines.seconds);
        Map<String, Double> metrics = new LinkedHashMap<>(fin);
        TranslationBundle bundle = task.bundle(provenance, metrics);
        bundle.write(run.modelFile());
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "translate");
        summary.put("title", (cfg.model().equals("rnn") ? "Attention RNN" : "Transformer") + " translation model");
        ObjectNode f = summary.putObject("final");
        metrics.forEach(f::put);
        f.put("steps", h.steps());
        if (h.selectedEpoch() >= 0) f.put("epoch", h.selectedEpoch() + 1);
        summary.set("per_epoch", perEpoch(h, bleuSentences > 0));
        if (validCorpus != null && c.getInt("samples") > 0) {
            summary.set("translations", samples(bundle, validCorpus, c.getInt("samples"), c.getInt("thread"), out));
        }
        summary.putArray("notes");
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + dev.xent.cli.report.ReportWriter.write(run.dir()));
        out.printf(Locale.ROOT, "total     %.0f s%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        return new Result(loss, fin, h.steps());
    }

    /** The validation scores of the model the run ended with (selected epoch, else at a budget stop, else last). */
    static Map<String, Double> finalLogs(History h) {
        int sel = h.selectedEpoch();
        if (sel >= 0 && sel < h.epochs()) return h.epoch(sel);
        if (!h.atStop().isEmpty()) return h.atStop();
        return h.epochs() > 0 ? h.epoch(h.epochs() - 1) : Map.of();
    }

    /**
     * summary.json's per_epoch: training loss (label-smoothed, as trained) and validation loss, validation perplexity
     * and greedy BLEU, one value per epoch, and the epoch the model was kept from.
     */
    static ObjectNode perEpoch(History h, boolean bleu) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        ArrayNode epochs = p.putArray("epoch");
        for (int e = 1; e <= h.epochs(); e++) epochs.add(e);
        if (h.selectedEpoch() >= 0) {
            p.put("selected", h.selectedEpoch() + 1);
            p.put("selected_by", bleu ? "best validation BLEU" : "lowest validation loss");
        }
        ObjectNode loss = p.putObject("loss");
        series(loss, "train (label-smoothed)", h, "loss");
        series(loss, "valid", h, "val_loss");
        series(p.putObject("perplexity"), "valid", h, "val_perplexity");
        series(p.putObject("bleu"), "valid (greedy)", h, "val_bleu");
        return p;
    }

    private static void series(ObjectNode into, String name, History h, String metric) {
        if (!h.has(metric)) return;
        ArrayNode a = into.putArray(name);
        for (double v : h.get(metric)) a.add(v);
    }

    /**
     * The first n validation pairs translated as `xent translate` does by default (beam 5, alpha 0.6), printed and
     * returned for summary.json's translations.
     */
    static ObjectNode samples(TranslationBundle bundle, ParallelCorpus valid, int n, int threads, PrintWriter out) {
        int k = Math.min(n, valid.size());
        SearchConfig search = SearchConfig.DEFAULT;
        bundle.model().eval();
        List<String> hyps = bundle.translate(valid.sources().subList(0, k), search,
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        String how = String.format(Locale.ROOT, "the first %d validation sentences, beam %d, alpha %s", k,
                search.beam(), search.alpha());
        t.put("search", how);
        ArrayNode pairs = t.putArray("pairs");
        out.println("samples   (" + how + ")");
        for (int i = 0; i < k; i++) {
            pairs.addObject().put("source", valid.source(i)).put("reference", valid.target(i))
                    .put("translation", hyps.get(i));
            out.println("  source      " + valid.source(i));
            out.println("  reference   " + valid.target(i));
            out.println("  translation " + hyps.get(i));
        }
        return t;
    }

    /** One line per epoch with the validation numbers; keeps the training seconds. */
    private static final class Lines implements ProgressListener {
        private final PrintWriter out;
        double seconds;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onStep(Progress p) {
            seconds = p.seconds();
        }

        @Override
        public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs));
            logs.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4g", k, v)));
            out.println(sb.append(String.format(Locale.ROOT, "  (%.0f s)", seconds)));
            out.flush();
        }
    }
}
