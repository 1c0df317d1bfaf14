// Fused multi-head scaled dot-product attention with causal and key-padding masks, heads packed in the last dim.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.kernel.VecOps;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.Arrays;

/**
 * q (B, T, E), k (B, S, E), v (B, S, Ev); head h owns columns [h·d, (h+1)·d) of q and k (d = E/H) and
 * [h·dv, (h+1)·dv) of v and of the output (B, T, Ev) — the layout nn.MultiheadAttention has after its input
 * projection and before its output projection, so no permute or copy is needed. Per batch element b and head h:
 *
 * <pre>
 *   S  = q_h · k_hᵀ / √d                       // (T, S) scores
 *   S[t, s] = −∞ where masked                   // causal: s &gt; t; key padding: keyMask[b, s] == 0
 *   P  = softmax over s (rows)                  // (T, S)
 *   P' = P ⊙ M / (1 − p)  in training           // dropout on the attention weights, M ~ Bernoulli(1 − p)
 *   out_h = P' · v_h                            // (T, dv)
 * </pre>
 *
 * <p>Backward, with G = dL/dout_h: dP' = G · v_hᵀ, dv_h += P'ᵀ · G, dP = dP' ⊙ M/(1 − p),
 * dS = P ⊙ (dP − rowsum(dP ⊙ P)), dq_h += dS · k_h / √d, dk_h += dSᵀ · q_h / √d. The forward keeps P and
 * M (as bits, {@link MaskBits}); P' is recomputed per head in the backward rather than kept.
 *
 * <p><b>Fully masked rows.</b> A query row whose keys are all masked (e.g. a padded batch element whose
 * key_padding_mask covers every key) has softmax over −∞ only. PyTorch 1.13's nn.MultiheadAttention returns
 * NaN there (and NaN gradients that poison every parameter). Here such a row gets attention weights 0, so its
 * output is 0 (the MHA output is then just the out_proj bias) and it passes no gradient. Rows with at least
 * one key are computed exactly as PyTorch does.
 *
 * <p>Mask convention: {@code keyMask} holds 1 for a real key and 0 for padding (as {@link Masking#lengthsToMask}
 * builds it) — the opposite of PyTorch's boolean key_padding_mask, where True means "ignore".
 */
public final class Attention {
    private Attention() {}

    /** Attention without dropout: see {@link #apply(Tensor, Tensor, Tensor, int, boolean, Tensor, float, boolean, Rng)}. */
    public static Tensor apply(Tensor q, Tensor k, Tensor v, int heads, boolean causal, Tensor keyMask) {
        return apply(q, k, v, heads, causal, keyMask, 0f, false, null);
    }

    /**
     * @param heads    number of heads H; E and Ev must be multiples of it
     * @param causal   mask key s for query t when s &gt; t (the upper triangle above the diagonal)
     * @param keyMask  (B, S), 1 = attend, 0 = padding; or null
     * @param dropout  probability of zeroing an attention weight in training, in [0, 1)
     * @param rng      source of the dropout mask (needed only when training with dropout &gt; 0)
     */
    public static Tensor apply(Tensor q, Tensor k, Tensor v, int heads, boolean causal, Tensor keyMask,
                               float dropout, boolean training, Rng rng) {
        return attendTo(q, k, v, -1, heads, causal, keyMask, dropout, training, rng);
    }

    /**
     * Attention to the first {@code keys} of the C positions of k (B, C, E) and v (B, C, Ev) alone, as if k and v
     * were cut to (B, keys, ·): the filled part of a preallocated key/value cache of capacity C, read in place
     * (positions keys..C−1 are neither read nor given gradient). keyMask, if given, is (B, C).
     */
    public static Tensor applyToPrefix(Tensor q, Tensor k, Tensor v, int keys, int heads, boolean causal,
                                       Tensor keyMask, float dropout, boolean training, Rng rng) {
        if (keys < 1) throw new IllegalArgumentException("attention to a cache prefix needs keys >= 1; got " + keys);
        return attendTo(q, k, v, keys, heads, causal, keyMask, dropout, training, rng);
    }

