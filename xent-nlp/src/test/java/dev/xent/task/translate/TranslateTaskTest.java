// TranslateTask on the one loop: a toy word-for-word language pair is learned, BLEU picks the epoch, the bundle
// round-trips, and a run stopped at a checkpoint and resumed ends bit-identical to an uninterrupted one.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.tensor.Tensor;
import dev.xent.train.Checkpointing;
import dev.xent.train.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateTaskTest {
    static final String[] DE = {"der", "hund", "die", "katze", "läuft", "schläft", "rot", "klein", "ein", "mann"};
    static final String[] EN = {"the", "dog", "the", "cat", "runs", "sleeps", "red", "small", "a", "man"};

    /** Sentences of 2-5 words, each translated word for word. */
    static ParallelCorpus toy(int n, long seed) {
        Random r = new Random(seed);
        List<String> s = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            int len = 2 + r.nextInt(4);
            for (int k = 0; k < len; k++) {
                int w = r.nextInt(DE.length);
                a.append(k == 0 ? "" : " ").append(DE[w]);
                b.append(k == 0 ? "" : " ").append(EN[w]);
            }
            s.add(a.toString());
            t.add(b.toString());
        }
        return new ParallelCorpus(s, t);
    }

    static TranslateConfig small() {
        return new TranslateConfig("transformer", 300, 32, 32, 2, 1, 1, 64, 32, 0f, 0.1, 160, 5e-3, 20, 0.0, 3);
    }

    @Test
    void learnsAToyLanguagePairAndTheBundleTranslatesTheSame(@TempDir Path dir) throws Exception {
        ParallelCorpus train = toy(300, 1), valid = toy(40, 2);
        TranslateTask task = TranslateTask.create(small(), train, valid);
        task.scoreBleu(40, SearchConfig.DEFAULT.withBeam(1));
        History h = task.fit(task.options().epochs(15).validateAtStart(true).build());   // 255 steps
        double before = h.initial().get("val_loss"), after = h.epoch(h.selectedEpoch()).get("val_loss");
        double bleu = h.epoch(h.selectedEpoch()).get("val_bleu");
        assertTrue(after < 0.5 * before, "validation loss " + before + " -> " + after);
        assertTrue(bleu > 30, "validation BLEU " + bleu);   // 47 when written
        for (int e = 0; e < h.epochs(); e++) {
            assertTrue(h.epoch(e).get("val_bleu") <= bleu, "the chosen epoch has the best BLEU");
        }

        Path file = dir.resolve("m.xent");
        task.save(file);
        TranslationBundle loaded = TranslationBundle.read(file);
        List<String> lines = List.of(valid.source(0), "", valid.source(1));
        SearchConfig beam = SearchConfig.DEFAULT.withBeam(3);
        List<String> fromTask = Translations.translate(task.translator(), task.codec(), lines, beam, 1);
        assertEquals(fromTask, loaded.translate(lines, beam, 2));
        assertEquals("", fromTask.get(1), "a blank line translates to a blank line");
    }

    @Test
    void resumeFromACheckpointEndsBitIdentical(@TempDir Path dir) throws Exception {
        ParallelCorpus train = toy(120, 3);
        TranslateConfig cfg = new TranslateConfig("transformer", 300, 16, 16, 2, 1, 1, 32, 32, 0.1f, 0.1, 80, 3e-3, 5, 0.01, 4);
        TranslationCodec codec = TranslationCodec.train(train, 300);

        TranslateTask straight = TranslateTask.create(cfg, codec, train, null);
        straight.fit(straight.options().epochs(2).build());

        Path ckpt = dir.resolve("checkpoints");
        TranslateTask first = TranslateTask.create(cfg, codec, train, null);
        int steps = first.batches(0) + 3;   // stop inside the second epoch
        first.fit(first.options().epochs(2).maxSteps(steps)
                .checkpointing(Checkpointing.to(ckpt).everySteps(1)).build());
        TranslateTask resumed = TranslateTask.create(cfg, codec, train, null);
        resumed.resume(resumed.options().epochs(2).checkpointing(Checkpointing.to(ckpt).everySteps(1)).build());

        Map<String, Tensor> a = straight.model().stateDict(), b = resumed.model().stateDict();
        for (String k : a.keySet()) assertArrayEquals(a.get(k).data(), b.get(k).data(), 0f, k);
    }
}
