package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.ops.Arith;
import dev.xent.ops.Conv1d;
import dev.xent.ops.Embedding;
import dev.xent.ops.Masking;
import dev.xent.ops.Reduce;
import dev.xent.ops.ShapeOps;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.SparseRows;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The char CNN over a batch's real words only gives the same features and the same gradients, bit for bit, as the
 * computation it replaced, which ran over every (T·B) word slot of the padded batch; and its batch layout holds
 * W = real words rows, not T·B.
 */
class CharFeaturesTest {

    /** Sentences of the given lengths, words of 1–9 random letters (longer than maxWordChars = 6 sometimes). */
    private static List<TaggedSentence> ragged(long seed, int... lengths) {
        return raggedUpTo(9, seed, lengths);
    }

    /** Sentences of the given lengths, words of 1–longest random letters. */
    private static List<TaggedSentence> raggedUpTo(int longest, long seed, int... lengths) {
        Rng rng = new Rng(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int len : lengths) {
            List<String> words = new ArrayList<>(), tags = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                StringBuilder w = new StringBuilder();
                for (int k = 1 + rng.nextInt(longest); k > 0; k--) w.append((char) ('a' + rng.nextInt(8)));
                words.add(w.toString());
                tags.add(rng.nextInt(2) == 0 ? "X" : "Y");
            }
            out.add(new TaggedSentence(words, tags, out.size() + 1));
        }
        return out;
    }

    private static TagBatch batch(List<TaggedSentence> data) {
        return batch(data, 6);
    }

    private static TagBatch batch(List<TaggedSentence> data, int maxWordChars) {
        TagEncoder enc = TagEncoder.build(data, false, maxWordChars);
        int[] index = new int[data.size()];
        for (int i = 0; i < index.length; i++) index[i] = i;
        return TagBatch.of(enc.encodeAll(data), index, true, enc.words(), 0, null);
    }

    @Test
    void batchHoldsTheRealWordsInSlotOrder() {
        List<TaggedSentence> data = ragged(1, 3, 1, 5);
        TagBatch b = batch(data);
        assertEquals(9, b.chars().dim(0), "one chars row per real word");
        assertEquals(6, b.chars().dim(1), "words cut to maxWordChars");
        // slots t·B + b, B = 3: t=0 → rows 0,1,2; t=1 → 3,(pad),4; t=2 → 5,(pad),6; t=3,4 → (pad),(pad),7 / 8
        assertArrayEquals(new int[] {0, 1, 2, 3, 9, 4, 5, 9, 6, 9, 9, 7, 9, 9, 8}, b.charRows().data());
        TagEncoder enc = TagEncoder.build(data, false, 6);
        int[] row4 = enc.encodeAll(data).get(2).chars()[4];     // sentence 2, word 4 → slot 4·3 + 2 = 14 → row 8
        for (int k = 0; k < 6; k++) {
            assertEquals(k < row4.length ? row4[k] : Vocabulary.PAD, b.chars().data()[8 * 6 + k], "char " + k);
            assertEquals(k < row4.length ? 1f : 0f, b.charMask().data()[8 * 6 + k], "mask " + k);
        }
    }

    @Test
    void sameFeaturesAndGradientsAsThePaddedComputation() {
        sameAsPadded(batch(ragged(2, 7, 1, 12, 3, 12, 2)), 5, 4, 3);
    }

    /** The recipe's sizes (Dc 30, F 50, K 3) over 20-character words: the GEMMs take their vectorised paths. */
    @Test
    void sameBitsAtTheRecipeSizes() {
        sameAsPadded(batch(raggedUpTo(26, 4, 30, 2, 17, 25, 9), 20), 30, 50, 3);
    }

    private static void sameAsPadded(TagBatch b, int dc, int filters, int width) {
        for (boolean sparse : new boolean[] {false, true}) {
            Rng rng = new Rng(3);
            Tensor emb = Init.normal(rng, 0f, 1f, 40, dc).requiresGrad(true);
            Tensor w = Init.uniform(rng, -0.3f, 0.3f, filters, dc, width).requiresGrad(true);
            Tensor bias = Init.uniform(rng, -0.3f, 0.3f, filters).requiresGrad(true);
            Tensor r = Init.normal(rng, 0f, 1f, b.steps(), b.size(), filters);     // dL/dfeatures

            Tensor now = CharFeatures.of(b, emb, w, bias, sparse);
            Reduce.sum(Arith.mul(now, r)).backward();
            Map<String, float[]> g1 = grads(emb, w, bias, sparse);
            Tensor old = padded(b, emb, w, bias, sparse);
            Reduce.sum(Arith.mul(old, r)).backward();
            Map<String, float[]> g2 = grads(emb, w, bias, sparse);

            assertArrayEquals(old.toArray(), now.toArray(), "features (sparse=" + sparse + ")");
            for (String k : g1.keySet()) assertArrayEquals(g2.get(k), g1.get(k), k + " (sparse=" + sparse + ")");
            float[] f = now.toArray();
            for (int t = 0; t < b.steps(); t++) {
                for (int s = 0; s < b.size(); s++) {
                    if (t < b.lengths()[s]) continue;
                    for (int k = 0; k < filters; k++) {
                        assertEquals(0f, f[(t * b.size() + s) * filters + k], "padding slot feature");
                    }
                }
            }
        }
    }

    /** The gradients of the three tensors (the table's densified when sparse), then zeroed. */
    private static Map<String, float[]> grads(Tensor emb, Tensor w, Tensor bias, boolean sparse) {
        float[] e;
        if (sparse) {
            SparseRows rows = emb.sparseGrad();
            e = new float[emb.size()];
            rows.addTo(e);
        } else {
            e = emb.grad().toArray();
        }
        Map<String, float[]> out = Map.of("char_emb", e, "conv_w", w.grad().toArray(), "conv_b", bias.grad().toArray());
        emb.zeroGrad();
        w.zeroGrad();
        bias.zeroGrad();
        return out;
    }

    /** The computation CharFeatures replaced: the char CNN over all T·B word slots, padding words all PAD. */
    private static Tensor padded(TagBatch b, Tensor emb, Tensor w, Tensor bias, boolean sparse) {
        int n = b.steps() * b.size(), c = b.chars().dim(1), real = b.chars().dim(0);
        int[] ch = new int[n * c];
        float[] m = new float[n * c];
        for (int slot = 0; slot < n; slot++) {
            int row = b.charRows().data()[slot];
            if (row == real) continue;
            System.arraycopy(b.chars().data(), row * c, ch, slot * c, c);
            System.arraycopy(b.charMask().data(), row * c, m, slot * c, c);
        }
        Tensor mask = Tensor.of(m, n, c);
        Tensor x = Embedding.lookup(emb, IntTensor.of(ch, n, c), sparse, Vocabulary.PAD);    // (N, C, Dc)
        x = Masking.maskedFill(x, mask.view(n, c, 1), 0f);
        x = Conv1d.apply(ShapeOps.transpose(x, 1, 2), w, bias, 1, w.dim(2) / 2, 1);           // (N, F, C)
        x = Masking.maskedMax(ShapeOps.transpose(x, 1, 2), mask);                             // (N, F)
        return ShapeOps.reshape(x, b.steps(), b.size(), w.dim(0));
    }
}
