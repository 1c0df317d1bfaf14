package dev.xent.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What training needs to resume exactly: named float tensors (parameters and optimizer moments), named long
 * counters (epoch, step, data position, RNG state as longs; each a long[]), and a free JSON state. Stored in
 * the bundle container ({@link BundleContainer}) with content "checkpoint": sections "tensors" (safetensors),
 * "counters" (JSON {name: [longs]}) and "state" (JSON).
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, long[]> counters, JsonNode state) {
    public static final String CONTENT = "checkpoint";

    public Checkpoint {
        if (tensors == null || counters == null) throw new IllegalArgumentException("tensors and counters must not be null");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        Map<String, long[]> copy = new LinkedHashMap<>();
        counters.forEach((k, v) -> copy.put(k, v.clone()));
        counters = Collections.unmodifiableMap(copy);
        state = state == null ? BundleSection.JSON.createObjectNode() : state.deepCopy();
    }

    /** The tensor {@code name}, or an error listing those the checkpoint has. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'; it has " + tensors.keySet());
        return t;
    }

    /** The single-valued counter {@code name} (e.g. "step"). */
    public long counter(String name) {
        long[] v = longs(name);
        if (v.length != 1) throw new IllegalArgumentException("checkpoint counter '" + name + "' holds " + v.length + " values, not 1; use longs()");
        return v[0];
    }

    /** The counter {@code name} as all its values (e.g. an RNG state), a copy. */
    public long[] longs(String name) {
        long[] v = counters.get(name);
        if (v == null) throw new IllegalArgumentException("checkpoint has no counter '" + name + "'; it has " + counters.keySet());
        return v.clone();
    }

    /** Writes the checkpoint, its tensors converted straight from their arrays (which must not change meanwhile). */
    public void write(OutputStream out) throws IOException {
        ObjectNode c = BundleSection.JSON.createObjectNode();
        counters.forEach((k, v) -> {
            ArrayNode a = c.putArray(k);
            for (long x : v) a.add(x);
        });
        BundleContainer.write(out, CONTENT, List.of(
                BundleContainer.Part.safetensors("tensors", Safetensors.encode(tensors, Map.of(), Map.of())),
                BundleContainer.Part.of(BundleSection.json("counters", c)),
                BundleContainer.Part.of(BundleSection.json("state", state))));
    }

    /** Loads and verifies a checkpoint file; anything damaged is a {@link BundleFormatException}. */
    public static Checkpoint read(Path file) throws IOException {
        return from(BundleContainer.read(file));
    }

    public static Checkpoint parse(byte[] bytes, String source) {
        return from(BundleContainer.parse(bytes, source));
    }

    private static Checkpoint from(BundleContainer.Contents c) {
        String src = c.source();
        if (!CONTENT.equals(c.content())) {
            throw new BundleFormatException(src + ": this is a xent " + c.content() + " file, not a checkpoint");
        }
        Safetensors.Contents t = ModelBundle.parseWeights(c.require("tensors", BundleSection.Kind.SAFETENSORS), src);
        JsonNode cj = c.require("counters", BundleSection.Kind.JSON).asJson(src);
        if (!cj.isObject()) throw new BundleFormatException(src + ": section 'counters' is not a JSON object; the file is corrupted");
        Map<String, long[]> counters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            long[] v = new long[a.isArray() ? a.size() : 0];
            boolean ok = a.isArray();
            for (int i = 0; ok && i < v.length; i++) {
                ok = a.get(i).isIntegralNumber() && a.get(i).canConvertToLong();
                v[i] = a.get(i).asLong();
            }
            if (!ok) {
                throw new BundleFormatException(src + ": counter '" + e.getKey() + "' is not an array of longs; the file is corrupted");
            }
            counters.put(e.getKey(), v);
        }
        JsonNode state = c.require("state", BundleSection.Kind.JSON).asJson(src);
        return new Checkpoint(t.floats(), counters, state);
    }
}
