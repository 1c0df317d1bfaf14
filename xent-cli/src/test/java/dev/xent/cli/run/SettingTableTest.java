package dev.xent.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.classify.ClassifySettings;
import dev.xent.cli.lm.LmSettings;
import dev.xent.cli.tag.TagSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.xent.cli.run.SettingTable.per;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTableTest {
    private static SettingTable.Builder common(String task, String... models) {
        return SettingTable.of(task, models).flag("input", "", "i").flag("valid", "", "v").flag("epoch", 1, "e")
                .flag("lr", 0.1, "l").flag("dim", 8, "d").flag("seed", 1L, "s").flag("thread", 0, "t")
                .flag("skipBadLines", false, "b");
    }

    @Test
    void defaultsPerModel() {
        SettingTable t = common("x", "a", "b").set("hidden", per("a", 16), "units")
                .set("dropout", per("a", 0.5, "b", 0.1), "dropout").build();
        ObjectNode a = t.defaults("a"), b = t.defaults("b");
        assertEquals("x", a.path("task").asText());
        assertEquals("a", a.path("model").asText());
        assertEquals(16, a.path("hidden").asInt());
        assertFalse(b.has("hidden"), "a setting of another model is not in b's defaults");
        assertEquals(0.1, b.path("dropout").asDouble());
        assertFalse(common("y").build().defaults("y").has("model"), "a one-model task records no model");
        assertThrows(IllegalArgumentException.class, () -> t.defaults("c"));
    }

    @Test
    void helpShowsDefaultsAndWhichModelsHaveASetting() {
        SettingTable t = common("x", "a", "b", "c").flag("ngrams", per("a", 1), "max n-gram length")
                .set("rate", per("a", 5e-4, "b c", 150.0), "a rate").build();
        Setting ngrams = t.flags().stream().filter(s -> s.key().equals("ngrams")).findFirst().orElseThrow();
        assertEquals("[a] Max n-gram length. Default: 1.", t.flagHelp(ngrams));
        assertEquals(List.of("-ngrams", "--ngrams"), ngrams.flagNames());
        List<String> footer = t.footer();
        assertEquals(" [every model]", footer.get(1), "rate is every model's, with per-model defaults: " + footer);
        assertTrue(footer.get(2).startsWith("  rate") && footer.get(2).contains("0.0005 (a), 150.0 (b, c)"),
                footer.toString());
        assertEquals("--skip-bad-lines", t.flags().stream().filter(s -> s.key().equals("skipBadLines")).findFirst()
                .orElseThrow().flagNames().get(1));
    }

    @Test
    void everyTableHasTheCommonFlagsFirstAndHelpLinesFitTheTerminal() {
        for (SettingTable t : List.of(LmSettings.TABLE, TagSettings.TABLE, ClassifySettings.TABLE)) {
            assertEquals(SettingTable.COMMON_FLAGS, t.flags().subList(0, SettingTable.COMMON_FLAGS.size()).stream()
                    .map(Setting::key).toList(), t.task());
            for (String line : t.footer()) assertTrue(line.length() <= 79, t.task() + ": " + line);
        }
        assertThrows(IllegalStateException.class, () -> SettingTable.of("z").flag("input", "", "i").build());
        assertThrows(IllegalArgumentException.class, () -> common("z").set("dim", 3, "again"));
        assertThrows(IllegalArgumentException.class, () -> common("z", "a").set("k", per("nope", 1), "k"));
    }

    @Test
    void oneNameForGradientClipping() {
        for (SettingTable t : List.of(LmSettings.TABLE, TagSettings.TABLE, ClassifySettings.TABLE)) {
            assertTrue(t.settings().stream().anyMatch(s -> s.key().equals("clipNorm")), t.task());
            assertTrue(t.settings().stream().noneMatch(s -> s.key().equals("clip")), t.task());
        }
    }
}
