// `xent train tag`: the BiLSTM tagger on CoNLL files (token first column, tag last): settings → task → one loop.
package dev.xent.cli.tag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.cli.vectors.UnlabeledVectors;
import dev.xent.cli.vectors.VectorsRun;
import dev.xent.data.ConllReader;
import dev.xent.data.ConllUReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.ReadReport;
import dev.xent.data.RecordReader;
import dev.xent.data.TaggedSentence;
import dev.xent.io.Provenance;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.task.embed.WordVectors;
import dev.xent.task.tag.TagEncoder;
import dev.xent.task.tag.TagScores;
import dev.xent.task.tag.TagVectors;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.train.EarlyStopping;
import dev.xent.train.History;
import dev.xent.train.LearningRate;
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
 * Training is {@link TaggerTask} on the one training loop ({@link TrainSession}: checkpoints every checkpointEvery
 * steps and at each epoch end, Ctrl-C/SIGTERM, divergence, metrics.jsonl). The epoch kept is the best on the
 * validation file: entity F1 for chunk tags (BIO, BIOES), token accuracy otherwise. {@code --resume} continues
 * from the newest checkpoint exactly: the same batches, Adam moments and dropout draws.
 */
public final class TagRun {
    private TagRun() {}

    /**
     * The non-empty sentences of a CoNLL file (token first, tag last), or of a CoNLL-U file (name ending in
     * ".conllu": FORM and UPOS).
     */
    public static List<TaggedSentence> read(Path file, boolean skip, List<ReadReport> reports) {
        List<TaggedSentence> out = new ArrayList<>();
        ReadOptions options = ReadOptions.defaults().withSkipBadLines(skip);
        try (RecordReader<TaggedSentence> r = file.getFileName().toString().endsWith(".conllu")
                ? ConllUReader.open(file, ConllUReader.Tag.UPOS, options)
                : ConllReader.open(file, ConllReader.Format.standard(), options)) {
            while (r.hasNext()) {
                TaggedSentence s = r.next();
                if (s.size() > 0) out.add(s);
            }
            reports.add(r.report());
        }
        if (out.isEmpty()) throw new BadInputException(file + ": no sentences (empty, or every sentence was bad)");
        return out;
    }

