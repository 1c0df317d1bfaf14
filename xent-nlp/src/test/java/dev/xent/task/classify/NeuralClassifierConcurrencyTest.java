package dev.xent.task.classify;

import dev.xent.data.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A loaded (eval-mode) neural classifier answers many threads at once, as the server calls it: every thread's
 * probabilities equal the single-threaded ones bit for bit (no shared mutable state in the forward pass).
 */
class NeuralClassifierConcurrencyTest {
    @Test
    void concurrentPredictionsEqualSequentialOnes(@TempDir Path dir) throws Exception {
        List<Example> train = NeuralClassifierBundleTest.data(60, 4);
        List<String> texts = new ArrayList<>();
        Random r = new Random(5);
        for (Example e : NeuralClassifierBundleTest.data(80, 6)) texts.add(r.nextBoolean() ? e.text() : e.text() + " the plot");
        for (NeuralClassifierSpec spec : NeuralClassifierBundleTest.SPECS) {
            NeuralTextEncoding enc = NeuralTextEncoding.build(train.stream().map(Example::text).toList(),
                    NeuralTextEncoding.Tokenizer.WHITESPACE, false, 16, 1);
            Path f = dir.resolve(spec.kind().id() + ".xent");
            NeuralClassifier.create(spec, enc, List.of("neg", "pos"), Objective.MULTICLASS, 7)
                    .save(f, 7, Map.of("train.txt", "00"), null, null);
            NeuralClassifier c = NeuralClassifier.load(f);
            float[][] expected = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) expected[i] = c.probabilities(List.of(texts.get(i)))[0];

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[][]>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) order.add(i);
                    Collections.shuffle(order, new Random(t));
                    futures.add(pool.submit(() -> {
                        float[][] got = new float[texts.size()][];
                        for (int i : order) got[i] = c.probabilities(List.of(texts.get(i)))[0];
                        return got;
                    }));
                }
                for (Future<float[][]> fu : futures) {
                    float[][] got = fu.get();
                    for (int i = 0; i < texts.size(); i++) assertArrayEquals(expected[i], got[i], spec.kind().id() + " text " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
