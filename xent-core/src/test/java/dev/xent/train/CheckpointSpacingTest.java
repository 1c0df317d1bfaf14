// Epoch-end checkpoints spaced in time: skipped while the last checkpoint is younger than the spacing, same results.
package dev.xent.train;

import dev.xent.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckpointSpacingTest {
    static List<String> checkpoints(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void hogwildWritesEpochEndCheckpointsOnlyPastTheSpacing(@TempDir Path tmp) throws Exception {
        HogwildTest.LeastSquares every = new HogwildTest.LeastSquares(1, 4, 0.02f);
        Hogwild.run(every, TrainOptions.builder().checkpointing(Checkpointing.to(tmp.resolve("every")).keepLast(10)).build());
        // the fresh run's checkpoint and epochs 1-3 (the last epoch ends the run: the model is saved instead)
        assertEquals(List.of("ckpt-0.xent", "ckpt-200.xent", "ckpt-400.xent", "ckpt-600.xent"), checkpoints(tmp.resolve("every")));

        HogwildTest.LeastSquares spaced = new HogwildTest.LeastSquares(1, 4, 0.02f);
        Hogwild.run(spaced, TrainOptions.builder().checkpointing(Checkpointing.to(tmp.resolve("spaced")).keepLast(10)
                .epochEndsAtMostEvery(3600)).build());
        assertEquals(List.of("ckpt-0.xent"), checkpoints(tmp.resolve("spaced")));
        assertArrayEquals(every.w, spaced.w, "checkpoints do not change what is trained");
    }

    @Test
    void trainLoopWritesEpochEndCheckpointsOnlyPastTheSpacing(@TempDir Path tmp) throws Exception {
        TrainLoopTest.CarryTask every = new TrainLoopTest.CarryTask(1);
        new Trainer(every, new Adam(every.model.namedParameters(), 0.02)).fit(TrainOptions.builder().epochs(3)
                .checkpointing(Checkpointing.to(tmp.resolve("every")).keepLast(10)).build());
        List<String> all = checkpoints(tmp.resolve("every"));
        assertEquals(4, all.size(), "the fresh run's and one per epoch end: " + all);

        TrainLoopTest.CarryTask spaced = new TrainLoopTest.CarryTask(1);
        new Trainer(spaced, new Adam(spaced.model.namedParameters(), 0.02)).fit(TrainOptions.builder().epochs(3)
                .checkpointing(Checkpointing.to(tmp.resolve("spaced")).keepLast(10).epochEndsAtMostEvery(3600)).build());
        assertEquals(List.of("ckpt-0.xent"), checkpoints(tmp.resolve("spaced")));
        assertArrayEquals(every.model.flat(), spaced.model.flat(), "checkpoints do not change what is trained");

        TrainLoopTest.CarryTask zero = new TrainLoopTest.CarryTask(1);
        new Trainer(zero, new Adam(zero.model.namedParameters(), 0.02)).fit(TrainOptions.builder().epochs(3)
                .checkpointing(Checkpointing.to(tmp.resolve("zero")).keepLast(10).epochEndsAtMostEvery(0)).build());
        assertEquals(all, checkpoints(tmp.resolve("zero")), "spacing 0 = every epoch end");
    }

    @Test
    void spacingMustBeANonNegativeNumberOfSeconds(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpointing.to(tmp).epochEndsAtMostEvery(-1));
        assertEquals("epoch-end checkpoint spacing must be in [0, 1e9) seconds; got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpointing.to(tmp).epochEndsAtMostEvery(Double.NaN));
    }
}
