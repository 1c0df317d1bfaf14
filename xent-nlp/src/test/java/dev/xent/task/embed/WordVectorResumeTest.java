// word2vec on the hogwild runner: stopped or resumed from a checkpoint it equals the uninterrupted run (one thread);
// a divergence stops it with the last checkpoint's vectors.
package dev.xent.task.embed;

import dev.xent.io.Checkpoint;
import dev.xent.train.Checkpointing;
import dev.xent.train.NonFiniteLossException;
import dev.xent.train.StopSignal;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainingInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorResumeTest {
    static final List<String[]> CORPUS = WordVectorTrainerTest.twoTopics(300, 4);
    static final WordVectorConfig CFG = WordVectorConfig.cbow().withDim(8).withEpochs(3).withMinCount(1)
            .withSample(1e-2).withSeed(5);

    static TrainOptions.Builder every(long sentences, Path dir) {
        return TrainOptions.builder().checkpointing(Checkpointing.to(dir).everySteps(sentences).keepLast(100));
    }

    @Test
    void stoppedOrResumedFromACheckpointEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        WordVectorTask plain = WordVectorTask.of(CORPUS, CFG);
        plain.fit(TrainOptions.builder().build());

        StopSignal stop = new StopSignal();
        stop.request("SIGINT");   // seen after the first sentence
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> WordVectorTask.of(CORPUS, CFG).fit(every(70, dir.resolve("a")).stop(stop).build()));
        assertEquals(1, e.step());
        WordVectorTask resumed = WordVectorTask.of(CORPUS, CFG);
        resumed.resume(every(70, dir.resolve("a")).build());
        assertSame(plain, resumed);

        Path mid = dir.resolve("b");   // the step-490 checkpoint alone: mid epoch 2
        Files.createDirectories(mid);
        Files.copy(dir.resolve("a/ckpt-490.xent"), mid.resolve("ckpt-490.xent"));
        WordVectorTask fromMid = WordVectorTask.of(CORPUS, CFG);
        fromMid.resume(every(70, mid).build());
        assertSame(plain, fromMid);
    }

    @Test
    void divergenceStopsWithTheLastCheckpointsVectors(@TempDir Path dir) throws IOException {
        WordVectorTask task = WordVectorTask.of(CORPUS, CFG.withLr(1e6));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> task.fit(every(1000, dir).build()));
        assertTrue(e.step() < 50, e.getMessage());
        assertArrayEquals(Checkpoint.read(dir.resolve("ckpt-0.xent")).tensor("model/in").data(), flat(task.vectors()));
    }

    private static void assertSame(WordVectorTask a, WordVectorTask b) {
        assertArrayEquals(flat(a.vectors()), flat(b.vectors()));
        assertEquals(a.meanLoss(), b.meanLoss(), 0.0);
    }

    private static float[] flat(WordVectors v) {
        float[] all = new float[v.size() * v.dim()];
        for (int i = 0; i < v.size(); i++) System.arraycopy(v.vector(v.words().get(i)), 0, all, i * v.dim(), v.dim());
        return all;
    }
}
