// How a neural text classifier is trained: epochs, batch, Adam's rate and decay, clipping, seed, class weights.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * @param epochs       passes over the training data
 * @param batchSize    texts per Adam step
 * @param learningRate Adam's rate
 * @param weightDecay  Adam's L2 weight decay (0: none)
 * @param clipNorm     the global gradient norm is clipped to this (0: off)
 * @param seed         the batch order of every epoch ({@link LengthBuckets}, seeded by (seed, epoch))
 * @param classWeights null, or one weight per class (see {@link Objective#loss})
 * @param poolBatches  batches per length-sorting pool ({@link LengthBuckets})
 */
public record NeuralTrainConfig(int epochs, int batchSize, double learningRate, double weightDecay, double clipNorm,
                                long seed, float[] classWeights, int poolBatches) {
    public NeuralTrainConfig {
        if (epochs < 1 || batchSize < 1 || poolBatches < 1) {
            throw new IllegalArgumentException("epochs, batchSize and poolBatches must be >= 1; got " + epochs + ", "
                    + batchSize + ", " + poolBatches);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0; got " + learningRate);
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0) || Double.isInfinite(weightDecay) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("weightDecay and clipNorm must be finite and >= 0 (0: off); got "
                    + weightDecay + ", " + clipNorm);
        }
        classWeights = classWeights == null ? null : classWeights.clone();
    }

    /** Adam 1e-3, batch 50, clip 5, no decay, seed 1, no class weights, pools of 50 batches. */
    public static NeuralTrainConfig defaults(int epochs) {
        return new NeuralTrainConfig(epochs, 50, 1e-3, 0, 5.0, 1, null, 50);
    }

    public NeuralTrainConfig withEpochs(int e) { return new NeuralTrainConfig(e, batchSize, learningRate, weightDecay, clipNorm, seed, classWeights, poolBatches); }
    public NeuralTrainConfig withBatchSize(int b) { return new NeuralTrainConfig(epochs, b, learningRate, weightDecay, clipNorm, seed, classWeights, poolBatches); }
    public NeuralTrainConfig withLearningRate(double lr) { return new NeuralTrainConfig(epochs, batchSize, lr, weightDecay, clipNorm, seed, classWeights, poolBatches); }
    public NeuralTrainConfig withWeightDecay(double d) { return new NeuralTrainConfig(epochs, batchSize, learningRate, d, clipNorm, seed, classWeights, poolBatches); }
    public NeuralTrainConfig withClipNorm(double c) { return new NeuralTrainConfig(epochs, batchSize, learningRate, weightDecay, c, seed, classWeights, poolBatches); }
    public NeuralTrainConfig withSeed(long s) { return new NeuralTrainConfig(epochs, batchSize, learningRate, weightDecay, clipNorm, s, classWeights, poolBatches); }
    public NeuralTrainConfig withClassWeights(float[] w) { return new NeuralTrainConfig(epochs, batchSize, learningRate, weightDecay, clipNorm, seed, w, poolBatches); }

    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** {"optimizer": "adam", "lr", "weightDecay", "clipNorm", "epochs", "batch", "seed"} for a bundle's record. */
    public ObjectNode toJson() {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("optimizer", "adam").put("lr", learningRate).put("weightDecay", weightDecay).put("clipNorm", clipNorm)
                .put("epochs", epochs).put("batch", batchSize).put("seed", seed);
        if (classWeights != null) {
            var a = t.putArray("classWeights");
            for (float w : classWeights) a.add(w);
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuralTrainConfig c && epochs == c.epochs && batchSize == c.batchSize
                && learningRate == c.learningRate && weightDecay == c.weightDecay && clipNorm == c.clipNorm
                && seed == c.seed && Arrays.equals(classWeights, c.classWeights) && poolBatches == c.poolBatches;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(epochs, batchSize, learningRate, weightDecay, clipNorm, seed, poolBatches)
                + Arrays.hashCode(classWeights);
    }
}
