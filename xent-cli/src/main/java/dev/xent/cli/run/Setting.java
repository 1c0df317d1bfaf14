// One row of a task's settings table: key, default per model, what it means, and whether it has a flag.
package dev.xent.cli.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A setting named {@code key} has the flag {@code -key} (fastText's spelling) and {@code --kebab-key} when
 * {@code flag} is set; otherwise it is given with {@code --set key=VALUE} or in a config file. {@code defaults}
 * maps each model that has the setting to its default (the default also fixes the value's type); a model absent
 * from it does not know the setting.
 */
public record Setting(String key, boolean flag, String help, Map<String, JsonNode> defaults) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(help, "help");
        if (defaults.isEmpty()) throw new IllegalArgumentException("setting " + key + " has no default for any model");
        defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The flag's two spellings: "-wordNgrams" and "--word-ngrams". */
    public List<String> flagNames() {
        return List.of("-" + key, "--" + kebab(key));
    }

    /** The main flag name, "-wordNgrams". */
    public String flagName() {
        return "-" + key;
    }

    public boolean appliesTo(String model) {
        return defaults.containsKey(model);
    }

    public boolean isBoolean() {
        return defaults.values().iterator().next().isBoolean();
    }

    /** What the value looks like in help: N, X, BOOL, FILE, NAME or LIST. */
    public String label() {
        JsonNode d = defaults.values().iterator().next();
        if (List.of("input", "valid", "target", "validTarget").contains(key)) return "FILE";
        if (d.isIntegralNumber()) return "N";
        if (d.isNumber()) return "X";
        if (d.isBoolean()) return "BOOL";
        if (d.isArray()) return "LIST";
        return "NAME";
    }

    /**
     * The defaults as help shows them: "0.1" when every model (of {@code models}) that has the setting has the same,
     * else "0.1 (fasttext), 0.001 (cnn, rnn), 0.0005 (transformer)".
     */
    public String defaultText() {
        Map<JsonNode, List<String>> byValue = new LinkedHashMap<>();
        defaults.forEach((model, value) -> byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(model));
        if (byValue.size() == 1) return show(byValue.keySet().iterator().next());
        StringBuilder s = new StringBuilder();
        byValue.forEach((value, models) -> s.append(s.isEmpty() ? "" : ", ").append(show(value))
                .append(" (").append(String.join(", ", models)).append(')'));
        return s.toString();
    }

    /** A default as typed on a command line: 0.001, true, lstm, "" for empty text, 3,4,5 for a list. */
    static String show(JsonNode v) {
        if (v.isTextual()) return v.asText().isEmpty() ? "\"\"" : v.asText();
        if (v.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode e : v) s.append(s.isEmpty() ? "" : ",").append(show(e));
            return s.toString();
        }
        if (v.isFloatingPointNumber()) {   // 0.0005, not 5.0E-4; 150.0 stays a visibly decimal number
            String plain = java.math.BigDecimal.valueOf(v.asDouble()).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return v.toString();
    }

    static String kebab(String camel) {
        StringBuilder s = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) s.append('-').append(Character.toLowerCase(ch));
            else s.append(ch);
        }
        return s.toString();
    }
}
