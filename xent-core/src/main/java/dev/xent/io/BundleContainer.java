package dev.xent.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The byte layout shared by model bundles and checkpoints: named sections behind a JSON table of contents,
 * closed by a SHA-256 of everything before it. All integers are little-endian.
 * <pre>
 * offset     size  content
 * 0          8     magic "XENTBNDL"
 * 8          4     u32 format version (1)
 * 12         4     u32 TOC length L (a multiple of 8; JSON padded with spaces)
 * 16         8     u64 total file length N
 * 24         L     TOC: {"content": "model", "sections": [{"name", "kind", "offset", "length", "sha256"}, ...]}
 * 24+L       ...   section bytes; offsets are relative to 24+L, each section starts 8-byte aligned, zero padding
 * N-32       32    SHA-256 of bytes [0, N-32)
 * </pre>
 * Reading checks, in order: magic, version, declared length against the real length, TOC bounds, the
 * checksum, then the TOC and each section's own SHA-256. Every failure is a {@link BundleFormatException}.
 * Nothing is allocated from a size in the file before that size is checked against the file's length.
 */
public final class BundleContainer {
    private BundleContainer() {}

    static final byte[] MAGIC = "XENTBNDL".getBytes(StandardCharsets.US_ASCII);
    /** The format version this xent writes; it reads every version up to this one. */
    public static final int FORMAT_VERSION = 1;
    static final int FIXED_HEADER = 24;
    static final int CHECKSUM = 32;
    static final int MAX_TOC = 1 << 20;
    /** Bundles are read into memory whole; a byte array holds at most this many bytes. */
    static final long MAX_FILE = Integer.MAX_VALUE - 64;

    private static final String RECOVER = "re-copy the file or use an earlier checkpoint";

    /** A parsed file: what it holds ("model", "checkpoint"), its sections in file order, and its SHA-256. */
    public record Contents(String source, String content, Map<String, BundleSection> sections, String sha256) {

        /** The section {@code name} of {@code kind}, or an error naming the file and the sections it has. */
        public BundleSection require(String name, BundleSection.Kind kind) {
            BundleSection s = sections.get(name);
            if (s == null) {
                throw new BundleFormatException(source + ": the " + content + " file has no section '" + name
                        + "' (it has " + sections.keySet() + "); it is incomplete or not a " + content + " file");
            }
            if (s.kind() != kind) {
                throw new BundleFormatException(source + ": section '" + name + "' is " + s.kind().id()
                        + ", expected " + kind.id() + "; the file is corrupted or was not written by xent");
            }
            return s;
        }
    }

    /**
     * A section to write: {@code body} writes its {@code length} bytes, the same ones each time it is called; it is
     * called twice, first to hash them for the table of contents (which precedes them), then into the file. So a
     * section can come straight from a model's arrays ({@link #safetensors}) without a serialised copy in memory.
     */
    public record Part(String name, BundleSection.Kind kind, long length, AtomicFiles.Writer body) {
        public Part {
            BundleSection.requireValidName(name);
            if (kind == null || body == null || length < 0) {
                throw new IllegalArgumentException("section '" + name + "': kind and body must be given and length >= 0; "
                        + "got " + kind + ", " + body + ", " + length);
            }
        }

        /** A section held in memory. */
        public static Part of(BundleSection s) {
            return new Part(s.name(), s.kind(), s.length(), s::writeTo);
        }

        /** A safetensors section written from its tensors' arrays (which must not change until the write returns). */
        public static Part safetensors(String name, Safetensors.Encoding e) {
            return new Part(name, BundleSection.Kind.SAFETENSORS, e.length(), e::writeTo);
        }
    }

