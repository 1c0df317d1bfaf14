// The three classification objectives: binary (one sigmoid logit), multi-class (softmax) and multi-label (sigmoids).
package dev.xent.task.classify;

import dev.xent.loss.BinaryCrossEntropyWithLogits;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Reduction;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import dev.xent.train.ConfusionMatrix;

/**
 * What the model's logits mean and which cross-entropy trains them.
 * <ul>
 *   <li>{@link #BINARY}: one logit z per text, p(class 1) = σ(z); loss BCE with logits. Class weights (2) weigh
 *       each example by the weight of its true class.</li>
 *   <li>{@link #MULTICLASS}: K logits, p = softmax(z); loss softmax cross-entropy with optional class weights (K)
 *       (PyTorch's {@code weight=}: the mean is weighted by the targets' weights).</li>
 *   <li>{@link #MULTILABEL}: K logits, p_k = σ(z_k) independently; loss BCE per label, mean over B·K; class
 *       weights act as PyTorch's {@code pos_weight} (K), e.g. negatives/positives per label.</li>
 * </ul>
 */
public enum Objective {
    BINARY, MULTICLASS, MULTILABEL;

    /** Number of logits the model must output for {@code numClasses} classes (labels). */
    public int outputs(int numClasses) {
        if (numClasses < 2 && this != MULTILABEL) {
            throw new IllegalArgumentException("numClasses must be >= 2 for " + this + "; got " + numClasses);
        }
        if (this == BINARY && numClasses != 2) {
            throw new IllegalArgumentException("BINARY takes exactly 2 classes; got " + numClasses
                    + ". Use MULTICLASS for more than two");
        }
        return this == BINARY ? 1 : numClasses;
    }

    /**
     * Mean loss of logits (B, outputs) for the rows {@code rows} of {@code data}; {@code classWeights} null or
     * one weight per class (label).
     */
    public Tensor loss(Tensor logits, LabeledTokens data, int[] rows, float[] classWeights) {
        int b = rows.length;
        switch (this) {
            case BINARY -> {
                float[] t = new float[b], w = classWeights == null ? null : new float[b];
                for (int i = 0; i < b; i++) {
                    int y = data.label(rows[i]);
                    t[i] = y;
                    if (w != null) w[i] = classWeights[y];
                }
                Tensor weight = w == null ? null : Tensor.of(w, b, 1);
                return BinaryCrossEntropyWithLogits.of(logits, Tensor.of(t, b, 1), weight, null, Reduction.MEAN);
            }
            case MULTICLASS -> {
                int[] y = new int[b];
                for (int i = 0; i < b; i++) y[i] = data.label(rows[i]);
                Tensor weight = classWeights == null ? null : Tensor.of(classWeights.clone(), classWeights.length);
                return CrossEntropy.of(logits, IntTensor.of(y, b), weight, CrossEntropy.DEFAULT_IGNORE, 0,
                        Reduction.MEAN, 1, null);
            }
            default -> {
                int k = data.numClasses();
                float[] t = new float[b * k];
                for (int i = 0; i < b; i++) {
                    for (int c : data.labels(rows[i])) t[i * k + c] = 1f;
                }
                Tensor pos = classWeights == null ? null : Tensor.of(classWeights.clone(), k);
                return BinaryCrossEntropyWithLogits.of(logits, Tensor.of(t, b, k), null, pos, Reduction.MEAN);
            }
        }
    }

    /**
     * Class probabilities from logits (B, outputs): (B, K) rows; for BINARY [1 − σ(z), σ(z)], for MULTICLASS the
     * softmax (sums to 1), for MULTILABEL independent σ(z_k). Computed in double from the logit values.
     */
    public float[][] probabilities(Tensor logits) {
        int b = logits.dim(0), n = logits.dim(1);
        float[] z = logits.data();
        float[][] p = new float[b][];
        for (int i = 0; i < b; i++) {
            if (this == BINARY) {
                double s = sigmoid(z[i]);
                p[i] = new float[] {(float) (1 - s), (float) s};
            } else if (this == MULTILABEL) {
                p[i] = new float[n];
                for (int c = 0; c < n; c++) p[i][c] = (float) sigmoid(z[i * n + c]);
            } else {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < n; c++) max = Math.max(max, z[i * n + c]);
                p[i] = new float[n];
                for (int c = 0; c < n; c++) sum += Math.exp(z[i * n + c] - max);
                for (int c = 0; c < n; c++) p[i][c] = (float) (Math.exp(z[i * n + c] - max) / sum);
            }
        }
        return p;
    }

    /**
     * The decisions {@code probs} (N, K) make on {@code data}, counted: single-label, the argmax class (the first on
     * ties) against the text's class, with p(gold) for the log loss; MULTILABEL, each class predicted when
     * p ≥ 0.5 (accuracy is then the exact-match ratio, the log loss the mean binary cross-entropy over N·K pairs).
     */
    public ConfusionMatrix score(float[][] probs, LabeledTokens data) {
        if (probs.length != data.size()) {
            throw new IllegalArgumentException("probs has " + probs.length + " rows for " + data.size() + " texts");
        }
        int k = data.numClasses();
        ConfusionMatrix m = new ConfusionMatrix(k);
        for (int i = 0; i < probs.length; i++) {
            float[] p = probs[i];
            if (this == MULTILABEL) {
                boolean[] gold = new boolean[k];
                for (int c : data.labels(i)) gold[c] = true;
                m.addLabels(gold, p);
            } else {
                int y = data.label(i), pred = 0;
                for (int c = 1; c < p.length; c++) if (p[c] > p[pred]) pred = c;
                m.add(y, pred, Math.min(1.0, p[y]));
            }
        }
        return m;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
