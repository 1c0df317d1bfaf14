package dev.xent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AotTrainingTest {
    @Test
    void everyCommandOfTheStartupWorkloadSucceeds(@TempDir Path dir) throws Exception {
        // a failing command would silently leave its classes out of the launcher's start-up cache
        assertEquals(List.of(), AotTraining.run(dir));
    }
}
