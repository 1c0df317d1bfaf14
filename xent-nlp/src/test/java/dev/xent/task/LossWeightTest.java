// TrainTask.lossWeight of the tagger and the LMs: the count each batch's mean loss is over (data-parallel weights).
package dev.xent.task;

import dev.xent.data.TaggedSentence;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmTask;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.train.TrainTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LossWeightTest {
    private static List<TaggedSentence> sentences() {
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> toks = new ArrayList<>(), tags = new ArrayList<>();
            for (int j = 0; j <= i % 4; j++) {
                toks.add("w" + j);
                tags.add(j == 0 ? "B-X" : "I-X");
            }
            out.add(new TaggedSentence(toks, tags, i + 1));
        }
        return out;
    }

    @Test
    void aSoftmaxTaggerWeighsByTokensACrfTaggerBySentences() {
        TaggerConfig cfg = new TaggerConfig(4, 0, 0, 1, 4, false, false, 0f, 0, false, 1e-3, 3, 1, 0, false, 1);
        for (boolean crf : new boolean[] {false, true}) {
            TaggerTask t = TaggerTask.create(cfg.withCrf(crf), sentences(), List.of());
            long tokens = 0, rows = 0;
            for (int b = 0; b < t.batches(0); b++) {
                double w = t.lossWeight(0, b);
                tokens += t.units(0, b);
                rows += (long) w;
                if (!crf) assertEquals(t.units(0, b), w, "batch " + b);
            }
            assertEquals(crf ? 10 : tokens, rows, crf ? "sentences" : "tokens");
        }
    }

    @Test
    void languageModelsWeighByPredictedTokens() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) text.append("abc de fgh ").append(i % 7).append('\n');
        for (LmConfig.Arch arch : LmConfig.Arch.values()) {
            LmConfig c = LmConfig.builder().level("char").minCount(1).arch(arch).dim(8).layers(1).heads(2).batch(3)
                    .seqLen(16).build();
            TrainTask t = LmTask.create(c, text.toString(), null).trainTask();
            for (int b = 0; b < t.batches(0); b++) assertEquals(t.units(0, b), t.lossWeight(0, b), arch + " batch " + b);
            assertEquals(16 * 3, t.lossWeight(0, 0), arch.toString());
        }
    }

    @Test
    void aNeuralClassifierWeighsByTextsOrByItsRowsClassWeights() {
        List<dev.xent.data.Example> data = new ArrayList<>();
        for (int i = 0; i < 30; i++) data.add(new dev.xent.data.Example("w" + (i % 5) + " v" + (i % 3), List.of("c" + (i % 3)), i + 1));
        var spec = new dev.xent.task.classify.NeuralClassifierSpec(dev.xent.task.classify.NeuralClassifierSpec.Kind.CNN,
                new dev.xent.task.classify.TextCnnClassifier.Config(4, new int[] {2}, 2, 0f));
        var classifier = dev.xent.task.classify.NeuralClassifier.create(spec, data, 1);
        var plain = dev.xent.task.classify.NeuralTrainConfig.defaults(1).withBatchSize(7);
        TrainTask t = dev.xent.task.classify.NeuralClassifierTask.of(classifier, plain, data, List.of());
        TrainTask weighted = dev.xent.task.classify.NeuralClassifierTask.of(classifier,
                plain.withClassWeights(new float[] {1, 2, 4}), data, List.of());
        double texts = 0, weights = 0;
        for (int b = 0; b < t.batches(0); b++) {
            texts += t.lossWeight(0, b);
            weights += weighted.lossWeight(0, b);
        }
        assertEquals(30, texts);
        assertEquals(10 * (1 + 2 + 4), weights);   // ten texts of each class
    }
}
