// fastText's supervised training as a hogwild task: one example's SGD update (softmax or one sigmoid per class), the
// learning rate lr * (1 - tokensDone / (epoch * tokens)) from the shared token count, and each thread's place in the data.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.kernel.Kernels;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Hogwild;
import dev.xent.train.HogwildTask;
import dev.xent.train.TaskState;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FastTextClassifier} and its encoded training examples, trained by {@link Hogwild} (which owns the
 * threads, epochs, checkpoints, budgets, the stop signal and the divergence guard):
 * <pre>{@code
 * FastTextTask task = FastTextTask.of(train, config);     // dictionary, initial weights, encoded examples
 * task.fit(TrainOptions.builder().checkpointing(Checkpointing.to(dir)).build());
 * task.classifier().save(file);                          // after a divergence too: the last checkpoint's weights
 * }</pre>
 * As fastText: thread t starts at example t·n/threads (fastText seeks t·size/threads into the file), walks the
 * examples in order and wraps around, until the shared token count reaches epoch × tokens (a token: a word, the
 * "&lt;/s&gt;" and each label); a thread adds its tokens to the shared count once it holds more than lrUpdateRate.
 * Checkpoints hold each thread's next example, unflushed tokens and generator, and the shared count: with one
 * thread a resumed run equals the uninterrupted one bit for bit; several threads interleave their lock-free
 * updates differently in every run anyway.
 */
public final class FastTextTask implements HogwildTask {
    private final FastTextClassifier classifier;
    private final FastTextModel m;
    private final FastTextConfig cfg;
    private final int[][] inputs;      // per example: input rows (all >= 0)
    private final int[][] targets;     // per example: label ids
    private final int[] tokens;        // per example: tokens for the schedule (words + </s> + labels, as fastText)
    private final float[] classWeight; // per label
    private final long totalTokens;    // epochs × the tokens of all examples
    private final int epochs;
    private final double progressFrom, progressSpan; // the lr schedule's progress runs from..from+span over this task
    private final AtomicLong tokenCount = new AtomicLong();
    private final Worker[] workers;

    private FastTextTask(FastTextClassifier classifier, int[][] inputs, int[][] targets, int[] tokens,
                         float[] classWeight, int epochs, double progressFrom, double progressTo) {
        this.epochs = epochs;
        this.progressFrom = progressFrom;
        this.progressSpan = progressTo - progressFrom;
        this.classifier = classifier;
        this.m = classifier.model();
        this.cfg = classifier.config();
        this.inputs = inputs;
        this.targets = targets;
        this.tokens = tokens;
        this.classWeight = classWeight;
        long t = 0;
        for (int k : tokens) t += k;
        this.totalTokens = t * epochs;
        workers = new Worker[cfg.threads()];
        for (int w = 0; w < workers.length; w++) workers[w] = new Worker(w, (int) ((long) w * inputs.length / workers.length));
    }

    /**
     * The untrained classifier of {@code data} (its vocabulary, word n-gram buckets and labels; weights initialised
     * as fastText does) and the data encoded for training. With Loss.SOFTMAX and several labels on one example,
     * each visit trains on one of them drawn at random, as fastText does.
     */
    public static FastTextTask of(List<Example> data, FastTextConfig config) {
        FastTextCorpus corpus = new FastTextCorpus();
        data.forEach(corpus::add);
        return of(corpus, config);
    }

    /**
     * As {@link #of(List, FastTextConfig)}, from examples encoded as they were read; the task takes over the
     * corpus's arrays, so the corpus cannot be added to or used again.
     */
    public static FastTextTask of(FastTextCorpus corpus, FastTextConfig config) {
        if (corpus.size() == 0) {
            throw new IllegalArgumentException("data must hold at least one example; got none. Fix: check that"
                    + " the reader found records in the file");
        }
        FastTextDictionary dict = corpus.dictionary(config.minCount(), config.wordNgrams(), config.bucket(),
                config.minn(), config.maxn());
        FastTextCorpus.Encoded data = corpus.encode(dict);
        float[] classWeight = classWeights(config.classWeights(), dict);
        FastTextModel model = FastTextModel.init(dict, config.dim(), config.seed());
        return new FastTextTask(new FastTextClassifier(config, dict, model, Double.NaN), data.inputs(), data.targets(),
                data.tokens(), classWeight, config.epoch(), 0, 1);
    }

