// `xent train lm|tag|classify|translate|vectors --help` lists only what the command accepts: every flag and setting is tried.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help is parsed as a user reads it: the options (names, value label, description with "Default: …" and an
 * optional "[model, …]" tag) and the footer's settings without a flag (key, default, grouped by "[model, …]").
 * Each train command (lm, classify and translate once per -model) then runs once, on tiny data, with every flag and
 * every setting the help lists for it, each at its listed default unless a cheap value is needed; the run must
 * succeed and its config.json must record each value given. A flag or setting the help marks as another model's must
 * be refused. A flag described as "the same setting as -KEY" (translate's -src for -input) runs a second time in
 * place of -KEY and must record the same config.json; giving both is refused.
 */
class TrainHelpTest {
    /** Options that are not settings, with how this test treats them. */
    private static final Set<String> SKIPPED = Set.of("-h", "-V", "--resume");   // print and exit; TrainResumeTest
    private static final Pattern OPTION = Pattern.compile("^ {2,6}(-\\S.*?)(?: {2,}(.*))?$");
    private static final Pattern PER_MODEL = Pattern.compile("(\\S+) \\(([^)]+)\\)(?:, |$)");
    private static final Pattern ALIAS = Pattern.compile("the same setting as -(\\w+)\\.");

    /** One option line of the help: its names, whether it takes a value, its description. */
    record Option(List<String> names, boolean takesValue, String description) {
        String name() {
            return names.get(0);
        }

        /** "[fasttext] …" → [fasttext]; untagged → null (every model). */
        List<String> models() {
            return tagged(description);
        }

        String defaultText() {
            int at = description.indexOf("Default: ");
            if (at < 0) return null;
            String d = description.substring(at + 9).strip();
            return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        }
    }

    /** One row of the footer: key, default as shown, the models of its group (null: every model). */
    record Row(String key, String defaultText, List<String> models) {}

    record Help(List<Option> options, List<Row> settings) {}

    static Help parse(String help) {
        List<Option> options = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String[] lines = help.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("Settings without a flag")) {
            Matcher m = OPTION.matcher(lines[i]);
            if (m.matches() && !lines[i].startsWith(" ".repeat(7))) {
                StringBuilder d = new StringBuilder(m.group(2) == null ? "" : m.group(2));
                while (i + 1 < lines.length && lines[i + 1].startsWith(" ".repeat(20))) d.append(' ').append(lines[++i].strip());
                String spec = m.group(1);
                List<String> names = new ArrayList<>();
                for (String n : spec.split(", ")) names.add(n.replaceAll("[\\[=].*", ""));
                options.add(new Option(names, spec.contains("="), d.toString().strip()));
            }
            i++;
        }
        List<String> group = null;
        for (i++; i < lines.length && !lines[i].isBlank(); i++) {
            String line = lines[i];
            if (line.startsWith(" [")) {
                group = line.strip().equals("[every model]") ? null : tagged(line.strip());
            } else if (line.matches("^  \\w.*")) {
                String[] parts = line.strip().split(" {2,}");
                rows.add(new Row(parts[0], parts[1], group));
            }
        }
        return new Help(options, rows);
    }

    private static List<String> tagged(String text) {
        if (!text.startsWith("[")) return null;
        return List.of(text.substring(1, text.indexOf(']')).split(", "));
    }

    /** The default {@code model} gets: "0.1 (fasttext), 0.001 (cnn, rnn)" → 0.001 for rnn; "\"\"" → "". */
    static String defaultFor(String shown, String model) {
        String value = shown;
        Matcher m = PER_MODEL.matcher(shown);
        if (shown.contains(" (")) {
            value = null;
            while (m.find()) if (List.of(m.group(2).split(", ")).contains(model)) value = m.group(1);
        }
        assertNotNull(value, "no default for " + model + " in '" + shown + "'");
        return value.equals("\"\"") ? "" : value;
    }

    @Test
    void everyFlagAndSettingInTheHelpIsAccepted(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("lm.txt"), 3000, 1);
        Path conll = TagCommandsTest.conll(dir.resolve("train.conll"), 20, 1);
        Path ft = ClassifyCommandsTest.data(dir.resolve("train.txt"), 60, 1, false);
        Map<String, String> lm = Map.of("input", text.toString(), "dim", "8", "maxSteps", "2", "maxSeconds", "0.0",
                "validChars", "600", "bptt", "8", "blockLen", "8", "batch", "4", "samples", "1",
                "sampleLength", "5");
        for (String model : List.of("rnn", "transformer")) tryEverything(dir, "lm", model, lm);
        tryEverything(dir, "tag", "tag", Map.of("input", conll.toString(), "valid", conll.toString(), "dim", "8",
                "hidden", "8", "epoch", "1"));
        for (String model : List.of("fasttext", "cnn", "rnn", "transformer")) {
            tryEverything(dir, "classify", model, Map.of("input", ft.toString(), "valid", ft.toString(), "dim", "8",
                    "epoch", "1", "bucket", "1000", "filters", "4", "hidden", "8"));
        }
        for (String model : List.of("skipgram", "cbow")) {
            tryEverything(dir, "vectors", model, Map.of("input", text.toString(), "valid", text.toString(), "dim", "8",
                    "epoch", "1", "minCount", "1"));
        }
        TranslateCommandsTest.pairs(dir, "mt", 40, 1);
        Map<String, String> mt = new LinkedHashMap<>(Map.of("input", dir.resolve("mt.de.gz").toString(),
                "target", dir.resolve("mt.en.gz").toString(), "valid", dir.resolve("mt.de.gz").toString(),
                "validTarget", dir.resolve("mt.en.gz").toString(), "dim", "8", "hidden", "8", "heads", "2",
                "encoderLayers", "1", "decoderLayers", "1", "feedForward", "16"));
        mt.putAll(Map.of("bpeVocab", "300", "maxTokens", "64", "maxLen", "32", "epoch", "1", "samples", "2"));
        for (String model : List.of("transformer", "rnn")) tryEverything(dir, "translate", model, mt);
    }

    @Test
    void aFlagOrSettingOfAnotherTaskIsAUsageErrorNamingIt(@TempDir Path dir) {
        String runs = dir.resolve("runs").toString();
        for (String other : List.of("-wordNgrams", "-bucket", "-loss")) {
            assertFalse(Cli.run("train", "lm", "--help").out().contains(other + ","), "lm --help offers " + other);
        }
        Cli lm = Cli.run("train", "lm", "-wordNgrams", "2", "--runs-dir", runs);
        assertEquals(ExitCodes.USAGE, lm.code(), lm.err());
        assertTrue(lm.err().startsWith("xent: error: Unknown options: '-wordNgrams'") && lm.err().contains(
                "-wordNgrams is an option of 'xent train classify', not of 'xent train lm'"), lm.err());
        Cli tag = Cli.run("train", "tag", "-level", "word", "--runs-dir", runs);
        assertEquals(ExitCodes.USAGE, tag.code(), tag.err());
        assertTrue(tag.err().contains("-level is an option of 'xent train lm'"), tag.err());
        Cli set = Cli.run("train", "lm", "--set", "wordNgrams=2", "--runs-dir", runs);
        assertEquals(ExitCodes.USAGE, set.code(), set.err());
        assertTrue(set.cleanError() && set.err().contains("unknown setting 'wordNgrams'"), set.err());
        Cli clip = Cli.run("train", "lm", "--set", "clip=0.5", "--runs-dir", runs);
        assertEquals(ExitCodes.USAGE, clip.code(), clip.err());
        assertTrue(clip.err().contains("setting 'clip' is now called 'clipNorm'"), clip.err());
        assertFalse(Files.exists(dir.resolve("runs")), "no run directory for a refused command line");
    }

    /** Runs `xent train TASK` with every flag and setting its help lists for {@code model}. */
    private static void tryEverything(Path dir, String task, String model, Map<String, String> cheap) throws Exception {
        Cli h = Cli.run("train", task, "--help");
        assertEquals(0, h.code(), h.err());
        Help help = parse(h.out());
        assertFalse(help.settings().isEmpty(), "the help lists the settings without a flag: " + h.out());
        Path config = Files.writeString(dir.resolve("config-" + model + ".json"), "{}");
        String name = "all-" + task + "-" + model;
        List<String> args = new ArrayList<>(List.of("train", task));
        Map<String, String> expected = new LinkedHashMap<>();
        List<Option> otherModels = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();   // -src → input
        for (Option o : help.options()) {
            String n = o.name();
            if (SKIPPED.contains(n)) continue;
            Matcher alias = ALIAS.matcher(o.description());
            if (alias.find()) {
                assertTrue(o.takesValue() && o.description().length() > 40, n + " has a description of its own: "
                        + o.description());
                aliases.put(n, alias.group(1));
                continue;
            }
            switch (n) {
                case "-model" -> args.addAll(List.of(n, model));
                case "-config" -> args.addAll(List.of(n, config.toString()));
                case "--set" -> { }   // used below, for the settings without a flag
                case "--run" -> args.addAll(List.of(n, name));
                case "--runs-dir" -> args.addAll(List.of(n, dir.resolve("runs").toString()));
                case "--progress" -> args.addAll(List.of(n, "none"));
                case "-q", "--debug" -> args.add(n);
                default -> {
                    assertNotNull(o.defaultText(), n + ": a setting flag shows its default: " + o.description());
                    if (o.models() != null && !o.models().contains(model)) {
                        otherModels.add(o);
                        continue;
                    }
                    String key = n.substring(1);
                    assertTrue(o.takesValue(), n);
                    String value = cheap.getOrDefault(key, defaultFor(o.defaultText(), model));
                    args.addAll(List.of(n, value));
                    expected.put(key, value);
                }
            }
        }
        for (Row r : help.settings()) {
            if (r.models() != null && !r.models().contains(model)) continue;
            String value = cheap.getOrDefault(r.key(), defaultFor(r.defaultText(), model));
            args.addAll(List.of("--set", r.key() + "=" + value));
            expected.put(r.key(), value);
        }
        Cli t = Cli.run(args.toArray(String[]::new));
        assertEquals(0, t.code(), model + ": " + String.join(" ", args) + "\n" + t.err());
        JsonNode saved = new ObjectMapper().readTree(dir.resolve("runs").resolve(name).resolve("config.json").toFile());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode v = saved.get(e.getKey());
            assertNotNull(v, model + ": config.json lacks " + e.getKey());
            assertEquals(e.getValue(), shown(v), model + ": config.json records " + e.getKey());
        }
        if (!task.equals("tag")) assertEquals(model, saved.path("model").asText());
        if (!aliases.isEmpty()) aliasesRecordTheSameSettings(dir, name, args, aliases, saved);
        for (Option o : otherModels) {   // the help says these are another model's: they are refused
            Cli bad = Cli.run("train", task, "-model", model, "-input", "x.txt", o.name(), defaultFor(o.defaultText(),
                    o.models().get(0)), "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
            assertEquals(ExitCodes.USAGE, bad.code(), o.name() + " with -model " + model + ": " + bad.err());
            assertTrue(bad.err().contains(o.name()) && bad.err().contains("this run is -model " + model), bad.err());
        }
    }

    /** The run again with each aliased flag (-input) given by its alias (-src): the same config.json. */
    private static void aliasesRecordTheSameSettings(Path dir, String name, List<String> args,
                                                     Map<String, String> aliases, JsonNode saved) throws Exception {
        List<String> again = new ArrayList<>(args);
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            int at = again.indexOf("-" + a.getValue());
            assertTrue(at >= 0, "the help lists -" + a.getValue() + ", of which " + a.getKey() + " is an alias");
            again.set(at, a.getKey());
        }
        again.set(again.indexOf("--run") + 1, name + "-aliases");
        Cli t = Cli.run(again.toArray(String[]::new));
        assertEquals(0, t.code(), String.join(" ", again) + "\n" + t.err());
        JsonNode viaAliases = new ObjectMapper().readTree(dir.resolve("runs").resolve(name + "-aliases")
                .resolve("config.json").toFile());
        assertEquals(saved, viaAliases, "aliases " + aliases);
        Map.Entry<String, String> first = aliases.entrySet().iterator().next();
        List<String> both = new ArrayList<>(args);
        both.addAll(List.of(first.getKey(), "x"));
        both.set(both.indexOf("--run") + 1, name + "-both");
        Cli refused = Cli.run(both.toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, refused.code(), refused.err());
        assertTrue(refused.err().contains(first.getKey() + " and -" + first.getValue() + " are the same setting"),
                refused.err());
    }

    /** A config.json value written as the help shows defaults: 0.5, 0.0005, 3,4,5, text as is. */
    private static String shown(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        if (v.isFloatingPointNumber()) {
            String plain = java.math.BigDecimal.valueOf(v.asDouble()).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return v.asText();
    }
}
