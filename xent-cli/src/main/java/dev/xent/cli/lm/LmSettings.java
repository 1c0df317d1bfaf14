// The settings of `xent train lm` with their defaults (which fix each key's type), as config.json records them.
package dev.xent.cli.lm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults are the README's main job: a 1-layer character LSTM (256 units) on 1.2 M characters of English Europarl,
 * one epoch of Adam with gradient clipping, at most 150 s of training (the time budget). level, cell and tied choose
 * the variant (word or BPE tokens, GRU, decoder weight = embedding table).
 */
public final class LmSettings {
    private LmSettings() {}

    public static ObjectNode defaults() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("task", "lm");
        d.put("input", "");            // a UTF-8 text file; empty: the built-in Europarl corpus
        d.put("valid", "");            // a UTF-8 text file; empty: the last validChars characters of the input
        d.put("maxChars", 1_200_000L); // characters of the built-in corpus (or of -input) to use; 0: all
        d.put("validChars", 60_000L);
        d.put("level", "char");        // char | word | bpe: what one token (and so perplexity's unit) is
        d.put("minCount", 5);          // rarer characters (char) or words (word) map to the unknown id; unused by bpe
        d.put("bpeVocab", 1000);       // bpe: vocabulary size (260 bytes and specials + learned merges)
        d.put("cell", "lstm");         // lstm | gru
        d.put("tied", false);          // decoder weight = embedding table (Press & Wolf 2017; dim is both sizes)
        d.put("dim", 256);             // embedding and LSTM/GRU size
        d.put("layers", 1);
        d.put("dropout", 0.0);
        d.put("bptt", 64);
        d.put("batch", 32);
        d.put("lr", 0.003);            // Adam
        d.put("clip", 1.0);            // global gradient-norm clipping (0: off)
        d.put("epoch", 1);
        d.put("maxSteps", 0L);         // stop after this many steps (0: no limit)
        d.put("maxSeconds", 150.0);    // stop training after this many seconds (0: no limit; resume is exact only without it)
        d.put("seed", 1L);
        d.put("thread", 0);            // kernel threads (0: all cores)
        d.put("checkpointEvery", 100L);// steps between checkpoints (0: only at epoch ends)
        d.put("keepCheckpoints", 2);
        d.put("logEvery", 10L);
        d.put("skipBadLines", false);
        d.put("samples", 3);
        d.put("sampleLength", 240);
        d.put("temperature", 0.7);
        d.put("topK", 0);
        d.put("topP", 0.95);
        return d;
    }
}