    /**
     * One pass over {@code data} that goes on training {@code classifier}'s own weights (in place) with its
     * dictionary, as one piece of a longer run: the learning rate falls linearly from lr·(1 − progressFrom) to
     * lr·(1 − progressTo), as it does over that stretch of the whole run. Data-parallel training (xent-spark) runs one
     * such piece per worker between two averagings. Words and n-grams not in the dictionary are left out (the
     * dictionary of the whole data has them all), as are labels it does not know.
     */
    public static FastTextTask continuing(FastTextClassifier classifier, List<Example> data, double progressFrom,
                                          double progressTo) {
        if (data.isEmpty()) throw new IllegalArgumentException("data must hold at least one example; got none");
        if (!(0 <= progressFrom && progressFrom <= progressTo && progressTo <= 1)) {
            throw new IllegalArgumentException("progress must satisfy 0 <= from <= to <= 1; got from " + progressFrom
                    + ", to " + progressTo);
        }
        FastTextDictionary dict = classifier.dictionary();
        int n = data.size();
        int[][] inputs = new int[n][];
        int[][] targets = new int[n][];
        int[] tokenCounts = new int[n];
        for (int i = 0; i < n; i++) {
            Example e = data.get(i);
            List<String> words = FastTextTokens.tokenize(e.text());
            inputs[i] = Arrays.stream(dict.encode(words, false)).filter(r -> r >= 0).toArray();
            targets[i] = e.labels().stream().mapToInt(dict::labelId).filter(c -> c >= 0).toArray();
            tokenCounts[i] = words.size() + e.labels().size();
        }
        return new FastTextTask(classifier, inputs, targets, tokenCounts,
                classWeights(classifier.config().classWeights(), dict), 1, progressFrom, progressTo);
    }

    /** The classifier being trained (its weights are shared with the training threads). */
    public FastTextClassifier classifier() {
        return classifier;
    }

    /**
     * Trains to the end (or a budget) with {@code options}' checkpoints, listeners, stop signal and budgets (its
     * epochs are the config's); sets the classifier's training loss. A divergence throws
     * {@link dev.xent.train.NonFiniteLossException} with the weights put back to the last checkpoint's.
     */
    public Hogwild.Result fit(TrainOptions options) {
        Hogwild.Result r = Hogwild.run(this, options);
        classifier.trainLoss(r.meanLoss());
        return r;
    }

    /** Continues from the newest checkpoint in {@code options}' checkpoint directory, as {@link #fit} goes on. */
    public Hogwild.Result resume(TrainOptions options) throws IOException {
        Hogwild.Result r = Hogwild.resume(this, options);
        classifier.trainLoss(r.meanLoss());
        return r;
    }

    @Override
    public int threads() {
        return workers.length;
    }

    @Override
    public long examplesPerEpoch() {
        return inputs.length;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public boolean finished() {
        return tokenCount.get() >= totalTokens;
    }

    @Override
    public double lr() {
        return cfg.lr() * Math.max(0, 1.0 - progress());
    }

    /** Fraction of the whole run's tokens done: tokens done here / tokens here, placed in this task's window. */
    private double progress() {
        return progressFrom + progressSpan * ((double) tokenCount.get() / totalTokens);
    }

    @Override
    public HogwildTask.Worker worker(int t) {
        return workers[t];
    }

    @Override
    public Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("input", Tensor.of(m.input, m.input.length / m.dim, m.dim));
        w.put("output", Tensor.of(m.output, m.nLabels, m.dim));
        return w;
    }

    /** Counters: "tokens" (the shared count), "worker/t" = {next example, unflushed tokens}, "rng/t". */
    @Override
    public TaskState state() {
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("tokens", new long[] {tokenCount.get()});
        for (int t = 0; t < workers.length; t++) {
            c.put("worker/" + t, new long[] {workers[t].next, workers[t].local});
            c.put("rng/" + t, workers[t].rng.state());
        }
        return new TaskState(Map.of(), c);
    }

