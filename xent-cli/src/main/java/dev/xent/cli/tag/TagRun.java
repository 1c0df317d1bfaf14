// `xent train tag`: the BiLSTM tagger on CoNLL files (token first column, tag last), per-epoch metrics and report.
package dev.xent.cli.tag;

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
import dev.xent.data.ConllReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.ReadReport;
import dev.xent.data.TaggedSentence;
import dev.xent.io.Provenance;
import dev.xent.metrics.ChunkF1;
import dev.xent.task.tag.BiLstmTagger;
import dev.xent.task.tag.TagEncoder;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTrainer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training is {@link TaggerTrainer#fit} (Adam, length-bucketed batches, best epoch on validation token accuracy
 * restored at the end), with checkpoints every checkpointEvery steps and at each epoch end. metrics.jsonl gets one
 * record per epoch (its step = optimisation steps so far). {@code --resume} continues from the newest checkpoint
 * exactly: the same batches, Adam moments and dropout draws, so the final weights equal an uninterrupted run's.
 */
public final class TagRun {
    private TagRun() {}

    public static List<TaggedSentence> read(Path file, boolean skip, List<ReadReport> reports) {
        List<TaggedSentence> out = new ArrayList<>();
        try (ConllReader r = ConllReader.open(file, ConllReader.Format.standard(), ReadOptions.defaults().withSkipBadLines(skip))) {
            while (r.hasNext()) {
                TaggedSentence s = r.next();
                if (s.size() > 0) out.add(s);
            }
            reports.add(r.report());
        }
        if (out.isEmpty()) throw new BadInputException(file + ": no sentences (empty, or every sentence was bad)");
        return out;
    }

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out)
            throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train tag needs -input FILE (CoNLL: token first, tag last, blank line "
                    + "between sentences)");
        }
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        List<TaggedSentence> train = read(Path.of(c.getString("input")), skip, reports);
        List<TaggedSentence> valid = c.getString("valid").isEmpty() ? List.of() : read(Path.of(c.getString("valid")), skip, reports);
        TaggerConfig cfg = TagSettings.taggerConfig(c);
        TagEncoder enc = TagEncoder.build(train, cfg.lowercase(), c.getInt("maxWordChars"));
        BiLstmTagger model = new BiLstmTagger(cfg, enc.words().size(), enc.chars().size(), enc.tags().size());
        List<TagEncoder.Encoded> tr = enc.encodeAll(train), va = enc.encodeAll(valid);
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        out.printf(Locale.ROOT, "data      %,d training sentences, %,d validation; %d tags, %,d words%s%n", tr.size(),
                va.size(), enc.tags().size(), enc.words().size(), skipped > 0 ? ", " + skipped + " bad lines skipped" : "");
        RunCheckpoints ckpts = RunCheckpoints.open(c, run, resume, out);
        if (ckpts.resuming()) ckpts.printResumed(out, "");
        try (MetricsLog log = run.openMetrics()) {
            sink.begin("training", cfg.epochs(), "epochs");
            new TaggerTrainer(model, enc).fit(tr, va.isEmpty() ? null
                    : m -> TaggerTrainer.accuracy(va, TaggerTrainer.predict(m, va, 64, enc.words())), e -> {
                        Map<String, Double> shown = new LinkedHashMap<>();
                        shown.put("loss", e.trainLoss());
                        shown.put("tokens_per_s", e.tokensPerSecond());
                        try {
                            log.log("train_epoch", e.step(), e.epoch(), shown);
                            if (!va.isEmpty()) log.log("valid", e.step(), e.epoch(), Map.of("accuracy", e.devScore()));
                        } catch (IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                        if (!va.isEmpty()) shown.put("valid_accuracy", e.devScore());
                        sink.update(e.epoch(), e.trainLoss(), e.tokensPerSecond(), "tok");
                        sink.epochEnd(e.epoch(), shown);
                    }, ckpts.plan());
        }
        sink.close();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "tag");
        summary.put("title", "BiLSTM tagger");
        ObjectNode fin = summary.putObject("final");
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!va.isEmpty()) {
            Scores s = score(model, enc, valid);
            metrics.put("valid_accuracy", s.f1.accuracy());
            if (s.chunked) metrics.put("valid_f1", s.f1.f1());
            out.print(s.text());
            ObjectNode perTag = summary.putObject("per_tag");
            if (s.chunked) s.f1.perType().forEach((type, n) -> perTag.putObject(type).put("precision", n.precision())
                    .put("recall", n.recall()).put("f1", n.f1()).put("support", n.gold()));
        }
        metrics.forEach(fin::put);
        TagBundle.write(run.modelFile(), model, enc, Provenance.now(c.getLong("seed"),
                Provenance.fingerprint(List.of(Path.of(c.getString("input"))))), metrics);
        summary.put("skipped_lines", skipped);
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** Token accuracy and, for BIO-style tags, entity P/R/F1 (conlleval counting). */
    public record Scores(ChunkF1 f1, boolean chunked) {
        public String text() {
            String s = String.format(Locale.ROOT, "tokens %d  accuracy %.4f", f1.tokens(), f1.accuracy());
            if (chunked) s += String.format(Locale.ROOT, "  entity precision %.4f recall %.4f F1 %.4f", f1.precision(),
                    f1.recall(), f1.f1());
            return s + "\n";
        }
    }

    public static Scores score(BiLstmTagger model, TagEncoder enc, List<TaggedSentence> data) {
        List<TaggedSentence> kept = new ArrayList<>();
        for (TaggedSentence s : data) if (s.size() > 0) kept.add(s);
        int[][] pred = TaggerTrainer.predict(model, enc.encodeAll(kept), 64, enc.words());
        ChunkF1 f1 = new ChunkF1();
        boolean chunked = false;
        for (int i = 0; i < kept.size(); i++) {
            List<String> p = new ArrayList<>();
            for (int id : pred[i]) p.add(enc.tag(id));
            f1.add(kept.get(i).tags(), p);
            for (String t : kept.get(i).tags()) chunked |= t.startsWith("B-") || t.startsWith("I-");
        }
        return new Scores(f1, chunked);
    }
}
