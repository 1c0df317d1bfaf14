package dev.xent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncated, corrupted, foreign, too-new and forged files: each is a BundleFormatException that says what is wrong. */
class BundleDamageTest {

    private static final byte[] WHOLE = BundleSamples.bytes(BundleSamples.sample());

    private static String error(byte[] file, String source) {
        return assertThrows(BundleFormatException.class, () -> ModelBundle.parse(file, source), source).getMessage();
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) assertTrue(message.contains(w), "expected '" + w + "' in: " + message);
    }

    @Test
    void everyTruncationSaysTruncated() {
        for (int len = 0; len < WHOLE.length; len++) {
            String m = error(Arrays.copyOf(WHOLE, len), "cut-" + len + ".xent");
            assertMentions(m, "cut-" + len + ".xent: ");
            if (len > 0) assertTrue(m.contains("truncated"), m);
        }
    }

    @Test
    void everySingleByteCorruptionIsCaught() {
        for (int pos = 0; pos < WHOLE.length; pos++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = WHOLE.clone();
                bad[pos] ^= (byte) flip;
                String m = error(bad, "bad.xent");
                assertMentions(m, "bad.xent: ");
                if (pos >= 24) assertMentions(m, "checksum mismatch");
            }
        }
    }

    @Test
    void aLargeBundleIsVerifiedWholeWhileItsSectionsAreHashed() {
        // over 1 MB, the file checksum runs on a thread of its own alongside the sections' hashes
        byte[] big = new byte[3 << 19];
        new java.util.Random(7).nextBytes(big);
        ModelBundle b = ModelBundle.builder(BundleSamples.sample().config(), BundleSamples.sample().provenance())
                .bytes("blob", big).build();
        byte[] whole = BundleSamples.bytes(b);
        ModelBundle back = ModelBundle.parse(whole, "big.xent");
        assertTrue(Arrays.equals(big, back.bytes("blob")), "the section's bytes come back");
        // a flipped byte in the big section and one in the table of contents: both a checksum mismatch first
        for (int pos : new int[] {whole.length - 1000, 30}) {
            byte[] bad = whole.clone();
            bad[pos] ^= 0x10;
            assertMentions(error(bad, "big.xent"), "big.xent: ", "checksum mismatch");
        }
    }

    @Test
    void appendedBytesAreCaught() {
        byte[] longer = Arrays.copyOf(WHOLE, WHOLE.length + 5);
        assertMentions(error(longer, "long.xent"), "5 bytes after the end");
    }

    @Test
    void foreignFilesSayWhatTheyAre(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(new byte[] {(byte) 0x80, 2, 'N', '.'});
        }
        assertMentions(error(zip.toByteArray(), "model.pt"), "model.pt: not a xent model bundle", "zip archive");
        assertMentions(error(new byte[0], "empty.xent"), "empty.xent", "empty file (0 bytes)");
        assertMentions(error("__label__pos great movie\n".getBytes(StandardCharsets.UTF_8), "train.txt"),
                "not a xent model bundle", "text file, starting \"__label__pos great movie\"", "XENTBNDL");
        assertMentions(error(BundleSamples.sample().safetensorsBytes(), "w.safetensors"), "safetensors weights file");
        assertMentions(error(new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0}, "m.pkl"), "Python pickle", "runs code");
        assertMentions(error(new byte[] {0x1f, (byte) 0x8b, 8, 0}, "m.gz"), "gzip");
        assertMentions(error(new byte[] {(byte) 0xba, 0x16, 0x4f, 0x2f, 12, 0, 0, 0}, "m.bin"), "fastText");
        assertMentions(error(new byte[] {0, 1, 2, (byte) 0xfe, 4, 5, 6, 7, 8, 9}, "x.bin"), "unknown binary data", "00 01 02 fe");
        // reading from a path names the path
        Path txt = dir.resolve("notes.md");
        Files.writeString(txt, "# hello");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(txt));
        assertMentions(e.getMessage(), txt.toString(), "text file");
    }

    @Test
    void aNewerFormatVersionAsksForAnUpgrade() {
        byte[] v2 = WHOLE.clone();
        v2[8] = 2;
        assertMentions(error(BundleSamples.rehash(v2), "new.xent"), "format version 2 is newer", "upgrade xent");
        byte[] v0 = WHOLE.clone();
        v0[8] = 0;
        assertMentions(error(v0, "zero.xent"), "corrupted header", "format version 0");
    }

    @Test
    void forgedTablesOfContentsAreRejected() {
        String sha = HexFormat.of().formatHex(new byte[32]);
        byte[] data = new byte[16];
        String[][] cases = {
                {"not json {", "not valid JSON"},
                {"[1,2]", "lacks 'content' or 'sections'"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"json\",\"offset\":0,\"length\":99999999999}]}",
                        "lies outside"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"json\",\"offset\":-8,\"length\":4}]}",
                        "lies outside"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"json\",\"offset\":9223372036854775807,\"length\":9223372036854775807}]}",
                        "lies outside"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"json\",\"offset\":\"0\",\"length\":4}]}",
                        "integer offset"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"java-object\",\"offset\":0,\"length\":4}]}",
                        "unknown kind"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"../../x\",\"kind\":\"json\",\"offset\":0,\"length\":4}]}",
                        "invalid name"},
                {"{\"content\":\"model\",\"sections\":[{\"name\":\"a\",\"kind\":\"bytes\",\"offset\":0,\"length\":4,\"sha256\":\"" + sha + "\"}]}",
                        "does not match its SHA-256"},
                {"{\"content\":\"model\",\"sections\":[]}", "has no section 'config'"},
        };
        for (String[] c : cases) {
            assertMentions(error(BundleSamples.forge(1, c[0], data), "forged.xent"), "forged.xent: ", c[1]);
        }
    }

    @Test
    void overlappingSectionsAreRejectedSoCopiesCannotExceedTheFileSize() throws Exception {
        String zeros8 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[8]));
        String entry = "{\"name\":\"%s\",\"kind\":\"bytes\",\"offset\":0,\"length\":8,\"sha256\":\"" + zeros8 + "\"}";
        String toc = "{\"content\":\"model\",\"sections\":[" + entry.formatted("a") + "," + entry.formatted("b") + "]}";
        assertMentions(error(BundleSamples.forge(1, toc, new byte[16]), "o.xent"), "section 'b'", "overlaps");
    }

    @Test
    void overlappingTensorsInTheWeightsAreRejected() throws IOException {
        // 1000 tensors all naming the same 4 bytes: if allowed, this would allocate 1000x the file
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}");
        h.append('}');
        while (h.length() % 8 != 0) h.append(' ');
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        st.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length()).array());
        st.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        st.write(new byte[4]);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.parse(st.toByteArray()));
        assertMentions(e.getMessage(), "overlapping");
    }

    @Test
    void aDirectoryIsNotABundle(@TempDir Path dir) {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(dir));
        assertMentions(e.getMessage(), dir.toString(), "not a regular file but a directory");
    }

    @Test
    void aHostileTocLengthIsCheckedBeforeAnyAllocation() {
        byte[] bad = WHOLE.clone();
        bad[12] = (byte) 0xff;
        bad[13] = (byte) 0xff;
        bad[14] = (byte) 0xff;
        bad[15] = (byte) 0x7f;
        assertMentions(error(BundleSamples.rehash(bad), "h.xent"), "table of contents length 2147483647");
        byte[] huge = WHOLE.clone();
        huge[23] = (byte) 0x7f;   // declared total length ~ 2^63
        assertMentions(error(huge, "t.xent"), "truncated or corrupted");
    }

    @Test
    void forgedWeightsAreABundleFormatError() throws IOException {
        // a weights section whose I64 value does not fit an int, behind valid checksums
        String bad = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}      ";
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        st.write(new byte[] {(byte) bad.length(), 0, 0, 0, 0, 0, 0, 0});
        st.write(bad.getBytes(StandardCharsets.US_ASCII));
        st.write(new byte[] {0, 0, 0, 0, 1, 0, 0, 0});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BundleContainer.write(file, "model", java.util.List.of(
                BundleContainer.Part.of(BundleSection.json("config", BundleSamples.JSON.createObjectNode())),
                BundleContainer.Part.of(BundleSection.json("provenance", Provenance.now(1, Map.of()).toJson())),
                BundleContainer.Part.of(new BundleSection("weights", BundleSection.Kind.SAFETENSORS, st.toByteArray()))));
        assertMentions(error(file.toByteArray(), "w.xent"), "section 'weights' is not valid safetensors");
    }
}
