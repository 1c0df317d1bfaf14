package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tagger on generated data: it learns a rule that needs both the word and its left neighbour (softmax and
 * CRF), and padding (ids, characters) never changes the loss or the gradients.
 */
class TaggerToyTest {

    /** Words w1..w12; tag = (A if the previous word's number is even or there is none, else B) + number mod 3. */
    static List<TaggedSentence> toy(int n, long seed) {
        Rng rng = new Rng(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int len = 2 + rng.nextInt(7);
            List<String> words = new ArrayList<>(), tags = new ArrayList<>();
            int prev = 0;
            for (int i = 0; i < len; i++) {
                int w = 1 + rng.nextInt(12);
                words.add("w" + w);
                tags.add((prev % 2 == 0 ? "A" : "B") + (w % 3));
                prev = w;
            }
            out.add(new TaggedSentence(words, tags, s + 1));
        }
        return out;
    }

    private static TaggerConfig small(boolean crf) {
        return new TaggerConfig(12, 6, 8, 3, 16, crf, false, 0f, 0, false, 0.02, 16, 10, 5, false, 3);
    }

    private static double trainAndScore(boolean crf) {
        List<TaggedSentence> train = toy(160, 1), test = toy(60, 2);
        TaggerTask task = TaggerTask.create(small(crf), 10, train, List.of());
        task.fit(task.options().build());
        return task.tagger().evaluate(test).accuracy();
    }

    @Test
    void learnsAContextRuleWithSoftmax() {
        double acc = trainAndScore(false);
        assertTrue(acc > 0.95, "toy accuracy " + acc);
    }

    @Test
    void learnsAContextRuleWithCrf() {
        double acc = trainAndScore(true);
        assertTrue(acc > 0.95, "toy accuracy " + acc);
    }

    @Test
    void paddingDoesNotChangeLossOrGradients() {
        for (boolean crf : new boolean[] {false, true}) {
            List<TaggedSentence> data = toy(3, 5);
            TagEncoder enc = TagEncoder.build(toy(50, 4), false, 10);
            List<TagEncoder.Encoded> enc3 = enc.encodeAll(data);
            BiLstmTagger model = new BiLstmTagger(small(crf), enc.words().size(), enc.chars().size(), enc.tags().size());
            TagBatch clean = TagBatch.of(enc3, new int[] {0, 1, 2}, true, enc.words(), 0, null);
            double[] a = lossAndGrads(model, clean);
            TagBatch noisy = scramblePadding(clean, enc.words().size(), enc.chars().size());
            double[] b = lossAndGrads(model, noisy);
            assertEquals(a[0], b[0], 0, "loss changed with padding (crf=" + crf + ")");
            for (int i = 1; i < a.length; i++) assertEquals(a[i], b[i], 1e-6, "gradient sum " + i + " (crf=" + crf + ")");
        }
    }

    /** The loss, then per parameter the sum of |gradient| (embedding tables left out: padding rows differ). */
    private static double[] lossAndGrads(BiLstmTagger model, TagBatch batch) {
        model.zeroGrad();
        Tensor loss = model.loss(batch, null);
        loss.backward();
        List<Double> out = new ArrayList<>(List.of((double) loss.item()));
        for (Map.Entry<String, Tensor> p : model.stateDict().entrySet()) {
            if (p.getKey().endsWith("_emb")) continue;
            double s = 0;
            for (float x : p.getValue().grad().data()) s += Math.abs(x);
            out.add(s);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Random word ids and targets wherever the batch is padding, random characters after each word's end. (The
     * batch holds no characters for padding words: CharFeatures gives them zeros, which the padded LSTM steps read.)
     */
    private static TagBatch scramblePadding(TagBatch b, int words, int chars) {
        Rng rng = new Rng(9);
        int nt = b.steps(), nb = b.size();
        int[] w = b.words().data().clone(), c = b.chars().data().clone(), ybt = b.tagsBt().data().clone();
        float[] cm = b.charMask().data();
        for (int i = 0; i < c.length; i++) if (cm[i] == 0) c[i] = 1 + rng.nextInt(chars - 1);
        for (int t = 0; t < nt; t++) {
            for (int s = 0; s < nb; s++) {
                if (t < b.lengths()[s]) continue;
                w[t * nb + s] = 1 + rng.nextInt(words - 1);
                ybt[s * nt + t] = rng.nextInt(3);
            }
        }
        return new TagBatch(nt, nb, b.lengths(), IntTensor.of(w, nt, nb), IntTensor.of(c, b.chars().shape()),
                b.charMask(), b.charRows(), b.targets(), IntTensor.of(ybt, nb, nt), b.maskBt(), b.tokens());
    }
}
