// Vocabularies of a tagging task (words, characters, tags) built from training sentences, and sentence encoding.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Words go through {@link #normalize} (optional lowercasing plus digit folding: the character features still see
 * the original spelling) and map to ids with {@link Vocabulary#UNK} for unseen ones; characters are Unicode
 * code points (unseen ones → UNK), each word cut to {@code maxWordChars}; tags are sorted by name so ids do not
 * depend on file order. A gold tag never seen in training encodes as −1 (always counted wrong in evaluation).
 * When every training token starts with the same language prefix (2-3 lowercase ASCII letters and ':', as WikiANN's
 * "en:Paris"), {@link #build} records it and every token is read without it ({@link #strip}): words and characters
 * see "Paris", in training and in the files and text tagged later, with the prefix or without.
 */
public final class TagEncoder {
    private final Vocabulary words;
    private final Vocabulary chars;
    private final List<String> tags;
    private final Map<String, Integer> tagIds = new HashMap<>();
    private final boolean lowercase;
    private final int maxWordChars;
    private final String tokenPrefix;

    private TagEncoder(Vocabulary words, Vocabulary chars, List<String> tags, boolean lowercase, int maxWordChars,
                       String tokenPrefix) {
        this.words = words;
        this.chars = chars;
        this.tags = List.copyOf(tags);
        for (int i = 0; i < tags.size(); i++) tagIds.put(tags.get(i), i);
        this.lowercase = lowercase;
        this.maxWordChars = maxWordChars;
        this.tokenPrefix = tokenPrefix;
    }

    /**
     * An encoder from saved parts (a loaded model): vocabularies and tags in id order, the normalisation used, the
     * language prefix stripped from tokens ("" for none).
     */
    public static TagEncoder of(Vocabulary words, Vocabulary chars, List<String> tags, boolean lowercase, int maxWordChars,
                                String tokenPrefix) {
        if (maxWordChars < 1) throw new IllegalArgumentException("maxWordChars must be >= 1; got " + maxWordChars);
        if (!tokenPrefix.isEmpty() && !isLanguagePrefix(tokenPrefix)) {
            throw new IllegalArgumentException("tokenPrefix must be empty or 2-3 lowercase ASCII letters and ':'; got \""
                    + tokenPrefix + "\"");
        }
        return new TagEncoder(words, chars, tags, lowercase, maxWordChars, tokenPrefix);
    }

    /** The language prefix stripped from every token ("" for none). */
    public String tokenPrefix() {
        return tokenPrefix;
    }

    /** {@code token} without the encoder's language prefix, if it has it and more after it; else as is. */
    public String strip(String token) {
        return stripPrefix(token, tokenPrefix);
    }

    /** {@code token} without {@code prefix} (a {@link #languagePrefix}), if it has it and more after it; else as is. */
    public static String stripPrefix(String token, String prefix) {
        return !prefix.isEmpty() && token.length() > prefix.length() && token.startsWith(prefix)
                ? token.substring(prefix.length()) : token;
    }

    /**
     * The prefix every token of {@code sentences} starts with, followed by at least one more character, if it is a
     * language prefix (2-3 lowercase ASCII letters and ':', as "en:"); else "".
     */
    public static String languagePrefix(List<TaggedSentence> sentences) {
        String prefix = null;
        for (TaggedSentence s : sentences) {
            for (String tok : s.tokens()) {
                if (prefix == null) {
                    int colon = tok.indexOf(':');
                    if (colon < 0) return "";
                    prefix = tok.substring(0, colon + 1);
                    if (!isLanguagePrefix(prefix)) return "";
                }
                if (tok.length() <= prefix.length() || !tok.startsWith(prefix)) return "";
            }
        }
        return prefix == null ? "" : prefix;
    }

    private static boolean isLanguagePrefix(String p) {
        int n = p.length() - 1;
        if (n < 2 || n > 3 || p.charAt(n) != ':') return false;
        for (int i = 0; i < n; i++) if (p.charAt(i) < 'a' || p.charAt(i) > 'z') return false;
        return true;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public int maxWordChars() {
        return maxWordChars;
    }

    /**
     * Builds the vocabularies from {@code train}: every word and character seen at least once, after stripping the
     * {@link #languagePrefix} of the training tokens if they share one.
     */
    public static TagEncoder build(List<TaggedSentence> train, boolean lowercase, int maxWordChars) {
        if (train.isEmpty()) throw new IllegalArgumentException("tagEncoder: the training set is empty");
        if (maxWordChars < 1) throw new IllegalArgumentException("maxWordChars must be >= 1; got " + maxWordChars);
        String prefix = languagePrefix(train);
        VocabularyBuilder wb = Vocabulary.builder(), cb = Vocabulary.builder();
        TreeSet<String> tagSet = new TreeSet<>();
        for (TaggedSentence s : train) {
            for (String raw : s.tokens()) {
                String tok = stripPrefix(raw, prefix);
                wb.add(normalize(tok, lowercase));
                tok.codePoints().limit(maxWordChars).forEach(cp -> cb.add(Character.toString(cp)));
            }
            tagSet.addAll(s.tags());
        }
        return new TagEncoder(wb.build(1, Integer.MAX_VALUE), cb.build(1, Integer.MAX_VALUE),
                new ArrayList<>(tagSet), lowercase, maxWordChars, prefix);
    }

    /** The word-embedding key: with {@code normalize}, lowercased and every digit 1-9 folded to '0'; else as is. */
    public static String normalize(String token, boolean normalize) {
        if (!normalize) return token;
        String s = token.toLowerCase(Locale.ROOT);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                if (b == null) b = new StringBuilder(s);
                b.setCharAt(i, '0');
            }
        }
        return b == null ? s : b.toString();
    }

    /** One sentence as ids: words (L), characters (L, ≤ maxWordChars; read-only: equal tokens may share a row),
     * tags (L). */
    public record Encoded(int[] words, int[][] chars, int[] tags) {
        public int length() {
            return words.length;
        }
    }

    public Encoded encode(TaggedSentence s) {
        return encode(s, new HashMap<>());
    }

    /** As {@link #encode(TaggedSentence)}; equal tokens share one (read-only) char-id array from {@code charIds}. */
    private Encoded encode(TaggedSentence s, Map<String, int[]> charIds) {
        int n = s.size();
        int[] w = new int[n], y = new int[n];
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            String tok = strip(s.tokens().get(i));
            w[i] = words.id(normalize(tok, lowercase));
            c[i] = charIds.computeIfAbsent(tok,
                    t -> t.codePoints().limit(maxWordChars).map(cp -> chars.id(Character.toString(cp))).toArray());
            y[i] = tagIds.getOrDefault(s.tags().get(i), -1);
        }
        return new Encoded(w, c, y);
    }

    /** Tokens without tags (to predict them): every tag id is −1. */
    public Encoded encodeTokens(List<String> tokens) {
        Encoded e = encode(new TaggedSentence(tokens, Collections.nCopies(tokens.size(), ""), 0));
        Arrays.fill(e.tags(), -1);
        return e;
    }

    public List<Encoded> encodeAll(List<TaggedSentence> sentences) {
        List<Encoded> out = new ArrayList<>(sentences.size());
        Map<String, int[]> charIds = new HashMap<>();   // one array per distinct token, not per occurrence
        for (TaggedSentence s : sentences) {
            if (s.size() > 0) out.add(encode(s, charIds));
        }
        return out;
    }

    public Vocabulary words() {
        return words;
    }

    public Vocabulary chars() {
        return chars;
    }

    /** Tag names in id order. */
    public List<String> tags() {
        return tags;
    }

    public String tag(int id) {
        return tags.get(id);
    }
}
