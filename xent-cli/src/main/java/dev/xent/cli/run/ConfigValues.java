// Type checks for config values against their defaults, and "unknown setting" errors with a suggestion.
package dev.xent.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xent.cli.BadInputException;

import java.util.Collection;

/** A value must have its default's type: integer, number, boolean, text, list or (nested) settings. */
final class ConfigValues {
    private ConfigValues() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** {@code given} converted to the type of {@code current}, or an error naming key, source and type. */
    static JsonNode coerce(JsonNode current, JsonNode given, String key, String source) {
        if (current == null || current.isNull()) return given;   // optional setting without a default: any value
        if (given.isNull()) return given;
        if (current.isIntegralNumber()) {
            if (given.isIntegralNumber()) return given;
            if (given.isNumber() && given.asDouble() == Math.rint(given.asDouble()) && Math.abs(given.asDouble()) < 1e15) {
                return F.numberNode(given.asLong());
            }
            if (given.isTextual()) {
                try {
                    return F.numberNode(Long.parseLong(given.asText().strip()));
                } catch (NumberFormatException ignored) {
                    // falls through to the error
                }
            }
            throw wrongType(key, source, given, "an integer");
        }
        if (current.isNumber()) {
            if (given.isNumber()) return F.numberNode(given.asDouble());
            if (given.isTextual()) {
                try {
                    double v = Double.parseDouble(given.asText().strip());
                    return F.numberNode(v);
                } catch (NumberFormatException ignored) {
                    // falls through to the error
                }
            }
            throw wrongType(key, source, given, "a number");
        }
        if (current.isBoolean()) {
            if (given.isBoolean()) return given;
            String t = given.asText().strip();
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return F.booleanNode(Boolean.parseBoolean(t));
            throw wrongType(key, source, given, "true or false");
        }
        if (current.isTextual()) {
            if (given.isValueNode()) return F.textNode(given.asText());
            throw wrongType(key, source, given, "a text value");
        }
        if (current.isArray()) {
            if (given.isArray()) return given;
            throw wrongType(key, source, given, "a list like [3, 4, 5]");
        }
        if (current.isObject()) throw wrongType(key, source, given, "a group of settings (a mapping)");
        return given;
    }

    /** The source name of flags: their errors are usage errors (exit 2), a config file's are bad input (exit 3). */
    static final String COMMAND_LINE = "the command line";

    /**
     * Settings renamed since an earlier version, old name → new: one idea has one name (clipNorm, as Keras and
     * PyTorch say it). The old name is refused with the new one named, also in the config.json of an older run.
     */
    static final java.util.Map<String, String> RENAMED = java.util.Map.of("clip", "clipNorm");

    static RuntimeException unknownKey(String key, String source, Collection<String> known) {
        String renamed = RENAMED.get(key);
        if (renamed != null && known.contains(renamed)) {
            return error(source, source + ": setting '" + key + "' is now called '" + renamed + "' (the same "
                    + "meaning); write " + renamed + " instead"
                    + (COMMAND_LINE.equals(source) ? ", e.g. --set " + renamed + "=1.0" : " in " + source));
        }
        String near = nearest(key, known);
        return error(source, source + ": unknown setting '" + key + "'"
                + (near != null ? "; did you mean '" + near + "'?" : "") + " Known settings: " + String.join(", ", known));
    }

    private static RuntimeException wrongType(String key, String source, JsonNode given, String wanted) {
        return error(source, source + ": setting '" + key + "' must be " + wanted + "; got "
                + (given.isTextual() ? "'" + given.asText() + "'" : given.toString()));
    }

    private static RuntimeException error(String source, String message) {
        return COMMAND_LINE.equals(source) ? new IllegalArgumentException(message) : new BadInputException(message);
    }

    /** The known key closest in edit distance (case-insensitive), if within a third of its length. */
    private static String nearest(String key, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(1, best.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
