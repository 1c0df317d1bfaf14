package dev.xent.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One named section of a bundle file: JSON (config, vocabulary, provenance, counters), opaque bytes (e.g. a
 * tokenizer model) or a standalone safetensors blob (weights). The bytes are kept as written.
 */
public record BundleSection(String name, Kind kind, byte[] bytes) {

    /** How a section's bytes are to be read. Stored in the table of contents in lower case. */
    public enum Kind {
        JSON, BYTES, SAFETENSORS;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code id} in a file, or null when unknown. */
        static Kind fromId(String id) {
            for (Kind k : values()) if (k.id().equals(id)) return k;
            return null;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public BundleSection {
        requireValidName(name);
        if (kind == null) throw new IllegalArgumentException("section '" + name + "': kind must not be null");
        if (bytes == null) throw new IllegalArgumentException("section '" + name + "': bytes must not be null");
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static void requireValidName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("section name must be 1-128 characters of letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit; got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /** A JSON section holding {@code tree} (written compactly as UTF-8). */
    public static BundleSection json(String name, JsonNode tree) {
        if (tree == null) throw new IllegalArgumentException("section '" + name + "': JSON tree must not be null");
        try {
            return new BundleSection(name, Kind.JSON, JSON.writeValueAsBytes(tree));
        } catch (JacksonException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BundleSection bytes(String name, byte[] bytes) {
        return new BundleSection(name, Kind.BYTES, bytes.clone());
    }

    /** This JSON section's tree; {@code source} names the file for the error when the JSON is malformed. */
    JsonNode asJson(String source) {
        if (kind != Kind.JSON) {
            throw new BundleFormatException(source + ": section '" + name + "' is " + kind.id() + ", expected json");
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null) throw new BundleFormatException(source + ": JSON section '" + name + "' is empty");
            return tree;
        } catch (JacksonException e) {
            throw new BundleFormatException(source + ": JSON section '" + name + "' is malformed ("
                    + e.getOriginalMessage() + "); the file is corrupted", e);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
