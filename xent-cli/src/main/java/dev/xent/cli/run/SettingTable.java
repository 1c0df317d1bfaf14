// A task's settings in one declarative table: it makes the defaults ResolvedConfig resolves against and the --help text.
package dev.xent.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A task with several models (classify: fasttext, cnn, rnn, transformer) gives each setting a default per model
 * that has it ({@link #per}); a one-model task's settings apply to its only model. The defaults of a model are
 * {@code {"task": …, "model": … (several models only), every setting of that model}}; a setting the model lacks
 * is refused, naming the models that have it.
 */
public final class SettingTable {
    /** Help text width: picocli wraps at 80 columns, so shorter lines reach the terminal as written. */
    private static final int WIDTH = 79;

    /** The flags every train command has (with its own defaults); a table without one of them is a bug. */
    public static final List<String> COMMON_FLAGS = List.of("input", "valid", "epoch", "lr", "dim", "seed", "thread",
            "skipBadLines");

    private final String task;
    private final List<String> models;
    private final Map<String, Setting> settings;

    private SettingTable(String task, List<String> models, Map<String, Setting> settings) {
        this.task = task;
        this.models = List.copyOf(models);
        this.settings = settings;
    }

    /** A table for {@code task}; no models: a one-model task (its model is named like the task). */
    public static Builder of(String task, String... models) {
        return new Builder(task, models.length == 0 ? List.of(task) : List.of(models));
    }

    /** Defaults that differ by model: pairs of ("model model …", value), e.g. per("fasttext", 0.1, "cnn rnn", 1e-3). */
    public static PerModel per(Object... modelsAndValues) {
        if (modelsAndValues.length % 2 != 0) throw new IllegalArgumentException("per(...) takes (models, value) pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < modelsAndValues.length; i += 2) {
            for (String model : ((String) modelsAndValues[i]).split(" ")) m.put(model, modelsAndValues[i + 1]);
        }
        return new PerModel(m);
    }

    /** See {@link #per}. */
    public record PerModel(Map<String, Object> values) {}

    public String task() {
        return task;
    }

    public List<String> models() {
        return models;
    }

    /**
     * The run's model: the -model flag, else --set model=…, else (on --resume) the run's own config.json (the first
     * model when it has none), else the --config file's "model", else the first model. A -model that differs from
     * the resumed run's is refused.
     */
    public String chooseModel(String flag, String setValue, Path configFile, Path resume) throws IOException {
        String m = flag != null ? flag : setValue;
        if (resume != null) {
            String saved = ConfigFiles.read(RunDirectory.open(resume).configFile()).path("model").asText(models.get(0));
            if (m != null && !m.equalsIgnoreCase(saved)) {
                throw new IllegalArgumentException("--resume continues " + resume + ", a -model " + saved + " run; "
                        + "-model " + m + " differs. Drop -model to resume, or start a new run (-output NEW_NAME)");
            }
            m = saved;
        }
        if (m == null && configFile != null) m = ConfigFiles.read(configFile).path("model").asText(null);
        if (m == null) m = models.get(0);
        m = m.toLowerCase(Locale.ROOT);
        if (!models.contains(m)) {
            throw new IllegalArgumentException("-model must be one of " + String.join(", ", models) + "; got '" + m
                    + "' (" + models.get(0) + " is the default)");
        }
        return m;
    }

    /** True when the task has more than one model (the defaults then hold a "model" key). */
    public boolean hasModels() {
        return models.size() > 1;
    }

    public Collection<Setting> settings() {
        return settings.values();
    }

    /** The settings that have a flag: the {@link #COMMON_FLAGS} first, then the task's own in table order. */
    public List<Setting> flags() {
        List<Setting> out = new ArrayList<>();
        for (String key : COMMON_FLAGS) out.add(settings.get(key));
        for (Setting s : settings.values()) if (s.flag() && !COMMON_FLAGS.contains(s.key())) out.add(s);
        return out;
    }

    /** Every setting {@code model} has, with its default, as ResolvedConfig takes them (and config.json records). */
    public ObjectNode defaults(String model) {
        if (!models.contains(model)) {
            throw new IllegalArgumentException(task + " has no model '" + model + "'; models: " + String.join(", ", models));
        }
        ObjectNode d = ConfigFiles.JSON.createObjectNode();
        d.put("task", task);
        if (hasModels()) d.put("model", model);
        for (Setting s : settings.values()) if (s.appliesTo(model)) d.set(s.key(), s.defaults().get(model).deepCopy());
        return d;
    }

    /**
     * Refuses a setting given on the command line (dotted keys by their first part) that another model has but
     * {@code model} lacks, naming the models that have it; keys of no model are left to ResolvedConfig's check.
     */
    public void checkApplies(String model, Collection<String> keys) {
        for (String key : keys) {
            Setting s = settings.get(key.split("\\.", 2)[0]);
            if (s != null && !s.appliesTo(model)) {
                String given = "setting " + s.key() + (s.flag() ? " (flag " + s.flagName() + ")" : "");
                throw new IllegalArgumentException(given + " applies to -model " + String.join(", ", s.defaults().keySet())
                        + " only; this run is -model " + model + ". Drop it, or choose one of those models");
            }
        }
    }

    /** A flag's description: "[fasttext] Max length of word n-grams. Default: 1." */
    public String flagHelp(Setting s) {
        return tag(s) + Character.toUpperCase(s.help().charAt(0)) + s.help().substring(1) + ". Default: "
                + s.defaultText() + ".";
    }

    /** "[cnn, rnn] " when the setting is not every model's, else "". */
    private String tag(Setting s) {
        return s.defaults().size() == models.size() ? "" : "[" + String.join(", ", s.defaults().keySet()) + "] ";
    }

    /**
     * The help's list of the settings without a flag: key, default, meaning, one per line (wrapped), grouped by the
     * models that have them when the task has several ("[every model]", "[cnn, rnn, transformer]", …).
     */
    public List<String> footer() {
        List<Setting> rows = settings.values().stream().filter(s -> !s.flag()).toList();
        List<String> out = new ArrayList<>();
        out.add("Settings without a flag (--set KEY=VALUE or in a --config file) and defaults:");
        int keyWidth = 0, defaultWidth = 0;
        for (Setting s : rows) {
            keyWidth = Math.max(keyWidth, s.key().length());
            if (s.defaultText().length() <= 12) defaultWidth = Math.max(defaultWidth, s.defaultText().length());
        }
        Map<String, List<Setting>> groups = new LinkedHashMap<>();
        groups.put("", new ArrayList<>());   // every model's first
        for (Setting s : rows) groups.computeIfAbsent(tag(s), g -> new ArrayList<>()).add(s);
        groups.values().removeIf(List::isEmpty);
        for (Map.Entry<String, List<Setting>> g : groups.entrySet()) {
            if (hasModels()) out.add(" " + (g.getKey().isEmpty() ? "[every model]" : g.getKey().strip()));
            for (Setting s : g.getValue()) row(out, s, keyWidth, defaultWidth);
        }
        out.replaceAll(line -> line.replace("%", "%%"));   // picocli formats footer lines
        return out;
    }

    private static void row(List<String> out, Setting s, int keyWidth, int defaultWidth) {
        String head = "  " + pad(s.key(), keyWidth) + "  " + s.defaultText();
        int indent = 2 + keyWidth + 2 + defaultWidth + 2;
        StringBuilder line = new StringBuilder(head);
        if (head.length() > indent - 2) {   // a long default: the meaning starts on the next line
            out.add(head);
            line = new StringBuilder(" ".repeat(indent));
        } else {
            line.append(" ".repeat(indent - head.length()));
        }
        boolean first = true;
        for (String word : s.help().split(" ")) {
            if (!first && line.length() + 1 + word.length() > WIDTH) {
                out.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                first = true;
            }
            line.append(first ? "" : " ").append(word);
            first = false;
        }
        out.add(line.toString());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** Builds a table row by row, in the order help and config.json show them. */
    public static final class Builder {
        private final String task;
        private final List<String> models;
        private final Map<String, Setting> settings = new LinkedHashMap<>();

        private Builder(String task, List<String> models) {
            this.task = task;
            this.models = models;
        }

        /** A setting with a flag ({@code -key}, {@code --kebab-key}); {@code def} is a value or {@link #per}. */
        public Builder flag(String key, Object def, String help) {
            return add(key, true, def, help);
        }

        /** A setting given with --set or a config file. */
        public Builder set(String key, Object def, String help) {
            return add(key, false, def, help);
        }

        private Builder add(String key, boolean flag, Object def, String help) {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            Map<String, Object> given = def instanceof PerModel p ? p.values() : null;
            for (String model : models) {
                Object v = given == null ? def : given.get(model);
                if (v != null) defaults.put(model, ConfigFiles.JSON.valueToTree(v));
            }
            if (given != null) {
                for (String model : given.keySet()) {
                    if (!models.contains(model)) {
                        throw new IllegalArgumentException(task + "." + key + ": no model '" + model + "'");
                    }
                }
            }
            if (key.equals("task") || key.equals("model")) {
                throw new IllegalArgumentException(task + ": '" + key + "' is set by the table itself");
            }
            if (settings.put(key, new Setting(key, flag, help, defaults)) != null) {
                throw new IllegalArgumentException(task + ": setting " + key + " declared twice");
            }
            return this;
        }

        public SettingTable build() {
            for (String key : COMMON_FLAGS) {
                if (settings.get(key) == null || !settings.get(key).flag()) {
                    throw new IllegalStateException(task + ": every train command has the flag -" + key);
                }
            }
            return new SettingTable(task, models, new LinkedHashMap<>(settings));
        }
    }
}
