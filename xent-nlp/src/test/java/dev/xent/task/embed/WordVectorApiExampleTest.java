// Word vectors as a library, the docs/api.md example: train skip-gram vectors, save a .vec file, load it, query it.
package dev.xent.task.embed;

import dev.xent.train.Checkpointing;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorApiExampleTest {

    @Test
    void trainSaveLoadQuery(@TempDir Path dir) throws IOException {
        List<String[]> sentences = WordVectorTrainerTest.twoTopics(1500, 1);   // tokenised text, one array a sentence
        Path vecFile = dir.resolve("vectors.vec");

        // --- the example (docs/api.md) ---
        WordVectorConfig config = WordVectorConfig.skipGram().withDim(16).withEpochs(3).withMinCount(1).withSample(1e-2);
        WordVectorTask task = WordVectorTask.of(sentences, config);           // vocabulary, sampling tables, init
        task.fit(TrainOptions.builder()
                .checkpointing(Checkpointing.to(dir.resolve("checkpoints")))  // resume: task.resume(same options)
                .maxSeconds(600).build());
        task.vectors().save(vecFile);                                          // fastText's .vec text format

        WordVectors vectors = WordVectors.load(vecFile);
        double near = vectors.cosine("a1", "a2"), far = vectors.cosine("a1", "b2");
        // --- end of the example ---

        System.out.println("WordVectorApiExampleTest: cos(a1, a2) " + near + ", cos(a1, b2) " + far);
        assertTrue(near > far + 0.3, near + " vs " + far);
        assertArrayEquals(task.vectors().vector("a1"), vectors.vector("a1"), 1e-6f, "the .vec file keeps the vectors");
    }
}