    /** Writes {@code sections} (names unique) as a container whose TOC says it holds {@code content}. */
    public static void write(OutputStream out, String content, List<Part> sections) throws IOException {
        ObjectNode toc = BundleSection.JSON.createObjectNode();
        toc.put("content", content);
        ArrayNode list = toc.putArray("sections");
        String[] hashes = new String[sections.size()];
        long offset = 0;
        for (int i = 0; i < hashes.length; i++) {
            Part s = sections.get(i);
            for (JsonNode prior : list) {
                if (prior.get("name").asText().equals(s.name())) {
                    throw new IllegalArgumentException("section name '" + s.name() + "' is used twice; names must be unique");
                }
            }
            Tee hashOnly = new Tee(OutputStream.nullOutputStream(), null, sha256());
            s.body().write(hashOnly);
            hashes[i] = hashOnly.finish(s, null);
            ObjectNode e = list.addObject();
            e.put("name", s.name());
            e.put("kind", s.kind().id());
            e.put("offset", offset);
            e.put("length", s.length());
            e.put("sha256", hashes[i]);
            offset = align8(offset + s.length());
        }
        byte[] tocJson = BundleSection.JSON.writeValueAsBytes(toc);
        int tocLen = (int) align8(tocJson.length);
        if (tocLen > MAX_TOC) throw new IllegalArgumentException("table of contents is " + tocLen + " bytes; at most " + MAX_TOC);
        long total = FIXED_HEADER + tocLen + offset + CHECKSUM;
        if (total > MAX_FILE) throw new IllegalArgumentException("bundle would be " + total + " bytes; at most " + MAX_FILE);

        MessageDigest digest = sha256();
        ByteBuffer head = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(FORMAT_VERSION).putInt(tocLen).putLong(total);
        emit(out, digest, head.array());
        emit(out, digest, tocJson);
        emit(out, digest, spaces(tocLen - tocJson.length));
        for (int i = 0; i < hashes.length; i++) {
            Part s = sections.get(i);
            Tee tee = new Tee(out, digest, sha256());
            s.body().write(tee);
            tee.finish(s, hashes[i]);
            emit(out, digest, new byte[(int) (align8(s.length()) - s.length())]);
        }
        out.write(digest.digest());
    }

    /** Passes bytes on to {@code out} and the file's digest (when given), hashing and counting them as one section. */
    private static final class Tee extends OutputStream {
        private final OutputStream out;
        private final MessageDigest file, section;
        private long count;

        Tee(OutputStream out, MessageDigest file, MessageDigest section) {
            this.out = out;
            this.file = file;
            this.section = section;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (file != null) file.update(b, off, len);
            section.update(b, off, len);
            count += len;
        }

        /**
         * The section's SHA-256 (hex), after checking that it wrote its declared length and, on the second pass, the
         * bytes the first pass hashed: a section whose arrays changed in between would make a file that fails to load.
         */
        String finish(Part s, String firstPass) {
            if (count != s.length()) {
                throw new IllegalStateException("section '" + s.name() + "' wrote " + count + " bytes but declared "
                        + s.length() + "; its writer is faulty");
            }
            String hash = HexFormat.of().formatHex(section.digest());
            if (firstPass != null && !firstPass.equals(hash)) {
                throw new IllegalStateException("section '" + s.name() + "' changed while it was being written (were "
                        + "its tensors updated by another thread?); write it again when training is paused");
            }
            return hash;
        }
    }

