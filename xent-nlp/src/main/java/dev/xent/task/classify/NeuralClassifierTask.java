// Training a neural text classifier on the one training loop: length-bucketed batches, the objective's loss, validation.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Average;
import dev.xent.train.ConfusionMatrix;
import dev.xent.train.History;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NeuralTextClassifier}, its training texts and (optionally) validation texts, trained by {@link Trainer}
 * with Adam at the config's rate and decay:
 * <pre>{@code
 * NeuralClassifierTask task = NeuralClassifierTask.of(classifier, NeuralTrainConfig.defaults(5), train, valid);
 * task.fit(task.options().build());     // the config's epochs and clipNorm; add checkpointing, budgets...
 * }</pre>
 * The batches of epoch e (0-based) are {@link LengthBuckets} of the config's batch size and pools, seeded by
 * (seed, e), each padded to a multiple of 4 tokens ({@link PaddedBatch}); the loss is the {@link Objective}'s
 * mean cross-entropy with the config's class weights; dropout draws from the model's generators
 * ({@link NeuralTextClassifier#rngs()}), which checkpoints save, so a resumed run repeats the uninterrupted one bit
 * for bit. Validation gives val_loss (log loss), val_accuracy and val_macro_f1 ({@link Objective#score}); the best
 * epoch is the one with the highest val_accuracy, ties to the lower val_loss (multi-label: the lowest val_loss),
 * and its weights are kept at the end — so the validation texts must be held out from training, never the test
 * set. Without validation texts the last epoch's weights are kept.
 */
public final class NeuralClassifierTask implements TrainTask {
    /** Texts per batch when the task predicts its validation texts. */
    private static final int PREDICT_BATCH = 256;

    private final NeuralTextClassifier model;
    private final LabeledTokens train, valid;
    private final NeuralTrainConfig config;
    private final Adam optimizer;
    private int planEpoch = -1;
    private List<int[]> plan;
    private long clockStart, trainedNanos, trainedTokens;   // the training clock runs from a step to validation
    private boolean clockRunning;
    private int[] lastRows;

    /**
     * Trains {@code model} (untrained or not) on {@code train}, choosing the epoch on {@code valid} (null: no
     * validation, the last epoch is kept).
     */
    public NeuralClassifierTask(NeuralTextClassifier model, LabeledTokens train, LabeledTokens valid,
                                NeuralTrainConfig config) {
        if (train.size() == 0) throw new IllegalArgumentException("the training data has no texts");
        if (train.numClasses() != model.numClasses() || (valid != null && valid.numClasses() != model.numClasses())) {
            throw new IllegalArgumentException("the data has " + train.numClasses() + " classes but the model "
                    + model.numClasses() + "; encode the data with the classifier's labels");
        }
        if (config.classWeights() != null && config.classWeights().length != model.numClasses()) {
            throw new IllegalArgumentException("classWeights must have one weight per class (" + model.numClasses()
                    + "); got " + config.classWeights().length);
        }
        this.model = model;
        this.train = train;
        this.valid = valid == null || valid.size() == 0 ? null : valid;
        this.config = config;
        this.optimizer = new Adam(model.namedParameters(), config.learningRate(), config.weightDecay());
    }

    /** Trains {@code classifier}'s network on {@code train}, validated on {@code valid} (may be empty). */
    public static NeuralClassifierTask of(NeuralClassifier classifier, NeuralTrainConfig config, List<Example> train,
                                          List<Example> valid) {
        return new NeuralClassifierTask(classifier.model(), classifier.encode(train),
                valid.isEmpty() ? null : classifier.encode(valid), config);
    }

    /** Loop options with the config's epochs and gradient-norm clipping. */
    public TrainOptions.Builder options() {
        return options(TrainOptions.builder());
    }

    /** {@code base} (e.g. with checkpointing and listeners) with the config's epochs and gradient-norm clipping. */
    public TrainOptions.Builder options(TrainOptions.Builder base) {
        return base.epochs(config.epochs()).clipNorm(config.clipNorm());
    }

    /**
     * Trains as {@code options} say. If training diverges ({@code NonFiniteLossException}) the model is left in its
     * last good state (the best epoch's weights, else the last checkpoint's), so it can still be saved.
     */
    public History fit(TrainOptions options) {
        return new Trainer(this, optimizer).fit(options);
    }

    /** Continues from the newest checkpoint in {@code options}' checkpoint directory (same data and settings). */
    public History resume(TrainOptions options) throws IOException {
        return new Trainer(this, optimizer).resume(options);
    }

    public NeuralTrainConfig config() {
        return config;
    }

    /** The rows of each batch of epoch {@code epoch} (0-based), computed once per epoch. */
    private List<int[]> plan(int epoch) {
        if (epoch != planEpoch) {
            plan = LengthBuckets.batches(train.tokens(), config.batchSize(), config.poolBatches(), config.seed(),
                    epoch, true);
            planEpoch = epoch;
        }
        return plan;
    }

    /** Training tokens stepped over by this task object (this process; a resumed run counts from the resume). */
    public long trainedTokens() {
        return trainedTokens;
    }

    /**
     * Wall seconds of training in this process: from an epoch's first step to its validation, so validation is not
     * counted (checkpoints and progress listeners are). {@link #trainedTokens()} / this is the training throughput.
     */
    public double trainedSeconds() {
        return (trainedNanos + (clockRunning ? System.nanoTime() - clockStart : 0)) * 1e-9;
    }

    @Override
    public Module model() {
        return model;
    }

    @Override
    public int batches(int epoch) {
        return plan(epoch).size();
    }

    @Override
    public Tensor loss(int epoch, int batch) {
        if (!clockRunning) {
            clockStart = System.nanoTime();
            clockRunning = true;
        }
        int[] rows = plan(epoch).get(batch);
        lastRows = rows;
        PaddedBatch b = PaddedBatch.of(train.tokens(), rows, model.minLength(), 4);   // see PaddedBatch.of
        return model.objective().loss(model.logits(b), train, rows, config.classWeights());
    }

    @Override
    public void endStep() {
        for (int r : lastRows) trainedTokens += train.tokens()[r].length;
    }

    @Override
    public long units(int epoch, int batch) {
        long n = 0;
        for (int r : plan(epoch).get(batch)) n += train.tokens()[r].length;
        return n;
    }

    /**
     * What the batch's mean loss is over: its texts (binary; multi-label: texts × classes, the elements of the
     * sigmoid loss), or with class weights the sum of its rows' class weights (softmax: a weighted mean).
     */
    @Override
    public double lossWeight(int epoch, int batch) {
        int[] rows = plan(epoch).get(batch);
        float[] w = config.classWeights();
        return switch (model.objective()) {
            case MULTICLASS -> {
                if (w == null) yield rows.length;
                double sum = 0;
                for (int r : rows) sum += w[train.label(r)];
                yield sum;
            }
            case MULTILABEL -> (double) rows.length * model.numClasses();
            default -> rows.length;
        };
    }

    @Override
    public String unit() {
        return "tokens";
    }

    /** val_loss (log loss), val_accuracy and val_macro_f1 on the validation texts; empty without them. */
    @Override
    public Map<String, Double> validate() {
        if (clockRunning) {
            trainedNanos += System.nanoTime() - clockStart;
            clockRunning = false;
        }
        if (valid == null) return Map.of();
        ConfusionMatrix m = model.objective().score(model.probabilities(valid.tokens(), PREDICT_BATCH), valid);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("val_loss", m.logLoss());
        logs.put("val_accuracy", m.accuracy());
        logs.put("val_macro_f1", m.f1(Average.MACRO));
        return logs;
    }

    @Override
    public Selection selection() {
        if (valid == null) return null;
        return model.objective() == Objective.MULTILABEL ? Selection.minimize("val_loss")
                : Selection.maximize("val_accuracy").thenMinimize("val_loss");
    }

    @Override
    public Map<String, Rng> rngs() {
        return model.rngs();
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("batchSize", config.batchSize());
        f.put("poolBatches", config.poolBatches());
        f.put("seed", config.seed());
        f.put("training texts", train.size());
        f.put("training tokens", train.tokenCount());
        f.put("classes", train.numClasses());
        return f;
    }
}
