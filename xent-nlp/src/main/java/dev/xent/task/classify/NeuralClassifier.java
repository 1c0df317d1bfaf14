// A trained neural text classifier with what it needs to read raw text: spec, text encoding, labels; predict, evaluate, save, load.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.data.DataException;
import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.metrics.ClassificationMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The counterpart of {@link FastTextClassifier} for {@link NeuralTextClassifier}s: texts are encoded with
 * {@link NeuralTextEncoding}, run through the model in eval mode (no dropout, no graph) and turned into class
 * probabilities by the {@link Objective} (softmax for MULTICLASS, [1 − σ, σ] for BINARY, independent sigmoids for
 * MULTILABEL). Saved as an {@code xent.neural-classifier} bundle ({@link NeuralClassifierBundle}).
 */
public final class NeuralClassifier {
    private final NeuralClassifierSpec spec;
    private final NeuralTextEncoding encoding;
    private final List<String> labels;
    private final NeuralTextClassifier model;
    private final Map<String, Integer> labelIds = new HashMap<>();

    /** Wraps a model built from {@code spec} for {@code encoding.size()} ids and {@code labels.size()} classes. */
    public NeuralClassifier(NeuralClassifierSpec spec, NeuralTextEncoding encoding, List<String> labels,
                            NeuralTextClassifier model) {
        if (labels.size() != model.numClasses()) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries but the model has "
                    + model.numClasses() + " classes; give one label per class");
        }
        int cap = spec.maxLength();
        if (cap > 0 && (encoding.maxLength() == 0 || encoding.maxLength() > cap)) {
            throw new IllegalArgumentException("the text encoding keeps " + (encoding.maxLength() == 0 ? "every token"
                    : "up to " + encoding.maxLength() + " tokens") + " but the model reads at most " + cap
                    + " (the Transformer's maxLen); build the encoding with maxLength <= " + cap);
        }
        this.spec = spec;
        this.encoding = encoding;
        this.labels = List.copyOf(labels);
        this.model = model;
        for (int i = 0; i < labels.size(); i++) labelIds.put(labels.get(i), i);
    }

    /** A new, untrained classifier: weights drawn from {@code seed}. */
    public static NeuralClassifier create(NeuralClassifierSpec spec, NeuralTextEncoding encoding, List<String> labels,
                                          Objective objective, long seed) {
        return new NeuralClassifier(spec, encoding, labels, spec.build(encoding.size(), objective, labels.size(), seed));
    }

    /**
     * A new, untrained classifier for {@code train}: the word list from its texts as {@code text} says, its labels
     * sorted by name, one sigmoid logit for two labels (BINARY), a softmax for more (MULTICLASS), or independent
     * sigmoids when {@code multiLabel} (MULTILABEL); weights drawn from {@code seed}.
     */
    public static NeuralClassifier create(NeuralClassifierSpec spec, List<Example> train,
                                          NeuralTextEncoding.Settings text, boolean multiLabel, long seed) {
        if (train.isEmpty()) throw new IllegalArgumentException("the training data has no examples");
        TreeSet<String> labels = new TreeSet<>();
        for (Example e : train) labels.addAll(e.labels());
        if (labels.size() < 2 && !multiLabel) {
            throw DataException.fatal("training data", train.get(0).line(), "one label for every example (a "
                    + "classifier needs at least two)", String.valueOf(labels), "give examples of at least two labels");
        }
        Objective objective = multiLabel ? Objective.MULTILABEL : labels.size() == 2 ? Objective.BINARY
                : Objective.MULTICLASS;
        NeuralTextEncoding enc = NeuralTextEncoding.build(train.stream().map(Example::text).toList(), text);
        return create(spec, enc, List.copyOf(labels), objective, seed);
    }

    /**
     * As {@link #create(NeuralClassifierSpec, List, NeuralTextEncoding.Settings, boolean, long)} for single-label
     * data with the default text settings (at most the Transformer's maxLen tokens a text).
     */
    public static NeuralClassifier create(NeuralClassifierSpec spec, List<Example> train, long seed) {
        NeuralTextEncoding.Settings text = NeuralTextEncoding.Settings.defaults();
        if (spec.maxLength() > 0) text = text.withMaxLength(Math.min(text.maxLength(), spec.maxLength()));
        return create(spec, train, text, false, seed);
    }

    /** The examples as token ids and class ids; a label this classifier does not know is an error naming the line. */
    public LabeledTokens encode(List<Example> data) {
        int[][] ids = new int[data.size()][], y = new int[data.size()][];
        for (int i = 0; i < ids.length; i++) {
            Example e = data.get(i);
            ids[i] = encoding.encode(e.text());
            int[] l = new int[e.labels().size()];
            for (int j = 0; j < l.length; j++) l[j] = labelId(e, e.labels().get(j));
            if (model.objective() != Objective.MULTILABEL && l.length != 1) {
                throw new IllegalArgumentException("line " + e.line() + ": " + l.length + " labels " + e.labels()
                        + ", but this classifier's objective " + model.objective() + " takes one label per text."
                        + " Fix: train with -loss ova for multi-label data");
            }
            y[i] = l;
        }
        return new LabeledTokens(ids, y, labels.size());
    }

    private int labelId(Example e, String label) {
        Integer c = labelIds.get(label);
        if (c == null) {
            throw new IllegalArgumentException("line " + e.line() + ": label \"" + label + "\" was not in the "
                    + "training data; the model knows " + labels + ". Fix: use data with the training labels");
        }
        return c;
    }

    /** Class probabilities (N, K) in {@link #labels()} order, computed in batches of similar length. */
    public float[][] probabilities(List<String> texts) {
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < ids.length; i++) ids[i] = encoding.encode(texts.get(i));
        return model.probabilities(ids, 64);
    }

    /** The {@code k} most probable labels, most probable first (ties: label order). */
    public List<Prediction> predict(String text, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1; got " + k + ". Fix: use 1 for the best label");
        return top(probabilities(List.of(text))[0], k);
    }

    /** {@link #predict(String, int)} for many texts at once (faster: batched). */
    public List<List<Prediction>> predict(List<String> texts, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1; got " + k + ". Fix: use 1 for the best label");
        List<List<Prediction>> out = new ArrayList<>(texts.size());
        for (float[] p : probabilities(texts)) out.add(top(p, k));
        return out;
    }

    private List<Prediction> top(float[] p, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<Prediction> out = new ArrayList<>(Math.min(k, p.length));
        for (int i = 0; i < Math.min(k, p.length); i++) out.add(new Prediction(labels.get(order[i]), p[order[i]]));
        return out;
    }

    /**
     * Accuracy, P/R/F1, confusion matrix and log loss, as {@link FastTextClassifier#evaluate}: for a multi-label
     * text the gold class is the top prediction if it is one of the text's labels, else its first label.
     */
    public ClassificationMetrics evaluate(List<Example> data) {
        LabeledTokens enc = encode(data);   // checks the labels first
        float[][] probs = model.probabilities(enc.tokens(), 64);
        ClassificationMetrics.Builder b = new ClassificationMetrics.Builder(labels);
        for (int i = 0; i < probs.length; i++) {
            float[] p = probs[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            int gold = -1;
            for (int c : enc.labels(i)) if (gold < 0 || c == best) gold = c;
            b.add(gold, best, Math.min(1.0, p[gold]));
        }
        return b.build();
    }

    /** Writes an {@code xent.neural-classifier} bundle; {@code training} (may be null) records how it was trained. */
    public void save(Path file, long seed, Map<String, String> dataFingerprint, JsonNode training, JsonNode metrics)
            throws IOException {
        NeuralClassifierBundle.write(this, file, seed, dataFingerprint, training, metrics);
    }

    /** Writes a bundle recording {@code trainedWith} (its seed and settings) as how the model was trained. */
    public void save(Path file, NeuralTrainConfig trainedWith) throws IOException {
        save(file, trainedWith.seed(), Map.of(), trainedWith.toJson(), null);
    }

    /** Loads a bundle written by {@link #save}; a file of another format or version is a clear error. */
    public static NeuralClassifier load(Path file) throws IOException {
        return NeuralClassifierBundle.read(file);
    }

    /** As {@link #load(Path)}, from a bundle already read from {@code file} (one read and checksum per load). */
    public static NeuralClassifier load(ModelBundle bundle, Path file) {
        return NeuralClassifierBundle.read(bundle, file);
    }

    public NeuralClassifierSpec spec() {
        return spec;
    }

    public NeuralTextEncoding encoding() {
        return encoding;
    }

    public List<String> labels() {
        return labels;
    }

    public Objective objective() {
        return model.objective();
    }

    /** The network (train it with {@link NeuralClassifierTask}). */
    public NeuralTextClassifier model() {
        return model;
    }
}
