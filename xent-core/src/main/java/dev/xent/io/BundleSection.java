package dev.xent.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One named section of a bundle file: JSON (config, vocabulary, provenance, counters), opaque bytes (e.g. a
 * tokenizer model) or a standalone safetensors blob (weights). The bytes are kept as written; a section of a file
 * read into memory is a view of the file's bytes, not a copy of them.
 */
public final class BundleSection {
    private final String name;
    private final Kind kind;
    private final byte[] data;   // the section is data[offset, offset + length)
    private final int offset, length;

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

    /** A section holding {@code bytes} (not copied). */
    public BundleSection(String name, Kind kind, byte[] bytes) {
        this(name, kind, bytes, 0, bytes == null ? 0 : bytes.length);
    }

    /** A view of {@code data[offset, offset + length)}, e.g. of a whole file read into memory (bounds checked by the caller). */
    BundleSection(String name, Kind kind, byte[] data, int offset, int length) {
        requireValidName(name);
        if (kind == null) throw new IllegalArgumentException("section '" + name + "': kind must not be null");
        if (data == null) throw new IllegalArgumentException("section '" + name + "': bytes must not be null");
        this.name = name;
        this.kind = kind;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes in the section. */
    public int length() {
        return length;
    }

    /** The section's bytes: the array it was made with, or (for a view of a file) a copy of its range. */
    public byte[] bytes() {
        return offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
    }

    /**
     * This section owning exactly its bytes: a view of a file read into memory would keep the whole file (weights
     * included) alive for as long as the section is kept, so a section kept past loading is compacted first.
     */
    BundleSection compact() {
        return offset == 0 && length == data.length ? this : new BundleSection(name, kind, bytes());
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(data, offset, length);
    }

    /** The section's bytes without a copy, read-only, little-endian, position 0. */
    ByteBuffer view() {
        return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
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
            JsonNode tree = JSON.readTree(data, offset, length);
            if (tree == null) throw new BundleFormatException(source + ": JSON section '" + name + "' is empty");
            return tree;
        } catch (JacksonException e) {
            throw new BundleFormatException(source + ": JSON section '" + name + "' is malformed ("
                    + e.getOriginalMessage() + "); the file is corrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
