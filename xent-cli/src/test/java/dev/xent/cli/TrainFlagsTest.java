package dev.xent.cli;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static dev.xent.cli.run.SettingTable.per;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Setting flags made from a table, --set and --config: what a train command resolves, without training. */
class TrainFlagsTest {
    static final SettingTable TABLE = SettingTable.of("t", "a", "b")
            .flag("input", "", "training file").flag("valid", "", "validation file").flag("epoch", 5, "passes")
            .flag("lr", per("a", 0.1, "b", 1e-3), "learning rate").flag("dim", 100, "size").flag("seed", 1L, "seed")
            .flag("thread", 2, "threads").flag("skipBadLines", false, "skip bad lines")
            .flag("wordNgrams", per("a", 1), "n-grams").flag("tied", false, "tie weights").flag("loss", "softmax", "loss")
            .set("optimizer", Map.of("beta2", 0.999), "optimizer settings")
            .build();

    static final class Flags extends SettingFlags {
        Flags() {
            super(TABLE);
        }
    }

    @CommandLine.Command(name = "t", modelTransformer = Flags.class)
    static final class Cmd {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        TrainFlags flags;

        @CommandLine.Mixin
        ProgressFlags progress;
    }

    private static Cmd command(String... args) {
        Cmd c = new Cmd();
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return c;
    }

    /** What `train t` with {@code model} would resolve from these arguments. */
    private static ResolvedConfig resolve(String model, String... args) throws Exception {
        Cmd c = command(args);
        Map<String, String> given = TrainSetup.overrides(TABLE, model, SettingFlags.given(c.spec, TABLE), c.flags);
        return ResolvedConfig.resolve(TABLE.defaults(model), c.flags.config, given);
    }

    @Test
    void progressFlags() {
        var err = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(dev.xent.cli.progress.ProgressSink.NONE, command("-q").progress.sink(err));
        assertEquals(dev.xent.cli.progress.ProgressSink.NONE, command("--progress", "none").progress.sink(err));
        assertEquals(dev.xent.cli.progress.LogProgress.class, command("--progress", "log").progress.sink(err).getClass());
        assertEquals(dev.xent.cli.progress.TerminalProgress.class, command("--progress", "BAR").progress.sink(err).getClass());
        assertThrows(CommandLine.ParameterException.class, () -> command("--progress", "fancy"));
    }

    @Test
    void fastTextSpellingsLongOptionsAndSet() throws Exception {
        ResolvedConfig c = resolve("a", "-epoch", "25", "-lr", "1.0", "-wordNgrams", "2", "--dim", "10", "-thread", "1",
                "-loss", "hs", "--set", "optimizer.beta2=0.98");
        assertEquals(25, c.getInt("epoch"));
        assertEquals(1.0, c.getDouble("lr"));
        assertEquals(2, c.getInt("wordNgrams"));
        assertEquals(10, c.getInt("dim"));
        assertEquals(1, c.getInt("thread"));
        assertEquals("hs", c.getString("loss"));
        assertEquals(0.98, c.getDouble("optimizer.beta2"));
        assertEquals(3, resolve("a", "--word-ngrams", "3").getInt("wordNgrams"));
        ResolvedConfig d = resolve("b");
        assertEquals(ResolvedConfig.Origin.DEFAULT, d.origins().get("epoch"));
        assertEquals(1e-3, d.getDouble("lr"), "model b's default");
        assertEquals(ResolvedConfig.Origin.FLAG, resolve("a", "-epoch", "5").origins().get("epoch"));
        assertEquals(7, resolve("a", "-epoch", "6", "--set", "epoch=7").getInt("epoch"), "--set comes after the flags");
    }

    @Test
    void aBooleanFlagMayOmitItsValue() throws Exception {
        assertTrue(resolve("a", "-tied").getBoolean("tied"));
        assertTrue(resolve("a", "--skip-bad-lines", "-epoch", "2").getBoolean("skipBadLines"));
        assertEquals(false, resolve("a", "-tied", "false").getBoolean("tied"));
        assertEquals(false, resolve("a").getBoolean("tied"));
    }

    @Test
    void settingsOfAnotherModelOrTypeAreUsageErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve("b", "-wordNgrams", "2"));
        assertTrue(e.getMessage().startsWith("setting wordNgrams (flag -wordNgrams) applies to -model a only; this run "
                + "is -model b"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("b", "--set", "wordNgrams=2"));
        assertTrue(e.getMessage().startsWith("setting wordNgrams (flag -wordNgrams) applies to -model a only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("a", "--set", "bucket=1000"));
        assertTrue(e.getMessage().contains("unknown setting 'bucket'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolve("a", "-epoch", "many"));
        CommandLine.ParameterException p = assertThrows(CommandLine.ParameterException.class, () -> command("-bucket", "9"));
        assertTrue(p.getMessage().contains("-bucket"), p.getMessage());
    }

    @Test
    void clipIsNowClipNorm() {
        SettingTable t = SettingTable.of("c").flag("input", "", "i").flag("valid", "", "v").flag("epoch", 1, "e")
                .flag("lr", 0.1, "l").flag("dim", 8, "d").flag("seed", 1L, "s").flag("thread", 0, "t")
                .flag("skipBadLines", false, "b").set("clipNorm", 1.0, "max global gradient norm").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResolvedConfig.resolve(t.defaults("c"), null, Map.of("clip", "0.5")));
        assertTrue(e.getMessage().contains("setting 'clip' is now called 'clipNorm'"), e.getMessage());
    }
}
