// A program outside the xent build: tokenizes text with xent-nlp and trains a classifier with xent-core's loop.
package consumer;

import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Activation;
import dev.xent.nn.Dense;
import dev.xent.nn.EmbeddingLayer;
import dev.xent.nn.GlobalAveragePooling1D;
import dev.xent.nn.Sequential;
import dev.xent.optim.Adam;
import dev.xent.tensor.IntTensor;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.text.WordTokenizer;
import dev.xent.train.Dataset;
import dev.xent.train.FitOptions;
import dev.xent.train.History;
import dev.xent.train.LossFn;
import dev.xent.train.Trainer;

import java.util.List;

public final class Main {
    public static void main(String[] args) {
        String[] good = {"a fine film", "great acting and a fine story", "good fun", "a great film"};
        String[] bad = {"a dull film", "bad acting and a dull story", "boring", "a bad film"};
        WordTokenizer tok = new WordTokenizer();
        VocabularyBuilder vb = new VocabularyBuilder();
        for (String[] side : new String[][] {good, bad}) for (String t : side) vb.addAll(tok.tokenize(t));
        Vocabulary vocab = vb.build(1, Integer.MAX_VALUE);
        int n = 2 * good.length, len = 6;
        int[] ids = new int[n * len], labels = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> words = tok.tokenize(i < good.length ? good[i] : bad[i - good.length]);
            for (int t = 0; t < len; t++) ids[i * len + t] = vocab.id(words.get(t % words.size()));
            labels[i] = i < good.length ? 1 : 0;
        }
        Sequential model = new Sequential(new EmbeddingLayer(vocab.size(), 8), new GlobalAveragePooling1D(),
                new Dense(8, Activation.RELU), new Dense(2));
        History h = new Trainer(model, b -> model.forward(b.inputIds()), LossFn.ofLabels(new CrossEntropy()),
                new Adam(model.namedParameters(), 0.05))
                .fit(Dataset.of(IntTensor.of(ids, n, len), IntTensor.of(labels, n)),
                        FitOptions.builder().epochs(30).batchSize(4).shuffle(1).build());
        System.out.printf("consumer: loss %.4f -> %.4f%n", h.get("loss").get(0), h.last("loss"));
    }
}