    /** A .vec file's vectors, refused (naming the file) when unreadable or not of the tagger's word dim. */
    static WordVectors vectors(Path file, int wordDim) {
        WordVectors v;
        try {
            v = WordVectors.load(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("-pretrainedVectors " + file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("-pretrainedVectors " + file + ": not a fastText .vec text file (a line \"count "
                    + "dim\", then \"word v1 ... v_dim\" per word): " + e.getMessage(), e);
        }
        try {
            TagVectors.checkDim(v.dim(), wordDim);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-pretrainedVectors " + file + ": " + e.getMessage(), e);
        }
        return v;
    }

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out,
                             PrintWriter err) throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train tag needs -input FILE (CoNLL: token first, tag last, blank line "
                    + "between sentences)");
        }
        boolean skip = c.getBoolean("skipBadLines");
        List<ReadReport> reports = new ArrayList<>();
        List<TaggedSentence> train = read(Path.of(c.getString("input")), skip, reports);
        List<TaggedSentence> valid = c.getString("valid").isEmpty() ? List.of() : read(Path.of(c.getString("valid")), skip, reports);
        TaggerConfig cfg = TagSettings.taggerConfig(c, TaggerTask.chunkTags(train));
        String vectorsFile = c.getString("pretrainedVectors");
        WordVectors vectors = vectorsFile.isEmpty() ? null : vectors(Path.of(vectorsFile), cfg.wordDim());
        if (!c.getString("unlabeled").isEmpty()) {
            if (vectors != null) {
                throw new IllegalArgumentException("-unlabeled trains the vectors, -pretrainedVectors reads them: give "
                        + "one of the two");
            }
            Path file = run.dir().resolve(VectorsRun.VECTORS);
            int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
            String prefix = TagEncoder.languagePrefix(train);
            List<String[]> words = new ArrayList<>(train.size());
            for (TaggedSentence s : train) {   // keyed as the tagger keys words
                String[] w = new String[s.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = TagEncoder.normalize(TagEncoder.stripPrefix(s.tokens().get(i), prefix), cfg.lowercase());
                }
                words.add(w);
            }
            vectors = UnlabeledVectors.vectors(Path.of(c.getString("unlabeled")), words, cfg.lowercase(), cfg.wordDim(),
                    c.getInt("vectorMinCount"), c.getInt("vectorEpoch"), threads, cfg.seed(), skip, file, out).vectors();
            vectorsFile = file.toString();
        }
        TaggerTask task = TaggerTask.create(cfg, c.getInt("maxWordChars"), train, valid, vectors);
        int trainSentences = train.size();
        train = null;   // the task holds them encoded; the strings need not stay for the whole run
        Tagger tagger = task.tagger();
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        out.printf(Locale.ROOT, "data      %,d training sentences, %,d validation; %d tags, %,d words%s%n", trainSentences,
                valid.size(), tagger.tags().size(), tagger.encoder().words().size(),
                skipped > 0 ? ", " + skipped + " bad lines skipped" : "");
        out.printf(Locale.ROOT, "model     %s, %s%s%n", cfg.crf() ? "CRF" : "softmax",
                cfg.chars() ? "char CNN " + cfg.charFilters() : "no char features",
                tagger.outputScheme() != null ? ", learns " + tagger.tags().size() + " IOBES tags, outputs "
                        + tagger.outputScheme() : "");
        if (task.vectorUse() != null) {
            TagVectors.Use u = task.vectorUse();
            out.printf(Locale.ROOT, "vectors   %s: %,d words x %d (%,d keys); %.1f%% of the %,d training words have "
                            + "one (%.1f%% of the tokens); %,d words added to the vocabulary%n", vectorsFile,
                    u.vectorWords(), vectors.dim(), u.keys(), 100 * u.trainingCoverage(), u.trainingWords(),
                    100 * u.trainingTokenCoverage(), u.added());
        }
        out.flush();
        List<Path> data = new ArrayList<>(List.of(Path.of(c.getString("input"))));
        if (vectors != null) data.add(Path.of(c.getString("unlabeled").isEmpty() ? vectorsFile : c.getString("unlabeled")));
        Provenance prov = Provenance.now(cfg.seed(), Provenance.fingerprint(data));
        History history;
        try (TrainSession session = TrainSession.open("tag", c, run, resume, sink, err)) {
            TrainOptions.Builder ob = task.options(session.options().listeners(new ResumeNote(out)))
                    .maxSteps(c.getLong("maxSteps")).maxSeconds(c.getDouble("maxSeconds"));
            int patience = c.getInt("patience");
            if (patience < 0) {
                throw new IllegalArgumentException("setting patience must be >= 0 (0: off); got " + patience);
            }
            if (patience > 0 && !valid.isEmpty()) {
                ob.callbacks(EarlyStopping.maximize(tagger.chunkTags() ? "val_f1" : "val_accuracy").patience(patience));
            }
            double lrDecay = c.getDouble("lrDecay");
            if (!(lrDecay >= 0)) throw new IllegalArgumentException("setting lrDecay must be >= 0 (0: off); got " + lrDecay);
            if (lrDecay > 0) ob.callbacks(LearningRate.perEpoch(LrSchedule.inverseTime(lrDecay)));
            TrainOptions o = ob.build();
            history = session.train(() -> resume ? task.resume(o) : task.fit(o),
                    () -> tagger.save(run.modelFile(), prov, Map.of()),
                    String.format(Locale.ROOT, "batch %d, dim %d, hidden %d, charDim %d", cfg.batchSize(),
                            cfg.wordDim(), cfg.hidden(), cfg.charDim()));
        }
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "tag");
        summary.put("title", "BiLSTM tagger");
        ObjectNode fin = summary.putObject("final");
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!valid.isEmpty()) {
            TagScores s = tagger.evaluate(valid);
            metrics.putAll(s.metrics("valid_"));
            out.println(s.text());
            if (history.selectedEpoch() >= history.epochs()) {   // a budget stopped it mid-epoch, at its best
                out.println("kept      the weights at the budget's stop, in epoch " + (history.selectedEpoch() + 1)
                        + " (" + task.selection() + ")");
                summary.put("selected_epoch", history.selectedEpoch() + 1);
            } else if (history.selectedEpoch() >= 0) {
                out.println("kept      epoch " + (history.selectedEpoch() + 1) + " of " + history.epochs() + " ("
                        + task.selection() + ")");
                summary.put("selected_epoch", history.selectedEpoch() + 1);
            }
            ObjectNode perTag = summary.putObject("per_tag");
            if (s.chunked()) s.entities().perType().forEach((type, n) -> perTag.putObject(type)
                    .put("precision", n.precision()).put("recall", n.recall()).put("f1", n.f1()).put("support", n.gold()));
        }
        metrics.forEach(fin::put);
        tagger.save(run.modelFile(), prov, metrics);
        summary.put("skipped_lines", skipped);
        ArrayNode notes = summary.putArray("notes");
        for (ReadReport r : reports) for (String p : r.problems()) notes.add("skipped: " + p);
        run.writeSummary(summary);
        out.println("model     " + run.modelFile());
        out.println("report    " + ReportWriter.write(run.dir()));
    }

    /** Says on stdout which checkpoint a resumed run continues from, and which damaged newer ones it passed over. */
    private record ResumeNote(PrintWriter out) implements ProgressListener {
        @Override
        public void onStep(Progress progress) {}

        @Override
        public void onResume(long step, Path file, List<String> skipped) {
            for (String why : skipped) out.println("skipped   checkpoint: " + why);
            out.println("resumed   from " + file + ": step " + step);
            out.flush();
        }
    }
}