    private static Tensor attendTo(Tensor q, Tensor k, Tensor v, int keys, int heads, boolean causal, Tensor keyMask,
                                   float dropout, boolean training, Rng rng) {
        int[] dims = check(q, k, v, heads, keyMask);
        int e = dims[3], ev = dims[4];
        return attend(dims, keys, new Cols(q, 0, e), new Cols(k, 0, e), new Cols(v, 0, ev), heads, causal, keyMask,
                dropout, training, rng, new Tensor[] {q, k, v});
    }

    /**
     * Self-attention from the packed projection qkv (B, T, 3E) = [q | k | v] along the last dimension (what one
     * (E, 3E) input projection gives): the same values and gradients as {@link #apply} on the three column blocks,
     * read and written in place — no (B, T, E) copies of q, k, v, and their gradients land in qkv's gradient.
     */
    public static Tensor packed(Tensor qkv, int heads, boolean causal, Tensor keyMask, float dropout,
                                boolean training, Rng rng) {
        if (qkv.rank() != 3 || qkv.dim(2) % 3 != 0) {
            throw new IllegalArgumentException("packed attention needs qkv (B, T, 3E); got " + Shapes.str(qkv.shape()));
        }
        int nb = qkv.dim(0), nt = qkv.dim(1), e = qkv.dim(2) / 3;
        checkHeadsAndMask(nb, nt, e, e, heads, keyMask);
        return attend(new int[] {nb, nt, nt, e, e}, -1, new Cols(qkv, 0, 3 * e), new Cols(qkv, e, 3 * e), new Cols(qkv, 2 * e, 3 * e), heads,
                causal, keyMask, dropout, training, rng, new Tensor[] {qkv});
    }

    /** Columns [off, off + width) of every row of a (B, rows, ld) tensor: where q, k or v is read and its gradient written. */
    private record Cols(Tensor t, int off, int ld) {}

