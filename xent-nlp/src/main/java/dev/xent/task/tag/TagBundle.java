// Saves and loads a BiLSTM tagger (config, word/char vocabularies, tag names, weights) as a model bundle.
package dev.xent.task.tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.data.TagScheme;
import dev.xent.io.BundleFormatException;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Config {"task":"tag","model":"bilstm", the TaggerConfig fields (clip under "clip"), "lowercase","maxWordChars",
 * "tokenPrefix" (the language prefix stripped from tokens, when there is one) and "outputScheme" (IOB1/IOB2) when the tagger learned IOBES tags from data in that scheme}; a bundle without
 * "iobes" or "outputScheme" (written before they existed) reads as false / tags output as learned;
 * sections "words" and "chars" (Vocabulary.save's JSON, ids preserved), "tags" (names in id order), "metrics";
 * weights = the state dict. The layout is that of the bundles `xent train tag` wrote before the tagger moved into
 * this module (a bundle from then is kept in the tests and must keep loading).
 */
final class TagBundle {
    private TagBundle() {}

    static void write(Path file, Tagger tagger, Provenance prov, Map<String, Double> metrics) throws IOException {
        TaggerConfig c = tagger.model().config();
        TagEncoder enc = tagger.encoder();
        ObjectNode conf = JsonNodeFactory.instance.objectNode();
        conf.put("task", "tag").put("model", "bilstm").put("wordDim", c.wordDim()).put("charDim", c.charDim())
                .put("charFilters", c.charFilters()).put("charWidth", c.charWidth()).put("hidden", c.hidden())
                .put("crf", c.crf()).put("iobes", c.iobes()).put("dropout", c.dropout())
                .put("wordDropout", c.wordDropout())
                .put("lr", c.lr()).put("batchSize", c.batchSize()).put("epochs", c.epochs()).put("clip", c.clip())
                .put("sparse", c.sparse()).put("seed", c.seed()).put("lowercase", enc.lowercase())
                .put("maxWordChars", enc.maxWordChars());
        if (!enc.tokenPrefix().isEmpty()) conf.put("tokenPrefix", enc.tokenPrefix());
        if (tagger.outputScheme() != null) conf.put("outputScheme", tagger.outputScheme().name());
        ArrayNode tags = JsonNodeFactory.instance.arrayNode();
        enc.tags().forEach(tags::add);
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        metrics.forEach(m::put);
        ModelBundle.Builder b = ModelBundle.builder(conf, prov).bytes("words", vocabBytes(enc.words()))
                .bytes("chars", vocabBytes(enc.chars())).json("tags", tags).json("metrics", m);
        tagger.model().stateDict().forEach(b::weight);
        b.build().write(file);
    }

    static Tagger read(Path file) throws IOException {
        return read(ModelBundle.read(file), file);
    }

    /** As {@link #read(Path)}, from a bundle already read from {@code file}. */
    static Tagger read(ModelBundle bundle, Path file) throws IOException {
        JsonNode c = bundle.config();
        if (!c.path("task").asText().equals("tag")) {
            throw new BundleFormatException(file + " is not a tagger (config task " + c.path("task") + "); load it "
                    + "with the class of its task");
        }
        try {
            TaggerConfig cfg = new TaggerConfig(c.path("wordDim").asInt(), c.path("charDim").asInt(),
                    c.path("charFilters").asInt(), c.path("charWidth").asInt(), c.path("hidden").asInt(),
                    c.path("crf").asBoolean(), c.path("iobes").asBoolean(false), (float) c.path("dropout").asDouble(),
                    c.path("wordDropout").asDouble(), c.path("lowercase").asBoolean(), c.path("lr").asDouble(), c.path("batchSize").asInt(),
                    c.path("epochs").asInt(), c.path("clip").asDouble(), c.path("sparse").asBoolean(),
                    c.path("seed").asLong());
            Vocabulary words = vocab(bundle.bytes("words")), chars = vocab(bundle.bytes("chars"));
            List<String> tags = new ArrayList<>();
            for (JsonNode t : bundle.json("tags")) tags.add(t.asText());
            TagEncoder enc = TagEncoder.of(words, chars, tags, c.path("lowercase").asBoolean(),
                    c.path("maxWordChars").asInt(), c.path("tokenPrefix").asText(""));
            BiLstmTagger model = new BiLstmTagger(cfg, words.size(), chars.size(), tags.size());
            model.loadStateDict(bundle.weights(), true);
            model.eval();
            TagScheme output = c.hasNonNull("outputScheme") ? TagScheme.parse(c.path("outputScheme").asText()) : null;
            return new Tagger(model, enc, output);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file + ": a tagger bundle whose parts do not fit: " + e.getMessage()
                    + ". The file is damaged or was edited; retrain", e);
        }
    }

    private static byte[] vocabBytes(Vocabulary v) throws IOException {
        Path tmp = Files.createTempFile("xent-vocab", ".json");
        try {
            v.save(tmp);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Vocabulary vocab(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("xent-vocab", ".json");
        try {
            Files.write(tmp, bytes);
            return Vocabulary.load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
