// Text → token ids for the neural classifiers: a tokenizer setting, lowercasing, a length cap and the word list.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.text.WordTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokenizer WHITESPACE splits on whitespace only (as fastText reads its files, without fastText's "&lt;/s&gt;");
 * WORD is {@link WordTokenizer} (words, numbers and each punctuation mark). Ids follow {@link Vocabulary}: 0 is
 * padding, 1 unknown, 2–3 unused specials, then the kept words by descending count. A text with no token is one
 * unknown token; a text longer than {@code maxLength} (0: no cap) keeps its first maxLength tokens.
 */
public final class NeuralTextEncoding {
    public enum Tokenizer { WHITESPACE, WORD }

    /**
     * How texts become tokens and which words are kept: the tokenizer, lowercasing, the tokens kept per text
     * ({@code maxLength}, 0: all) and the fewest occurrences in the training texts for a word to get an id.
     */
    public record Settings(Tokenizer tokenizer, boolean lowercase, int maxLength, int minCount) {
        public Settings {
            if (tokenizer == null) throw new IllegalArgumentException("tokenizer must be WHITESPACE or WORD; got null");
            if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0 (0: no cap); got " + maxLength);
            if (minCount < 1) throw new IllegalArgumentException("minCount must be >= 1; got " + minCount);
        }

        /** Whitespace tokens as fastText reads them, case kept, the first 512 tokens of a text, every word. */
        public static Settings defaults() {
            return new Settings(Tokenizer.WHITESPACE, false, 512, 1);
        }

        public Settings withTokenizer(Tokenizer t) { return new Settings(t, lowercase, maxLength, minCount); }
        public Settings withLowercase(boolean on) { return new Settings(tokenizer, on, maxLength, minCount); }
        public Settings withMaxLength(int n) { return new Settings(tokenizer, lowercase, n, minCount); }
        public Settings withMinCount(int n) { return new Settings(tokenizer, lowercase, maxLength, n); }
    }

    private final Tokenizer tokenizer;
    private final boolean lowercase;
    private final int maxLength;
    private final List<String> tokens;          // id -> word
    private final Map<String, Integer> ids;
    private final WordTokenizer words;

    public NeuralTextEncoding(Tokenizer tokenizer, boolean lowercase, int maxLength, List<String> tokens) {
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0 (0: no cap); got " + maxLength);
        if (tokens.size() < Vocabulary.SPECIALS.size() || !tokens.subList(0, 4).equals(Vocabulary.SPECIALS)) {
            throw new IllegalArgumentException("the word list must start with " + Vocabulary.SPECIALS + "; got "
                    + tokens.subList(0, Math.min(4, tokens.size())));
        }
        this.tokenizer = tokenizer;
        this.lowercase = lowercase;
        this.maxLength = maxLength;
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("word \"" + tokens.get(i) + "\" appears twice in the word list");
            }
        }
        this.words = new WordTokenizer(lowercase, false);
    }

    /** Counts the training texts' tokens and keeps those seen at least {@code minCount} times. */
    public static NeuralTextEncoding build(List<String> texts, Tokenizer tokenizer, boolean lowercase, int maxLength,
                                           int minCount) {
        NeuralTextEncoding counter = new NeuralTextEncoding(tokenizer, lowercase, maxLength, Vocabulary.SPECIALS);
        VocabularyBuilder b = Vocabulary.builder();
        for (String t : texts) b.addAll(counter.tokenize(t));
        return new NeuralTextEncoding(tokenizer, lowercase, maxLength, b.build(minCount, Integer.MAX_VALUE).tokens());
    }

    /** The encoding {@code settings} describe, its words counted in {@code texts}. */
    public static NeuralTextEncoding build(List<String> texts, Settings settings) {
        return build(texts, settings.tokenizer(), settings.lowercase(), settings.maxLength(), settings.minCount());
    }

    /** The text's tokens (not capped). */
    public List<String> tokenize(String text) {
        if (tokenizer == Tokenizer.WORD) return words.tokenize(text);
        List<String> out = new ArrayList<>();
        for (String t : text.strip().split("\\s+")) {
            if (!t.isEmpty()) out.add(lowercase ? t.toLowerCase(Locale.ROOT) : t);
        }
        return out;
    }

    /** Token ids, unknown words as {@link Vocabulary#UNK}; never empty; at most maxLength ids. */
    public int[] encode(String text) {
        List<String> t = tokenize(text);
        int n = maxLength > 0 ? Math.min(maxLength, t.size()) : t.size();
        if (n == 0) return new int[] {Vocabulary.UNK};
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = ids.getOrDefault(t.get(i), Vocabulary.UNK);
        return out;
    }

    /** Number of ids (the embedding table's rows). */
    public int size() {
        return tokens.size();
    }

    /** The words in id order, specials first. */
    public List<String> tokens() {
        return tokens;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public int maxLength() {
        return maxLength;
    }

    /** {"tokenizer": "whitespace", "lowercase": false, "maxLength": 512} (the words go in their own section). */
    ObjectNode settingsJson() {
        return JsonNodeFactory.instance.objectNode().put("tokenizer", tokenizer.name().toLowerCase(Locale.ROOT))
                .put("lowercase", lowercase).put("maxLength", maxLength);
    }

    /** {"tokens": [...]}. */
    ObjectNode wordsJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("tokens");
        tokens.forEach(a::add);
        return o;
    }

    static NeuralTextEncoding fromJson(JsonNode settings, JsonNode words, String where) {
        JsonNode t = words.path("tokens");
        if (!t.isArray()) {
            throw new IllegalArgumentException(where + ": section \"vocab\" must hold \"tokens\" (an array of "
                    + "strings). Fix: the file is damaged; retrain");
        }
        List<String> list = new ArrayList<>(t.size());
        for (JsonNode n : t) list.add(n.asText());
        Tokenizer tok;
        try {
            tok = Tokenizer.valueOf(settings.path("tokenizer").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": \"tokenizer\" must be whitespace or word; got "
                    + settings.path("tokenizer") + ". Fix: the file is damaged or from another xent; retrain");
        }
        try {
            return new NeuralTextEncoding(tok, settings.path("lowercase").asBoolean(false),
                    settings.path("maxLength").asInt(0), list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage() + ". Fix: the file is damaged; retrain");
        }
    }
}
