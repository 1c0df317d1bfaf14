// fastText-style text classifier (Joulin et al., 2016, "Bag of Tricks for Efficient Text Classification"):
// bag of words + hashed word n-grams -> averaged embeddings -> linear layer -> softmax (or one sigmoid per
// class), trained by lock-free SGD on all threads (FastTextTask on the hogwild runner), not the autograd engine.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.tensor.Tensor;
import dev.xent.train.TrainOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train with {@link #train}, then {@link #predict} or {@link #evaluate}; {@link #save} / {@link #load} a model
 * bundle. Text is tokenized as fastText does it ({@link FastTextTokens}: whitespace only, plus "</s>"), so the
 * same data gives this model and `fasttext supervised` the same tokens, vocabulary and n-gram buckets.
 */
public final class FastTextClassifier implements TrainedClassifier {
    private final FastTextConfig config;
    private final FastTextDictionary dict;
    private final FastTextModel model;
    private double trainLoss;

    FastTextClassifier(FastTextConfig config, FastTextDictionary dict, FastTextModel model, double trainLoss) {
        this.config = config;
        this.dict = dict;
        this.model = model;
        this.trainLoss = trainLoss;
    }

    /**
     * Trains on {@code data} (each example's text and its label, or labels for multi-label data) with the config's
     * epochs and threads. With Loss.SOFTMAX and several labels on one example, each visit trains on one of them
     * drawn at random, as fastText does.
     */
    public static FastTextClassifier train(List<Example> data, FastTextConfig config) {
        return train(data, config, TrainOptions.builder().build());
    }

    /**
     * As {@link #train(List, FastTextConfig)}, with {@code options}' checkpoints, listeners, stop signal and budgets
     * (maxSteps counts examples). To resume from a checkpoint, or to keep the model after a divergence, use
     * {@link FastTextTask}.
     */
    public static FastTextClassifier train(List<Example> data, FastTextConfig config, TrainOptions options) {
        FastTextTask task = FastTextTask.of(data, config);
        task.fit(options);
        return task.classifier();
    }

    /**
     * The untrained classifier of a vocabulary counted elsewhere (distributed, in xent-spark): words and labels in
     * the model's order with their counts, and the n-gram buckets that get a stored row, in row order. Given the
     * counts {@link #train} would make from the same data, it is the classifier training starts from, weights
     * included (they are a function of the seed and the row).
     */
    public static FastTextClassifier untrained(FastTextConfig config, List<String> words, long[] wordCounts,
                                               List<String> labels, long[] labelCounts, int[] ngramBuckets) {
        FastTextDictionary dict = new FastTextDictionary(words.toArray(String[]::new), wordCounts.clone(),
                labels.toArray(String[]::new), labelCounts.clone(), config.wordNgrams(), config.bucket(),
                ngramBuckets);
        return new FastTextClassifier(config, dict, FastTextModel.init(dict, config.dim(), config.seed()), Double.NaN);
    }

    /**
     * This classifier's dictionary and config with other weights: {@code input} (rows, dim) and {@code output}
     * (labels, dim), row-major, taken as they are (not copied).
     */
    public FastTextClassifier withWeights(float[] input, float[] output) {
        if (input.length != model.input.length || output.length != model.output.length) {
            throw new IllegalArgumentException("weights must have " + model.input.length + " input and "
                    + model.output.length + " output values (rows x dim); got " + input.length + " and "
                    + output.length);
        }
        return new FastTextClassifier(config, dict,
                new FastTextModel(model.dim, model.nLabels, model.nwords, model.seed, input, output), trainLoss);
    }

    /** The live weights: "input" (rows, dim) and "output" (labels, dim); writing to them changes the model. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("input", Tensor.of(model.input, dict.rows(), model.dim));
        w.put("output", Tensor.of(model.output, model.nLabels, model.dim));
        return w;
    }

    /**
     * The stored input rows {@code text} averages (its in-vocabulary words, "</s>" and n-grams, as training
     * encodes it); an n-gram without a stored row is left out.
     */
    public int[] inputRows(String text) {
        return Arrays.stream(dict.encode(FastTextTokens.tokenize(text), false)).filter(r -> r >= 0).toArray();
    }

    /** The labels, in the model's class order (most frequent in training first). */
    @Override
    public List<String> labels() {
        return List.of(dict.labels);
    }

    public FastTextConfig config() {
        return config;
    }

    /** Mean training loss over all SGD steps (NaN for a loaded model or one not trained to its end). */
    public double trainLoss() {
        return trainLoss;
    }

    void trainLoss(double loss) {
        trainLoss = loss;
    }

    /** Words in the vocabulary (including "</s>"). */
    public int vocabularySize() {
        return dict.nwords();
    }

    /**
     * Probability of each label (in {@link #labels()} order) for {@code text}: softmax over classes, or each
     * class's own sigmoid for Loss.ONE_VS_ALL. A text with no known word still has its "</s>" row.
     */
    @Override
    public float[] probabilities(String text) {
        int[] rows = dict.encode(FastTextTokens.tokenize(text), false);
        float[] p = new float[model.nLabels];
        if (rows.length == 0) {
            Arrays.fill(p, config.loss() == FastTextConfig.Loss.SOFTMAX ? 1f / p.length : 0.5f);
            return p;
        }
        float[] hidden = new float[model.dim];
        model.hidden(rows, hidden, new float[model.dim]);
        model.scores(hidden, p);
        if (config.loss() == FastTextConfig.Loss.SOFTMAX) {
            FastTextModel.softmax(p, p.length);
        } else {
            for (int c = 0; c < p.length; c++) {
                p[c] = FastTextModel.sigmoid(p[c]);
            }
        }
        return p;
    }

    /** The {@code k} most probable labels, most probable first (ties: model class order). */
    public List<Prediction> predict(String text, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1; got " + k + ". Fix: use 1 for the best label");
        }
        float[] p = probabilities(text);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<Prediction> out = new ArrayList<>(Math.min(k, p.length));
        for (int i = 0; i < Math.min(k, p.length); i++) {
            out.add(new Prediction(dict.labels[order[i]], p[order[i]]));
        }
        return out;
    }

    /** The most probable label. */
    public String predict(String text) {
        return predict(text, 1).get(0).label();
    }

    /**
     * Accuracy, per-class and macro P/R/F1, confusion matrix and log loss on labelled data. For a multi-label
     * example the gold class is the top prediction if it is one of the example's labels (so accuracy is
     * fastText's precision@1), else its first label. A gold label the model never saw is an error.
     */
    @Override
    public ClassificationMetrics evaluate(List<Example> data) {
        ClassificationMetrics.Builder b = new ClassificationMetrics.Builder(labels());
        for (Example e : data) {
            float[] p = probabilities(e.text());
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            int gold = -1;
            for (String l : e.labels()) {
                int c = dict.labelId(l);
                if (c < 0) {
                    throw new IllegalArgumentException("line " + e.line() + ": label \"" + l + "\" was not in"
                            + " the training data; the model knows " + labels() + ". Fix: evaluate on data with"
                            + " the training labels (check the label column)");
                }
                if (gold < 0 || c == best) { // the first label, unless the prediction is one of them
                    gold = c;
                }
            }
            b.add(gold, best, Math.min(1.0, p[gold]));
        }
        return b.build();
    }

    /** Saves the model as one bundle file (see docs/model-files.md); written atomically. */
    public void save(Path file) throws IOException {
        FastTextBundle.write(this, file, java.util.Map.of());
    }

    /**
     * Saves like {@link #save(Path)} and records the training data's fingerprint (file → SHA-256, as
     * {@code Provenance.fingerprint} computes it) in the bundle's provenance.
     */
    @Override
    public void save(Path file, java.util.Map<String, String> dataFingerprint) throws IOException {
        FastTextBundle.write(this, file, dataFingerprint);
    }

    /** Loads a model saved by {@link #save}. */
    public static FastTextClassifier load(Path file) throws IOException {
        return FastTextBundle.read(file);
    }

    /** As {@link #load(Path)}, from a bundle already read from {@code file} (one read and checksum per load). */
    public static FastTextClassifier load(ModelBundle bundle, Path file) {
        return FastTextBundle.read(bundle, file);
    }

    FastTextDictionary dictionary() {
        return dict;
    }

    FastTextModel model() {
        return model;
    }
}
