// What xent's synchronous data-parallel estimators (tagger, language model) share: the exchange mode, checkpoints,
// the seed, the driver's validation data and listeners, and the run itself (barrier stage or the driver's loop).
package dev.xent.spark;

import dev.xent.nn.Module;
import dev.xent.optim.Optimizer;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The params every synchronous estimator has ({@code sync}, {@code syncEvery}, {@code checkpointDir},
 * {@code checkpointEvery}, {@code resume}, {@code seed}), the driver-side settings that are not params (validation
 * data, step and barrier listeners; carried by {@link #copy}), and {@link #run}: one training run in the mode
 * {@code sync} names. {@code E} is the concrete estimator, so that the setters chain.
 */
public abstract class SyncEstimator<E extends SyncEstimator<E>> extends Estimator<XentModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> sync, checkpointDir;
    private final IntParam syncEvery;
    private final LongParam checkpointEvery, seed;
    private final BooleanParam resume;
    private transient Dataset<?> validation;
    private transient Consumer<SyncTraining.Step> listener = s -> {};
    private transient Consumer<BarrierTraining.Summary> barrierListener = s -> {};

    /** {@code seedDoc}: what the seed draws (per model); the defaults of checkpointEvery and seed are the model's. */
    protected SyncEstimator(String uid, long checkpointEveryDefault, String seedDoc, long seedDefault) {
        this.uid = uid;
        sync = new Param<>(this, "sync", "how the gradients are summed each step: aggregate (a treeAggregate job per "
                + "step, the driver steps) or barrier (one barrier stage, allGather, every worker steps)",
                ParamValidators.inArray(new String[] {"aggregate", "barrier"}));
        syncEvery = new IntParam(this, "syncEvery", "with sync barrier: 1 sums the gradients every step (exact "
                + "synchronous SGD); H > 1 lets each worker step on its own shard and averages the weights every H steps "
                + "(local SGD: H times fewer exchanges)", ParamValidators.gtEq(1));
        checkpointDir = new Param<>(this, "checkpointDir", "driver-local directory for checkpoints (\"\": none)");
        checkpointEvery = new LongParam(this, "checkpointEvery", "steps between checkpoints", ParamValidators.gtEq(1));
        resume = new BooleanParam(this, "resume", "continue from the newest checkpoint in checkpointDir");
        seed = new LongParam(this, "seed", seedDoc);
        setDefault(sync, "aggregate");
        setDefault(syncEvery, 1);
        setDefault(checkpointDir, "");
        setDefault(checkpointEvery, checkpointEveryDefault);
        setDefault(resume, false);
        setDefault(seed, seedDefault);
    }

    @Override public final String uid() { return uid; }

    public Param<String> sync() { return sync; }
    public IntParam syncEvery() { return syncEvery; }
    public Param<String> checkpointDir() { return checkpointDir; }
    public LongParam checkpointEvery() { return checkpointEvery; }
    public BooleanParam resume() { return resume; }
    public LongParam seed() { return seed; }

    @SuppressWarnings("unchecked")
    private E self(Object o) { return (E) o; }

    public E setSync(String v) { return self(set(sync, v)); }
    public E setSyncEvery(int v) { return self(set(syncEvery, v)); }
    public E setCheckpointDir(String v) { return self(set(checkpointDir, v)); }
    public E setCheckpointEvery(long v) { return self(set(checkpointEvery, v)); }
    public E setResume(boolean v) { return self(set(resume, v)); }
    public E setSeed(long v) { return self(set(seed, v)); }

    /** Data (the training columns) scored on the driver after each epoch; the best epoch's weights are kept. */
    public E setValidationData(Dataset<?> v) {
        this.validation = v;
        return self(this);
    }

    /** Called on the driver after each synchronous step (timings, bytes); not saved with the params. */
    public E setStepListener(Consumer<SyncTraining.Step> l) {
        this.listener = l;
        return self(this);
    }

    /** With sync "barrier": called on the driver once the run is over (steps, seconds, allGather seconds, bytes). */
    public E setBarrierListener(Consumer<BarrierTraining.Summary> l) {
        this.barrierListener = l;
        return self(this);
    }

    /** The validation data set with {@link #setValidationData}, or null. */
    protected Dataset<?> validationData() {
        return validation;
    }

    /** A new estimator of this kind with {@code uid} (the subclass's constructor). */
    protected abstract E create(String uid);

    @Override
    public E copy(ParamMap extra) {
        E c = create(uid);
        SyncEstimator<E> s = c;
        s.validation = validation;
        s.listener = listener;
        s.barrierListener = barrierListener;
        return self(copyValues(c, extra));
    }

    /**
     * Trains {@code model} (its weights are the start, and get the result) over {@code rows}. With sync "barrier": one
     * barrier stage in which every worker runs the loop with its own {@code workers} optimizer and the schedule
     * (no driver validation or checkpoints: refused; of {@code loop} only epochs, clipNorm and maxSteps count), its
     * summary to the barrier listener. With "aggregate": the driver's loop with the {@code driver} optimizer (a Spark
     * job per step), {@code loop}'s options (which hold the schedule's callbacks for the driver), {@code validate}
     * (null: none) and {@code selection} choosing the epoch kept, checkpoints as the params say.
     */
    protected final <T> void run(JavaRDD<T> rows, SyncTraining.ShardFactory<T> factory, Module model,
                                 BarrierTraining.OptimizerFactory workers, Supplier<Optimizer> driver,
                                 BarrierTraining.Schedule schedule, TrainOptions.Builder loop,
                                 Supplier<Map<String, Double>> validate, Selection selection) {
        BarrierTraining.checkSyncEvery($(sync), (Integer) $(syncEvery));
        if ($(sync).equals("barrier")) {
            BarrierTraining.check(validate != null, $(checkpointDir));
            TrainOptions o = loop.build();
            barrierListener.accept(BarrierTraining.fit(rows, factory, model, workers, o.epochs(), o.clipNorm(),
                    o.maxSteps(), schedule, (Integer) $(syncEvery)));
            return;
        }
        SyncTraining task = new SyncTraining(rows, factory, model, "tokens", validate, selection, listener);
        task.train(driver.get(), loop, $(checkpointDir), (Long) $(checkpointEvery), (Boolean) $(resume));
    }
}
