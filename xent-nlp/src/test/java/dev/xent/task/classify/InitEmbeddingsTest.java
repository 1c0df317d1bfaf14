// initEmbeddings writes pretrained vectors into each classifier's embedding table, scaled to the random rows.
package dev.xent.task.classify;

import dev.xent.nn.Parameter;
import dev.xent.task.embed.WordVectors;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitEmbeddingsTest {
    @Test
    void copiesTheKnownWordsRowIntoEveryModel() {
        Vocabulary vocab = Vocabulary.builder().addAll(List.of("good", "bad", "film")).build(1, Integer.MAX_VALUE);
        float[] good = new float[16];
        for (int k = 0; k < 16; k++) good[k] = k % 2 == 0 ? 1 : -1;   // element std 1 before scaling
        WordVectors v = new WordVectors(List.of("good", "unseen"), concat(good, new float[16]), 16);
        for (String kind : List.of("cnn", "bilstm", "transformer")) {
            NeuralTextClassifier m = NeuralClassifiersLearnTest.small(kind, Objective.BINARY, 2, 1);
            Vocabulary pv = padded(vocab, NeuralToyData.VOCAB);   // the toy models have VOCAB rows
            float[] film = row(table(m), pv.id("film"), 16);
            assertEquals(1, m.initEmbeddings(v, pv), kind);
            float[] g = row(table(m), pv.id("good"), 16), f = row(table(m), pv.id("film"), 16);
            assertTrue(g[0] > 0 && g[1] < 0 && Math.abs(g[0] + g[1]) < 1e-6, kind + ": the 'good' row is the vector, scaled");
            assertEquals(java.util.Arrays.toString(film), java.util.Arrays.toString(f), kind + ": 'film' keeps its random row");
        }
    }

    static Vocabulary padded(Vocabulary vocab, int size) {
        var b = Vocabulary.builder();
        for (int id = Vocabulary.SPECIALS.size(); id < vocab.size(); id++) b.addAll(List.of(vocab.token(id)));
        for (int i = vocab.size(); i < size; i++) b.addAll(List.of("filler" + i));
        return b.build(1, Integer.MAX_VALUE);
    }

    static Tensor table(NeuralTextClassifier m) {
        for (Parameter p : m.namedParameters()) if (p.name().equals("embedding.weight")) return p.tensor();
        throw new AssertionError("no embedding.weight");
    }

    static float[] row(Tensor t, int r, int d) {
        return java.util.Arrays.copyOfRange(t.data(), r * d, (r + 1) * d);
    }

    static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
