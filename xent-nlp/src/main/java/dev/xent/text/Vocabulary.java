// Token <-> id map with frequencies: built from counts with a min count and a max size; the special tokens
// <pad> <unk> <bos> <eos> always have ids 0..3; saved and loaded as JSON.
package dev.xent.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable vocabulary. Ids 0..3 are {@code <pad> <unk> <bos> <eos>}; then the kept tokens by descending
 * frequency, ties broken by token string (so the same counts always give the same ids). Unknown tokens map
 * to {@link #UNK}. Build one with {@link #builder()}.
 */
public final class Vocabulary {
    public static final String PAD_TOKEN = "<pad>";
    public static final String UNK_TOKEN = "<unk>";
    public static final String BOS_TOKEN = "<bos>";
    public static final String EOS_TOKEN = "<eos>";
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of(PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN);

    static final String FORMAT = "xent-vocabulary";
    static final int VERSION = 1;

    private final List<String> tokens; // id -> token
    private final long[] counts; // id -> training frequency (0 for specials unless they occurred)
    private final Map<String, Integer> ids;

    Vocabulary(List<String> tokens, long[] counts) {
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token \"" + tokens.get(i) + "\" appears twice in the vocabulary"
                        + " (ids " + ids.get(tokens.get(i)) + " and " + i + "); every token must be unique");
            }
        }
    }

    public static VocabularyBuilder builder() {
        return new VocabularyBuilder();
    }

    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link #UNK} when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IndexOutOfBoundsException("id must be in [0, " + tokens.size() + "); got " + id);
        }
        return tokens.get(id);
    }

    /** How often the token with this id occurred in the counted corpus. */
    public long frequency(int id) {
        token(id); // range check
        return counts[id];
    }

    public long frequency(String token) {
        Integer id = ids.get(token);
        return id == null ? 0 : counts[id];
    }

    /** Tokens to ids, unknown ones as {@link #UNK}. */
    public int[] encode(Collection<String> tokenList) {
        int[] out = new int[tokenList.size()];
        int i = 0;
        for (String t : tokenList) {
            out[i++] = id(t);
        }
        return out;
    }

    public List<String> decode(int[] idList) {
        List<String> out = new ArrayList<>(idList.length);
        for (int id : idList) {
            out.add(token(id));
        }
        return out;
    }

    /**
     * This vocabulary with the tokens of {@code extra} it lacks appended in their order, each with count 0 (seen
     * outside the counted corpus, e.g. in pretrained word vectors); every existing token keeps its id and count.
     */
    public Vocabulary withTokens(Collection<String> extra) {
        List<String> all = new ArrayList<>(tokens);
        java.util.Set<String> seen = new java.util.HashSet<>(tokens);
        for (String t : extra) if (seen.add(t)) all.add(t);
        return new Vocabulary(all, java.util.Arrays.copyOf(counts, all.size()));
    }

    /** All tokens in id order (specials first). */
    public List<String> tokens() {
        return tokens;
    }

    /** Writes {"format":"xent-vocabulary","version":1,"tokens":[...],"counts":[...]}. */
    public void save(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode t = root.putArray("tokens");
        tokens.forEach(t::add);
        ArrayNode c = root.putArray("counts");
        for (long n : counts) {
            c.add(n);
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** Reads a file written by {@link #save}; a file in any other shape gets a {@link TextFormatException}. */
    public static Vocabulary load(Path file) throws IOException {
        JsonNode root = Json.readObject(file, FORMAT, VERSION);
        JsonNode t = Json.array(root, "tokens", file);
        JsonNode c = Json.array(root, "counts", file);
        if (t.size() != c.size()) {
            throw new TextFormatException(file + ": \"tokens\" has " + t.size() + " entries but \"counts\" has "
                    + c.size() + "; they must be the same length. Fix: re-save the vocabulary with Vocabulary.save");
        }
        List<String> tokens = new ArrayList<>(t.size());
        long[] counts = new long[c.size()];
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isTextual()) {
                throw new TextFormatException(file + ": tokens[" + i + "] must be a string; got " + t.get(i));
            }
            if (!c.get(i).canConvertToLong() || c.get(i).asLong() < 0) {
                throw new TextFormatException(file + ": counts[" + i + "] must be an integer >= 0; got " + c.get(i));
            }
            tokens.add(t.get(i).asText());
            counts[i] = c.get(i).asLong();
        }
        for (int i = 0; i < SPECIALS.size(); i++) {
            if (i >= tokens.size() || !tokens.get(i).equals(SPECIALS.get(i))) {
                throw new TextFormatException(file + ": id " + i + " must be " + SPECIALS.get(i) + "; got "
                        + (i < tokens.size() ? "\"" + tokens.get(i) + "\"" : "nothing")
                        + ". Fix: the first four tokens must be " + SPECIALS);
            }
        }
        try {
            return new Vocabulary(tokens, counts);
        } catch (IllegalArgumentException e) {
            throw new TextFormatException(file + ": " + e.getMessage(), e);
        }
    }
}
