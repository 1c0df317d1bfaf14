// `xent train lm`: settings → LmTask → the one training loop (TrainSession) → perplexity lines, samples, bundle, report.
package dev.xent.cli.lm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.io.Provenance;
import dev.xent.task.lm.BudgetDecay;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.LmCodec;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmTask;
import dev.xent.task.lm.Sampler;
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
 * The training itself (batches, the carried RNN state, checkpoints, exact resume, budgets, the guards) is the
 * library's {@link LmTask} on the one training loop; this class prints what the run is, the validation perplexity
 * before (validateAtStart) and after, and writes the samples, model.xent, summary.json and the report. A resumed
 * run computes exactly what the uninterrupted one does (same kernel thread count: the float sums' order depends
 * on it).
 */
public final class LmRun {
    private static final double LN2 = Math.log(2);

    private LmRun() {}

    /** What the run printed at the end, for tests. */
    public record Result(double validLossBefore, double validLoss, long steps) {}

    public static Result train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out,
                               PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        LmConfig cfg = LmSettings.config(c);   // settings first: fail before reading data
        LmText text = LmText.load(c);
        LmCodec codec = LmCodec.train(cfg.level(), text.train(), cfg.minCount(), cfg.bpeVocab(), cfg.tokenizer());
        String unit = codec.unit();
        int[] trainIds = codec.encode(text.train()), validIds = codec.encode(text.valid());
        if (validIds.length < LmTask.minValidTokens(cfg)) {
            throw new BadInputException("the validation text gives " + validIds.length + " " + unit + " tokens, too few "
                    + "for " + LmTask.minValidTokens(cfg) + " (" + cfg.validBatch() + " streams, or one block of "
                    + "blockLen + 1); give a larger --set validChars=N or -valid FILE");
        }
        LmTask task = LmTask.create(cfg, codec, trainIds, validIds);
        out.printf(Locale.ROOT, "data      %,d training and %,d validation characters from %s; %,d and %,d %s tokens,"
                        + " vocabulary %,d%n", text.train().length(), text.valid().length(),
                c.getString("input").isEmpty() ? "the built-in Europarl sample (English)" : c.getString("input"),
                trainIds.length, validIds.length, codec.level(), codec.size());
        out.printf(Locale.ROOT, "model     %s, %d layer(s) of %d, %,d parameters; %d batches of %dx%d per epoch%n",
                task.describe(), cfg.layers(), cfg.dim(), task.model().parameterCount(), task.batchesPerEpoch(),
                cfg.batch(), cfg.seqLen());
        if (text.skippedLines() > 0) out.printf("skipped   %d bad input lines (--skip-bad-lines)%n", text.skippedLines());
        out.flush();
        // Reading and encoding the corpus left its token strings and counts as garbage (WikiText-2: the heap held
        // 0.43 GB 3 s in). The launcher's serial collector grows the old generation to the cap rather than collect
        // it, so without one full collection here the weights, gradients and Adam moments were laid beside that
        // garbage for the whole run (docs/benchmarks.md "Peak RSS").
        System.gc();

        Provenance provenance = Provenance.now(c.getLong("seed"), text.fingerprint());
        History h;
        Lines lines = new Lines(out, unit, codec.size(), task.batchesPerEpoch());
        try (TrainSession session = TrainSession.open("lm", c, run, resume, sink, err)) {
            TrainOptions options = session.options().epochs(c.getInt("epoch")).maxSteps(c.getLong("maxSteps"))
                    .maxSeconds(c.getDouble("maxSeconds")).clipNorm(c.getDouble("clipNorm")).validateAtStart(true)
                    .callbacks(new BudgetDecay(BudgetDecay.Shape.of(c.getString("lrDecay")))).listeners(lines).build();
            String hint = "batch " + cfg.batch() + ", dim " + cfg.dim() + ", layers " + cfg.layers() + ", "
                    + (cfg.transformer() ? "blockLen " : "bptt ") + cfg.seqLen();
            h = session.train(() -> resume ? task.resume(options) : task.fit(options),
                    () -> task.bundle(provenance, Map.of()).write(run.modelFile()), hint);
        }
        double before = h.initial().get("val_loss"), after = LmTask.finalLogs(h).get("val_loss");
        String budgetNote = null;
        if (h.stopReason() == StopReason.MAX_SECONDS) {
            int epoch = h.stepEpochs()[h.steps() - 1];
            long inEpoch = java.util.Arrays.stream(h.stepEpochs()).filter(e -> e == epoch).count();
            budgetNote = String.format(Locale.ROOT, "Training stopped at the time budget (maxSeconds %.0f) after %d "
                    + "steps, in epoch %d; set maxSeconds=0 for no limit.", c.getDouble("maxSeconds"), h.steps(), epoch + 1);
            out.printf(Locale.ROOT, "stopped   at the time budget (maxSeconds %.0f) after %d steps, %.0f%% of epoch %d%n",
                    c.getDouble("maxSeconds"), h.steps(), 100.0 * inEpoch / task.batchesPerEpoch(), epoch + 1);
        }
        out.printf(Locale.ROOT, "after     validation perplexity %.2f (%.3f bits/%s), %d steps in %.0f s%n",
                Math.exp(after), after / LN2, unit, h.steps(), lines.seconds);
        finish(c, run, task, provenance, text, before, after, h.steps(), budgetNote, out);
        out.printf(Locale.ROOT, "total     %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return new Result(before, after, h.steps());
    }

