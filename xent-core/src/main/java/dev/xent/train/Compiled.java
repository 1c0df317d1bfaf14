// Keras' model.compile(optimizer, loss, metrics) + model.fit(x, y, epochs, batch_size, validation_data) for a Sequential.
package dev.xent.train;

import dev.xent.nn.Parameter;
import dev.xent.nn.Sequential;
import dev.xent.optim.Optimizer;
import dev.xent.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Sequential} bound to an optimizer, a loss and metrics, so that a Keras program keeps its shape:
 * <pre>
 *   Compiled m = Compiled.compile(model, p -&gt; new Adam(p, 0.001), LossFn.of(new BinaryCrossEntropy()),
 *           Metrics.binaryAccuracy(0.5, false));
 *   History h = m.fit(train, 10, 32, validation);
 * </pre>
 * The optimizer is made from the model's parameters (Keras' optimizers find them at fit time; xent's take
 * them when built). The forward pass feeds token ids or features, whichever the batch holds, and the
 * batch's mask when it has one. {@link #fit(Dataset, int, int, Dataset)} shuffles with seed 0, as Keras
 * shuffles by default but reproducibly; for anything more (callbacks, clipping, penalties, seeds) pass
 * {@link FitOptions} — the metrics given here are added to them. Everything else is {@link #trainer()}.
 */
public final class Compiled {
    private final Sequential model;
    private final Trainer trainer;
    private final List<Metric> metrics;

    private Compiled(Sequential model, Trainer trainer, List<Metric> metrics) {
        this.model = model;
        this.trainer = trainer;
        this.metrics = metrics;
    }

    /** Binds {@code model} to {@code optimizer.apply(model.namedParameters())}, the loss and the metrics. */
    public static Compiled compile(Sequential model, Function<List<Parameter>, ? extends Optimizer> optimizer,
                                   LossFn loss, Metric... metrics) {
        Objects.requireNonNull(model, "Compiled.compile: model must not be null");
        Objects.requireNonNull(optimizer, "Compiled.compile: optimizer factory must not be null (e.g. p -> new Adam(p, 0.001))");
        Objects.requireNonNull(loss, "Compiled.compile: loss must not be null (e.g. LossFn.of(new BinaryCrossEntropy()))");
        Optimizer opt = Objects.requireNonNull(optimizer.apply(model.namedParameters()),
                "Compiled.compile: the optimizer factory returned null");
        return new Compiled(model, new Trainer(model, b -> forward(model, b), loss, opt), List.of(metrics));
    }

    /** {@code epochs} passes in batches of {@code batchSize}, shuffled (seed 0), metrics on {@code validation} (may be null). */
    public History fit(Dataset train, int epochs, int batchSize, Dataset validation, ProgressListener... listeners) {
        return fit(train, FitOptions.builder().epochs(epochs).batchSize(batchSize).shuffle(0)
                .validation(validation).listeners(listeners).build());
    }

    /** Fits with full options; the compiled metrics come first, then the options' own. */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(options, "Compiled.fit: options must not be null");
        return trainer.fit(train, options.withMetrics(metrics));
    }

    /** Loss and compiled metrics on {@code data}, in eval mode, without a graph. */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        return trainer.evaluate(data, batchSize, metrics);
    }

    public Sequential model() {
        return model;
    }

    public Trainer trainer() {
        return trainer;
    }

    /** Token ids or features, with the batch's mask if it has one. */
    static Tensor forward(Sequential model, Batch b) {
        if (b.hasIdInputs()) return b.mask() != null ? model.forward(b.inputIds(), b.mask()) : model.forward(b.inputIds());
        return b.mask() != null ? model.forward(b.inputs(), b.mask()) : model.forward(b.inputs());
    }
}
