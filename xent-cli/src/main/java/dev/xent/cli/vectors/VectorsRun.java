// `xent train vectors`: word2vec (skip-gram or CBOW) on unlabelled text through the one hogwild loop → a .vec file.
package dev.xent.cli.vectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.Utf8Lines;
import dev.xent.cli.progress.ProgressSink;
import dev.xent.cli.report.ReportWriter;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.TrainSession;
import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectorTask;
import dev.xent.task.embed.WordVectors;
import dev.xent.task.tag.TagEncoder;
import dev.xent.train.Hogwild;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokens are the white-space separated words of each line (one line = one context window's sentence), as fastText
 * reads them; with {@code lowercase} each goes through {@link TagEncoder#normalize} (lowercase, digits 1-9 → 0), the
 * key `xent train tag` gives its words by default, so every tagger key has at most one vector. The vectors go to
 * RUN/vectors.vec (fastText's text format) with the usual run directory: config.json, metrics.jsonl, checkpoints
 * (resumed exactly with -thread 1), summary.json, report.html.
 */
public final class VectorsRun {
    private VectorsRun() {}

    /** The vectors file in a run directory. */
    public static final String VECTORS = "vectors.vec";

    /** The lines of a text file as token arrays (empty lines dropped); equal tokens share one String. */
    public record Text(List<String[]> lines, long tokens, long skipped) {}

    public static Text read(Path file, boolean lowercase, boolean skipBadLines) throws IOException {
        List<String[]> lines = new ArrayList<>();
        Map<String, String> shared = new HashMap<>();
        long tokens = 0, skipped = 0;
        try (Utf8Lines in = new Utf8Lines(file)) {
            while (true) {
                String line;
                try {
                    line = in.next();
                } catch (BadInputException e) {
                    if (!skipBadLines) throw e;
                    skipped++;
                    continue;
                }
                if (line == null) break;
                String t = line.strip();
                if (t.isEmpty()) continue;
                String[] words = t.split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String w = TagEncoder.normalize(words[i], lowercase);
                    words[i] = shared.computeIfAbsent(w, k -> k);
                }
                lines.add(words);
                tokens += words.length;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": no such file", e);
        }
        if (tokens == 0) throw new BadInputException(file + ": no words (the file is empty or blank)");
        return new Text(lines, tokens, skipped);
    }

    public static void train(ResolvedConfig c, RunDirectory run, boolean resume, ProgressSink sink, PrintWriter out,
                             PrintWriter err) throws IOException {
        if (c.getString("input").isEmpty()) {
            throw new IllegalArgumentException("train vectors needs -input FILE (plain text, words separated by spaces)");
        }
        String model = c.getString("model");
        boolean lowercase = c.getBoolean("lowercase");
        Text text = read(Path.of(c.getString("input")), lowercase, c.getBoolean("skipBadLines"));
        WordVectorConfig cfg = VectorsSettings.config(c, model);
        out.printf(Locale.ROOT, "data      %,d lines, %,d tokens%s%s%n", text.lines().size(), text.tokens(),
                lowercase ? " (lowercased, digits folded to 0)" : "",
                text.skipped() > 0 ? ", " + text.skipped() + " bad lines skipped" : "");
        out.flush();
        WordVectorTask[] task = new WordVectorTask[1];
        Hogwild.Result result;
        try (TrainSession session = TrainSession.open("vectors", c, run, resume, sink, err)) {
            var options = session.options().listeners(resumeNote(out, cfg.threads())).build();
            result = session.train(() -> {
                task[0] = WordVectorTask.of(text.lines(), cfg);
                return resume ? task[0].resume(options) : task[0].fit(options);
            }, () -> task[0].vectors().save(run.dir().resolve(VECTORS)),
                    String.format(Locale.ROOT, "dim %d, minCount %d", cfg.dim(), cfg.minCount()));
            sink.close();
        }
        WordVectors vectors = task[0].vectors();
        Path file = run.dir().resolve(VECTORS);
        vectors.save(file);
        out.printf(Locale.ROOT, "trained   %s, %d epochs on %d thread(s) in %.1f s: %,d words x %d (minCount %d), "
                        + "mean loss %.4f%n", model, cfg.epochs(), cfg.threads(), result.seconds(), vectors.size(),
                vectors.dim(), cfg.minCount(), task[0].meanLoss());
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("task", "vectors");
        summary.put("title", "word vectors (" + model + ")");
        ObjectNode fin = summary.putObject("final");
        fin.put("words", vectors.size());
        fin.put("dim", vectors.dim());
        fin.put("corpus_tokens", task[0].corpusTokens());
        fin.put("mean_loss", task[0].meanLoss());
        fin.put("train_seconds", result.seconds());
        if (!c.getString("valid").isEmpty()) {
            Text valid = read(Path.of(c.getString("valid")), lowercase, c.getBoolean("skipBadLines"));
            long hit = 0;
            for (String[] line : valid.lines()) for (String w : line) if (vectors.contains(w)) hit++;
            double coverage = (double) hit / valid.tokens();
            fin.put("valid_coverage", coverage);
            out.printf(Locale.ROOT, "valid     %.2f%% of %,d tokens have a vector%n", 100 * coverage, valid.tokens());
        }
        run.writeSummary(summary);
        out.println("vectors   " + file);
        out.println("report    " + ReportWriter.write(run.dir()));
        out.flush();
    }

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
}
