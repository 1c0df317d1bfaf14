// The reference elementwise kernels: plain float loops, one element at a time.
package dev.xent.kernel;

/** The reference every faster {@link VecOps} is tested against (VectorVecOpsPropertyTest). */
public final class ScalarVecOps implements VecOps {

    @Override public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    @Override public void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    @Override public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    @Override public void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    @Override public void mulAdd(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] += a[ao + i] * b[bo + i];
    }

    @Override public void mulMask(float[] x, int xo, float[] words, int wo, float scale, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] * maskBit(words, wo, i, scale);
    }

    @Override public void mulMaskAdd(float[] g, int go, float[] words, int wo, float scale, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] += g[go + i] * maskBit(words, wo, i, scale);
    }

    /** scale when bit i of the words from wo on is set, else 0. */
    static float maskBit(float[] words, int wo, int i, float scale) {
        return ((int) words[wo + (i >>> 4)] >>> (i & 15) & 1) != 0 ? scale : 0f;
    }

    @Override public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = alpha * x[xo + i];
    }

    @Override public void addScalar(float c, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] + c;
    }

    @Override public void relu(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            out[oo + i] = v > 0f ? v : 0f;
        }
    }

    @Override public void exp(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.exp(x[xo + i]);
    }

    @Override public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.tanh(x[xo + i]);
    }

    @Override public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = sigmoid(x[xo + i]);
    }

    /** sigma(x) = 1/(1+e^-x) for x >= 0, e^x/(1+e^x) for x < 0: exp never overflows. */
    static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override public float sum(float[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xo + i];
        return s;
    }

    @Override public float sumSquares(float[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xo + i] * x[xo + i];
        return s;
    }

    @Override public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    @Override public float max(float[] x, int xo, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            if (v > m || Float.isNaN(v)) m = v;
            if (Float.isNaN(m)) return m;
        }
        return m;
    }

    @Override public void lstmCell(float[] gates, int go, float[] cPrev, int cpo, float[] c, int co, float[] h, int ho,
                                   int hid) {
        sigmoid(gates, go, gates, go, 2 * hid);
        tanh(gates, go + 2 * hid, gates, go + 2 * hid, hid);
        sigmoid(gates, go + 3 * hid, gates, go + 3 * hid, hid);
        for (int j = 0; j < hid; j++) {
            float cj = gates[go + hid + j] * cPrev[cpo + j];
            cj += gates[go + j] * gates[go + 2 * hid + j];
            c[co + j] = cj;
            h[ho + j] = gates[go + 3 * hid + j] * (float) Math.tanh(cj);
        }
    }

    @Override public void lstmCellBackward(float[] gates, int go, float[] c, int co, float[] cPrev, int cpo,
                                           float[] dh, int dho, float[] dc, int dco, float[] da, int dao, int hid) {
        for (int j = 0; j < hid; j++) {
            float i = gates[go + j], f = gates[go + hid + j], g = gates[go + 2 * hid + j], o = gates[go + 3 * hid + j];
            float tc = (float) Math.tanh(c[co + j]), dhv = dh[dho + j];
            float dcv = dc[dco + j] + dhv * o * (1 - tc * tc);
            da[dao + j] = dcv * g * i * (1 - i);
            da[dao + hid + j] = dcv * cPrev[cpo + j] * f * (1 - f);
            da[dao + 2 * hid + j] = dcv * i * (1 - g * g);
            da[dao + 3 * hid + j] = dhv * tc * o * (1 - o);
            dc[dco + j] = dcv * f;
        }
    }

    @Override public float addMax(float[] x, int xo, float[] b, int bo, int n) {
        for (int i = 0; i < n; i++) x[xo + i] += b[bo + i];
        return max(x, xo, n);
    }

    @Override public void layerNormBackwardRow(float[] x, int xo, float[] g, int go, float[] gamma, float mu,
                                               float r, float[] dx, int dxo, int n) {
        float sg = 0f, sgx = 0f;
        for (int i = 0; i < n; i++) {
            float xh = (x[xo + i] - mu) * r, gh = gamma == null ? g[go + i] : g[go + i] * gamma[i];
            sg += gh;
            sgx += gh * xh;
        }
        float meanG = sg / n, meanGX = sgx / n;
        for (int i = 0; i < n; i++) {
            float xh = (x[xo + i] - mu) * r, gh = gamma == null ? g[go + i] : g[go + i] * gamma[i];
            dx[dxo + i] += r * (gh - meanG - xh * meanGX);
        }
    }

    @Override public float expShifted(float[] x, int xo, float m, float[] out, int oo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - m);
            out[oo + i] = e;
            s += e;
        }
        return s;
    }

    @Override public float softmax(float[] x, int xo, float[] out, int oo, int n) {
        float m = max(x, xo, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - m);
            out[oo + i] = e;
            s += e;
        }
        float inv = 1f / s;
        for (int i = 0; i < n; i++) out[oo + i] *= inv;
        return m + (float) Math.log(s);
    }

    @Override public float logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        float m = max(x, xo, n);
        float s = 0f;
        for (int i = 0; i < n; i++) s += (float) Math.exp(x[xo + i] - m);
        // (x - m) - log(s), not x - (m + log(s)): x - m is exact for the largest logits, so at |x| ~ 1e4 the
        // result keeps float precision instead of losing it to the rounding of m + log(s) (as PyTorch does).
        float logS = (float) Math.log(s);
        for (int i = 0; i < n; i++) out[oo + i] = (x[xo + i] - m) - logS;
        return m + logS;
    }

    @Override public void gelu(float[] x, int xo, float[] out, int oo, int n, boolean tanhApproximation) {
        for (int i = 0; i < n; i++) out[oo + i] = Gelu.forward(x[xo + i], tanhApproximation);
    }

    @Override public void geluBackward(float[] x, int xo, float[] g, int go, float[] gx, int gxo, int n,
                                       boolean tanhApproximation) {
        for (int i = 0; i < n; i++) gx[gxo + i] += g[go + i] * Gelu.derivative(x[xo + i], tanhApproximation);
    }

    @Override public void adam(AdamStep c, float[] w, float[] m, float[] v, float[] vmax, int off, float[] g,
                               int gOff, int n) {
        adamRange(c, w, m, v, vmax, off, g, gOff, 0, n);
    }

    /** The Adam rule of {@link VecOps#adam} on elements [from, to) (also the vector kernel's tail). */
    static void adamRange(AdamStep c, float[] w, float[] m, float[] v, float[] vmax, int off, float[] g, int gOff,
                          int from, int to) {
        float b1 = c.beta1(), c1 = c.oneMinusBeta1(), b2 = c.beta2(), c2 = c.oneMinusBeta2();
        float wd = c.weightDecay(), shrink = c.shrink(), bc2Sqrt = c.bc2Sqrt(), e = c.eps(), step = c.stepSize();
        boolean decoupled = c.decoupled();
        for (int j = from; j < to; j++) {
            int i = off + j;
            float gi = g[gOff + j];
            if (wd != 0) {
                if (decoupled) w[i] *= shrink;
                else gi += wd * w[i];
            }
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            float vi = v[i];
            if (vmax != null) vi = vmax[i] = Math.max(vmax[i], vi);
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
            w[i] -= step * (m[i] / denom);
        }
    }

    @Override public String name() {
        return "scalar";
    }
}
