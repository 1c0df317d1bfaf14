// Byte-level BPE: text -> UTF-8 bytes -> ids, merging the most frequent adjacent pairs learned from a corpus.
// Every byte has an id of its own, so any string encodes (no unknown token) and decode(encode(s)) == s.
package dev.xent.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained byte-level BPE tokenizer. Id layout: 0..3 the specials of {@link Vocabulary} ({@code <pad> <unk>
 * <bos> <eos>}), 4..259 the 256 byte values, then one id per learned merge in the order learned.
 *
 * <p>Text is first cut into chunks (GPT-2 style: an optional leading space plus a run of letters, of digits,
 * or of other symbols; or a run of whitespace) so merges never cross a word boundary; the chunks cover the
 * text exactly, which is what makes decoding lossless. Within a chunk the pair with the earliest merge rank
 * is merged first, repeatedly, exactly as in training. Immutable and thread-safe.
 */
public final class BpeTokenizer implements Tokenizer {
    /** First byte id: byte value b has id BYTE_OFFSET + b. */
    public static final int BYTE_OFFSET = Vocabulary.SPECIALS.size();
    static final int BASE = BYTE_OFFSET + 256;
    static final String FORMAT = "xent-bpe";
    static final int VERSION = 1;
    static final Pattern CHUNK = Pattern.compile(
            " ?\\p{L}[\\p{L}\\p{M}]*| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final int CACHE_LIMIT = 100_000;

    private final int[][] merges; // merge k creates id BASE + k from the pair merges[k] = {left, right}
    private final Map<Long, Integer> mergeId; // pair key -> merged id; rank = merged id (lower merges first)
    private final byte[][] bytesOf; // id -> the bytes it stands for (empty for specials)
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    BpeTokenizer(int[][] merges) {
        this.merges = merges;
        this.mergeId = new HashMap<>(merges.length * 2);
        this.bytesOf = new byte[BASE + merges.length][];
        for (int i = 0; i < BYTE_OFFSET; i++) {
            bytesOf[i] = new byte[0];
        }
        for (int b = 0; b < 256; b++) {
            bytesOf[BYTE_OFFSET + b] = new byte[] {(byte) b};
        }
        for (int k = 0; k < merges.length; k++) {
            int a = merges[k][0];
            int b = merges[k][1];
            if (a < BYTE_OFFSET || b < BYTE_OFFSET || a >= BASE + k || b >= BASE + k) {
                throw new IllegalArgumentException("merge " + k + " = [" + a + ", " + b + "] must join two ids in ["
                        + BYTE_OFFSET + ", " + (BASE + k) + ") (bytes or earlier merges)");
            }
            if (mergeId.put(key(a, b), BASE + k) != null) {
                throw new IllegalArgumentException("merge " + k + " = [" + a + ", " + b + "] is listed twice");
            }
            byte[] left = bytesOf[a];
            byte[] right = bytesOf[b];
            byte[] joined = new byte[left.length + right.length];
            System.arraycopy(left, 0, joined, 0, left.length);
            System.arraycopy(right, 0, joined, left.length, right.length);
            bytesOf[BASE + k] = joined;
        }
    }

    /**
     * Learns merges from {@code texts} until the vocabulary (specials + 256 bytes + merges) has
     * {@code vocabSize} ids, or until no adjacent pair occurs twice (then the vocabulary is smaller).
     */
    public static BpeTokenizer train(Iterable<String> texts, int vocabSize) {
        return new BpeTokenizer(BpeTrainer.learnMerges(texts, vocabSize));
    }

    public int vocabSize() {
        return bytesOf.length;
    }

    /** The learned merges in order (a copy): merge k joins ids {left, right} into id 260 + k. For saving. */
    public int[][] merges() {
        int[][] out = new int[merges.length][];
        for (int k = 0; k < merges.length; k++) out[k] = merges[k].clone();
        return out;
    }

    /** A tokenizer from merges saved by {@link #merges()}; a malformed list is an IllegalArgumentException. */
    public static BpeTokenizer fromMerges(int[][] merges) {
        int[][] copy = new int[merges.length][];
        for (int k = 0; k < merges.length; k++) {
            if (merges[k] == null || merges[k].length != 2) {
                throw new IllegalArgumentException("merge " + k + " must be a pair of ids like [40, 72]");
            }
            copy[k] = merges[k].clone();
        }
        return new BpeTokenizer(copy);
    }

    public int mergeCount() {
        return merges.length;
    }

    /**
     * The ids of {@code text}; never contains {@link Vocabulary#UNK}. Text is encoded as UTF-8, so a lone
     * surrogate (a broken UTF-16 string, not valid text) becomes '?' and is the one thing that does not round-trip.
     */
    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        Matcher m = CHUNK.matcher(text);
        while (m.find()) {
            int[] ids = encodeChunk(m.group());
            parts.add(ids);
            total += ids.length;
        }
        int[] out = new int[total];
        int pos = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Ids back to text; special ids are skipped; a byte sequence that is not UTF-8 decodes to U+FFFD. */
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            if (id < 0 || id >= bytesOf.length) {
                throw new IndexOutOfBoundsException("id must be in [0, " + bytesOf.length + "); got " + id);
            }
            bytes.writeBytes(bytesOf[id]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The pieces of {@code text} as strings (a piece that splits a multi-byte character shows U+FFFD). */
    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (int id : encode(text)) {
            out.add(token(id));
        }
        return out;
    }

    /** Display form of one id: a special's name, or its bytes decoded as UTF-8. */
    public String token(int id) {
        if (id < 0 || id >= bytesOf.length) {
            throw new IndexOutOfBoundsException("id must be in [0, " + bytesOf.length + "); got " + id);
        }
        return id < BYTE_OFFSET ? Vocabulary.SPECIALS.get(id) : new String(bytesOf[id], StandardCharsets.UTF_8);
    }

    private int[] encodeChunk(String chunk) {
        int[] hit = cache.get(chunk);
        if (hit != null) {
            return hit;
        }
        byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
        int[] s = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            s[i] = BYTE_OFFSET + (b[i] & 0xff);
        }
        int n = s.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE; // lowest merged id among adjacent pairs = earliest learned merge
            for (int i = 0; i + 1 < n; i++) {
                Integer id = mergeId.get(key(s[i], s[i + 1]));
                if (id != null && id < best) {
                    best = id;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            int a = merges[best - BASE][0];
            int c = merges[best - BASE][1];
            int w = 0;
            for (int r = 0; r < n; r++) {
                if (r + 1 < n && s[r] == a && s[r + 1] == c) {
                    s[w++] = best;
                    r++;
                } else {
                    s[w++] = s[r];
                }
            }
            n = w;
        }
        int[] out = java.util.Arrays.copyOf(s, n);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(chunk, out);
        return out;
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** Writes {"format":"xent-bpe","version":1,"merges":[[a,b],...],"tokens":[...]} (tokens are for reading). */
    public void save(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode m = root.putArray("merges");
        for (int[] pair : merges) {
            m.addArray().add(pair[0]).add(pair[1]);
        }
        ArrayNode t = root.putArray("tokens");
        for (int id = 0; id < bytesOf.length; id++) {
            t.add(token(id));
        }
        mapper.writeValue(file.toFile(), root);
    }

    /** Reads a file written by {@link #save}; anything else gets a {@link TextFormatException}. */
    public static BpeTokenizer load(Path file) throws IOException {
        JsonNode root = Json.readObject(file, FORMAT, VERSION);
        JsonNode m = Json.array(root, "merges", file);
        int[][] merges = new int[m.size()][];
        for (int k = 0; k < m.size(); k++) {
            JsonNode p = m.get(k);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isInt() || !p.get(1).isInt()) {
                throw new TextFormatException(file + ": merges[" + k + "] must be a pair of ids like [40, 72]; got "
                        + p + ". Fix: re-save the tokenizer with BpeTokenizer.save");
            }
            merges[k] = new int[] {p.get(0).asInt(), p.get(1).asInt()};
        }
        try {
            return new BpeTokenizer(merges);
        } catch (IllegalArgumentException e) {
            throw new TextFormatException(file + ": " + e.getMessage(), e);
        }
    }
}
