// `-unlabeled TEXT` (train tag, train/tune classify): word vectors trained on the text plus the training file's
// words, once per run, before the models that start from them.
package dev.xent.cli.vectors;

import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectorTrainer;
import dev.xent.task.embed.WordVectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What `xent train vectors -input TEXT -lowercase -minCount M -dim D` would train (skip-gram, fastText's other
 * defaults), on TEXT's lines plus one line per training text ({@code train}: its words keyed as the model that uses
 * the vectors keys them — the tagger strips the data's language prefix; lowercase as the model's setting); saved as
 * RUN/vectors.vec, which a resumed run reads instead of training again. Deterministic for a seed with one thread
 * (hogwild otherwise). No checkpoints: the vectors take a few minutes, the models' checkpoints start after them.
 */
public final class UnlabeledVectors {
    private UnlabeledVectors() {}

    /** The vectors and the seconds their training took (0 when read from {@code file}). */
    public record Trained(WordVectors vectors, double seconds) {}

    public static Trained vectors(Path text, List<String[]> train, boolean lowercase, int dim, int minCount,
                                  int epochs, int threads, long seed, boolean skipBadLines, Path file, PrintWriter out)
            throws IOException {
        if (Files.exists(file)) {
            out.println("vectors   " + file + " (trained on " + text + " when the run started)");
            return new Trained(WordVectors.load(file), 0);
        }
        VectorsRun.Text unlabeled = VectorsRun.read(text, lowercase, skipBadLines);
        List<String[]> corpus = new ArrayList<>(unlabeled.lines());
        long trainTokens = 0;
        for (String[] words : train) {
            corpus.add(words);
            trainTokens += words.length;
        }
        WordVectorConfig cfg = WordVectorConfig.skipGram().withDim(dim).withMinCount(minCount).withEpochs(epochs)
                .withThreads(threads).withSeed(seed);
        out.printf(Locale.ROOT, "vectors   skip-gram on %s (%,d tokens) + the training words (%,d): dim %d, minCount %d, "
                + "%d epochs, %d thread(s)...%n", text, unlabeled.tokens(), trainTokens, dim, minCount, epochs, threads);
        out.flush();
        WordVectorTrainer.Result r = WordVectorTrainer.train(corpus, cfg);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        r.vectors().save(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.printf(Locale.ROOT, "vectors   %,d words in %.1f s, mean loss %.4f -> %s%n", r.vectors().size(), r.seconds(),
                r.meanLoss(), file);
        return new Trained(r.vectors(), r.seconds());
    }
}
