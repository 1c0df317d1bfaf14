// What a lock-free (hogwild) SGD trainer gives the hogwild runner: shared weights and one worker per thread.
package dev.xent.train;

import dev.xent.tensor.Tensor;

import java.util.Map;

/**
 * fastText's way of training: several threads each take examples in turn and update shared weight matrices
 * without locks. The task owns the math (one example's update, the learning-rate schedule, each thread's data
 * position and generator); {@link Hogwild} owns the threads, the step count and epochs, checkpoints and exact
 * resume (one thread), budgets, the stop signal and the guards — the same as {@link Trainer} for gradient tasks.
 */
public interface HogwildTask {

    /** Worker threads (1 gives a run that a seed repeats exactly; more interleave differently every time). */
    int threads();

    /** Examples in one epoch, over all threads. */
    long examplesPerEpoch();

    /** Epochs the run trains (the task's schedule may end it earlier or later, see {@link #finished()}). */
    int epochs();

    /** Whether training has reached its end (fastText: the shared token count reached epochs × tokens). */
    boolean finished();

    /** Thread {@code t}'s worker (0 ≤ t &lt; threads), made once and called only from that thread. */
    Worker worker(int t);

    /** The learning rate the next example would use, for progress records (NaN: the task does not say). */
    default double lr() {
        return Double.NaN;
    }

    /** The shared weights as tensors viewing them (not copies): checkpoints save them, a restore writes into them. */
    Map<String, Tensor> weights();

    /** Each thread's position and generator, and any shared counter, besides the weights. */
    default TaskState state() {
        return TaskState.EMPTY;
    }

    default void restore(TaskState saved) {}

    /** The settings and data sizes that fix the run; a checkpoint with others is refused on resume. */
    default Map<String, Object> fingerprint() {
        return Map.of();
    }

    /** One thread's trainer. */
    interface Worker {
        /**
         * Trains this thread's next example (and moves on to the one after); returns its loss, or a negative
         * number when the example had nothing to train on (no known words). A NaN or infinite loss stops training.
         */
        double step();
    }
}
