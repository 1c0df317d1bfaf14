package dev.xent.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolvedConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode defaults() {
        ObjectNode d = JSON.createObjectNode().put("epoch", 5).put("lr", 0.1).put("dim", 100).put("loss", "softmax")
                .put("lowercase", true).putNull("valid");
        d.putArray("filters").add(3).add(4).add(5);
        d.putObject("optimizer").put("name", "sgd").put("beta2", 0.999);
        return d;
    }

    @Test
    void flagsOverrideFileOverrideDefaults(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("c.yaml");
        Files.writeString(yaml, "epoch: 10\nlr: 0.5\noptimizer:\n  beta2: 0.98\nvalid: data/valid.txt\n");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("lr", "1");
        flags.put("filters", "2,3");
        flags.put("optimizer.name", "adam");
        ResolvedConfig c = ResolvedConfig.resolve(defaults(), yaml, flags);
        assertEquals(10, c.getInt("epoch"));                         // file
        assertEquals(1.0, c.getDouble("lr"));                        // flag beats file
        assertTrue(c.get("lr").isDouble(), "a number setting stays a number even when typed as 1");
        assertEquals(100, c.getInt("dim"));                          // default
        assertEquals(0.98, c.getDouble("optimizer.beta2"));          // nested, from file
        assertEquals("adam", c.getString("optimizer.name"));         // nested, from flag
        assertEquals("[2,3]", c.get("filters").toString());
        assertEquals("[4]", ResolvedConfig.resolve(defaults(), null, Map.of("filters", "4")).get("filters").toString(),
                "one value for a list setting is a one-element list");
        assertEquals("data/valid.txt", c.getString("valid"));        // null default: any value
        assertEquals(ResolvedConfig.Origin.FLAG, c.origins().get("lr"));
        assertEquals(ResolvedConfig.Origin.FILE, c.origins().get("epoch"));
        assertEquals(ResolvedConfig.Origin.DEFAULT, c.origins().get("dim"));
        assertEquals(ResolvedConfig.Origin.FILE, c.origins().get("optimizer.beta2"));

        // the written config reproduces the run when given back as --config
        Path written = dir.resolve("config.json");
        c.write(written);
        ResolvedConfig again = ResolvedConfig.resolve(defaults(), written, Map.of());
        assertEquals(c.tree(), again.tree());
    }

    @Test
    void jsonFileWorksToo(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("c.json");
        Files.writeString(json, "{\"epoch\": 3, \"lowercase\": false}");
        ResolvedConfig c = ResolvedConfig.resolve(defaults(), json, Map.of());
        assertEquals(3, c.getInt("epoch"));
        assertEquals(false, c.getBoolean("lowercase"));
    }

    @Test
    void unknownKeysAndWrongTypesAreClearErrors(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("c.yaml");
        Files.writeString(yaml, "epochs: 10\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), yaml, Map.of()));
        assertTrue(e.getMessage().startsWith(yaml + ": unknown setting 'epochs'; did you mean 'epoch'?"), e.getMessage());

        Files.writeString(yaml, "epoch: 2.5\n");
        e = assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), yaml, Map.of()));
        assertEquals(yaml + ": setting 'epoch' must be an integer; got 2.5", e.getMessage());

        Files.writeString(yaml, "optimizer: adam\n");
        e = assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), yaml, Map.of()));
        assertTrue(e.getMessage().contains("'optimizer' must be a group of settings"), e.getMessage());

        // flags are usage errors (exit 2), not bad input
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> ResolvedConfig.resolve(defaults(), null, Map.of("lr", "fast")));
        assertEquals("the command line: setting 'lr' must be a number; got 'fast'", f.getMessage());
        f = assertThrows(IllegalArgumentException.class,
                () -> ResolvedConfig.resolve(defaults(), null, Map.of("wordNgrams", "2")));
        assertTrue(f.getMessage().contains("unknown setting 'wordNgrams'"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResolvedConfig.resolve(defaults(), null, Map.of("lowercase", "maybe")));
    }

    @Test
    void malformedOrNonMappingFiles(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("c.yml");
        Files.writeString(yaml, "epoch: [1, 2\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), yaml, Map.of()));
        assertTrue(e.getMessage().startsWith(yaml + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());

        Path json = dir.resolve("c.json");
        Files.writeString(json, "[1, 2]");
        e = assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), json, Map.of()));
        assertTrue(e.getMessage().contains("must hold a mapping"), e.getMessage());
        Files.writeString(json, "");
        assertThrows(BadInputException.class, () -> ResolvedConfig.resolve(defaults(), json, Map.of()));
    }
}
