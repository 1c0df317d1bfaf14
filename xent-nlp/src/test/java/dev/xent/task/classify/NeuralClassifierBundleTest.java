package dev.xent.task.classify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** xent.neural-classifier bundles: each kind round-trips to the same probabilities; wrong format/version/weights fail clearly. */
class NeuralClassifierBundleTest {
    static List<Example> data(int n, long seed) {
        Random r = new Random(seed);
        String[] pos = {"great", "fine"}, neg = {"awful", "dull"}, filler = {"film", "the", "plot"};
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean p = r.nextBoolean();
            String text = filler[r.nextInt(3)] + " " + (p ? pos : neg)[r.nextInt(2)] + " " + filler[r.nextInt(3)];
            out.add(new Example(text, List.of(p ? "pos" : "neg"), i + 1));
        }
        return out;
    }

    static final List<NeuralClassifierSpec> SPECS = List.of(
            new NeuralClassifierSpec(NeuralClassifierSpec.Kind.CNN, new TextCnnClassifier.Config(6, new int[] {1, 2}, 4, 0.5f)),
            new NeuralClassifierSpec(NeuralClassifierSpec.Kind.RNN, new RnnClassifier.Config(RnnClassifier.Cell.GRU, 6, 4, 1,
                    RnnClassifier.Pooling.MEAN, 0.3f)),
            new NeuralClassifierSpec(NeuralClassifierSpec.Kind.TRANSFORMER, new TransformerClassifier.Config(8, 2, 16, 1, 16, 0.1f)));

    @Test
    void everyKindRoundTripsToTheSameProbabilities(@TempDir Path dir) throws Exception {
        List<Example> train = data(40, 1);
        List<String> texts = List.of("the great plot", "dull", "unseen words only", "");
        for (NeuralClassifierSpec spec : SPECS) {
            NeuralTextEncoding enc = NeuralTextEncoding.build(train.stream().map(Example::text).toList(),
                    NeuralTextEncoding.Tokenizer.WHITESPACE, false, 16, 1);
            NeuralClassifier c = NeuralClassifier.create(spec, enc, List.of("neg", "pos"), Objective.MULTICLASS, 3);
            Path f = dir.resolve(spec.kind().id() + ".xent");
            c.save(f, 3, Map.of("train.txt", "00"), null, null);
            NeuralClassifier back = NeuralClassifier.load(f);
            assertEquals(spec.toJson(), back.spec().toJson());
            assertEquals(c.labels(), back.labels());
            assertEquals(enc.tokens(), back.encoding().tokens());
            float[][] a = c.probabilities(texts), b = back.probabilities(texts);
            for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], spec.kind().id());
            assertEquals(1.0, a[0][0] + a[0][1], 1e-6);
            // eval mode: dropout off, so two calls agree
            assertArrayEquals(back.probabilities(texts)[0], b[0]);
            assertEquals(2, back.predict("the great plot", 5).size(), "k is capped at the label count");
            assertEquals("00", ModelBundle.read(f).provenance().data().get("train.txt"));
        }
    }

    @Test
    void wrongFormatVersionAndWeightsAreClearErrors(@TempDir Path dir) throws Exception {
        NeuralTextEncoding enc = NeuralTextEncoding.build(List.of("a b", "c"), NeuralTextEncoding.Tokenizer.WHITESPACE,
                false, 0, 1);
        NeuralClassifier c = NeuralClassifier.create(SPECS.get(0), enc, List.of("x", "y", "z"), Objective.MULTICLASS, 1);
        Path good = dir.resolve("good.xent");
        c.save(good, 1, Map.of(), null, null);

        Path ft = dir.resolve("ft.xent");
        FastTextClassifier.train(data(20, 2), FastTextConfig.defaults().withDim(4).withEpoch(1).withThreads(1)
                .withBucket(10)).save(ft);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuralClassifier.load(ft));
        assertTrue(e.getMessage().contains("\"xent.neural-classifier\"") && e.getMessage().contains("xent.fasttext-classifier")
                && e.getMessage().contains("Fix:"), e.getMessage());

        ModelBundle b = ModelBundle.read(good);
        ObjectNode v2 = b.config().deepCopy();
        v2.put("version", 2);
        Path bad = dir.resolve("v2.xent");
        rewrite(b, v2, b.weights()).write(bad);
        e = assertThrows(IllegalArgumentException.class, () -> NeuralClassifier.load(bad));
        assertTrue(e.getMessage().contains("unsupported xent.neural-classifier version 2"), e.getMessage());

        ObjectNode noKind = b.config().deepCopy();
        ((ObjectNode) noKind.get("model")).put("kind", "lstm");
        Path badKind = dir.resolve("kind.xent");
        rewrite(b, noKind, b.weights()).write(badKind);
        e = assertThrows(IllegalArgumentException.class, () -> NeuralClassifier.load(badKind));
        assertTrue(e.getMessage().contains("cnn, rnn or transformer") && e.getMessage().contains("'lstm'"), e.getMessage());

        Map<String, Tensor> w = new java.util.LinkedHashMap<>(b.weights());
        w.remove("out.bias");
        Path missing = dir.resolve("missing.xent");
        rewrite(b, b.config(), w).write(missing);
        e = assertThrows(IllegalArgumentException.class, () -> NeuralClassifier.load(missing));
        assertTrue(e.getMessage().contains("do not fit") && e.getMessage().contains("out.bias"), e.getMessage());
        assertNotEquals(null, NeuralClassifier.load(good));
        e = assertThrows(IllegalArgumentException.class, () -> NeuralClassifier.create(SPECS.get(2), enc,
                List.of("x", "y"), Objective.BINARY, 1));
        assertTrue(e.getMessage().contains("keeps every token but the model reads at most 16"), e.getMessage());
    }

    private static ModelBundle rewrite(ModelBundle b, com.fasterxml.jackson.databind.JsonNode conf, Map<String, Tensor> w) {
        ModelBundle.Builder nb = ModelBundle.builder(conf, Provenance.now(0, Map.of())).json("vocab", b.json("vocab"));
        w.forEach(nb::weight);
        return nb.build();
    }

    @Test
    void encodingCapsLengthAndMapsUnknownWords() {
        NeuralTextEncoding enc = NeuralTextEncoding.build(List.of("A b b", "c"), NeuralTextEncoding.Tokenizer.WHITESPACE,
                true, 2, 1);
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "b", "a", "c"), enc.tokens());
        assertArrayEquals(new int[] {5, 4}, enc.encode("a B c"), "lowercased, capped at 2");
        assertArrayEquals(new int[] {1}, enc.encode("   "), "an empty text is one unknown token");
        assertArrayEquals(new int[] {1, 6}, enc.encode("zzz c"));
        assertEquals(JsonNodeFactory.instance.objectNode().put("tokenizer", "whitespace").put("lowercase", true)
                .put("maxLength", 2), enc.settingsJson());
    }
}
