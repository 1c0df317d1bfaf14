// Text <-> ids of a translation model: one byte-level BPE shared by source and target (the LM's BpeTokenizer).
package dev.xent.task.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.text.BpeTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids 0..3 are PAD, UNK, BOS, EOS ({@link dev.xent.text.Vocabulary}); every text encodes (bytes are ids), and
 * {@link #decode} drops the specials, so decode(encode(s)) == s. One vocabulary for both languages lets the
 * model tie its source, target and output embeddings (names and numbers are copied through unchanged). The
 * bundle's "vocabulary" section is {"merges": [[a, b], …]}, the LM's bpe format.
 */
public record TranslationCodec(BpeTokenizer tokenizer) {

    /** Learns {@code vocabSize} ids from the training sources and targets together. */
    public static TranslationCodec train(ParallelCorpus corpus, int vocabSize) {
        List<String> texts = new ArrayList<>(corpus.size() * 2);
        texts.addAll(corpus.sources());
        texts.addAll(corpus.targets());
        return new TranslationCodec(BpeTokenizer.train(texts, vocabSize));
    }

    public int size() {
        return tokenizer.vocabSize();
    }

    public int[] encode(String text) {
        return tokenizer.encode(text);
    }

    /** Every line encoded (no BOS/EOS: the batches add them). */
    public int[][] encodeAll(List<String> lines) {
        return lines.parallelStream().map(tokenizer::encode).toArray(int[][]::new);
    }

    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    public JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode m = o.putArray("merges");
        for (int[] pair : tokenizer.merges()) m.addArray().add(pair[0]).add(pair[1]);
        return o;
    }

    /** Reads {@link #toJson()}; a malformed section is an IllegalArgumentException. */
    public static TranslationCodec read(JsonNode v) {
        JsonNode m = v.path("merges");
        if (!m.isArray()) throw new IllegalArgumentException("the vocabulary section needs an array \"merges\"");
        int[][] merges = new int[m.size()][];
        for (int k = 0; k < merges.length; k++) {
            merges[k] = new int[] {m.get(k).path(0).asInt(-1), m.get(k).path(1).asInt(-1)};
        }
        return new TranslationCodec(BpeTokenizer.fromMerges(merges));
    }
}
