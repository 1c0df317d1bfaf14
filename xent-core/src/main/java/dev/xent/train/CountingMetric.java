// Accuracy, precision, recall or F1 over an evaluation: model outputs decoded to classes, counted in a ConfusionMatrix.
package dev.xent.train;

import dev.xent.tensor.Tensor;

/**
 * A {@link Metric} backed by a {@link ConfusionMatrix}: each batch's output is decoded to one predicted class per
 * target position ({@link ClassDecoder}: argmax, or a threshold on one score), and (gold, predicted) is counted.
 * The number of classes is fixed by the first batch (2 for a threshold decoder, C for argmax). Targets below 0
 * (ignore index) and masked positions are skipped; a target ≥ C is an error. {@link #confusion()} exposes the
 * counts afterwards.
 */
public final class CountingMetric implements Metric {
    /** Which number to read from the matrix. */
    public enum Kind { ACCURACY, PRECISION, RECALL, F1 }

    private final Kind kind;
    private final Average average;
    private final ClassDecoder decoder;
    private final String name;
    private ConfusionMatrix matrix;

    CountingMetric(Kind kind, Average average, ClassDecoder decoder) {
        if (decoder == null) throw new IllegalArgumentException("decoder must not be null");
        this.kind = kind;
        this.average = average;
        this.decoder = decoder;
        this.name = kind == Kind.ACCURACY ? "accuracy"
                : kind.name().toLowerCase() + "_" + average.name().toLowerCase();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        matrix = null;
    }

    @Override
    public void update(Tensor output, Batch batch) {
        int n = batch.targetCount();
        decoder.check(output, n);
        int classes = decoder.classes(output);
        if (matrix == null) matrix = new ConfusionMatrix(classes);
        if (matrix.classes() != classes) {
            throw new IllegalArgumentException("this batch's output has " + classes + " classes but earlier ones had "
                    + matrix.classes());
        }
        float[] out = output.data();
        for (int i = 0; i < n; i++) {
            int t = batch.label(i);
            if (t < 0 || !batch.counts(i)) continue;
            if (t >= classes) {
                throw new IllegalArgumentException("target class " + t + " at position " + i + " is outside the "
                        + classes + " classes the output scores; check the number of classes of the last layer");
            }
            matrix.add(t, decoder.predict(out, i, classes));
        }
    }

    @Override
    public double result() {
        if (matrix == null) return Double.NaN;
        return switch (kind) {
            case ACCURACY -> matrix.accuracy();
            case PRECISION -> matrix.precision(average);
            case RECALL -> matrix.recall(average);
            case F1 -> matrix.f1(average);
        };
    }

    /** The counts behind the last result (no classes before any update). */
    public ConfusionMatrix confusion() {
        return matrix == null ? new ConfusionMatrix(0) : matrix;
    }
}
