// word2vec as a hogwild task: skip-gram or CBOW with negative sampling, one sentence per step, lr decaying linearly
// to 0 by the shared token count, each thread with its own place in the corpus and its own generator.
package dev.xent.task.embed;

import dev.xent.kernel.Kernels;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Hogwild;
import dev.xent.train.HogwildTask;
import dev.xent.train.TaskState;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mikolov et al. (2013). Words seen fewer than minCount times are dropped; every remaining token is kept with
 * probability min(1, sqrt(t/f) + t/f) (f its corpus frequency) each time it is visited. At each kept position
 * the half-width b is uniform in [1, window]; the context is the kept words within b on either side.
 * SKIPGRAM: for each context word c, h = in[w]; CBOW: once, h = mean of in[c] over the context, target w.
 * For the target (label 1) and {@code negatives} words drawn from counts^0.75 (label 0, never the target):
 * s = σ(out[t]·h), a = lr·(label − s), grad += a·out[t], out[t] += a·h; then grad is added to in[w]
 * (skip-gram) or to every in[c] (CBOW, undivided, as fastText). Loss = −log s (label 1) − log(1 − s) (label 0).
 * in starts uniform in [−1/dim, 1/dim], out at zero; lr decays linearly to 0 over epochs × tokens (every token
 * left after minCount, in sentences of one word too, which are not trained on). The result is the input matrix.
 *
 * <p>Run by {@link Hogwild}: a step is one sentence (of two or more words); thread t starts at sentence
 * t·n/threads and walks on (wrapping) until the shared token count reaches epochs × tokens. Checkpoints hold each
 * thread's place, unflushed tokens, loss sums and generator: with one thread a resumed run equals the
 * uninterrupted one bit for bit.
 * <pre>{@code
 * WordVectorTask task = WordVectorTask.of(sentences, WordVectorConfig.skipGram());
 * task.fit(TrainOptions.builder().checkpointing(Checkpointing.to(dir)).build());
 * task.vectors().save(Path.of("vectors.vec"));
 * }</pre>
 */
public final class WordVectorTask implements HogwildTask {
    private static final int TABLE = 1_000_000;   // negative-sampling table entries (fastText uses 10M)

    private final WordVectorConfig c;
    private final List<String> words;   // the vocabulary, most frequent first
    private final List<int[]> corpus;   // sentences of two or more word ids
    private final float[] keep;         // per word: the probability of keeping a visit
    private final int[] table;          // word ids, each repeated in proportion to count^0.75
    private final float[] in, out;      // (V, dim) each
    private final int dim;
    private final long corpusTokens, budget;
    private final AtomicLong done = new AtomicLong();   // tokens of the visited sentences, as threads flush them
    private final Worker[] workers;

    private WordVectorTask(WordVectorConfig c, List<String> words, List<int[]> corpus, float[] keep, int[] table,
                           long corpusTokens) {
        this.c = c;
        this.words = words;
        this.corpus = corpus;
        this.keep = keep;
        this.table = table;
        this.dim = c.dim();
        this.corpusTokens = corpusTokens;
        this.budget = corpusTokens * c.epochs();
        int v = words.size();
        Rng init = new Rng(c.seed());
        in = new float[v * dim];
        out = new float[v * dim];
        for (int i = 0; i < in.length; i++) in[i] = (float) ((init.nextDouble() * 2 - 1) / dim);
        workers = new Worker[c.threads()];
        for (int t = 0; t < workers.length; t++) workers[t] = new Worker(t, (int) ((long) t * corpus.size() / workers.length));
    }