    @Override
    public void restore(TaskState saved) {
        tokenCount.set(saved.longs("tokens")[0]);
        for (int t = 0; t < workers.length; t++) {
            long[] w = saved.longs("worker/" + t);
            workers[t].next = (int) w[0];
            workers[t].local = w[1];
            workers[t].rng.restore(saved.longs("rng/" + t));
        }
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("input rows", m.input.length / m.dim);
        f.put("dim", m.dim);
        f.put("labels", m.nLabels);
        f.put("loss", cfg.loss());
        f.put("epoch", epochs);
        f.put("lr", cfg.lr());
        f.put("lrUpdateRate", cfg.lrUpdateRate());
        if (cfg.maxn() > 0) f.put("subwords", cfg.minn() + ".." + cfg.maxn());
        f.put("seed", cfg.seed());
        f.put("classWeights", Arrays.toString(classWeight));
        f.put("schedule tokens", totalTokens);
        return f;
    }

    private static float[] classWeights(Map<String, Double> given, FastTextDictionary dict) {
        float[] w = new float[dict.labels.length];
        Arrays.fill(w, 1f);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            int c = dict.labelId(e.getKey());
            if (c < 0) {
                throw new IllegalArgumentException("classWeights names class \"" + e.getKey()
                        + "\", which is not in the training data; its labels are " + Arrays.toString(dict.labels)
                        + ". Fix: use these label names");
            }
            w[c] = e.getValue().floatValue();
        }
        return w;
    }

    /** One thread's place in the data (next example, tokens not yet added to the shared count), generator and buffers. */
    private final class Worker implements HogwildTask.Worker {
        final Rng rng;
        int next;
        long local;
        private final int dim = m.dim;
        private final float[] hidden = new float[dim];
        private final float[] grad = new float[dim];
        private final float[] out = new float[m.nLabels];

        Worker(int thread, int start) {
            this.rng = new Rng(cfg.seed() * 0x9E3779B97F4A7C15L + thread);
            this.next = start;
        }

        @Override
        public double step() {
            int i = next;
            float lr = (float) (cfg.lr() * (1.0 - progress()));
            local += tokens[i];
            double loss = inputs[i].length > 0 && targets[i].length > 0 ? update(inputs[i], targets[i], lr) : -1;
            next = i + 1 == inputs.length ? 0 : i + 1;
            if (local > cfg.lrUpdateRate()) {
                tokenCount.addAndGet(local);
                local = 0;
            }
            return loss;
        }

        /** One SGD step on one example (fastText Model::update); returns its loss (>= 0, or NaN on divergence). */
        private double update(int[] rows, int[] labels, float lr) {
            m.hidden(rows, hidden, null);
            m.scores(hidden, out);
            Arrays.fill(grad, 0f);
            double loss;
            if (cfg.loss() == FastTextConfig.Loss.SOFTMAX) {
                int target = labels.length == 1 ? labels[0] : labels[rng.nextInt(labels.length)];
                FastTextModel.softmax(out, m.nLabels);
                float w = classWeight[target];
                for (int c = 0; c < m.nLabels; c++) {
                    // d(-log p_target)/d score_c = p_c - [c == target]; step = -lr * that
                    float alpha = lr * w * ((c == target ? 1f : 0f) - out[c]);
                    step(c, alpha);
                }
                loss = -Math.log(Math.max(out[target], 1e-10f));
            } else {
                loss = 0;
                for (int c = 0; c < m.nLabels; c++) {
                    boolean positive = contains(labels, c);
                    float p = FastTextModel.sigmoid(out[c]);
                    float alpha = lr * (positive ? classWeight[c] : 1f) * ((positive ? 1f : 0f) - p);
                    step(c, alpha);
                    loss -= Math.log(Math.max(positive ? p : 1 - p, 1e-10f));
                }
            }
            // every input row gets the mean's gradient: grad / rows.length (fastText normalizeGradient)
            float g = 1.0f / rows.length;
            for (int r : rows) Kernels.vec().axpy(g, grad, 0, m.input, r * dim, dim);
            return loss;
        }

        /** grad += alpha * output[c] (before the update, as fastText), then output[c] += alpha * hidden. */
        private void step(int c, float alpha) {
            Kernels.vec().axpy(alpha, m.output, c * dim, grad, 0, dim);
            Kernels.vec().axpy(alpha, hidden, 0, m.output, c * dim, dim);
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