    /**
     * dims = {B, T, C, E, Ev} with C the positions of k and v; keys < 0 attends to all C, else to the first keys.
     * Offsets into k, v and keyMask step by C.
     */
    private static Tensor attend(int[] dims, int keys, Cols q, Cols k, Cols v, int heads, boolean causal, Tensor keyMask,
                                 float dropout, boolean training, Rng rng, Tensor[] inputs) {
        int nb = dims[0], nt = dims[1], nc = dims[2], e = dims[3], ev = dims[4];
        int ns = keys < 0 ? nc : keys;   // keys attended to
        if (ns > nc) {
            throw new IllegalArgumentException("attention: keys (" + ns + ") exceeds the " + nc + " positions of k and v");
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("attention dropout must be in [0, 1); got " + dropout);
        }
        boolean drop = training && dropout > 0f;
        if (drop && rng == null) {
            throw new IllegalArgumentException("attention dropout in training mode needs an Rng for its mask; got null");
        }
        int d = e / heads, dv = ev / heads, pairs = nb * heads, tile = nt * ns;
        int ldq = q.ld(), ldk = k.ld(), ldv = v.ld();
        float scale = (float) (1.0 / Math.sqrt(d));
        // Saved for backward; from the step workspace when one is open. Every element is written below.
        float[] p = Tensor.scratch(nb, heads, nt, ns).data();                  // (B, H, T, S) softmax weights P
        float[] m = drop ? MaskBits.draw(pairs * tile, dropout, rng) : null;  // (B, H, T, S) keep bits
        float keep = 1f / (1f - dropout);
        float[] km = keyMask == null ? null : keyMask.data();
        float[] kmBias = km == null ? null : maskRow(km, nb * nc, 0f, Float.NEGATIVE_INFINITY);   // (B, C) added
        float[] kmKeep = km == null ? null : maskRow(km, nb * nc, 1f, 0f);                        // (B, C) multiplied
        VecOps vec = Kernels.vec();
        Tensor out = Tensor.scratch(nb, nt, ev);              // (B, T, Ev)
        float[] qd = q.t().data(), kd = k.t().data(), vd = v.t().data(), od = out.data();
        Gemm gemm = Kernels.gemm();
        int minChunk = (int) Math.max(1, (1L << 15) / Math.max(1L, (long) tile * Math.max(d, dv)));  // ~32k MACs a task
        Parallel.forRange(pairs, minChunk, (from, to) -> {
            float[] pd = drop ? new float[2 * tile] : null;    // (T, S) P' = P ⊙ M for one head, then M
            for (int pair = from; pair < to; pair++) {
                int b = pair / heads, h = pair % heads, po = pair * tile;
                gemm.sgemm(false, true, nt, ns, d, scale, qd, b * nt * ldq + q.off() + h * d, ldq,
                        kd, b * nc * ldk + k.off() + h * d, ldk, 0f, p, po, ns);
                for (int t = 0; t < nt; t++) softmaxRow(vec, p, po + t * ns, ns, t, causal, kmKeep, kmBias, b * nc);
                if (drop) dropped(p, po, m, tile, keep, pd);
                gemm.sgemm(false, false, nt, dv, ns, 1f, drop ? pd : p, drop ? 0 : po, ns,
                        vd, b * nc * ldv + v.off() + h * dv, ldv, 0f, od, b * nt * ev + h * dv, ev);
            }
        });
        if (GradMode.needsGrad(inputs)) {
            out.withNode(new Node("attention", inputs) {
                @Override
                public void backward(Tensor g) {                       // g: (B, T, Ev)
                    float[] gd = g.data();
                    // Gradient buffers are created here, not in the workers (creation is not thread-safe). With a
                    // packed qkv the three are one array; every (b, h) pair writes its own columns of it.
                    // Every (b, h) pair writes its q, k and v column blocks once (one GEMM each), so a gradient that
                    // is the tensor's first is written (beta 0) instead of added into zeros — when q, k, v are three
                    // tensors, or the three column blocks of one packed tensor, and every key row is attended to.
                    boolean packed = q.t() == k.t() && k.t() == v.t();
                    boolean whole = keys < 0 && (packed || (q.t() != k.t() && k.t() != v.t() && q.t() != v.t()));
                    boolean fq = whole && q.t().gradUnset(), fk = fq && packed || whole && !packed && k.t().gradUnset();
                    boolean fv = fq && packed || whole && !packed && v.t().gradUnset();
                    float[] gq = grad(q.t(), fq), gk = packed ? gq : grad(k.t(), fk), gv = packed ? gq : grad(v.t(), fv);
                    float bq = fq ? 0f : 1f, bk = fk ? 0f : 1f, bv = fv ? 0f : 1f;
                    Parallel.forRange(pairs, minChunk, (from, to) -> {
                        float[] ds = new float[tile];                  // (T, S) dP', then dS in place
                        float[] pd = m != null ? new float[2 * tile] : null;   // P' then M for one head
                        for (int pair = from; pair < to; pair++) {
                            int b = pair / heads, h = pair % heads, po = pair * tile;
                            int qo = b * nt * ldq + q.off() + h * d, ko = b * nc * ldk + k.off() + h * d;
                            int vo = b * nc * ldv + v.off() + h * dv, go = b * nt * ev + h * dv;
                            if (m != null) dropped(p, po, m, tile, keep, pd);
                            if (gv != null) {                          // dv_h += P'ᵀ · G
                                gemm.sgemm(true, false, ns, dv, nt, 1f, m != null ? pd : p, m != null ? 0 : po, ns,
                                        gd, go, ev, bv, gv, vo, ldv);
                            }
                            if (gq == null && gk == null) continue;
                            gemm.sgemm(false, true, nt, ns, dv, 1f, gd, go, ev, vd, vo, ldv, 0f, ds, 0, ns);
                            if (m != null) vec.mul(ds, 0, pd, tile, ds, 0, tile);   // dP = dP' ⊙ M
                            for (int t = 0; t < nt; t++) {             // dS = P ⊙ (dP − Σ dP ⊙ P) per row
                                int r = t * ns;
                                float dot = vec.dot(ds, r, p, po + r, ns);
                                vec.addScalar(-dot, ds, r, ds, r, ns);
                                vec.mul(p, po + r, ds, r, ds, r, ns);
                            }
                            if (gq != null) gemm.sgemm(false, false, nt, d, ns, scale, ds, 0, ns, kd, ko, ldk, bq, gq, qo, ldq);
                            if (gk != null) gemm.sgemm(true, false, ns, d, nt, scale, ds, 0, ns, qd, qo, ldq, bk, gk, ko, ldk);
                        }
                    });
                }
            });
        }
        return out;
    }

