// Saves and loads an RNN language model (weights + level + vocabulary/tokenizer, LSTM or GRU, tied or not) as a bundle.
package dev.xent.cli.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.tensor.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Config {"task":"lm","model":"lstm"|"gru","tied","level":"char"|"word"|"bpe","vocab","dim","hidden","layers"};
 * section "vocabulary" = the level's codec ({@link LmCodec}); weights named as PyTorch's word_language_model
 * (encoder.weight, rnn.weight_ih_l0, ..., decoder.weight, decoder.bias). A tied model stores decoder.weight too, a
 * copy of encoder.weight, as PyTorch's state_dict lists it, so `xent export` gives a file a tied RNNModel loads
 * with strict=True; on reading the two must be equal. Section "metrics" = the final validation numbers.
 * Bundles written before cells, tying and levels existed (char LSTM, no "tied" key) read as untied char LSTMs.
 */
public record LmBundle(LstmLanguageModel model, LmCodec codec, ModelBundle bundle) {
    static final String VOCABULARY = "vocabulary";

    static void write(Path file, LstmLanguageModel model, LmCodec codec, Provenance provenance,
                      Map<String, Double> metrics) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("task", "lm").put("model", model.cell().name().toLowerCase(Locale.ROOT)).put("tied", model.tied())
                .put("level", codec.level()).put("vocab", model.vocabularySize())
                .put("dim", model.embeddingSize()).put("hidden", model.hiddenSize()).put("layers", model.layers());
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        metrics.forEach(m::put);
        ModelBundle.Builder b = ModelBundle.builder(config, provenance).json(VOCABULARY, codec.toJson()).json("metrics", m);
        model.torchStateDict().forEach(b::weight);
        b.build().write(file);
    }

    /** Loads an LM bundle; a bundle of another task is a clear error naming the command that fits. */
    public static LmBundle read(Path file, String command) throws IOException {
        return read(ModelBundle.read(file), file, command);
    }

    /** As {@link #read(Path, String)}, from a bundle already read from {@code file}. */
    public static LmBundle read(ModelBundle bundle, Path file, String command) throws IOException {
        JsonNode c = bundle.config();
        String task = c.path("task").asText("?");
        if (!task.equals("lm")) {
            throw new BadInputException(file + " is a '" + task + "' model; `xent " + command + "` needs a language "
                    + "model (trained with `xent train lm`)");
        }
        String level = c.path("level").asText(), cellName = c.path("model").asText("lstm");
        if (!bundle.sectionNames().contains(VOCABULARY)) {
            throw new BadInputException(file + ": an lm bundle needs a '" + VOCABULARY + "' section; this one has "
                    + bundle.sectionNames());
        }
        LmCodec codec;
        try {
            codec = LmCodec.read(level, bundle.json(VOCABULARY));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": bad level or vocabulary section: " + e.getMessage(), e);
        }
        LstmLanguageModel.Cell cell;
        try {
            cell = LstmLanguageModel.Cell.valueOf(cellName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": config \"model\" must be \"lstm\" or \"gru\"; got \"" + cellName + "\"");
        }
        LstmLanguageModel model;
        try {
            model = new LstmLanguageModel(c.path("vocab").asInt(), c.path("dim").asInt(), c.path("hidden").asInt(),
                    c.path("layers").asInt(), 0f, cell, c.path("tied").asBoolean(false), new Rng(0));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": bad model config: " + e.getMessage(), e);
        }
        if (model.vocabularySize() != codec.size()) {
            throw new BadInputException(file + ": config says vocab " + model.vocabularySize() + " but the " + level
                    + " vocabulary section holds " + codec.size() + " entries");
        }
        try {
            model.loadTorchStateDict(bundle.weights());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": weights do not fit the config: " + e.getMessage(), e);
        }
        model.eval();
        return new LmBundle(model, codec, bundle);
    }
}
