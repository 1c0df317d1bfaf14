// word2vec: skip-gram or CBOW with negative sampling, trained by lock-free (hogwild) SGD as fastText trains them.
package dev.xent.task.embed;

import dev.xent.kernel.Kernels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Mikolov et al. (2013). Words seen fewer than minCount times are dropped; every remaining token is kept with
 * probability min(1, sqrt(t/f) + t/f) (f its corpus frequency) each time it is visited. At each kept position
 * the half-width b is uniform in [1, window]; the context is the kept words within b on either side.
 * SKIPGRAM: for each context word c, h = in[w]; CBOW: once, h = mean of in[c] over the context, target w.
 * For the target (label 1) and {@code negatives} words drawn from counts^0.75 (label 0, never the target):
 * s = σ(out[t]·h), a = lr·(label − s), grad += a·out[t], out[t] += a·h; then grad is added to in[w]
 * (skip-gram) or to every in[c] (CBOW, undivided, as fastText). Loss = −log s (label 1) − log(1 − s) (label 0).
 * in starts uniform in [−1/dim, 1/dim], out at zero; lr decays linearly to 0 over epochs × tokens. The result
 * is the input matrix. Threads: thread t starts at sentence t·n/threads and walks on (wrapping) until the shared
 * token count reaches epochs × tokens; with one thread a seed gives one result.
 */
public final class WordVectorTrainer {
    private WordVectorTrainer() {}

    /** The vectors, mean loss per prediction, tokens in the corpus after minCount, and wall seconds. */
    public record Result(WordVectors vectors, double meanLoss, long corpusTokens, double seconds) {}

    private static final int TABLE = 1_000_000;   // negative-sampling table entries (fastText uses 10M)

