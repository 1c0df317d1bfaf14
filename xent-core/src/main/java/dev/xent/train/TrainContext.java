// What a callback can see and do during training: model, optimizer, history, position, stop.
package dev.xent.train;

import dev.xent.nn.Module;
import dev.xent.optim.Optimizer;

/**
 * The state of the running loop, handed to every {@link Callback}. The position is the next batch the
 * loop will train ({@link #nextEpoch()}, {@link #nextBatch()}): after batch b of epoch e it is (e, b + 1);
 * after epoch e ends it is (e + 1, 0). A checkpoint stores it, and resume starts there.
 */
public final class TrainContext {
    private final Module model;
    private final Optimizer optimizer;
    final TrainOptions options;
    History history;
    long step;
    int nextEpoch, nextBatch;
    int batchesPerEpoch;
    long trainedNanos;   // training time over all sessions of the run (the maxSeconds budget)
    boolean stop;

    TrainContext(Module model, Optimizer optimizer, TrainOptions options, History history) {
        this.model = model;
        this.optimizer = optimizer;
        this.options = options;
        this.history = history;
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public History history() {
        return history;
    }

    public TrainOptions options() {
        return options;
    }

    /** Steps applied so far in this run, counting those before a resume. */
    public long step() {
        return step;
    }

    public int nextEpoch() {
        return nextEpoch;
    }

    public int nextBatch() {
        return nextBatch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Asks the loop to stop after the current batch (from onBatchEnd) or epoch (from onEpochEnd). */
    public void stopTraining() {
        stop = true;
    }

    public boolean stopRequested() {
        return stop;
    }
}
