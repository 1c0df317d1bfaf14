// Text <-> token ids of a language model, at one of three levels: characters, words (+ <eos>) or byte-level BPE.
package dev.xent.task.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.text.BpeTokenizer;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.text.WordTokenizer;

import java.util.List;

/**
 * The unit a model predicts, and so the unit of its perplexity and "bits per unit":
 * <ul>
 * <li>char: one Unicode code point ({@link CharVocabulary}: code points seen minCount times, the rest one unknown id);
 * <li>word: one token of the line's {@link WordSplit} — "whitespace" (the text is already tokenised, as LM
 *     benchmarks are: a token is a maximal run of non-whitespace, so {@code <unk>} stays one token) or "word" (a
 *     {@link WordTokenizer} token: a word, a number or one punctuation mark, case kept) — or the end of a line
 *     ({@code <eos>}, as pytorch/examples and the WikiText/PTB perplexities count it); words seen fewer than
 *     minCount times in the training text are {@code <unk>} ({@link Vocabulary}, ids 0..3 = pad unk bos eos);
 * <li>bpe: one byte-level BPE token ({@link BpeTokenizer} trained on the training text; every text encodes, no unknown).
 * </ul>
 * The bundle's "vocabulary" section: char = the code points by id (the original format); word = {"tokens", "counts",
 * "tokenizer"} as {@link Vocabulary#save} (no "tokenizer": "word", as bundles written before it existed);
 * bpe = {"merges": [[a, b], ...]}.
 */
public sealed interface LmCodec {
    /** "char", "word" or "bpe". */
    String level();

    /** What one predicted token is, for messages and metric names: "char", "word" or "token". */
    String unit();

    int size();

    int[] encode(String text);

    /** The text of {@code ids} as a continuation of {@code prompt} (the word level puts spaces between words). */
    String continuation(String prompt, int[] ids);

    default String decode(int[] ids) {
        return continuation("", ids);
    }

    /** The "vocabulary" section of the bundle. */
    JsonNode toJson();

    /**
     * Builds the codec of {@code level} from the training text; {@code tokenizer}: the word level's split (null:
     * {@link WordSplit#detect} on the training text).
     */
    static LmCodec train(String level, String trainText, int minCount, int bpeVocab, WordSplit tokenizer) {
        return switch (level) {
            case "char" -> new Chars(CharVocabulary.build(trainText, minCount));
            case "word" -> Words.build(trainText, minCount, tokenizer != null ? tokenizer : WordSplit.detect(trainText));
            case "bpe" -> new Bpe(BpeTokenizer.train(List.of(trainText), bpeVocab));
            default -> throw new IllegalArgumentException("level must be char, word or bpe; got '" + level + "'");
        };
    }

    /** Reads the "vocabulary" section written by {@link #toJson()}; a malformed one is an IllegalArgumentException. */
    static LmCodec read(String level, JsonNode v) {
        switch (level) {
            case "char" -> {
                int[] cps = new int[v.size()];
                for (int i = 0; i < cps.length; i++) cps[i] = v.get(i).asInt();
                return new Chars(new CharVocabulary(cps));
            }
            case "word" -> {
                return Words.read(v);
            }
            case "bpe" -> {
                JsonNode m = v.path("merges");
                int[][] merges = new int[m.size()][];
                for (int k = 0; k < merges.length; k++) merges[k] = new int[] {m.get(k).path(0).asInt(-1), m.get(k).path(1).asInt(-1)};
                return new Bpe(BpeTokenizer.fromMerges(merges));
            }
            default -> throw new IllegalArgumentException("level must be char, word or bpe; got '" + level + "'");
        }
    }

    /** Character level (the original `xent train lm`). */
    record Chars(CharVocabulary vocabulary) implements LmCodec {
        public String level() { return "char"; }
        public String unit() { return "char"; }
        public int size() { return vocabulary.size(); }
        public int[] encode(String text) { return vocabulary.encode(text); }
        public String continuation(String prompt, int[] ids) { return vocabulary.decode(ids); }

