// DataDir: --data wins over XENT_DATA; a missing folder or file is an error that names the variable and the file.
package dev.xent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @Test
    void optionWinsOverTheEnvironment(@TempDir Path a, @TempDir Path b) throws Exception {
        Files.createDirectories(a.resolve("sst2"));
        Files.createDirectories(b.resolve("sst2"));
        assertEquals(a, DataDir.resolve(a.toString(), Map.of(DataDir.ENV, b.toString()), "sst2"));
        assertEquals(b, DataDir.resolve(null, Map.of(DataDir.ENV, b.toString()), "sst2"));
    }

    @Test
    void neitherGivenNamesTheOptionAndTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataDir.resolve(null, Map.of(), "sst2/train.tsv"));
        assertTrue(e.getMessage().contains("--data DIR") && e.getMessage().contains("XENT_DATA")
                && e.getMessage().contains("sst2/train.tsv"), e.getMessage());
    }

    @Test
    void aFolderWithoutTheNeededFileIsRefused(@TempDir Path a) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DataDir.resolve(null, Map.of(DataDir.ENV, a.toString()), "wikitext-2/train.txt"));
        assertTrue(e.getMessage().startsWith("XENT_DATA=" + a) && e.getMessage().contains("wikitext-2/train.txt"),
                e.getMessage());
    }
}
