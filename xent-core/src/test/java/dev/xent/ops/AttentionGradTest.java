// Finite-difference checks of the fused attention op: masks, cross shapes, dropout; fully masked rows; bad shapes.
package dev.xent.ops;

import dev.xent.autograd.GradCheck;
import dev.xent.autograd.Node;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionGradTest {

    private static Tensor[] qkv(long seed, int b, int t, int s, int e, int ev) {
        Rng rng = new Rng(seed);
        return new Tensor[] {Init.normal(rng, 0, 1, b, t, e).requiresGrad(true),
                Init.normal(rng, 0, 1, b, s, e).requiresGrad(true), Init.normal(rng, 0, 1, b, s, ev).requiresGrad(true)};
    }

    @ParameterizedTest(name = "T={0} S={1} heads={2} causal={3} padded={4} dropout={5}")
    @CsvSource({"4,4,1,false,false,0", "4,4,2,true,false,0", "3,5,2,false,true,0", "4,5,2,true,true,0",
            "4,4,2,false,false,0.3", "5,21,2,true,true,0", "3,18,1,false,true,0.3"})
    void gradientMatchesFiniteDifferences(int t, int s, int heads, boolean causal, boolean padded, float dropout) {
        Tensor[] in = qkv(3, 2, t, s, 4, 6);
        Tensor mask = padded ? Tensor.of(new float[2 * s], 2, s) : null;
        if (padded) {
            for (int j = 0; j < s; j++) mask.data()[j] = 1f;             // sequence 0: all keys
            for (int j = 0; j < 2; j++) mask.data()[s + j] = 1f;         // sequence 1: two keys
        }
        // A fresh Rng per evaluation: every forward of the check draws the same dropout mask.
        GradCheck.Result r = GradCheck.check(x -> Attention.apply(x[0], x[1], x[2], heads, causal, mask, dropout,
                dropout > 0, new Rng(9)), in);
        assertTrue(r.passed(), r.worst());
    }

    /**
     * A cache of capacity C = 6 filled to 4 positions (the rest arbitrary): attending to its prefix in place gives
     * the output and gradients of attention over k, v cut to those 4, and no gradient into the unfilled positions.
     */
    @ParameterizedTest(name = "keys={0} causal={1} padded={2}")
    @CsvSource({"4,false,false", "4,true,true", "6,false,true", "1,false,false"})
    void prefixOfACacheEqualsTheCutKeysAndValues(int keys, boolean causal, boolean padded) {
        int c = 6;
        Tensor[] full = qkv(7, 2, 3, c, 4, 6);
        Tensor mask = padded ? Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0}, 2, c) : null;
        Tensor out = Attention.applyToPrefix(full[0], full[1], full[2], keys, 2, causal, mask, 0f, false, null);
        out.backward(Tensor.ones(out.shape()));

        Tensor q = Tensor.of(full[0].toArray(), full[0].shape()).requiresGrad(true);
        Tensor k = Tensor.of(cut(full[1], keys), 2, keys, 4).requiresGrad(true);
        Tensor v = Tensor.of(cut(full[2], keys), 2, keys, 6).requiresGrad(true);
        Tensor m = padded ? Tensor.of(cut(mask, keys), 2, keys) : null;
        Tensor want = Attention.apply(q, k, v, 2, causal, m);
        want.backward(Tensor.ones(want.shape()));
        assertArrayEquals(want.data(), out.data(), 1e-6f);
        assertArrayEquals(q.grad().data(), full[0].grad().data(), 1e-6f);
        float[] gk = full[1].grad().data(), gv = full[2].grad().data();
        assertArrayEquals(k.grad().data(), cut(Tensor.of(gk, 2, c, 4), keys), 1e-6f);
        assertArrayEquals(v.grad().data(), cut(Tensor.of(gv, 2, c, 6), keys), 1e-6f);
        for (int b = 0; b < 2; b++) {
            for (int i = keys * 4; i < c * 4; i++) assertEquals(0f, gk[b * c * 4 + i], "unfilled key position");
        }
        assertThrows(IllegalArgumentException.class, () -> Attention.applyToPrefix(full[0], full[1], full[2], c + 1, 2,
                false, null, 0f, false, null));
    }

    /**
     * Rows longer than a vector (S = 37: full vectors and a tail) against attention written out in double from its
     * definition: scores, −∞ for masked keys, softmax, weighted values; masked keys get weight exactly 0.
     */
    @ParameterizedTest(name = "causal={0} padded={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void longRowsEqualTheDefinition(boolean causal, boolean padded) {
        int b = 2, t = 19, s = 37, e = 8, heads = 2, d = e / heads;
        Tensor[] in = qkv(11, b, t, s, e, e);
        Tensor mask = null;
        if (padded) {
            mask = Tensor.of(new float[b * s], b, s);
            for (int j = 0; j < s; j++) mask.data()[j] = j % 5 == 3 ? 0f : 1f;   // holes, and a padded tail below
            for (int j = 0; j < 23; j++) mask.data()[s + j] = 1f;
        }
        float[] out = Attention.apply(in[0], in[1], in[2], heads, causal, mask).data();
        float[] q = in[0].data(), k = in[1].data(), v = in[2].data();
        for (int bb = 0; bb < b; bb++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    double[] w = new double[s];
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j < s; j++) {
                        boolean masked = causal && j > i || padded && mask.data()[bb * s + j] == 0f;
                        double dot = 0;
                        for (int c = 0; c < d; c++) dot += (double) q[(bb * t + i) * e + h * d + c] * k[(bb * s + j) * e + h * d + c];
                        w[j] = masked ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(d);
                        max = Math.max(max, w[j]);
                    }
                    for (int j = 0; j < s; j++) sum += w[j] = Math.exp(w[j] - max);
                    for (int c = 0; c < d; c++) {
                        double o = 0;
                        for (int j = 0; j < s; j++) o += w[j] / sum * v[(bb * s + j) * e + h * d + c];
                        assertEquals(o, out[(bb * t + i) * e + h * d + c], 2e-5, "b " + bb + " head " + h + " query " + i);
                    }
                }
            }
        }
    }

    /** The first {@code keys} positions of each batch element of x (B, C, W), contiguous. */
    private static float[] cut(Tensor x, int keys) {
        int b = x.dim(0), c = x.dim(1), w = x.rank() == 3 ? x.dim(2) : 1;
        float[] out = new float[b * keys * w];
        for (int i = 0; i < b; i++) System.arraycopy(x.data(), i * c * w, out, i * keys * w, keys * w);
        return out;
    }

    /** Negative control: a backward that drops the key gradient's scale must fail the check. */
    @Test
    void brokenBackwardIsCaught() {
        Tensor[] in = qkv(4, 1, 3, 3, 4, 4);
        GradCheck.Result r = GradCheck.check(x -> {
            Tensor good = Attention.apply(x[0], x[1], x[2], 2, false, null);
            Tensor bad = Tensor.of(good.toArray(), good.shape());
            return bad.withNode(new Node("broken-attention", x[0], x[1], x[2]) {
                @Override
                public void backward(Tensor g) {
                    good.node().backward(g);
                    float[] gk = x[1].grad().data();
                    for (int i = 0; i < gk.length; i++) gk[i] *= 0.5f;
                }
            });
        }, in);
        assertFalse(r.passed(), "a halved key gradient must fail the check; worst: " + r.worst());
    }

    /** A query with every key masked gets output 0 and passes no gradient (PyTorch 1.13 gives NaN). */
    @Test
    void fullyMaskedRowIsZeroNotNaN() {
        Tensor[] in = qkv(5, 2, 3, 3, 4, 4);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 0, 0, 0}, 2, 3);   // sequence 1 has no key at all
        Tensor out = Attention.apply(in[0], in[1], in[2], 2, false, mask);
        out.backward(Tensor.ones(out.shape()));
        for (int i = 0; i < 12; i++) assertTrue(Float.isFinite(out.data()[i]) && out.data()[i] != 0f, "row of sequence 0");
        for (int i = 12; i < 24; i++) assertEquals(0f, out.data()[i], "sequence 1 output element " + i);
        for (Tensor x : in) {
            for (int i = 0; i < x.size(); i++) assertTrue(Float.isFinite(x.grad().data()[i]), "finite gradient");
            for (int i = x.size() / 2; i < x.size(); i++) assertEquals(0f, x.grad().data()[i], "no gradient into sequence 1");
        }
    }

    /** Masked keys get weight exactly 0: changing their values or keys does not change the output. */
    @Test
    void maskedKeysHaveNoInfluence() {
        Tensor[] in = qkv(6, 1, 4, 4, 4, 4);
        Tensor before = Attention.apply(in[0], in[1], in[2], 2, true, null).copy();
        for (int c = 0; c < 4; c++) {   // perturb key/value 3, which only query 3 may see under the causal mask
            in[1].data()[3 * 4 + c] += 5f;
            in[2].data()[3 * 4 + c] -= 5f;
        }
        Tensor after = Attention.apply(in[0], in[1], in[2], 2, true, null);
        for (int i = 0; i < 12; i++) assertEquals(before.data()[i], after.data()[i], "queries 0..2, element " + i);
        assertFalse(before.data()[12] == after.data()[12], "query 3 sees key 3");
    }

    /** Inside a workspace whose recycled buffers hold NaN, results equal the heap run (every buffer written). */
    @Test
    void recycledScratchNeverLeaks() {
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 0, 0}, 2, 3);
        Supplier<float[][]> run = () -> {
            Tensor[] in = qkv(8, 2, 3, 3, 4, 4);
            Tensor out = Attention.apply(in[0], in[1], in[2], 2, true, mask, 0.25f, true, new Rng(1));
            out.backward(Tensor.ones(out.shape()));
            return new float[][] {out.toArray(), in[0].grad().toArray(), in[1].grad().toArray(), in[2].grad().toArray()};
        };
        float[][] heap = run.get();
        try (Workspace ws = Workspace.open()) {
            for (int n = 1; n <= 80; n++) {
                for (int k = 0; k < 6; k++) Arrays.fill(Tensor.scratch(n).data(), Float.NaN);
            }
            ws.close();
            ws.reopen();
            float[][] reused = run.get();
            for (int i = 0; i < heap.length; i++) assertArrayEquals(heap[i], reused[i], "result " + i);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor[] in = qkv(7, 2, 3, 3, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attention.apply(in[0], in[1], in[2], 3, false, null));
        assertTrue(e.getMessage().contains("heads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Attention.apply(in[0], in[1], in[2], 2, false, Tensor.ones(2, 4)));
        assertTrue(e.getMessage().contains("keyMask"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Attention.apply(in[0], in[1], in[2], 2, false, null, 0.5f, true, null));
        assertTrue(e.getMessage().contains("Rng"), e.getMessage());
    }
}
