// `xent train lm`: trains a char/word/BPE LSTM or GRU LM (tied or not) with truncated BPTT, checkpoints, exact resume, report.
package dev.xent.cli.lm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.run.MetricsLog;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunCheckpoints;
import dev.xent.cli.run.RunDirectory;
import dev.xent.io.Checkpoint;
import dev.xent.io.Provenance;
import dev.xent.optim.Adam;
import dev.xent.task.lm.BpttStream;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.LmTrainer;
import dev.xent.task.lm.Sampler;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.CheckpointPlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The data order is fixed (contiguous BPTT columns, batches in order), so the position is (epoch, batch). A
 * checkpoint after step s holds: the parameters, the dropout RNG state, the carried RNN state (h; c too for an
 * LSTM), the position of the next batch, the learning rate, Adam's moments and the validation loss before training,
 * so a resumed run computes exactly what the uninterrupted one does (same thread count: the float sums' order depends on
 * it). Metrics records after the checkpoint's step are dropped on resume and written again.
 */
public final class LmRun {
    private static final double LN2 = Math.log(2);

    private LmRun() {}

    /** What the run printed at the end, for tests. */
    public record Result(double validLossBefore, double validLoss, long steps) {}

    public static Result train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out)
            throws IOException {
        long t0 = System.nanoTime();
        LstmLanguageModel.Cell cell = cell(c.getString("cell"));   // settings first: fail before reading data
        if (!java.util.Set.of("char", "word", "bpe").contains(c.getString("level"))) {
            throw new IllegalArgumentException("level must be char, word or bpe; got '" + c.getString("level")
                    + "'. Fix: --set level=char (or word, bpe)");
        }
        LmText text = LmText.load(c);
        LmCodec vocab = LmCodec.train(c.getString("level"), text.train(), c.getInt("minCount"), c.getInt("bpeVocab"));
        String unit = vocab.unit();
        int batch = c.getInt("batch"), bptt = c.getInt("bptt");
        int[] trainIds = vocab.encode(text.train()), validIds = vocab.encode(text.valid());
        int validBatch = Math.min(batch, 16);
        if (validIds.length < validBatch * 2) {
            throw new dev.xent.cli.BadInputException("the validation text gives " + validIds.length + " " + unit
                    + " tokens, too few for " + validBatch + " streams; give a larger --set validChars=N or -valid FILE");
        }
        BpttStream train = new BpttStream(trainIds, batch, bptt);
        BpttStream valid = new BpttStream(validIds, validBatch, bptt);
        long seed = c.getLong("seed");
        LstmLanguageModel model = new LstmLanguageModel(vocab.size(), c.getInt("dim"), c.getInt("dim"),
                c.getInt("layers"), (float) c.getDouble("dropout"), cell, c.getBoolean("tied"), new Rng(seed));
        Rng dropoutRng = new Rng(seed + 1);
        out.printf(Locale.ROOT, "data      %,d training and %,d validation characters from %s; %,d and %,d %s tokens,"
                        + " vocabulary %,d%n", text.train().length(), text.valid().length(),
                c.getString("input").isEmpty() ? "the built-in Europarl sample (English)" : c.getString("input"),
                trainIds.length, validIds.length, vocab.level(), vocab.size());
        out.printf(Locale.ROOT, "model     %s, %d layer(s) of %d, %,d parameters; %d batches of %dx%d per epoch%n",
                title(vocab, model), model.layers(), model.hiddenSize(), model.parameterCount(), train.batches(), batch, bptt);
        if (text.skippedLines() > 0) out.printf("skipped   %d bad input lines (--skip-bad-lines)%n", text.skippedLines());

        int epochs = c.getInt("epoch");
        double maxSeconds = c.getDouble("maxSeconds");
        long maxSteps = c.getLong("maxSteps"), logEvery = c.getLong("logEvery");
        RunCheckpoints ckpts = RunCheckpoints.open(c, run, resume, out);
        CheckpointPlan plan = ckpts.plan();
        try (LmTrainer trainer = new LmTrainer(model, new Adam(model.namedParameters(), c.getDouble("lr")), c.getDouble("clipNorm"), dropoutRng);
             MetricsLog log = run.openMetrics()) {
            long logStart = System.nanoTime();   // elapsed_s of train records, as MetricsLog.log's for the others
            int epoch = 0, startBatch = 0;
            long step = 0;
            double before;
            if (ckpts.resuming()) {
                Checkpoint k = ckpts.checkpoint();
                Map<String, Tensor> params = new LinkedHashMap<>();
                k.tensors().forEach((name, t) -> {
                    if (name.startsWith("model.")) params.put(name.substring(6), t);
                });
                model.loadStateDict(params, true);
                dropoutRng.restore(k.longs("rng"));
                step = k.counter("step");
                epoch = (int) k.counter("epoch");
                startBatch = (int) k.counter("batch");
                trainer.setLr(k.state().path("lr").asDouble());
                Map<String, Tensor> opt = new LinkedHashMap<>();
                k.tensors().forEach((name, t) -> {
                    if (name.startsWith("adam.")) opt.put(name.substring(5), t);
                });
                trainer.restoreOptimizer(opt);
                before = k.state().path("valid_loss_before").asDouble();
                if (startBatch > 0) {
                    Tensor[] h = new Tensor[model.layers()], cc = new Tensor[model.layers()];
                    for (int l = 0; l < model.layers(); l++) {
                        h[l] = k.tensor("state.h" + l);
                        if (cell == LstmLanguageModel.Cell.LSTM) cc[l] = k.tensor("state.c" + l);
                    }
                    trainer.restoreState(new LstmLanguageModel.State(h, cell == LstmLanguageModel.Cell.LSTM ? cc : null));
                }
                ckpts.printResumed(out, "(epoch " + (epoch + 1) + ", batch " + startBatch + ")");
            } else {
                sink.begin("validation before training", valid.batches(), "batches");
                before = trainer.evaluate(valid);
                log.log("valid", 0, 0, lmMetrics(before, unit));
                out.printf(Locale.ROOT, "before    validation perplexity %.2f (%.3f bits/%s); a uniform guess would be %d%n",
                        Math.exp(before), before / LN2, unit, vocab.size());
            }
            long trainStart = System.nanoTime(), stepsHere = 0;
            double last = Double.NaN;
            boolean stopped = false;
            String budgetNote = null;
            for (; epoch < epochs && !stopped; epoch++, startBatch = 0) {
                if (startBatch == 0) trainer.resetState(batch);
                sink.begin("epoch " + (epoch + 1) + "/" + epochs, train.batches(), "batches");
                for (int k = startBatch; k < train.batches(); k++) {
                    double loss = trainer.step(train, k);
                    step++;
                    stepsHere++;
                    double secs = (System.nanoTime() - trainStart) / 1e9;
                    double charsPerS = stepsHere * (double) batch * bptt / Math.max(secs, 1e-9);   // tokens/s
                    sink.update(k + 1, loss, charsPerS, unit);
                    if (step % logEvery == 0) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("split", "train");
                        r.put("step", step);
                        r.put("epoch", epoch + 1);
                        r.put("elapsed_s", Math.round((System.nanoTime() - logStart) / 1e6) / 1e3);
                        r.put("loss", loss);
                        r.put("bits_per_" + unit, loss / LN2);
                        r.put("lr", trainer.lr());
                        r.put("grad_norm", trainer.lastGradNorm());
                        r.put("tokens_per_s", charsPerS);
                        log.append(r);
                    }
                    boolean lastBatch = k + 1 == train.batches();
                    if (maxSteps > 0 && step >= maxSteps) {
                        stopped = true;
                        break;
                    }
                    if (maxSeconds > 0 && secs >= maxSeconds) {
                        stopped = true;
                        budgetNote = String.format(Locale.ROOT, "Training stopped at the time budget (maxSeconds %.0f)"
                                + " after %d steps, in epoch %d; set maxSeconds=0 for no limit.", maxSeconds, step, epoch + 1);
                        out.printf(Locale.ROOT, "stopped   at the time budget (maxSeconds %.0f) after %d steps, %.0f%% "
                                + "of epoch %d%n", maxSeconds, step, 100.0 * (k + 1) / train.batches(), epoch + 1);
                        break;
                    }
                    if (plan.due(step) && !lastBatch) {
                        save(plan, step, model, dropoutRng, trainer, epoch, k + 1, before);
                    }
                }
                sink.begin("validation", valid.batches(), "batches");
                last = trainer.evaluate(valid);
                log.log("valid", step, epoch + 1, lmMetrics(last, unit));
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("valid_perplexity", Math.exp(last));
                shown.put("valid_bits_per_" + unit, last / LN2);
                sink.epochEnd(epoch + 1, shown);
                if (!stopped) save(plan, step, model, dropoutRng, trainer, epoch + 1, 0, before);
            }
            sink.close();
            if (Double.isNaN(last)) last = trainer.evaluate(valid);   // resumed after the last epoch had ended
            double trainSecs = (System.nanoTime() - trainStart) / 1e9;
            out.printf(Locale.ROOT, "after     validation perplexity %.2f (%.3f bits/%s), %d steps in %.0f s%n",
                    Math.exp(last), last / LN2, unit, step, trainSecs);
            finish(c, run, model, vocab, text, before, last, step, budgetNote, out);
            out.printf(Locale.ROOT, "total     %.0f s%n", (System.nanoTime() - t0) / 1e9);
            return new Result(before, last, step);
        }
    }

    /** loss (nats per token), perplexity per token and bits per token, the token being the level's unit. */
    static Map<String, Double> lmMetrics(double loss, String unit) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("perplexity", Math.exp(loss));
        m.put("bits_per_" + unit, loss / LN2);
        return m;
    }

    static LstmLanguageModel.Cell cell(String name) {
        return switch (name) {
            case "lstm" -> LstmLanguageModel.Cell.LSTM;
            case "gru" -> LstmLanguageModel.Cell.GRU;
            default -> throw new IllegalArgumentException("cell must be lstm or gru; got '" + name
                    + "'. Fix: --set cell=lstm or --set cell=gru");
        };
    }

    /** E.g. "word-level GRU (tied)". */
    static String title(LmCodec codec, LstmLanguageModel model) {
        String level = switch (codec.level()) {
            case "char" -> "character";
            case "word" -> "word-level";
            default -> "BPE";
        };
        return level + " " + model.cell() + (model.tied() ? " (tied)" : "");
    }

    private static void save(CheckpointPlan plan, long step, LstmLanguageModel model, Rng rng, LmTrainer trainer,
                             int epoch, int nextBatch, double before) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> tensors.put("model." + name, t));
        trainer.optimizerState().forEach((name, t) -> tensors.put("adam." + name, t));
        LstmLanguageModel.State s = trainer.state();
        if (nextBatch > 0 && s != null) {
            for (int l = 0; l < model.layers(); l++) {
                tensors.put("state.h" + l, s.h()[l]);
                if (s.c() != null) tensors.put("state.c" + l, s.c()[l]);   // a GRU has no cell state
            }
        }
        Map<String, long[]> counters = new LinkedHashMap<>();
        counters.put("step", new long[] {step});
        counters.put("epoch", new long[] {epoch});
        counters.put("batch", new long[] {nextBatch});
        counters.put("rng", rng.state());
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("lr", trainer.lr());
        state.put("valid_loss_before", before);
        plan.save(step, new Checkpoint(tensors, counters, state));
    }

    /** Samples, the model bundle, summary.json and the report. */
    private static void finish(ResolvedConfig c, RunDirectory run, LstmLanguageModel model, LmCodec vocab,
                               LmText text, double before, double after, long steps, String budgetNote,
                               PrintWriter out) throws IOException {
        model.eval();
        Generator gen = new Generator(model);
        ArrayNode samples = JsonNodeFactory.instance.arrayNode();
        String[] prompts = {"The Commission ", "Mr President, ", "We must "};
        double temp = c.getDouble("temperature"), topP = c.getDouble("topP");
        int topK = c.getInt("topK"), length = c.getInt("sampleLength");
        String settings = String.format(Locale.ROOT, "temperature %.2f, top-p %.2f%s, seed %d", temp, topP,
                topK > 0 ? ", top-k " + topK : "", c.getLong("seed"));
        out.println("samples   (" + settings + ")");
        for (int i = 0; i < c.getInt("samples"); i++) {
            String prompt = prompts[i % prompts.length];
            int[] ids = gen.generate(vocab.encode(prompt), length,
                    Sampler.of((float) temp, topK, (float) topP), new Rng(c.getLong("seed") + i), -1);
            String sample = vocab.continuation(prompt, ids);
            out.println("  " + (prompt + sample).replace("\n", " ⏎ "));
            ObjectNode s = samples.addObject();
            s.put("prompt", prompt).put("text", sample).put("settings", settings);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("valid_perplexity_before", Math.exp(before));
        metrics.put("valid_perplexity", Math.exp(after));
        metrics.put("valid_bits_per_" + vocab.unit(), after / LN2);
        metrics.put("valid_loss", after);
        LmBundle.write(run.modelFile(), model, vocab, Provenance.now(c.getLong("seed"), text.fingerprint()), metrics);
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "lm");
        String title = title(vocab, model);
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
