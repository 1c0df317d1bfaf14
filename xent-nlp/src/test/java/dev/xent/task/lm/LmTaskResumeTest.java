// A language-model run stopped mid-epoch and resumed equals the uninterrupted run bit for bit (RNN and Transformer).
package dev.xent.task.lm;

import dev.xent.tensor.Tensor;
import dev.xent.train.Checkpointing;
import dev.xent.train.History;
import dev.xent.train.ProgressListener;
import dev.xent.train.StopSignal;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainingInterruptedException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * With dropout on, the resumed run must restore the carried state (h, c), the dropout generators, the block
 * offsets generator (Transformer), the optimizer's moments and the position: any one missing changes the weights.
 */
class LmTaskResumeTest {
    private static final String LINE = "the commission must act on this report and we vote for it today.\n";

    private static LmTask task(LmConfig.Arch arch) {
        LmConfig c = LmConfig.builder().level("char").arch(arch).dim(16).layers(2).heads(2).dropout(0.2).batch(4)
                .seqLen(8).lr(0.01).seed(3).build();
        return LmTask.create(c, LINE.repeat(12), LINE.repeat(2));
    }

    private static TrainOptions.Builder options(Path dir) {
        return TrainOptions.builder().epochs(2).clipNorm(1).validateAtStart(true)
                .checkpointing(Checkpointing.to(dir).everySteps(5).keepLast(2));
    }

    @ParameterizedTest
    @EnumSource(value = LmConfig.Arch.class, names = {"LSTM", "GRU", "TRANSFORMER"})
    void stoppedAndResumedRunEqualsTheUninterruptedOne(LmConfig.Arch arch, @TempDir Path dir) throws Exception {
        LmTask full = task(arch);
        int perEpoch = full.batchesPerEpoch();
        History a = full.fit(options(dir.resolve("full")).build());
        assertEquals(2 * perEpoch, a.steps());

        StopSignal stop = new StopSignal();
        long stopAfter = perEpoch + 3;   // inside the second epoch, between two checkpoints
        ProgressListener stopper = p -> {
            if (p.step() == stopAfter) stop.request("test");
        };
        LmTask cut = task(arch);
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> cut.fit(options(dir.resolve("cut")).stop(stop).listeners(stopper).build()));
        assertEquals(stopAfter, e.step());

        LmTask resumed = task(arch);
        History b = resumed.resume(options(dir.resolve("cut")).build());
        assertArrayEquals(a.stepLosses(), b.stepLosses(), "every step's loss");
        assertEquals(a.get("val_loss"), b.get("val_loss"));
        Map<String, Tensor> wa = full.model().stateDict(), wb = resumed.model().stateDict();
        for (String k : wa.keySet()) assertArrayEquals(wa.get(k).toArray(), wb.get(k).toArray(), k);
    }
}
