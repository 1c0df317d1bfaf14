// The common face of the neural text classifiers: a Module mapping a padded batch of token ids to logits.
package dev.xent.task.classify;

import dev.xent.autograd.GradMode;
import dev.xent.nn.Module;
import dev.xent.nn.Parameter;
import dev.xent.task.embed.WordVectors;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A neural text classifier: {@link #logits} maps a {@link PaddedBatch} (ids (B, T), lengths, mask) to
 * logits (B, outputs) where outputs = {@link Objective#outputs}. Padding never changes a text's logits: every
 * model reads only the real tokens (masked pooling, recurrent lengths, attention key masks).
 */
public abstract class NeuralTextClassifier extends Module {
    protected final Objective objective;
    protected final int numClasses;
    private final Map<String, Rng> rngs = new LinkedHashMap<>();

    protected NeuralTextClassifier(Objective objective, int numClasses) {
        this.objective = objective;
        this.numClasses = numClasses;
        objective.outputs(numClasses);   // validates
    }

    /** Logits (B, outputs) for the batch; dropout is active in training mode only. */
    public abstract Tensor logits(PaddedBatch batch);

    /**
     * Class probabilities (N, K) of the token-id sequences {@code tokens}, in their order: eval mode (no dropout),
     * no graph, in batches of up to {@code batchSize} texts of similar length ({@link LengthBuckets} without
     * shuffling), each padded to its longest text. The previous train/eval mode is restored.
     */
    public float[][] probabilities(int[][] tokens, int batchSize) {
        boolean wasTraining = isTraining();
        eval();
        float[][] probs = new float[tokens.length][];
        try (GradMode.Scope ignored = GradMode.off()) {
            for (int[] rows : LengthBuckets.batches(tokens, batchSize, 1, 0, 0, false)) {
                float[][] p = objective.probabilities(logits(PaddedBatch.of(tokens, rows, minLength())));
                for (int i = 0; i < rows.length; i++) probs[rows[i]] = p[i];
            }
        } finally {
            if (wasTraining) train();
        }
        return probs;
    }

    /** The shortest T a batch must be padded to (the CNN's widest filter); 1 otherwise. */
    public int minLength() {
        return 1;
    }

    /** Registers a generator the model draws from while training (dropout), so checkpoints save its state. */
    protected final Rng trainingRng(String name, Rng rng) {
        rngs.put(name, rng);
        return rng;
    }

    /** The generators the model draws from while training, by name; a checkpoint holds their states. */
    public Map<String, Rng> rngs() {
        return Collections.unmodifiableMap(rngs);
    }

    public Objective objective() {
        return objective;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Number of logits: 1 for binary, else the number of classes. */
    public int outputs() {
        return objective.outputs(numClasses);
    }

    /**
     * Initialises the word-embedding table from pretrained vectors (fastText's {@code -pretrainedVectors}): the
     * row of every vocabulary word with a vector gets it, scaled by one common factor to the element standard
     * deviation of the rows left random (so the table keeps its N(0, 1) scale); other rows keep their random
     * start. The table stays trainable. Call before training; returns the number of rows copied.
     */
    public int initEmbeddings(WordVectors vectors, Vocabulary vocab) {
        for (Parameter p : namedParameters()) {
            if (p.name().equals("embedding.weight")) return vectors.copyInto(p.tensor(), vocab, true);
        }
        throw new IllegalStateException(describe() + " has no parameter 'embedding.weight' to initialise");
    }

    /** {@link #initEmbeddings(WordVectors, Vocabulary)} for the word list {@code words} (id → word, specials first). */
    public int initEmbeddings(WordVectors vectors, java.util.List<String> words) {
        for (Parameter p : namedParameters()) {
            if (p.name().equals("embedding.weight")) return vectors.copyInto(p.tensor(), words, true);
        }
        throw new IllegalStateException(describe() + " has no parameter 'embedding.weight' to initialise");
    }

    /** A short name for reports, e.g. "TextCNN(3,4,5 x 100)". */
    public abstract String describe();
}
