// NBSVM: the naive-Bayes ratios by hand, learning toy sentiment (and not learning at a vanishing rate: the control),
// bigrams telling apart texts that unigrams cannot, determinism with one thread, exact save/load, clear refusals.
package dev.xent.task.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NbSvmClassifierTest {
    static final NbSvmConfig SMALL = NbSvmConfig.defaults().withEpoch(5).withLr(0.1).withThreads(1).withSeed(1);

    @Test
    void ratiosAreTheSmoothedLogCountRatios() {
        int[][] enc = new int[2][];
        NbSvmFeatures f = NbSvmFeatures.build(List.of("a b", "a"), new int[] {0, 1}, 2, 1, false, 1.0, enc);
        assertEquals(2, f.size());                 // a = 0, b = 1
        assertArrayEquals(new int[] {0, 1}, enc[0]);
        // class 0: p = (1+1, 1+1) / 4, q = (1+1, 0+1) / 3
        assertEquals(Math.log(0.5 / (2.0 / 3)), f.ratio[0], 1e-6);
        assertEquals(Math.log(0.5 / (1.0 / 3)), f.ratio[1], 1e-6);
        // class 1: p = (1+1, 0+1) / 3, q = (1+1, 1+1) / 4
        assertEquals(Math.log((2.0 / 3) / 0.5), f.ratio[2], 1e-6);
        assertArrayEquals(new int[] {0}, f.encode("a a zzz"));   // binarized; unknown n-grams dropped
    }

    @Test
    void learnsToySentimentAndAVanishingRateDoesNot() {
        List<Example> train = ToyData.sentiment(400, 1, 0.5), test = ToyData.sentiment(200, 2, 0.5);
        double acc = NbSvmClassifier.train(train, SMALL.withThreads(2)).evaluate(test).accuracy();
        assertTrue(acc > 0.95, "toy accuracy " + acc);
        NbSvmClassifier untrained = NbSvmClassifier.train(train, SMALL.withEpoch(1).withLr(1e-9));
        assertEquals(0.5, untrained.probabilities("the movie was great")[0], 1e-3);
    }

    @Test
    void bigramsSeparateWhatUnigramsCannot() {
        List<Example> train = order(400, 1), test = order(200, 2);
        double bi = NbSvmClassifier.train(train, SMALL.withNgrams(2)).evaluate(test).accuracy();
        double uni = NbSvmClassifier.train(train, SMALL.withNgrams(1)).evaluate(test).accuracy();
        assertTrue(bi > 0.95, "bigrams: " + bi);
        assertTrue(uni < 0.65, "unigrams see the same words in both classes: " + uni);
    }

    @Test
    void oneThreadIsDeterministicAndSaveLoadIsExact(@TempDir Path dir) throws Exception {
        List<Example> train = ToyData.sentiment(300, 3, 0.5);
        NbSvmClassifier a = NbSvmClassifier.train(train, SMALL), b = NbSvmClassifier.train(train, SMALL);
        assertArrayEquals(a.weight, b.weight);
        assertTrue(!java.util.Arrays.equals(a.weight, NbSvmClassifier.train(train, SMALL.withSeed(2)).weight),
                "another seed visits the examples in another order");
        a.save(dir.resolve("m.xent"));
        NbSvmClassifier again = NbSvmClassifier.load(dir.resolve("m.xent"));
        assertEquals(a.labels(), again.labels());
        assertEquals(a.config(), again.config());
        for (Example e : ToyData.sentiment(20, 9, 0.5)) {
            assertArrayEquals(a.probabilities(e.text()), again.probabilities(e.text()));
        }
    }

    @Test
    void versionOneBundlesWithRatioAndWeightApartStillLoadAndVersionTwoIsSmaller(@TempDir Path dir) throws Exception {
        NbSvmClassifier a = NbSvmClassifier.train(ToyData.sentiment(300, 3, 0.5), SMALL);
        int k = a.labels().size(), nf = a.featureCount();
        int[] keys = new int[2 * nf];
        for (int f = 0; f < nf; f++) {
            keys[2 * f] = (int) (a.features.keys[f] >>> 32);
            keys[2 * f + 1] = (int) a.features.keys[f];
        }
        var conf = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        conf.put("format", NbSvmBundle.FORMAT).put("version", 1).put("ngrams", SMALL.ngrams()).put("alpha", SMALL.alpha())
                .put("epoch", SMALL.epoch()).put("lr", SMALL.lr()).put("lowercase", SMALL.lowercase())
                .put("threads", SMALL.threads()).put("seed", SMALL.seed());
        var vocab = conf.objectNode();
        var labels = vocab.putArray("labels");
        var counts = vocab.putArray("labelCounts");
        for (int c = 0; c < k; c++) {
            labels.add(a.labels().get(c));
            counts.add(a.labelCounts[c]);
        }
        Path v1 = dir.resolve("v1.xent"), v2 = dir.resolve("v2.xent");
        dev.xent.io.ModelBundle.builder(conf, dev.xent.io.Provenance.now(1, java.util.Map.of())).json("vocab", vocab)
                .intWeight("keys", dev.xent.tensor.IntTensor.of(keys, nf, 2))
                .weight("ratio", dev.xent.tensor.Tensor.of(a.features.ratio, k, nf))
                .weight("weight", dev.xent.tensor.Tensor.of(a.weight, k, nf))
                .weight("bias", dev.xent.tensor.Tensor.of(a.bias, k))
                .build().write(v1);
        a.save(v2);
        NbSvmClassifier one = NbSvmClassifier.load(v1), two = NbSvmClassifier.load(v2);
        for (Example e : ToyData.sentiment(20, 9, 0.5)) {
            assertArrayEquals(a.probabilities(e.text()), one.probabilities(e.text()));
            assertArrayEquals(a.probabilities(e.text()), two.probabilities(e.text()));
        }
        assertTrue(java.nio.file.Files.size(v2) < 0.8 * java.nio.file.Files.size(v1),
                "one (K, F) table instead of two: " + java.nio.file.Files.size(v2) + " vs " + java.nio.file.Files.size(v1));
    }

    @Test
    void multiLabelDataIsRefusedNamingTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> NbSvmTask.of(
                List.of(new Example("a b", List.of("x", "y"), 7)), SMALL));
        assertTrue(e.getMessage().startsWith("line 7: nbsvm needs exactly one label"), e.getMessage());
    }

    /** "x y" texts are class a, "y x" texts class b, among filler words: only the word order tells them apart. */
    private static List<Example> order(int n, long seed) {
        Random r = new Random(seed);
        String[] filler = {"p", "q", "s", "t", "u"};
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            String text = filler[r.nextInt(5)] + " " + (a ? "x y" : "y x") + " " + filler[r.nextInt(5)];
            out.add(new Example(text, List.of(a ? "a" : "b"), i + 1));
        }
        return out;
    }
}
