// `train tag -unlabeled TEXT`: word vectors trained on the text plus the training file's words, before the tagger.
package dev.xent.cli.tag;

import dev.xent.cli.vectors.VectorsRun;
import dev.xent.data.TaggedSentence;
import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectorTrainer;
import dev.xent.task.embed.WordVectors;
import dev.xent.task.tag.TagEncoder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What `xent train vectors -input TEXT -lowercase -minCount M -dim D` would train (skip-gram, fastText's other
 * defaults), on TEXT's lines plus one line per training sentence (tokens without the data's language prefix), keyed as
 * the tagger keys words (lowercase setting); saved as RUN/vectors.vec, which a resumed run reads instead of
 * training again. No checkpoints: the vectors take a few minutes, the tagger's checkpoints start after them.
 */
final class UnlabeledVectors {
    private UnlabeledVectors() {}

    static WordVectors vectors(Path text, List<TaggedSentence> train, boolean lowercase, int dim, int minCount,
                               int epochs, int threads, long seed, boolean skipBadLines, Path file, PrintWriter out)
            throws IOException {
        if (Files.exists(file)) {
            out.println("vectors   " + file + " (trained on " + text + " when the run started)");
            return WordVectors.load(file);
        }
        VectorsRun.Text unlabeled = VectorsRun.read(text, lowercase, skipBadLines);
        List<String[]> corpus = new ArrayList<>(unlabeled.lines());
        String prefix = TagEncoder.languagePrefix(train);
        long trainTokens = 0;
        for (TaggedSentence s : train) {
            String[] words = new String[s.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = TagEncoder.normalize(TagEncoder.stripPrefix(s.tokens().get(i), prefix), lowercase);
            }
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
        return r.vectors();
    }
}