    public static Result train(List<String[]> sentences, WordVectorConfig c) {
        long start = System.nanoTime();
        Map<String, long[]> counts = new HashMap<>();
        for (String[] s : sentences) for (String w : s) counts.computeIfAbsent(w, k -> new long[1])[0]++;
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) if (e.getValue()[0] >= c.minCount()) words.add(e.getKey());
        words.sort((a, b) -> {
            int byCount = Long.compare(counts.get(b)[0], counts.get(a)[0]);
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        if (words.size() < 2) {
            throw new IllegalArgumentException("only " + words.size() + " word(s) occur >= minCount = " + c.minCount()
                    + " times; word vectors need a larger corpus or a smaller minCount");
        }
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < words.size(); i++) id.put(words.get(i), i);
        List<int[]> corpus = new ArrayList<>();
        long total = 0;
        for (String[] s : sentences) {
            int[] ids = java.util.Arrays.stream(s).filter(id::containsKey).mapToInt(id::get).toArray();
            if (ids.length > 1) corpus.add(ids);
            total += ids.length;
        }
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no sentence has two or more words that occur >= minCount = "
                    + c.minCount() + " times; word vectors need contexts (more text or a smaller minCount)");
        }
        int v = words.size(), dim = c.dim();
        float[] keep = new float[v];
        double[] pow = new double[v];
        double powSum = 0;
        for (int i = 0; i < v; i++) {
            double f = (double) counts.get(words.get(i))[0] / total;
            keep[i] = (float) Math.min(1, Math.sqrt(c.sample() / f) + c.sample() / f);
            pow[i] = Math.pow(counts.get(words.get(i))[0], 0.75);
            powSum += pow[i];
        }
        int[] table = new int[TABLE];
        for (int i = 0, pos = 0; i < v && pos < TABLE; i++) {
            int n = (int) Math.ceil(pow[i] / powSum * TABLE);
            for (int k = 0; k < n && pos < TABLE; k++) table[pos++] = i;
        }
        SplittableRandom init = new SplittableRandom(c.seed());
        float[] in = new float[v * dim], out = new float[v * dim];
        for (int i = 0; i < in.length; i++) in[i] = (float) ((init.nextDouble() * 2 - 1) / dim);
        Shared sh = new Shared(c, corpus, keep, table, in, out, dim, total * c.epochs());
        if (c.threads() == 1) {
            sh.worker(0).run();
        } else {
            Thread[] ts = new Thread[c.threads()];
            Throwable[] failure = new Throwable[1];
            for (int t = 0; t < ts.length; t++) {
                ts[t] = new Thread(sh.worker(t), "xent-word2vec-" + t);
                ts[t].setUncaughtExceptionHandler((th, e) -> {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    sh.done.set(Long.MAX_VALUE / 2);   // stop the others
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training word vectors", e);
                }
            }
            if (failure[0] != null) throw new IllegalStateException("a training thread failed: " + failure[0], failure[0]);
        }
        double loss = sh.predictions.sum() == 0 ? Double.NaN : sh.loss.sum() / sh.predictions.sum();
        return new Result(new WordVectors(words, in, dim), loss, total, (System.nanoTime() - start) / 1e9);
    }

    /** State shared by the hogwild workers. */
    private static final class Shared {
        final WordVectorConfig c;
        final List<int[]> corpus;
        final float[] keep, in, out;
        final int[] table;
        final int dim;
        final long budget;
        final AtomicLong done = new AtomicLong();
        final DoubleAdder loss = new DoubleAdder(), predictions = new DoubleAdder();

        Shared(WordVectorConfig c, List<int[]> corpus, float[] keep, int[] table, float[] in, float[] out, int dim,
               long budget) {
            this.c = c;
            this.corpus = corpus;
            this.keep = keep;
            this.table = table;
            this.in = in;
            this.out = out;
            this.dim = dim;
            this.budget = budget;
        }

        Runnable worker(int t) {
            return () -> {
                SplittableRandom rng = new SplittableRandom(c.seed() * 7919 + t + 1);
                float[] h = new float[dim], grad = new float[dim];
                int[] ctx = new int[2 * c.window()], kept = new int[0];
                int s = (int) ((long) t * corpus.size() / c.threads());
                long local = 0;
                double lossSum = 0, preds = 0;
                while (true) {
                    long progress = done.get();
                    if (progress >= budget) break;
                    float lr = (float) (c.lr() * (1 - (double) progress / budget));
                    int[] sent = corpus.get(s);
                    s = (s + 1) % corpus.size();
                    if (kept.length < sent.length) kept = new int[sent.length];
                    int n = 0;
                    for (int w : sent) if (rng.nextFloat() < keep[w]) kept[n++] = w;
                    for (int i = 0; i < n; i++) {
                        int b = 1 + rng.nextInt(c.window()), nc = 0;
                        for (int j = Math.max(0, i - b); j <= Math.min(n - 1, i + b); j++) if (j != i) ctx[nc++] = kept[j];
                        if (nc == 0) continue;
                        if (c.mode() == WordVectorConfig.Mode.SKIPGRAM) {
                            for (int k = 0; k < nc; k++) {
                                System.arraycopy(in, kept[i] * dim, h, 0, dim);
                                java.util.Arrays.fill(grad, 0f);
                                lossSum += update(h, grad, ctx[k], lr, rng);
                                Kernels.vec().axpy(1f, grad, 0, in, kept[i] * dim, dim);
                                preds++;
                            }
                        } else {
                            java.util.Arrays.fill(h, 0f);
                            for (int k = 0; k < nc; k++) Kernels.vec().axpy(1f / nc, in, ctx[k] * dim, h, 0, dim);
                            java.util.Arrays.fill(grad, 0f);
                            lossSum += update(h, grad, kept[i], lr, rng);
                            for (int k = 0; k < nc; k++) Kernels.vec().axpy(1f, grad, 0, in, ctx[k] * dim, dim);
                            preds++;
                        }
                    }
                    local += sent.length;
                    if (local >= 1000) {
                        done.addAndGet(local);
                        local = 0;
                    }
                }
                loss.add(lossSum);
                predictions.add(preds);
            };
        }

        /** Negative-sampling step for one (h, target) pair; adds to grad and out; returns the loss. */
        private double update(float[] h, float[] grad, int target, float lr, SplittableRandom rng) {
            double l = 0;
            for (int k = 0; k <= c.negatives(); k++) {
                int t = target;
                if (k > 0) {
                    do t = table[rng.nextInt(table.length)]; while (t == target);
                }
                float label = k == 0 ? 1f : 0f;
                float score = sigmoid(Kernels.vec().dot(out, t * dim, h, 0, dim));
                float a = lr * (label - score);
                Kernels.vec().axpy(a, out, t * dim, grad, 0, dim);
                Kernels.vec().axpy(a, h, 0, out, t * dim, dim);
                l -= Math.log(Math.max(1e-7f, k == 0 ? score : 1 - score));
            }
            return l;
        }
    }

    private static float sigmoid(float x) {
        if (x > 30) return 1f;
        if (x < -30) return 0f;
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
