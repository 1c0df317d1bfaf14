// The language-model library API in ~15 lines: train (char LSTM, word GRU, BPE Transformer) → save → load → generate/score.
package dev.xent.task.lm;

import dev.xent.train.History;
import dev.xent.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmApiExampleTest {
    private static final String LINE = "the commission must act on this report and we vote for it today.\n";

    /** The example of docs/api.md, as written there. */
    @Test
    void trainSaveLoadGenerate(@TempDir Path dir) throws Exception {
        String trainText = LINE.repeat(60), validText = LINE.repeat(6);

        LmConfig config = LmConfig.builder().level("char").dim(32).batch(8).seqLen(16).lr(0.01).build();
        LmTask task = LmTask.create(config, trainText, validText);
        History h = task.fit(TrainOptions.builder().epochs(3).clipNorm(1).validateAtStart(true).build());
        Path file = dir.resolve("lm.xent");
        task.save(file);

        LmBundle lm = LmBundle.read(file);
        String text = lm.generate("the commission ", 40, Sampler.greedy(), 1);
        double perplexity = Math.exp(lm.score(LINE).natsPerToken());

        assertTrue(h.last("val_perplexity") < 0.3 * h.initial().get("val_perplexity"), "training helps: " + h.toJson());
        assertTrue(perplexity < 3, "a seen line is likely: perplexity " + perplexity);
        assertTrue(text.startsWith("must act"), "greedy continues the line: '" + text + "'");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"word,GRU", "bpe,TRANSFORMER", "char,TRANSFORMER"})
    void everyLevelAndArchitectureTrainsSavesAndLoads(String level, LmConfig.Arch arch, @TempDir Path dir)
            throws Exception {
        LmConfig config = LmConfig.builder().level(level).arch(arch).minCount(1).bpeVocab(300).dim(16).layers(1)
                .heads(2).batch(4).seqLen(8).lr(0.01).tied(true).build();
        LmTask task = LmTask.create(config, LINE.repeat(40), LINE.repeat(4));
        History h = task.fit(TrainOptions.builder().maxSteps(40).epochs(100).clipNorm(1).validateAtStart(true).build());
        assertTrue(LmTask.finalLogs(h).get("val_loss") < h.initial().get("val_loss"), h.toJson());
        Path file = dir.resolve("lm.xent");
        task.save(file);
        LmBundle back = LmBundle.read(file);
        assertEquals(arch == LmConfig.Arch.TRANSFORMER, back.isTransformer());
        assertEquals(task.bundle(back.bundle().provenance(), java.util.Map.of()).score(LINE).nats(),
                back.score(LINE).nats(), 0.0, "the loaded model scores as the trained one");
        assertEquals(back.generate("the ", 10, Sampler.of(0.8f, 0, 1f), 3), back.generate("the ", 10,
                Sampler.of(0.8f, 0, 1f), 3), "seeded");
        assertEquals(level, back.codec().level());
    }
}
