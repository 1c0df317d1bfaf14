// NBSVM training as a hogwild task: per example, softmax cross-entropy over the classes' scores
// s_c = b_c + sum_f r_c[f] w_c[f] (r: naive-Bayes ratios, fixed; w, b: learned), one SGD step with the rate
// lr * (1 - examplesDone / (epoch * examples)).
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Hogwild;
import dev.xent.train.HogwildTask;
import dev.xent.train.TaskState;
import dev.xent.train.TrainOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link NbSvmClassifier} and its encoded training texts, trained by {@link Hogwild} (threads, budgets,
 * checkpoints, stop signal, divergence guard). The examples are visited in one seeded order; thread t starts at
 * t·n/threads of it and wraps around. With one thread a seed repeats the run bit for bit.
 */
public final class NbSvmTask implements HogwildTask {
    private static final int FLUSH = 64;   // examples a thread counts before adding them to the shared count
    private final NbSvmClassifier classifier;
    private final NbSvmConfig cfg;
    private final int[][] features;   // per example: sorted distinct feature ids
    private final int[] labels;       // per example: class id
    private final int[] order;        // the visiting order, a seeded permutation
    private final long total;         // epoch × examples
    private final AtomicLong done = new AtomicLong();
    private final Worker[] workers;

    private NbSvmTask(NbSvmClassifier classifier, int[][] features, int[] labels) {
        this.classifier = classifier;
        this.cfg = classifier.config();
        this.features = features;
        this.labels = labels;
        this.order = new int[features.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(cfg.seed()).shuffle(order);
        this.total = (long) cfg.epoch() * features.length;
        workers = new Worker[cfg.threads()];
        for (int t = 0; t < workers.length; t++) workers[t] = new Worker((int) ((long) t * order.length / workers.length));
    }

    /** The untrained classifier of {@code data} (its n-grams, ratios and labels; weights 0) and the encoded data. */
    public static NbSvmTask of(List<Example> data, NbSvmConfig config) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data must hold at least one example; got none. Fix: check that the"
                    + " reader found records in the file");
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Example e : data) {
            if (e.labels().size() != 1) {
                throw new IllegalArgumentException("line " + e.line() + ": nbsvm needs exactly one label per text; got "
                        + e.labels() + ". Fix: use -model fasttext with -loss ova for multi-label data");
            }
            counts.computeIfAbsent(e.labels().get(0), k -> new long[1])[0]++;
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));   // stable: ties first seen first
        String[] names = sorted.stream().map(Map.Entry::getKey).toArray(String[]::new);
        long[] labelCounts = sorted.stream().mapToLong(e -> e.getValue()[0]).toArray();
        Map<String, Integer> id = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) id.put(names[c], c);
        int n = data.size();
        int[] y = new int[n];
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            y[i] = id.get(data.get(i).labels().get(0));
            texts.add(data.get(i).text());
        }
        int[][] encoded = new int[n][];
        NbSvmFeatures f = NbSvmFeatures.build(texts, y, names.length, config.ngrams(), config.lowercase(),
                config.alpha(), encoded);
        NbSvmClassifier c = new NbSvmClassifier(config, names, labelCounts, f,
                new float[names.length * f.size()], new float[names.length]);
        return new NbSvmTask(c, encoded, y);
    }

    public NbSvmClassifier classifier() {
        return classifier;
    }

    /** Trains to the end (or a budget) with {@code options}' checkpoints, listeners, stop signal and budgets. */
    public Hogwild.Result fit(TrainOptions options) {
        Hogwild.Result r = Hogwild.run(this, options);
        classifier.trainLoss(r.meanLoss());
        return r;
    }

    /** Continues from the newest checkpoint in {@code options}' checkpoint directory. */
    public Hogwild.Result resume(TrainOptions options) throws java.io.IOException {
        Hogwild.Result r = Hogwild.resume(this, options);
        classifier.trainLoss(r.meanLoss());
        return r;
    }

    @Override public int threads() { return workers.length; }

    @Override public long examplesPerEpoch() { return features.length; }

    @Override public int epochs() { return cfg.epoch(); }

    @Override public boolean finished() { return done.get() >= total; }

    @Override public double lr() { return cfg.lr() * Math.max(0, 1.0 - (double) done.get() / total); }

    @Override public HogwildTask.Worker worker(int t) { return workers[t]; }

    @Override
    public Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        int k = classifier.labels().size();
        w.put("weight", Tensor.of(classifier.weight, k, classifier.features.size()));
        w.put("bias", Tensor.of(classifier.bias, k));
        return w;
    }

    /** "done" (the shared example count) and "worker/t" = {position in the order, uncounted examples}. */
    @Override
    public TaskState state() {
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("done", new long[] {done.get()});
        for (int t = 0; t < workers.length; t++) c.put("worker/" + t, new long[] {workers[t].next, workers[t].local});
        return new TaskState(Map.of(), c);
    }

    @Override
    public void restore(TaskState saved) {
        done.set(saved.longs("done")[0]);
        for (int t = 0; t < workers.length; t++) {
            long[] w = saved.longs("worker/" + t);
            workers[t].next = (int) w[0];
            workers[t].local = w[1];
        }
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("features", classifier.features.size());
        f.put("labels", classifier.labels().size());
        f.put("ngrams", cfg.ngrams());
        f.put("alpha", cfg.alpha());
        f.put("epoch", cfg.epoch());
        f.put("lr", cfg.lr());
        f.put("seed", cfg.seed());
        f.put("examples", features.length);
        return f;
    }

    /** One thread's place in the visiting order and its score buffer. */
    private final class Worker implements HogwildTask.Worker {
        int next;
        long local;
        private final float[] p = new float[classifier.labels().size()];

        Worker(int start) {
            this.next = start;
        }

        @Override
        public double step() {
            int i = order[next];
            float lr = (float) (cfg.lr() * Math.max(0, 1.0 - (double) done.get() / total));
            next = next + 1 == order.length ? 0 : next + 1;
            if (++local >= FLUSH) {
                done.addAndGet(local);
                local = 0;
            }
            int[] f = features[i];
            if (f.length == 0) return -1;
            classifier.scores(f, p);
            FastTextModel.softmax(p, p.length);
            int y = labels[i];
            double loss = -Math.log(Math.max(p[y], 1e-10f));
            int nf = classifier.features.size();
            float[] r = classifier.features.ratio, w = classifier.weight;
            for (int c = 0; c < p.length; c++) {
                // d loss / d s_c = p_c - [c == y];  d s_c / d w_c[f] = r_c[f]
                float step = lr * ((c == y ? 1f : 0f) - p[c]);
                int base = c * nf;
                for (int j : f) w[base + j] += step * r[base + j];
                classifier.bias[c] += step;
            }
            return loss;
        }
    }
}
