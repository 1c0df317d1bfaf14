// NBSVM-style text classifier (Wang & Manning 2012, "Baselines and Bigrams: Simple, Good Sentiment and Topic
// Classification"): binarized word n-grams scaled by naive-Bayes log-count ratios, a linear layer per class,
// softmax cross-entropy ("NB-LR"), trained by lock-free SGD on the hogwild runner (NbSvmTask).
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Train with {@link #train}, then {@link #predict} or {@link #evaluate}; {@link #save} / {@link #load} a bundle
 * (format "xent.nbsvm-classifier"). Text is split on whitespace as fastText splits it.
 */
public final class NbSvmClassifier implements TrainedClassifier {
    private final NbSvmConfig config;
    private final String[] labels;
    final long[] labelCounts;
    final NbSvmFeatures features;
    final float[] weight;   // (K, F): w_c[f] at c * F + f
    final float[] bias;     // (K)
    private double trainLoss = Double.NaN;

    NbSvmClassifier(NbSvmConfig config, String[] labels, long[] labelCounts, NbSvmFeatures features, float[] weight,
            float[] bias) {
        this.config = config;
        this.labels = labels;
        this.labelCounts = labelCounts;
        this.features = features;
        this.weight = weight;
        this.bias = bias;
    }

    /** Trains on single-label {@code data} with the config's epochs and threads. */
    public static NbSvmClassifier train(List<Example> data, NbSvmConfig config) {
        return train(data, config, TrainOptions.builder().build());
    }

    /** As {@link #train(List, NbSvmConfig)} with {@code options}' budgets, checkpoints and stop signal. */
    public static NbSvmClassifier train(List<Example> data, NbSvmConfig config, TrainOptions options) {
        NbSvmTask task = NbSvmTask.of(data, config);
        task.fit(options);
        return task.classifier();
    }

    public NbSvmConfig config() {
        return config;
    }

    /** The labels, in class order (most frequent in training first). */
    @Override
    public List<String> labels() {
        return List.of(labels);
    }

    /** Distinct n-grams of the training data (the features). */
    public int featureCount() {
        return features.size();
    }

    /** Mean training loss over all SGD steps (NaN for a loaded model). */
    public double trainLoss() {
        return trainLoss;
    }

    void trainLoss(double loss) {
        trainLoss = loss;
    }

    /** scores[c] = b_c + sum over the features f of r_c[f] w_c[f]. */
    void scores(int[] f, float[] scores) {
        int nf = features.size();
        for (int c = 0; c < scores.length; c++) {
            int base = c * nf;
            float s = bias[c];
            for (int j : f) s += features.ratio[base + j] * weight[base + j];
            scores[c] = s;
        }
    }

    /** Softmax probability of each label (in {@link #labels()} order); a text with no known n-gram gets the biases'. */
    @Override
    public float[] probabilities(String text) {
        float[] p = new float[labels.length];
        scores(features.encode(text), p);
        FastTextModel.softmax(p, p.length);
        return p;
    }

    /** The {@code k} most probable labels, most probable first (ties: class order). */
    public List<Prediction> predict(String text, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1; got " + k + ". Fix: use 1 for the best label");
        float[] p = probabilities(text);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, p.length); i++) out.add(new Prediction(labels[order[i]], p[order[i]]));
        return out;
    }

    public String predict(String text) {
        return predict(text, 1).get(0).label();
    }

    /** Accuracy, P/R/F1, confusion and log loss, as {@link FastTextClassifier#evaluate}. */
    @Override
    public ClassificationMetrics evaluate(List<Example> data) {
        return ClassifierScores.evaluate(labels(), data, this::probabilities);
    }

    public void save(Path file) throws IOException {
        NbSvmBundle.write(this, file, Map.of());
    }

    /** Saves and records the training data's fingerprint (file → SHA-256) in the bundle's provenance. */
    @Override
    public void save(Path file, Map<String, String> dataFingerprint) throws IOException {
        NbSvmBundle.write(this, file, dataFingerprint);
    }

    public static NbSvmClassifier load(Path file) throws IOException {
        return NbSvmBundle.read(dev.xent.io.ModelBundle.read(file), file);
    }

    /** As {@link #load(Path)}, from a bundle already read from {@code file}. */
    public static NbSvmClassifier load(dev.xent.io.ModelBundle bundle, Path file) {
        return NbSvmBundle.read(bundle, file);
    }
}