        public JsonNode toJson() {
            ArrayNode cps = JsonNodeFactory.instance.arrayNode();
            for (int cp : vocabulary.codePoints()) cps.add(cp);
            return cps;
        }
    }

    /** Word level: each line's tokens, then {@code <eos>}; a last line without a newline gets no {@code <eos>}. */
    record Words(Vocabulary vocabulary, WordSplit tokenizer) implements LmCodec {
        static Words build(String trainText, int minCount, WordSplit tokenizer) {
            VocabularyBuilder b = Vocabulary.builder();
            for (String t : tokenizer.lines(trainText)) b.add(t);
            return new Words(b.build(minCount, Integer.MAX_VALUE), tokenizer);
        }

        /** Rebuilds the vocabulary from its tokens and counts (the builder's order is a function of the counts). */
        static Words read(JsonNode v) {
            JsonNode t = v.path("tokens"), c = v.path("counts");
            if (!t.isArray() || t.size() != c.size()) {
                throw new IllegalArgumentException("a word vocabulary needs arrays \"tokens\" and \"counts\" of equal length");
            }
            VocabularyBuilder b = Vocabulary.builder();
            for (int i = 0; i < t.size(); i++) b.add(t.get(i).asText(), c.get(i).asLong());
            Vocabulary vocab = b.build(1, Integer.MAX_VALUE);
            for (int i = 0; i < t.size(); i++) {
                if (i >= vocab.size() || !vocab.token(i).equals(t.get(i).asText())) {
                    throw new IllegalArgumentException("word vocabulary entry " + i + " (\"" + t.get(i).asText()
                            + "\") is out of the frequency order its counts give; the section was edited");
                }
            }
            return new Words(vocab, WordSplit.of(v.path("tokenizer").asText(WordSplit.WORD.id())));
        }

        public String level() { return "word"; }
        public String unit() { return "word"; }
        public int size() { return vocabulary.size(); }
        public int[] encode(String text) { return vocabulary.encode(tokenizer.lines(text)); }

        /** Words joined by one space, except before closing punctuation and after opening brackets; eos = newline. */
        public String continuation(String prompt, int[] ids) {
            StringBuilder sb = new StringBuilder();
            char last = prompt.isEmpty() ? '\n' : prompt.charAt(prompt.length() - 1);
            boolean spaced = Character.isWhitespace(last) || OPENING.indexOf(last) >= 0;
            for (int id : ids) {
                if (id == Vocabulary.EOS) {
                    sb.append('\n');
                    spaced = true;
                } else {
                    String t = vocabulary.token(id);
                    if (!spaced && !(t.length() == 1 && CLOSING.indexOf(t.charAt(0)) >= 0)) sb.append(' ');
                    sb.append(t);
                    spaced = t.length() == 1 && OPENING.indexOf(t.charAt(0)) >= 0;
                }
            }
            return sb.toString();
        }

        private static final String CLOSING = ".,;:!?)]}%", OPENING = "([{";

        public JsonNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode t = o.putArray("tokens"), c = o.putArray("counts");
            for (int i = 0; i < vocabulary.size(); i++) {
                t.add(vocabulary.token(i));
                c.add(vocabulary.frequency(i));
            }
            o.put("tokenizer", tokenizer.id());
            return o;
        }
    }

    /** Byte-level BPE level. */
    record Bpe(BpeTokenizer tokenizer) implements LmCodec {
        public String level() { return "bpe"; }
        public String unit() { return "token"; }
        public int size() { return tokenizer.vocabSize(); }
        public int[] encode(String text) { return tokenizer.encode(text); }
        public String continuation(String prompt, int[] ids) { return tokenizer.decode(ids); }

        public JsonNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode m = o.putArray("merges");
            for (int[] pair : tokenizer.merges()) m.addArray().add(pair[0]).add(pair[1]);
            return o;
        }
    }
}
