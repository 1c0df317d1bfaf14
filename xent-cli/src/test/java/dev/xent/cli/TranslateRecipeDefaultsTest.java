// The plain `xent train translate` resolves to the two measured Multi30k recipes; an explicit flag or --set still wins.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/translation.md's numbers come from two runs whose --set overrides are now the defaults: the Transformer with
 * dropout 0.2 and batches of 1600 tokens (the rest TranslateConfig.defaults()), the RNN with dim 256, hidden 512,
 * dropout 0.3, 1600 tokens, lr 0.001, warm-up 400; both clip at 1 and score greedy BLEU on every validation line.
 * Each model runs one step on tiny data (--set maxSteps=1 is the only setting given), and its config.json must hold
 * exactly those values.
 */
class TranslateRecipeDefaultsTest {
    static final Map<String, Object> TRANSFORMER = Map.ofEntries(Map.entry("model", "transformer"),
            Map.entry("bpeVocab", 8000), Map.entry("dim", 256), Map.entry("heads", 4), Map.entry("encoderLayers", 3),
            Map.entry("decoderLayers", 3), Map.entry("feedForward", 1024), Map.entry("dropout", 0.2),
            Map.entry("labelSmoothing", 0.1), Map.entry("maxTokens", 1600), Map.entry("lr", 7e-4),
            Map.entry("warmup", 1000), Map.entry("clipNorm", 1.0), Map.entry("weightDecay", 0.0),
            Map.entry("bleuSentences", -1), Map.entry("maxLen", 256));
    static final Map<String, Object> RNN = Map.ofEntries(Map.entry("model", "rnn"), Map.entry("bpeVocab", 8000),
            Map.entry("dim", 256), Map.entry("hidden", 512), Map.entry("dropout", 0.3),
            Map.entry("labelSmoothing", 0.1), Map.entry("maxTokens", 1600), Map.entry("lr", 0.001),
            Map.entry("warmup", 400), Map.entry("clipNorm", 1.0), Map.entry("weightDecay", 0.0),
            Map.entry("bleuSentences", -1));

    static Cli train(Path dir, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "translate", "-src", dir.resolve("t.de.gz").toString(),
                "-tgt", dir.resolve("t.en.gz").toString(), "-valid-src", dir.resolve("v.de.gz").toString(),
                "-valid-tgt", dir.resolve("v.en.gz").toString(), "--set", "maxSteps=1", "-thread", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", name, "--progress", "none"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    static JsonNode config(Path dir, String name) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("runs").resolve(name).resolve("config.json").toFile());
    }

    static void assertRecipe(Map<String, Object> recipe, JsonNode saved) {
        recipe.forEach((key, want) -> {
            JsonNode v = saved.get(key);
            assertTrue(v != null, "config.json lacks " + key + ": " + saved);
            Object got = want instanceof String ? v.asText() : want instanceof Integer ? (Object) v.asInt() : v.asDouble();
            assertEquals(want, got, key + " in " + saved);
        });
    }

    /** The settings table's defaults build exactly the library's measured recipe (one concept, one place). */
    @Test
    void settingsDefaultsAreTranslateConfigRecipe() throws Exception {
        for (String model : dev.xent.cli.translate.TranslateSettings.MODELS) {
            var resolved = dev.xent.cli.run.ResolvedConfig.resolve(
                    dev.xent.cli.translate.TranslateSettings.TABLE.defaults(model), null, Map.of());
            assertEquals(dev.xent.task.translate.TranslateConfig.recipe(model),
                    dev.xent.cli.translate.TranslateSettings.config(resolved), model);
        }
    }

    @Test
    void plainCommandIsTheMeasuredRecipeOfEachModel(@TempDir Path dir) throws Exception {
        TranslateCommandsTest.pairs(dir, "t", 30, 1);
        TranslateCommandsTest.pairs(dir, "v", 12, 2);
        Cli t = train(dir, "tf");
        assertEquals(0, t.code(), t.err() + t.out());
        assertRecipe(TRANSFORMER, config(dir, "tf"));
        assertTrue(t.out().contains("greedy BLEU on all 12 validation pairs; the epoch of best BLEU is kept"), t.out());
        assertTrue(t.out().contains("Transformer 3+3 layers of 256, 4 heads, MLP 1024"), t.out());

        Cli r = train(dir, "rnn", "-model", "rnn");
        assertEquals(0, r.code(), r.err() + r.out());
        assertRecipe(RNN, config(dir, "rnn"));
        assertTrue(r.out().contains("bi-GRU encoder and GRU decoder of 512, embeddings 256"), r.out());
        assertTrue(r.out().contains("greedy BLEU on all 12 validation pairs"), r.out());
    }

    @Test
    void anExplicitFlagOrSettingWinsOverTheModelsDefault(@TempDir Path dir) throws Exception {
        TranslateCommandsTest.pairs(dir, "t", 30, 1);
        TranslateCommandsTest.pairs(dir, "v", 12, 2);
        Cli r = train(dir, "rnn", "-model", "rnn", "-lr", "0.002", "--set", "dropout=0.1", "--set", "hidden=64",
                "-dim", "32", "--set", "bleuSentences=5");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode saved = config(dir, "rnn");
        assertEquals(0.002, saved.get("lr").asDouble());
        assertEquals(0.1, saved.get("dropout").asDouble());
        assertEquals(64, saved.get("hidden").asInt());
        assertEquals(400, saved.get("warmup").asInt(), "the rnn's own default where nothing was given");
        assertTrue(r.out().contains("greedy BLEU on the first 5 of 12 validation pairs"), r.out());
        Cli bad = train(dir, "bad", "--set", "bleuSentences=-2");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("bleuSentences must be -1 (all validation lines)") && bad.err().contains("got -2"),
                bad.err());
    }
}
