// A run's settings: task defaults, overridden by a config file, overridden by command-line flags; origins recorded.
package dev.xent.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults define the keys and their types: a key the task does not have is an error (with the nearest
 * known key as a suggestion), and a value of the wrong type is an error naming the key, where it came from
 * and the type wanted. Nested settings are addressed with dotted keys ("optimizer.beta2").
 */
public final class ResolvedConfig {
    /** Where a setting's value came from. */
    public enum Origin { DEFAULT, FILE, FLAG }

    private final ObjectNode values;
    private final Map<String, Origin> origins;

    private ResolvedConfig(ObjectNode values, Map<String, Origin> origins) {
        this.values = values;
        this.origins = Collections.unmodifiableMap(origins);
    }

    /**
     * @param defaults   every setting the task has, with its default value (and so its type)
     * @param configFile a JSON or YAML file, or null
     * @param flags      dotted key -> value as typed on the command line, applied last, in order
     */
    public static ResolvedConfig resolve(ObjectNode defaults, Path configFile, Map<String, String> flags)
            throws IOException {
        ObjectNode values = defaults.deepCopy();
        Map<String, Origin> origins = new LinkedHashMap<>();
        markDefaults(values, "", origins);
        if (configFile != null) {
            merge(values, ConfigFiles.read(configFile), "", configFile.toString(), origins);
        }
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String key = f.getKey();
            JsonNode current = lookup(values, key);
            if (current == null || current.isObject()) throw ConfigValues.unknownKey(key, ConfigValues.COMMAND_LINE, origins.keySet());
            JsonNode given = ConfigFiles.parseScalar(f.getValue());
            if (current.isArray() && given.isValueNode()) given = splitList(f.getValue());   // "3,4,5", or one element "3"
            set(values, key, ConfigValues.coerce(current, given, key, ConfigValues.COMMAND_LINE));
            origins.put(key, Origin.FLAG);
        }
        return new ResolvedConfig(values, origins);
    }

    /** The resolved settings (a copy). */
    public ObjectNode tree() {
        return values.deepCopy();
    }

    /** Where each setting came from, by dotted key. */
    public Map<String, Origin> origins() {
        return origins;
    }

    public JsonNode get(String key) {
        JsonNode n = lookup(values, key);
        if (n == null) throw new IllegalArgumentException("no setting '" + key + "'; known: " + origins.keySet());
        return n;
    }

    /** Whether the task has the setting {@code key}. */
    public boolean has(String key) {
        return lookup(values, key) != null;
    }

    public int getInt(String key) {
        return get(key).asInt();
    }

    public long getLong(String key) {
        return get(key).asLong();
    }

    public double getDouble(String key) {
        return get(key).asDouble();
    }

    public boolean getBoolean(String key) {
        return get(key).asBoolean();
    }

    public String getString(String key) {
        JsonNode n = get(key);
        return n.isNull() ? null : n.asText();
    }

    /** Writes the resolved settings as pretty JSON (atomically); the file works as --config to repeat the run. */
    public void write(Path file) throws IOException {
        byte[] json = ConfigFiles.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(values);
        AtomicFiles.write(file, out -> out.write(json));
    }

    // ---------------------------------------------------------------- merging

    private static void markDefaults(ObjectNode node, String prefix, Map<String, Origin> origins) {
        node.fields().forEachRemaining(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject()) {
                markDefaults((ObjectNode) e.getValue(), key + ".", origins);
            } else {
                origins.put(key, Origin.DEFAULT);
            }
        });
    }

    private static void merge(ObjectNode target, ObjectNode given, String prefix, String source,
                              Map<String, Origin> origins) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = target.get(e.getKey());
            if (current == null) throw ConfigValues.unknownKey(key, source, origins.keySet());
            if (current.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) current, (ObjectNode) e.getValue(), key + ".", source, origins);
            } else {
                target.set(e.getKey(), ConfigValues.coerce(current, e.getValue(), key, source));
                origins.put(key, Origin.FILE);
            }
        }
    }

    private static JsonNode lookup(ObjectNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.", -1)) {
            if (!n.isObject() || !n.has(part)) return null;
            n = n.get(part);
        }
        return n;
    }

    private static void set(ObjectNode root, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.", -1);
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) n = (ObjectNode) n.get(parts[i]);
        n.set(parts[parts.length - 1], value);
    }

    private static ArrayNode splitList(String raw) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        List<String> parts = new ArrayList<>(List.of(raw.split(",", -1)));
        for (String p : parts) a.add(ConfigFiles.parseScalar(p.strip()));
        return a;
    }
}
