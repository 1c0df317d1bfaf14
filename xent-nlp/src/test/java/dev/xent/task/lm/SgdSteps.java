// Test helper: a few SGD steps of an RNN LM on the one training loop, as pytorch/examples' main.py takes them.
package dev.xent.task.lm;

import dev.xent.optim.Sgd;
import dev.xent.tensor.Rng;
import dev.xent.train.Progress;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;

import java.util.ArrayList;
import java.util.List;

final class SgdSteps {
    private SgdSteps() {}

    /**
     * Trains {@code m} on the first {@code steps} batches of {@code s} in order (the state carried from batch to
     * batch) with SGD at lr 20 and the global gradient norm clipped to 0.25; returns each step's record (loss,
     * gradient norm before clipping).
     */
    static List<Progress> run(LstmLanguageModel m, BpttStream s, Rng dropout, int steps) {
        List<Progress> out = new ArrayList<>();
        new Trainer(new RnnLmTask(m, s, null, dropout, "word"), new Sgd(m.namedParameters(), 20))
                .fit(TrainOptions.builder().clipNorm(0.25).maxSteps(steps).listeners(out::add).build());
        return out;
    }
}