    /** t's gradient array: null when t needs none; a fresh unzeroed one when {@code first} (written whole), else to add into. */
    private static float[] grad(Tensor t, boolean first) {
        if (!t.requiresGrad()) return null;
        return (first ? t.gradForOverwrite() : t.gradForAccumulation()).data();
    }

    /**
     * Masks and normalises one row of scores in place: masked entries become exactly 0; an all-masked row
     * becomes all zeros (see the class comment). Max-subtracted; vector kernels (exp as {@code VecOps.expShifted},
     * the sum in float lanes). A padded key gets −∞ from kmBias, so it neither sets the max nor (multiplied by its
     * 0 in kmKeep afterwards) keeps a weight; its exp underflows to at most 2^−149, which cannot move a sum ≥ 1.
     */
    private static void softmaxRow(VecOps vec, float[] x, int off, int n, int t, boolean causal, float[] kmKeep,
                                   float[] kmBias, int kmOff) {
        int limit = causal ? Math.min(n, t + 1) : n;          // keys s >= limit are causally masked
        float max = kmBias == null ? vec.max(x, off, limit) : vec.addMax(x, off, kmBias, kmOff, limit);
        if (max == Float.NEGATIVE_INFINITY) {                  // no key to attend to
            Arrays.fill(x, off, off + n, 0f);
            return;
        }
        float sum = vec.expShifted(x, off, max, x, off, limit);
        if (kmKeep != null) vec.mul(x, off, kmKeep, kmOff, x, off, limit);
        vec.scale(1f / sum, x, off, x, off, limit);
        if (limit < n) Arrays.fill(x, off + limit, off + n, 0f);
    }

    /** The key mask as {@code real} where it holds a real key (≠ 0) and {@code padding} where it holds 0. */
    private static float[] maskRow(float[] km, int n, float real, float padding) {
        float[] b = new float[n];
        for (int i = 0; i < n; i++) b[i] = km[i] == 0f ? padding : real;
        return b;
    }

    /** One head's dropped weights: buf[0, tile) = P' = P ⊙ M and buf[tile, 2·tile) = M, from the mask bits. */
    private static void dropped(float[] p, int po, float[] maskBits, int tile, float keep, float[] buf) {
        MaskBits.expand(maskBits, po, tile, keep, buf);
        System.arraycopy(buf, 0, buf, tile, tile);
        for (int i = 0; i < tile; i++) buf[i] = p[po + i] * buf[tile + i];
    }

    /** Validates shapes; returns {B, T, S, E, Ev}. */
    private static int[] check(Tensor q, Tensor k, Tensor v, int heads, Tensor keyMask) {
        if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3) {
            throw new IllegalArgumentException("attention needs q (B, T, E), k (B, S, E), v (B, S, Ev); got q "
                    + Shapes.str(q.shape()) + ", k " + Shapes.str(k.shape()) + ", v " + Shapes.str(v.shape()));
        }
        int nb = q.dim(0), nt = q.dim(1), e = q.dim(2), ns = k.dim(1), ev = v.dim(2);
        if (k.dim(0) != nb || v.dim(0) != nb || v.dim(1) != ns || k.dim(2) != e) {
            throw new IllegalArgumentException("attention: shapes disagree: q " + Shapes.str(q.shape()) + ", k "
                    + Shapes.str(k.shape()) + ", v " + Shapes.str(v.shape())
                    + "; need the same batch B, k and v the same length S, q and k the same width E");
        }
        checkHeadsAndMask(nb, ns, e, ev, heads, keyMask);
        return new int[] {nb, nt, ns, e, ev};
    }

    private static void checkHeadsAndMask(int nb, int ns, int e, int ev, int heads, Tensor keyMask) {
        if (heads < 1 || e % heads != 0 || ev % heads != 0) {
            throw new IllegalArgumentException("attention: heads must be >= 1 and divide the widths E = " + e
                    + " and Ev = " + ev + "; got heads = " + heads);
        }
        if (keyMask != null && (keyMask.rank() != 2 || keyMask.dim(0) != nb || keyMask.dim(1) != ns)) {
            throw new IllegalArgumentException("attention: keyMask must be (B, S) = (" + nb + ", " + ns
                    + "), 1 for a real key and 0 for padding; got " + Shapes.str(keyMask.shape()));
        }
    }
}
