package dev.xent.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping
 * each tensor name to {dtype, shape, data_offsets}, an optional "__metadata__" map of strings, then the raw
 * little-endian tensor bytes. Nothing in the file is executed. Supported dtypes: F32, F64 (read as float),
 * I32, I64 (read as int).
 */
public final class Safetensors {
    private Safetensors() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    /** The contents of a file: float tensors, int tensors and string metadata, in file order. */
    public record Contents(Map<String, Tensor> floats, Map<String, IntTensor> ints, Map<String, String> metadata) {

        /** The float tensor {@code name}, or an error listing what the file has. */
        public Tensor tensor(String name) {
            Tensor t = floats.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no float tensor '" + name + "'; the file has " + floats.keySet()
                        + (ints.isEmpty() ? "" : " and int tensors " + ints.keySet()));
            }
            return t;
        }

        public IntTensor intTensor(String name) {
            IntTensor t = ints.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no int tensor '" + name + "'; the file has " + ints.keySet());
            }
            return t;
        }
    }

    public static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (SafetensorsException e) {
            throw new SafetensorsException(file + ": " + e.getMessage());
        }
    }

    public static Contents read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses a whole file held in memory. Throws {@link SafetensorsException} on anything malformed. */
    public static Contents parse(byte[] bytes) {
        return parse(ByteBuffer.wrap(bytes));
    }

    /**
     * Parses a whole file from {@code file}'s position to its limit (e.g. a section of a bundle read into memory),
     * copying each tensor's values once, into its own array.
     */
    static Contents parse(ByteBuffer file) {
        ByteBuffer buf = file.slice().order(ByteOrder.LITTLE_ENDIAN);
        int length = buf.remaining();
        if (length < 8) {
            throw new SafetensorsException("not a safetensors file: " + length + " bytes, fewer than the 8-byte header length");
        }
        long headerLen = buf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > length) {
            throw new SafetensorsException("not a safetensors file or truncated: header length " + headerLen
                    + " does not fit in " + length + " bytes");
        }
        byte[] headerBytes = new byte[(int) headerLen];
        buf.get(8, headerBytes);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafetensorsException("the JSON header is malformed: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) throw new SafetensorsException("the header is not a JSON object");
        int dataStart = (int) (8 + headerLen);
        int dataLen = length - dataStart;
        Map<String, Tensor> floats = new LinkedHashMap<>();
        Map<String, IntTensor> ints = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        long claimed = 0;   // the format forbids overlapping tensors; a hostile header could repeat one range to exhaust memory
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("__metadata__")) {
                v.fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String dtype = v.path("dtype").asText("");
            JsonNode shapeNode = v.path("shape"), offs = v.path("data_offsets");
            if (!shapeNode.isArray() || !offs.isArray() || offs.size() != 2) {
                throw new SafetensorsException("tensor '" + name + "' lacks a shape or data_offsets");
            }
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = shapeNode.get(i).asInt(-1);
            long begin = offs.get(0).asLong(-1), end = offs.get(1).asLong(-1);
            int width = switch (dtype) {
                case "F32", "I32" -> 4;
                case "F64", "I64" -> 8;
                default -> throw new SafetensorsException("tensor '" + name + "' has dtype '" + dtype
                        + "'; xent reads F32, F64, I32 and I64");
            };
            long n;
            try {
                n = Shapes.size(shape);
            } catch (IllegalArgumentException ex) {
                throw new SafetensorsException("tensor '" + name + "': " + ex.getMessage());
            }
            if (begin < 0 || end > dataLen || end - begin != n * width) {
                throw new SafetensorsException("tensor '" + name + "' (" + dtype + " " + Shapes.str(shape)
                        + ") has data_offsets [" + begin + ", " + end + "] that do not match its size or the "
                        + dataLen + " data bytes (truncated file?)");
            }
            claimed += end - begin;
            if (claimed > dataLen) {
                throw new SafetensorsException("tensor '" + name + "': the tensors' data_offsets cover more than the "
                        + dataLen + " data bytes (overlapping ranges); the file is corrupted");
            }
            ByteBuffer at = buf.slice((int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            switch (dtype) {
                case "F32" -> {
                    float[] d = new float[(int) n];
                    at.asFloatBuffer().get(d);
                    floats.put(name, Tensor.of(d, shape));
                }
                case "F64" -> {
                    float[] d = new float[(int) n];
                    for (int i = 0; i < n; i++) d[i] = (float) at.getDouble(8 * i);
                    floats.put(name, Tensor.of(d, shape));
                }
                case "I32" -> {
                    int[] d = new int[(int) n];
                    at.asIntBuffer().get(d);
                    ints.put(name, IntTensor.of(d, shape));
                }
                default -> {
                    int[] d = new int[(int) n];
                    for (int i = 0; i < n; i++) d[i] = Math.toIntExact(at.getLong(8 * i));
                    ints.put(name, IntTensor.of(d, shape));
                }
            }
        }
        return new Contents(floats, ints, meta);
    }

    /** Writes float tensors (F32) and int tensors (I64, as PyTorch's default long) with string metadata. */
    public static void write(OutputStream out, Map<String, Tensor> floats, Map<String, IntTensor> ints,
                             Map<String, String> metadata) throws IOException {
        encode(floats, ints, metadata).writeTo(out);
    }

    /**
     * The file {@link #write} would write, with its header built and its length known, but its tensor bytes not yet
     * made: {@link Encoding#writeTo} converts them from the tensors' own arrays a chunk at a time, so writing a
     * model never holds a serialised copy of its weights. The tensors are read when written, not when encoded.
     */
    public static Encoding encode(Map<String, Tensor> floats, Map<String, IntTensor> ints, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : floats.entrySet()) {
            offset = entry(header, e.getKey(), "F32", e.getValue().shape(), offset, 4L * e.getValue().size());
        }
        if (ints != null) {
            for (Map.Entry<String, IntTensor> e : ints.entrySet()) {
                offset = entry(header, e.getKey(), "I64", e.getValue().shape(), offset, 8L * e.getValue().size());
            }
        }
        byte[] h;
        try {
            h = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a header of names, numbers and strings always serialises", e);
        }
        int pad = (8 - h.length % 8) % 8;   // the format recommends 8-byte alignment of the data
        ByteBuffer head = ByteBuffer.allocate(8 + h.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(h.length + pad).put(h);
        while (head.hasRemaining()) head.put((byte) ' ');
        return new Encoding(head.array(), List.copyOf(floats.values()),
                ints == null ? List.of() : List.copyOf(ints.values()), offset);
    }

    /** A safetensors file ready to be written: header bytes, then the tensors' data (F32, then I64), little-endian. */
    public static final class Encoding {
        private static final int CHUNK = 1 << 14;   // elements converted per write: 64 KB of F32, 128 KB of I64
        private final byte[] head;
        private final List<Tensor> floats;
        private final List<IntTensor> ints;
        private final long dataBytes;

        private Encoding(byte[] head, List<Tensor> floats, List<IntTensor> ints, long dataBytes) {
            this.head = head;
            this.floats = floats;
            this.ints = ints;
            this.dataBytes = dataBytes;
        }

        /** Bytes {@link #writeTo} writes. */
        public long length() {
            return head.length + dataBytes;
        }

        /**
         * True when this encoding writes exactly {@code file}, a safetensors file it was parsed from: the same length
         * and header (so the same dtypes and offsets: F32 and I64 only), hence the same data bytes, value for value.
         */
        boolean writes(ByteBuffer file) {
            return file.remaining() == length() && file.slice(file.position(), head.length).equals(ByteBuffer.wrap(head));
        }

        /** Writes the whole file, converting the tensors' current values through one small buffer. */
        public void writeTo(OutputStream out) throws IOException {
            out.write(head);
            ByteBuffer buf = ByteBuffer.allocate(8 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : floats) {
                float[] d = t.data();
                for (int at = 0, n = t.size(); at < n; at += CHUNK) {
                    int k = Math.min(CHUNK, n - at);
                    buf.clear();
                    buf.asFloatBuffer().put(d, at, k);
                    out.write(buf.array(), 0, 4 * k);
                }
            }
            for (IntTensor t : ints) {
                int[] d = t.data();
                for (int at = 0, n = t.size(); at < n; at += CHUNK) {
                    int k = Math.min(CHUNK, n - at);
                    buf.clear();
                    for (int i = 0; i < k; i++) buf.putLong(d[at + i]);
                    out.write(buf.array(), 0, 8 * k);
                }
            }
        }
    }

    private static long entry(ObjectNode header, String name, String dtype, int[] shape, long offset, long bytes) {
        ObjectNode o = header.putObject(name);
        o.put("dtype", dtype);
        var s = o.putArray("shape");
        for (int d : shape) s.add(d);
        var offs = o.putArray("data_offsets");
        offs.add(offset);
        offs.add(offset + bytes);
        return offset + bytes;
    }
}
