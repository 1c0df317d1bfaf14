package dev.xent.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints and bundles are written straight from the tensors' arrays, a chunk at a time, and come out byte for
 * byte as the in-memory writer of main be4417c wrote them: bundles/checkpoint-be4417c.xent.gz and
 * model-be4417c.xent.gz were written by that writer from the contents below (tensors of more than one chunk), and are
 * never regenerated.
 */
class StreamedWritesTest {

    /** 20,000 floats (two chunks and a bit) with NaN, -0, infinity and a subnormal among them. */
    private static float[] big() {
        float[] big = new float[20_000];
        for (int i = 0; i < big.length; i++) big[i] = (i % 1000) * 0.125f - 60f;
        big[5] = Float.NaN;
        big[6] = -0f;
        big[7] = Float.POSITIVE_INFINITY;
        big[8] = Float.MIN_VALUE;
        return big;
    }

    private static Checkpoint checkpoint() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("model/embedding", Tensor.of(big(), 200, 100));
        t.put("optim/m", Tensor.vector(0.25f, -1.5f, 1e20f));
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("step", new long[] {1234});
        c.put("rng/data", new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 7});
        ObjectNode state = BundleSamples.JSON.createObjectNode();
        state.put("format", "xent.train/2");
        state.putArray("order").add(3).add(1).add(2);
        return new Checkpoint(t, c, state);
    }

    private static ModelBundle.Builder model() {
        int[] ids = new int[17_000];
        for (int i = 0; i < ids.length; i++) ids[i] = i % 5000 - 2500;
        ObjectNode config = BundleSamples.JSON.createObjectNode().put("task", "test").put("dim", 100);
        Provenance p = new Provenance("0.1.0-SNAPSHOT", Instant.parse("2026-12-07T04:00:00Z"), "25.0.3", 7L,
                Map.of("train.txt", "ab".repeat(32)));
        return ModelBundle.builder(config, p).json("vocab", BundleSamples.JSON.createObjectNode().put("size", 200))
                .bytes("notes", "streamed".getBytes(StandardCharsets.UTF_8))
                .weight("input", Tensor.of(big(), 200, 100)).weight("output", Tensor.vector(1f, 2f))
                .intWeight("input.buckets", IntTensor.of(ids, ids.length));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = StreamedWritesTest.class.getResourceAsStream("/bundles/" + name)) {
            assertNotNull(in, name + " is missing from test resources");
            return new GZIPInputStream(in).readAllBytes();
        }
    }

    @Test
    void aCheckpointIsWrittenAsTheInMemoryWriterWroteIt(@TempDir Path dir) throws IOException {
        Path f = new Checkpoints(dir, 1).save(1234, checkpoint());
        assertArrayEquals(fixture("checkpoint-be4417c.xent.gz"), Files.readAllBytes(f));
        Checkpoint back = Checkpoint.read(f);
        float[] want = big(), got = back.tensor("model/embedding").toArray();
        for (int i = 0; i < want.length; i++) assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]));
    }

    @Test
    void aBundleIsWrittenAsTheInMemoryWriterWroteIt(@TempDir Path dir) throws IOException {
        byte[] old = fixture("model-be4417c.xent.gz");
        model().write(dir.resolve("streamed.xent"));
        assertArrayEquals(old, Files.readAllBytes(dir.resolve("streamed.xent")), "Builder.write");
        model().build().write(dir.resolve("built.xent"));
        assertArrayEquals(old, Files.readAllBytes(dir.resolve("built.xent")), "build().write");
        ModelBundle read = ModelBundle.parse(old, "model-be4417c.xent");
        assertArrayEquals(old, BundleSamples.bytes(read), "an old file read and written again");
        assertArrayEquals(model().build().safetensorsBytes(), read.safetensorsBytes());
    }

    @Test
    void builtBundlesKeepTheValuesTheyWereBuiltWith() {
        float[] w = {1f, 2f};
        ModelBundle b = ModelBundle.builder(BundleSamples.JSON.createObjectNode(), Provenance.now(0, Map.of()))
                .weight("w", Tensor.of(w, 2)).build();
        w[0] = 99f;
        assertArrayEquals(new float[] {1f, 2f}, b.weight("w").toArray(), 0f);
    }

    @Test
    void aWeightsSectionOfAnotherLayoutIsKeptAsStored() throws IOException {
        // F64 weights (another writer's choice): read as floats, and written back as they were stored, not as F32
        String header = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        header += " ".repeat((8 - header.length() % 8) % 8);
        ByteBuffer st = ByteBuffer.allocate(8 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
        st.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).putDouble(0.5).putDouble(-2);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BundleContainer.write(file, "model", List.of(
                BundleContainer.Part.of(BundleSection.json("config", BundleSamples.JSON.createObjectNode())),
                BundleContainer.Part.of(BundleSection.json("provenance", Provenance.now(1, Map.of()).toJson())),
                BundleContainer.Part.of(new BundleSection("weights", BundleSection.Kind.SAFETENSORS, st.array()))));
        ModelBundle b = ModelBundle.parse(file.toByteArray(), "f64.xent");
        assertArrayEquals(new float[] {0.5f, -2f}, b.weight("w").toArray(), 0f);
        assertArrayEquals(st.array(), b.safetensorsBytes());
        assertArrayEquals(file.toByteArray(), BundleSamples.bytes(b));
    }

    @Test
    void aSectionThatChangesWhileWrittenLeavesNoFile(@TempDir Path dir) {
        int[] calls = {0};
        BundleContainer.Part moving = new BundleContainer.Part("tensors", BundleSection.Kind.BYTES, 4,
                out -> out.write(new byte[] {1, 2, 3, (byte) calls[0]++}));
        Path f = dir.resolve("x.xent");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(f, out -> BundleContainer.write(out, "checkpoint", List.of(moving))));
        assertTrue(e.getMessage().contains("changed while it was being written"), e.getMessage());
        assertTrue(Files.notExists(f));
        BundleContainer.Part shorter = new BundleContainer.Part("tensors", BundleSection.Kind.BYTES, 5,
                out -> out.write(new byte[] {1, 2, 3}));
        e = assertThrows(IllegalStateException.class,
                () -> BundleContainer.write(OutputStream.nullOutputStream(), "checkpoint", List.of(shorter)));
        assertTrue(e.getMessage().contains("wrote 3 bytes but declared 5"), e.getMessage());
    }

    @Test
    void writingACheckpointAllocatesFarLessThanItsTensors() throws IOException {
        // 32 MB of weights; the in-memory writer allocated at least twice that (a growing byte stream, then its copy)
        Tensor w = Tensor.of(new float[8 << 20], 8 << 10, 1 << 10);
        Checkpoint c = new Checkpoint(Map.of("model/w", w), Map.of("step", new long[] {1}), null);
        c.write(OutputStream.nullOutputStream());   // classes loaded, code warm
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        c.write(OutputStream.nullOutputStream());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < (2 << 20), "writing 32 MB of tensors allocated " + allocated + " bytes");
    }
    @Test
    void readingABundleCopiesItsWeightsOnceAndKeepsNoneOfTheFile() {
        // 32 MB of weights: parsing makes the tensors (32 MB) and nothing else of that size (no copy of the section)
        Tensor w = Tensor.of(new float[8 << 20], 8 << 10, 1 << 10);
        ModelBundle.Builder b = ModelBundle.builder(BundleSamples.JSON.createObjectNode(), Provenance.now(0, Map.of()))
                .json("vocab", BundleSamples.JSON.createObjectNode().put("size", 3)).weight("w", w);
        byte[] file = BundleSamples.bytes(b.build());
        ModelBundle.parse(file, "warm.xent");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ModelBundle read = ModelBundle.parse(file, "big.xent");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < (40 << 20), "parsing a bundle of 32 MB of weights allocated " + allocated + " bytes");
        // the loaded bundle (its JSON sections included) holds no reference to the file's bytes
        var ref = new java.lang.ref.WeakReference<>(file);
        file = null;
        for (int i = 0; i < 10 && ref.get() != null; i++) System.gc();
        assertTrue(ref.get() == null, "the file's bytes are still reachable from the loaded bundle");
        assertEquals(3, read.json("vocab").get("size").asInt());
    }
}
