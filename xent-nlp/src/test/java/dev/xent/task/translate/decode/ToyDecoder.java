// A tiny deterministic IncrementalDecoder for search tests: next-token log-probs are a fixed function of (source, prefix).
package dev.xent.task.translate.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Each row holds its source and its prefix (bos first); the next-token distribution comes from a function of the
 * two (by default pseudo-random logits seeded by their hash, log-softmaxed). Checks the protocol as it goes: the
 * fed tokens' count matches the rows, and a state replaced by {@code select} is never used again.
 */
class ToyDecoder implements IncrementalDecoder<ToyDecoder.State> {
    static final int BOS = 0;
    static final int EOS = 1;

    final class State {
        final List<int[]> sources = new ArrayList<>();   // per row
        final List<int[][]> prefixes = new ArrayList<>(); // per row, a box holding the prefix (bos first): the "cache"
        boolean dead;

        /** Makes row i use row j's cache object (a bug that DecoderContractTest plants). */
        void shareWith(int i, int j) {
            prefixes.set(i, prefixes.get(j));
        }
    }

    private final int vocab;
    private final BiFunction<int[], int[], double[]> distribution;
    final AtomicInteger logProbCalls = new AtomicInteger();   // atomic: CorpusDecoding shares the model
    final AtomicInteger rowsScored = new AtomicInteger();

    /** Pseudo-random distributions over {@code vocab} tokens. */
    ToyDecoder(int vocab) {
        this(vocab, (source, prefix) -> {
            long h = 31L * Arrays.hashCode(source) + Arrays.hashCode(prefix);
            java.util.Random rng = new java.util.Random(h * 0x9E3779B97F4A7C15L);
            double[] p = new double[vocab];
            for (int v = 0; v < vocab; v++) p[v] = Math.exp(2.5 * rng.nextGaussian());
            return p;
        });
    }

    /** {@code distribution(source, prefix)} gives unnormalised probabilities (0 = forbidden). */
    ToyDecoder(int vocab, BiFunction<int[], int[], double[]> distribution) {
        this.vocab = vocab;
        this.distribution = distribution;
    }

    /** log p(next | source, prefix), prefix starting with bos. */
    double[] logProbs(int[] source, int[] prefix) {
        double[] p = distribution.apply(source, prefix);
        double z = 0;
        for (double x : p) z += x;
        double[] lp = new double[vocab];
        for (int v = 0; v < vocab; v++) lp[v] = Math.log(p[v] / z);
        return lp;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    /** Positions the toy "model" has; a longer prefix is a protocol error. Tests may lower it. */
    int maxTarget = Integer.MAX_VALUE;

    @Override
    public int maxTargetLength() {
        return maxTarget;
    }

    @Override
    public int bos() {
        return BOS;
    }

    @Override
    public int eos() {
        return EOS;
    }

    @Override
    public State start(int[][] sources) {
        State s = new State();
        for (int[] src : sources) {
            s.sources.add(src.clone());
            s.prefixes.add(new int[][] {new int[0]});
        }
        return s;
    }

    @Override
    public float[] logProbs(State s, int[] lastTokens) {
        if (s.dead) throw new AssertionError("state used after select");
        if (lastTokens.length != s.prefixes.size()) {
            throw new AssertionError(lastTokens.length + " tokens fed to " + s.prefixes.size() + " rows");
        }
        logProbCalls.incrementAndGet();
        rowsScored.addAndGet(lastTokens.length);
        float[] out = new float[lastTokens.length * vocab];
        for (int r = 0; r < lastTokens.length; r++) {
            int[] old = s.prefixes.get(r)[0];
            if (old.length == 0 && lastTokens[r] != BOS) throw new AssertionError("first token must be bos");
            if (lastTokens[r] == EOS) throw new AssertionError("eos fed back to row " + r);
            int[] prefix = Arrays.copyOf(old, old.length + 1);
            prefix[old.length] = lastTokens[r];
            if (prefix.length > maxTarget) throw new AssertionError("prefix of " + prefix.length + " > " + maxTarget);
            s.prefixes.get(r)[0] = prefix;
            double[] lp = logProbs(s.sources.get(r), prefix);
            for (int v = 0; v < vocab; v++) out[r * vocab + v] = (float) lp[v];
        }
        return out;
    }

    @Override
    public State select(State s, int[] rows) {
        if (s.dead) throw new AssertionError("state used after select");
        s.dead = true;
        State t = new State();
        for (int r : rows) {
            t.sources.add(s.sources.get(r));
            t.prefixes.add(new int[][] {s.prefixes.get(r)[0]});
        }
        return t;
    }
}
