// The word vectors of a classify run: -pretrainedVectors read from a file, or -unlabeled trained once per run.
package dev.xent.cli.classify;

import dev.xent.cli.BadInputException;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.vectors.UnlabeledVectors;
import dev.xent.cli.vectors.VectorsRun;
import dev.xent.data.Example;
import dev.xent.task.classify.ClassifierRecipe;
import dev.xent.task.classify.NeuralTextEncoding;
import dev.xent.task.embed.WordVectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * -unlabeled TEXT: skip-gram vectors of dim {@code dim} on TEXT plus the training texts, each text tokenised and
 * cased as {@code text} encodes it for the model (so the vectors' words are the model's words), written to the
 * run's vectors.vec (a settings file names that file as pretrainedVectors, so the chosen model trains again from
 * the same vectors); -pretrainedVectors FILE: read. Both: an error. Neither: null.
 */
final class ClassifyVectors {
    private ClassifyVectors() {}

    /** The vectors and the seconds spent training them (0 when read). */
    record Loaded(ClassifierRecipe.Vectors vectors, double seconds) {}

    static Loaded of(ResolvedConfig c, List<Example> train, NeuralTextEncoding.Settings text, int dim,
                     RunDirectory run, PrintWriter out) throws IOException {
        String file = c.has("pretrainedVectors") ? c.getString("pretrainedVectors") : "";
        String unlabeled = c.has("unlabeled") ? c.getString("unlabeled") : "";
        if (!unlabeled.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("-unlabeled trains the vectors, -pretrainedVectors reads them: give one "
                    + "of the two");
        }
        if (!file.isEmpty()) {
            try {
                return new Loaded(new ClassifierRecipe.Vectors(file, WordVectors.load(Path.of(file))), 0);
            } catch (NoSuchFileException e) {
                throw new BadInputException("-pretrainedVectors " + file + ": no such file", e);
            }
        }
        if (unlabeled.isEmpty()) return null;
        NeuralTextEncoding tokens = new NeuralTextEncoding(text.tokenizer(), text.lowercase(), 0,
                dev.xent.text.Vocabulary.SPECIALS);
        List<String[]> words = new ArrayList<>(train.size());
        for (Example e : train) words.add(tokens.tokenize(e.text()).toArray(String[]::new));
        int threads = c.getInt("thread") > 0 ? c.getInt("thread") : Runtime.getRuntime().availableProcessors();
        Path vecFile = run.dir().resolve(VectorsRun.VECTORS);
        UnlabeledVectors.Trained t = UnlabeledVectors.vectors(Path.of(unlabeled), words, text.lowercase(), dim,
                c.getInt("vectorMinCount"), c.getInt("vectorEpoch"), threads, c.getLong("seed"),
                c.getBoolean("skipBadLines"), vecFile, out);
        return new Loaded(new ClassifierRecipe.Vectors(vecFile.toString(), t.vectors()), t.seconds());
    }
}