    /**
     * Prints the validation perplexity before training and where a resumed run continues; keeps the seconds of
     * training so far (over resumes).
     */
    private static final class Lines implements ProgressListener {
        private final PrintWriter out;
        private final String unit;
        private final int vocab, batchesPerEpoch;
        double seconds;

        Lines(PrintWriter out, String unit, int vocab, int batchesPerEpoch) {
            this.out = out;
            this.unit = unit;
            this.vocab = vocab;
            this.batchesPerEpoch = batchesPerEpoch;
        }

        @Override
        public void onStep(Progress p) {
            seconds = p.seconds();
        }

        @Override
        public void onInitialValidation(Map<String, Double> logs) {
            double loss = logs.get("val_loss");
            out.printf(Locale.ROOT, "before    validation perplexity %.2f (%.3f bits/%s); a uniform guess would be %d%n",
                    Math.exp(loss), loss / LN2, unit, vocab);
            out.flush();
        }

        @Override
        public void onResume(long step, Path file, List<String> skipped) {
            out.println("resumed   from " + file + ": step " + step + " (epoch " + (step / batchesPerEpoch + 1)
                    + ", batch " + step % batchesPerEpoch + ")");
            out.flush();
        }
    }

    /** Samples, the model bundle, summary.json and the report. */
    private static void finish(ResolvedConfig c, RunDirectory run, LmTask task, Provenance provenance, LmText text,
                               double before, double after, long steps, String budgetNote, PrintWriter out)
            throws IOException {
        String unit = task.codec().unit();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("valid_perplexity_before", Math.exp(before));
        metrics.put("valid_perplexity", Math.exp(after));
        metrics.put("valid_bits_per_" + unit, after / LN2);
        metrics.put("valid_loss", after);
        LmBundle lm = task.bundle(provenance, metrics);
        ArrayNode samples = JsonNodeFactory.instance.arrayNode();
        List<String> prompts = SamplePrompts.pick(text.train(), c.getInt("samples"), 3);
        double temp = c.getDouble("temperature"), topP = c.getDouble("topP");
        int topK = c.getInt("topK"), length = c.getInt("sampleLength");
        String settings = String.format(Locale.ROOT, "temperature %.2f, top-p %.2f%s, seed %d", temp, topP,
                topK > 0 ? ", top-k " + topK : "", c.getLong("seed"));
        out.println("samples   (" + settings + ")");
        for (int i = 0; i < c.getInt("samples"); i++) {
            String prompt = prompts.get(i);
            String sample = lm.generate(prompt, length, Sampler.of((float) temp, topK, (float) topP), c.getLong("seed") + i);
            out.println("  " + (prompt + sample).replace("\n", " ⏎ "));
            ObjectNode s = samples.addObject();
            s.put("prompt", prompt).put("text", sample).put("settings", settings);
        }
        lm.write(run.modelFile());
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "lm");
        String title = task.describe();
        summary.put("title", Character.toUpperCase(title.charAt(0)) + title.substring(1) + " language model");
        ObjectNode fin = summary.putObject("final");
        metrics.forEach(fin::put);
        fin.put("steps", steps);
        summary.set("samples", samples);
        summary.put("skipped_lines", text.skippedLines());
        ArrayNode notes = summary.putArray("notes");
        if (budgetNote != null) notes.add(budgetNote);
        for (String p : text.problems()) notes.add("skipped: " + p);
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + dev.xent.cli.report.ReportWriter.write(run.dir()));
    }
}