    /** Reads and verifies a whole file. I/O failures are IOExceptions; anything wrong inside is a BundleFormatException. */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BundleFormatException(file + ": not a regular file" + (Files.isDirectory(file)
                    ? " but a directory; give the .xent file inside it" : "; give the path of a .xent file"));
        }
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new BundleFormatException(file + ": " + size + " bytes is larger than the " + MAX_FILE
                    + " bytes a bundle can hold; this is not a xent bundle");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses and verifies a whole file held in memory; {@code source} names it in error messages. */
    public static Contents parse(byte[] b, String source) {
        int n = b.length;
        checkMagic(b, source);
        if (n < FIXED_HEADER + CHECKSUM) {
            throw new BundleFormatException(source + ": truncated: only " + n + " bytes, fewer than the "
                    + (FIXED_HEADER + CHECKSUM) + " of an empty bundle; " + RECOVER);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long version = buf.getInt(8) & 0xffffffffL;
        if (version > FORMAT_VERSION && version < 1000) {
            throw new BundleFormatException(source + ": bundle format version " + version + " is newer than the "
                    + "versions up to " + FORMAT_VERSION + " this xent reads: upgrade xent to load it (if this xent "
                    + "wrote the file, its header is corrupted; " + RECOVER + ")");
        }
        if (version != FORMAT_VERSION) {
            throw new BundleFormatException(source + ": corrupted header: format version " + version
                    + " is not a valid version; " + RECOVER);
        }
        long tocLen = buf.getInt(12) & 0xffffffffL;
        long total = buf.getLong(16);
        if (total != n) {
            String what = total > n || total < 0
                    ? "truncated or corrupted: the file has " + n + " bytes but its header says " + total
                            + " (an interrupted write or an incomplete copy?); "
                    : "corrupted: the file has " + (n - total) + " bytes after the end its header declares ("
                            + total + " bytes); ";
            throw new BundleFormatException(source + ": " + what + RECOVER);
        }
        if (tocLen == 0 || tocLen > MAX_TOC || FIXED_HEADER + tocLen + CHECKSUM > n) {
            throw new BundleFormatException(source + ": corrupted header: table of contents length " + tocLen
                    + " does not fit in the " + n + "-byte file; " + RECOVER);
        }
        // The file checksum and the sections' own SHA-256s hash the same bytes twice; the file's runs on a thread of
        // its own while this one reads the table of contents and hashes the sections (a bundle read in half the wall
        // time on two cores). Its verdict still comes first: a damaged file is a checksum mismatch, whatever else.
        FileHash fileHash = new FileHash(b, n - CHECKSUM);
        Contents contents;
        try {
            contents = sections(b, (int) tocLen, source);
        } catch (BundleFormatException e) {
            fileHash.check(b, source);
            throw e;
        }
        fileHash.check(b, source);
        return contents;
    }

    /** SHA-256 of b[0, length), computed on a thread of its own when the bytes are many. */
    private static final class FileHash {
        /** Below this a thread's start costs about what the hash does. */
        private static final int PARALLEL_FROM = 1 << 20;
        private final FutureTask<String> task;
        private final int length;

        FileHash(byte[] b, int length) {
            this.length = length;
            task = new FutureTask<>(() -> sha256Hex(b, 0, length));
            if (length >= PARALLEL_FROM) {
                Thread.ofPlatform().daemon().name("xent-bundle-checksum").start(task);
            } else {
                task.run();
            }
        }

        /** Fails unless the hash matches the checksum stored after the hashed bytes. */
        void check(byte[] b, String source) {
            String stored = HexFormat.of().formatHex(b, length, length + CHECKSUM);
            String actual = get();
            if (!stored.equals(actual)) {
                throw new BundleFormatException(source + ": corrupted: checksum mismatch (stored SHA-256 " + stored
                        + ", content hashes to " + actual + "); the file was damaged after it was written; " + RECOVER);
            }
        }

        private String get() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying a bundle's checksum", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** The table of contents and the sections it lists, each checked against its own SHA-256. */
    private static Contents sections(byte[] b, int tocLen, String source) {
        int n = b.length;
        JsonNode toc;
        try {
            toc = BundleSection.JSON.readTree(new String(b, FIXED_HEADER, (int) tocLen, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw corrupted(source, "the table of contents is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (toc == null || !toc.isObject() || !toc.path("content").isTextual() || !toc.path("sections").isArray()) {
            throw corrupted(source, "the table of contents lacks 'content' or 'sections'");
        }
        long dataStart = FIXED_HEADER + tocLen, dataEnd = n - CHECKSUM;
        Map<String, BundleSection> sections = new LinkedHashMap<>();
        long next = 0;   // sections lie in file order without overlap (the format requires it)
        for (JsonNode e : toc.get("sections")) {
            BundleSection s = section(e, b, dataStart, next, dataEnd, source);
            if (sections.put(s.name(), s) != null) throw corrupted(source, "section '" + s.name() + "' appears twice");
            next = e.get("offset").asLong() + s.length();
        }
        return new Contents(source, toc.get("content").asText(), sections, HexFormat.of().formatHex(b, n - CHECKSUM, n));
    }

    /**
     * One TOC entry, checked to lie in [dataStart + minOffset, dataEnd) (offsets count from dataStart), as a view of
     * the file's bytes whose SHA-256 is verified.
     */
    private static BundleSection section(JsonNode e, byte[] b, long dataStart, long minOffset, long dataEnd,
                                         String source) {
        String name = e.path("name").asText(null);
        if (!e.path("name").isTextual() || !BundleSection.validName(name)) {
            throw corrupted(source, "a section has an invalid name " + e.path("name"));
        }
        BundleSection.Kind kind = BundleSection.Kind.fromId(e.path("kind").asText(""));
        if (kind == null) throw corrupted(source, "section '" + name + "' has unknown kind " + e.path("kind"));
        JsonNode off = e.path("offset"), len = e.path("length");
        if (!off.canConvertToLong() || !len.canConvertToLong() || !off.isIntegralNumber() || !len.isIntegralNumber()) {
            throw corrupted(source, "section '" + name + "' lacks an integer offset or length");
        }
        long offset = off.asLong(), length = len.asLong();
        if (offset < minOffset || length < 0 || offset > dataEnd - dataStart
                || length > dataEnd - dataStart - offset) {
            throw corrupted(source, "section '" + name + "' [offset " + offset + ", length " + length
                    + "] lies outside the " + (dataEnd - dataStart) + " data bytes or overlaps the section before it");
        }
        int from = (int) (dataStart + offset);
        String hash = sha256Hex(b, from, (int) length);
        if (!hash.equals(e.path("sha256").asText())) {
            throw corrupted(source, "section '" + name + "' does not match its SHA-256");
        }
        return new BundleSection(name, kind, b, from, (int) length);
    }

    private static void checkMagic(byte[] b, String source) {
        int n = Math.min(b.length, MAGIC.length), same = 0;
        for (int i = 0; i < n; i++) if (b[i] == MAGIC[i]) same++;
        if (n == MAGIC.length && same == n) return;
        if (b.length > 0 && b.length < MAGIC.length && same == n) {
            throw new BundleFormatException(source + ": truncated: only " + b.length + " bytes of a xent bundle "
                    + "header; " + RECOVER);
        }
        if (n == MAGIC.length && same >= MAGIC.length - 2) {
            throw new BundleFormatException(source + ": corrupted header: the magic bytes read \""
                    + new String(b, 0, 8, StandardCharsets.ISO_8859_1) + "\", not \"XENTBNDL\"; " + RECOVER);
        }
        throw new BundleFormatException(source + ": not a xent model bundle: it is " + ForeignFormats.describe(b)
                + ". A xent bundle (.xent, written by `xent train` or ModelBundle.write) starts with \"XENTBNDL\"");
    }

    private static BundleFormatException corrupted(String source, String what) {
        return new BundleFormatException(source + ": corrupted: " + what + " (the checksum matched, so the file "
                + "was written this way by a faulty or foreign writer); " + RECOVER);
    }

    private static void emit(OutputStream out, MessageDigest digest, byte[] bytes) throws IOException {
        digest.update(bytes);
        out.write(bytes);
    }

    private static byte[] spaces(int n) {
        byte[] s = new byte[n];
        Arrays.fill(s, (byte) ' ');
        return s;
    }

    private static long align8(long x) {
        return (x + 7) & ~7L;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    static String sha256Hex(byte[] b, int from, int length) {
        MessageDigest d = sha256();
        d.update(b, from, length);
        return HexFormat.of().formatHex(d.digest());
    }
}
