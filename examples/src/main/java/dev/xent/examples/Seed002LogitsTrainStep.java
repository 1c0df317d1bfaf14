// Seed 002's TF custom training step in xent: Dense(64, relu) → Dense(1) logits, BCE from logits, Adam, explicit step.
package dev.xent.examples;

import dev.xent.autograd.GradMode;
import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.BinaryCrossEntropyWithLogits;
import dev.xent.nn.Activation;
import dev.xent.nn.Dense;
import dev.xent.nn.InitRng;
import dev.xent.nn.Sequential;
import dev.xent.optim.Adam;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Batch;
import dev.xent.train.Dataset;
import dev.xent.train.FitOptions;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.Trainer;

import java.util.Locale;
import java.util.Map;

/**
 * The seed's GradientTape step, done right: the seed ended its model in {@code Dense(1, activation='sigmoid')}
 * and then used {@code BinaryCrossentropy(from_logits=True)} — a double sigmoid (xent warns about it). Here
 * the last layer is linear and the loss applies the sigmoid itself, in one stable step. The seed's labels
 * were random (nothing to learn) and it stepped on one example at a time; here the labels follow a hidden
 * linear rule ({@link LinearRule}) and each step takes a batch of 32, run by the one training loop
 * ({@link Trainer}). Run: {@code ./examples/run Seed002LogitsTrainStep}.
 */
public final class Seed002LogitsTrainStep {
    private final Sequential model = new Sequential(32, new Dense(64, Activation.RELU), new Dense(1));
    private final BinaryCrossEntropyWithLogits crossEntropyLoss = BinaryCrossEntropy.withLogits();
    private final Adam optimizer = new Adam(model.namedParameters(), 0.001);

    /**
     * The seed's train_step, split as xent splits it: this is the part under the tape (forward and loss); the
     * Trainer backpropagates (tape.gradient), applies Adam (apply_gradients) and zeroes the gradients.
     */
    Tensor trainStep(Batch batch) {
        Tensor logits = model.forward(batch.inputs());            // (B, 1), no sigmoid
        return crossEntropyLoss.forward(logits, batch.targets());
    }

    /** @param epochLosses mean training loss per epoch; @param testAccuracy on 1000 fresh points (chance ≈ 0.5) */
    public record Result(float[] epochLosses, double testAccuracy) {}

    public static Result run(int epochs, int trainSize, boolean print) {
        InitRng.seed(0);
        Rng rng = new Rng(0);
        LinearRule train = LinearRule.uniform(trainSize, 32, 3, rng), test = LinearRule.uniform(1000, 32, 3, rng);
        Seed002LogitsTrainStep m = new Seed002LogitsTrainStep();
        ProgressListener log = new ProgressListener() {
            @Override public void onStep(Progress p) {}
            @Override public void onEpochEnd(int epoch, int n, Map<String, Double> logs) {
                if (print) System.out.printf(Locale.ROOT, "Epoch %d, Loss: %.4f%n", epoch, logs.get("loss"));
            }
        };
        History h = new Trainer(m.model, b -> m.model.forward(b.inputs()), (out, b) -> m.trainStep(b), m.optimizer)
                .fit(Dataset.of(train.x(), train.y()), FitOptions.builder().epochs(epochs).batchSize(32).shuffle(0)
                        .listeners(log).build());
        float[] losses = new float[epochs];
        for (int e = 0; e < epochs; e++) losses[e] = h.get("loss").get(e).floatValue();
        try (GradMode.Scope off = GradMode.off()) {
            return new Result(losses, LinearRule.accuracy(m.model.forward(test.x()), test.y(), 0f));   // logit ≥ 0 ⇔ p ≥ 0.5
        }
    }

    public static void main(String[] args) {
        Result r = run(20, 1000, true);
        System.out.printf("test accuracy %.3f (chance 0.5)%n", r.testAccuracy());
    }
}
