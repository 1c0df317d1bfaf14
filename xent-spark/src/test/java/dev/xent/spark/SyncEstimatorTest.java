// The params and driver-side settings the synchronous estimators share (SyncEstimator): each estimator's own
// defaults, Spark's param reflection, save/load, copy, and the refusals of the sync modes before any training.
package dev.xent.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncEstimatorTest {
    @TempDir
    Path dir;

    private static Set<String> names(Param<?>[] params) {
        return Arrays.stream(params).map(Param::name).collect(Collectors.toSet());
    }

    @Test
    void eachEstimatorKeepsItsOwnDefaults() {
        XentTagger tag = new XentTagger();
        XentLanguageModel lm = new XentLanguageModel();
        assertEquals(200L, (Long) tag.getOrDefault(tag.checkpointEvery()));
        assertEquals(100L, (Long) lm.getOrDefault(lm.checkpointEvery()));
        assertEquals(1L, (Long) lm.getOrDefault(lm.seed()));
        assertEquals(dev.xent.task.tag.TaggerConfig.recipe().seed(), (Long) tag.getOrDefault(tag.seed()));
        for (SyncEstimator<?> e : List.of(tag, lm)) {
            assertEquals("aggregate", e.getOrDefault(e.sync()));
            assertEquals(1, (Integer) e.getOrDefault(e.syncEvery()));
            assertEquals("", e.getOrDefault(e.checkpointDir()));
            assertEquals(false, e.getOrDefault(e.resume()));
            // Spark finds params by reflection over public methods: the shared ones must be among them, once each
            Set<String> n = names(e.params());
            assertTrue(n.containsAll(Set.of("sync", "syncEvery", "checkpointDir", "checkpointEvery", "resume", "seed")), n.toString());
            assertEquals(n.size(), e.params().length, "a param listed twice: " + Arrays.toString(e.params()));
            assertTrue(e.explainParams().contains("syncEvery: with sync barrier"), e.explainParams());
        }
        assertTrue(names(tag.params()).contains("tokensCol"));
        assertTrue(names(lm.params()).contains("textCol"));
    }

    @Test
    void theSharedParamsSaveAndLoadWithTheEstimatorsOwn() throws java.io.IOException {
        XentTagger tag = new XentTagger().setSync("barrier").setSyncEvery(4).setSeed(7).setHidden(16);
        String path = dir.resolve("tag").toString();
        tag.write().overwrite().save(path);
        XentTagger back = XentTagger.load(path);
        assertEquals(tag.uid(), back.uid());
        assertEquals("barrier", back.getOrDefault(back.sync()));
        assertEquals(4, (Integer) back.getOrDefault(back.syncEvery()));
        assertEquals(7L, (Long) back.getOrDefault(back.seed()));
        assertEquals(tag.config(true), back.config(true));

        String ckpt = dir.resolve("ckpt").toString();
        XentLanguageModel lm = new XentLanguageModel().setCheckpointDir(ckpt).setCheckpointEvery(9).setResume(true)
                .setLevel("word");
        String lp = dir.resolve("lm").toString();
        lm.write().overwrite().save(lp);
        XentLanguageModel lback = XentLanguageModel.load(lp);
        assertEquals(ckpt, lback.getOrDefault(lback.checkpointDir()));
        assertEquals(9L, (Long) lback.getOrDefault(lback.checkpointEvery()));
        assertEquals(true, lback.getOrDefault(lback.resume()));
        assertEquals(lm.config(), lback.config());
    }

    @Test
    void copyCarriesTheParamsTheExtrasAndTheDriverSettings() {
        List<SyncTraining.Step> seen = new ArrayList<>();
        Consumer<SyncTraining.Step> listener = seen::add;
        XentTagger tag = new XentTagger().setSeed(3).setStepListener(listener)
                .setValidationData(SparkTests.tagFrame(SparkTests.tagged(4, 1, false), 1));
        ParamMap extra = new ParamMap().put(tag.syncEvery().w(2));
        XentTagger c = tag.copy(extra);
        assertTrue(c != tag);
        assertEquals(tag.uid(), c.uid());
        assertEquals(3L, (Long) c.getOrDefault(c.seed()));
        assertEquals(2, (Integer) c.getOrDefault(c.syncEvery()));
        assertEquals(1, (Integer) tag.getOrDefault(tag.syncEvery()), "the original is unchanged");
        assertSame(tag.validationData(), c.validationData());
        XentLanguageModel lm = new XentLanguageModel().setModel("transformer");
        XentLanguageModel lc = lm.copy(ParamMap.empty());
        assertEquals(lm.config(), lc.config());
        assertTrue(lc.validationData() == null);
    }

    @Test
    void theSyncModesRefuseWhatTheyCannotDoBeforeTraining() {
        List<SyncTraining.Step> steps = new ArrayList<>();
        var data = SparkTests.tagFrame(SparkTests.tagged(20, 2, false), 2);
        XentTagger local = XentTaggerTest.small().setSyncEvery(3).setStepListener(steps::add);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> local.train(data));
        assertTrue(e.getMessage().contains("syncEvery 3 needs sync \"barrier\""), e.getMessage());
        XentLanguageModel lm = new XentLanguageModel().setSync("barrier").setCheckpointDir(dir.toString());
        e = assertThrows(IllegalArgumentException.class,
                () -> lm.train(XentLanguageModelTest.frame(XentLanguageModelTest.lines(30, 1), 2)));
        assertTrue(e.getMessage().startsWith("checkpoints need sync \"aggregate\""), e.getMessage());
        assertTrue(steps.isEmpty(), "no step ran");
    }
}