    /** The vocabulary of {@code sentences} (tokenised text), its sampling tables and initial vectors. */
    public static WordVectorTask of(List<String[]> sentences, WordVectorConfig c) {
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
            int[] ids = Arrays.stream(s).filter(id::containsKey).mapToInt(id::get).toArray();
            if (ids.length > 1) corpus.add(ids);
            total += ids.length;
        }
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no sentence has two or more words that occur >= minCount = "
                    + c.minCount() + " times; word vectors need contexts (more text or a smaller minCount)");
        }
        int v = words.size();
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
        return new WordVectorTask(c, words, corpus, keep, table, total);
    }

    /** Trains to the end (or a budget) with {@code options}' checkpoints, listeners, stop signal and budgets. */
    public Hogwild.Result fit(TrainOptions options) {
        return Hogwild.run(this, options);
    }

    /** Continues from the newest checkpoint in {@code options}' checkpoint directory. */
    public Hogwild.Result resume(TrainOptions options) throws IOException {
        return Hogwild.resume(this, options);
    }

    /** The input vectors as they are now (a copy). */
    public WordVectors vectors() {
        return new WordVectors(words, in, dim);
    }

    /** Mean loss per prediction (a target or context word with its negatives) over the run, NaN before any. */
    public double meanLoss() {
        double loss = 0, predictions = 0;
        for (Worker w : workers) {
            loss += w.lossSum;
            predictions += w.predictions;
        }
        return predictions == 0 ? Double.NaN : loss / predictions;
    }

    /** Tokens in the corpus after minCount (one epoch of the learning-rate schedule). */
    public long corpusTokens() {
        return corpusTokens;
    }

    @Override
    public int threads() {
        return workers.length;
    }

    @Override
    public long examplesPerEpoch() {
        return corpus.size();
    }

    @Override
    public int epochs() {
        return c.epochs();
    }

    @Override
    public boolean finished() {
        return done.get() >= budget;
    }

    @Override
    public double lr() {
        return c.lr() * Math.max(0, 1 - (double) done.get() / budget);
    }

    @Override
    public HogwildTask.Worker worker(int t) {
        return workers[t];
    }

    @Override
    public Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("in", Tensor.of(in, words.size(), dim));
        w.put("out", Tensor.of(out, words.size(), dim));
        return w;
    }

    /** Counters: "tokens" (the shared count), "worker/t" = {next sentence, unflushed tokens, loss-sum and predictions bits}, "rng/t". */
    @Override
    public TaskState state() {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("tokens", new long[] {done.get()});
        for (int t = 0; t < workers.length; t++) {
            Worker w = workers[t];
            s.put("worker/" + t, new long[] {w.next, w.local, Double.doubleToRawLongBits(w.lossSum),
                Double.doubleToRawLongBits(w.predictions)});
            s.put("rng/" + t, w.rng.state());
        }
        return new TaskState(Map.of(), s);
    }

    @Override
    public void restore(TaskState saved) {
        done.set(saved.longs("tokens")[0]);
        for (int t = 0; t < workers.length; t++) {
            long[] s = saved.longs("worker/" + t);
            Worker w = workers[t];
            w.next = (int) s[0];
            w.local = s[1];
            w.lossSum = Double.longBitsToDouble(s[2]);
            w.predictions = Double.longBitsToDouble(s[3]);
            w.rng.restore(saved.longs("rng/" + t));
        }
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mode", c.mode());
        f.put("dim", dim);
        f.put("window", c.window());
        f.put("negatives", c.negatives());
        f.put("minCount", c.minCount());
        f.put("epochs", c.epochs());
        f.put("lr", c.lr());
        f.put("sample", c.sample());
        f.put("seed", c.seed());
        f.put("vocabulary", words.size());
        f.put("corpus tokens", corpusTokens);
        return f;
    }

    /** One thread: its place in the corpus, tokens not yet added to the shared count, loss sums, generator, buffers. */
    private final class Worker implements HogwildTask.Worker {
        final Rng rng;
        int next;
        long local;
        double lossSum, predictions;
        private final float[] h = new float[dim], grad = new float[dim];
        private final int[] ctx = new int[2 * c.window()];
        private int[] kept = new int[0];

        Worker(int t, int start) {
            this.rng = new Rng(c.seed() * 7919 + t + 1);
            this.next = start;
        }

        /** Trains on the next sentence; returns its mean loss per prediction, or -1 when it made none. */
        @Override
        public double step() {
            float lr = (float) (c.lr() * (1 - (double) done.get() / budget));
            int[] sent = corpus.get(next);
            next = (next + 1) % corpus.size();
            if (kept.length < sent.length) kept = new int[sent.length];
            int n = 0;
            for (int w : sent) if (uniformFloat() < keep[w]) kept[n++] = w;
            double loss = 0;
            int made = 0;
            for (int i = 0; i < n; i++) {
                int b = 1 + rng.nextInt(c.window()), nc = 0;
                for (int j = Math.max(0, i - b); j <= Math.min(n - 1, i + b); j++) if (j != i) ctx[nc++] = kept[j];
                if (nc == 0) continue;
                if (c.mode() == WordVectorConfig.Mode.SKIPGRAM) {
                    for (int k = 0; k < nc; k++) {
                        System.arraycopy(in, kept[i] * dim, h, 0, dim);
                        Arrays.fill(grad, 0f);
                        double l = update(ctx[k], lr);
                        lossSum += l;
                        loss += l;
                        Kernels.vec().axpy(1f, grad, 0, in, kept[i] * dim, dim);
                        predictions++;
                        made++;
                    }
                } else {
                    Arrays.fill(h, 0f);
                    for (int k = 0; k < nc; k++) Kernels.vec().axpy(1f / nc, in, ctx[k] * dim, h, 0, dim);
                    Arrays.fill(grad, 0f);
                    double l = update(kept[i], lr);
                    lossSum += l;
                    loss += l;
                    for (int k = 0; k < nc; k++) Kernels.vec().axpy(1f, grad, 0, in, ctx[k] * dim, dim);
                    predictions++;
                    made++;
                }
            }
            local += sent.length;
            if (local >= 1000) {
                done.addAndGet(local);
                local = 0;
            }
            return made == 0 ? -1 : loss / made;
        }

        /** Uniform in [0, 1) from 24 bits of one int draw (SplittableRandom.nextFloat's recipe). */
        private float uniformFloat() {
            return (rng.nextInt() >>> 8) * 0x1.0p-24f;
        }

        /** Negative-sampling step for one (h, target) pair; adds to grad and out; returns the loss. */
        private double update(int target, float lr) {
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
