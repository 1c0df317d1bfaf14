// A trained language model as a file: weights, token level and vocabulary (LSTM/GRU, tied or not, or a Transformer).
package dev.xent.task.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.BundleFormatException;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.nn.Module;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Config of an RNN: {"task":"lm","model":"lstm"|"gru","tied","level":"char"|"word"|"bpe","vocab","dim","hidden",
 * "layers"}, weights named as PyTorch's word_language_model (encoder.weight, rnn.weight_ih_l0, …, decoder.weight,
 * decoder.bias); a tied model stores decoder.weight too, a copy of encoder.weight, as PyTorch's state_dict lists it,
 * so `xent export` gives a file a tied RNNModel loads with strict=True; on reading the two must be equal. Bundles
 * written before cells, tying and levels existed (char LSTM, no "tied" key) read as untied char LSTMs. An RNN whose
 * output is an adaptive softmax adds "cutoffs" and "divValue", and its decoder weights are decoder.head.weight,
 * decoder.head.bias and decoder.tail.i.{0,1}.weight ({@link dev.xent.nn.AdaptiveSoftmax}).
 * Config of a Transformer: {"task":"lm","model":"transformer","tied","level","vocab","dim","heads","layers",
 * "feedForward","maxLen"}, weights under {@link TransformerLanguageModel}'s names.
 * Sections: "vocabulary" = the level's codec ({@link LmCodec}); "metrics" = the final validation numbers.
 * A loaded model is in eval mode; {@link #generate} and {@link #score} only read it, so threads may share a bundle.
 */
public final class LmBundle {
    static final String VOCABULARY = "vocabulary";

    private final Module model;
    private final LmCodec codec;
    private final ModelBundle bundle;

    private LmBundle(Module model, LmCodec codec, ModelBundle bundle) {
        this.model = model;
        this.codec = codec;
        this.bundle = bundle;
        model.eval();
    }

    /** The bundle of {@code model} (an {@link LstmLanguageModel} or a {@link TransformerLanguageModel}); puts it in eval mode. */
    public static LmBundle of(Module model, LmCodec codec, Provenance provenance, Map<String, Double> metrics) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("task", "lm");
        Map<String, Tensor> weights;
        if (model instanceof LstmLanguageModel m) {
            config.put("model", m.cell().name().toLowerCase(Locale.ROOT)).put("tied", m.tied())
                    .put("level", codec.level()).put("vocab", m.vocabularySize())
                    .put("dim", m.embeddingSize()).put("hidden", m.hiddenSize()).put("layers", m.layers());
            if (m.options().adaptive()) {   // only then: bundles of full-softmax models stay as they were
                var cut = config.putArray("cutoffs");
                for (int k : m.options().cutoffs()) cut.add(k);
                config.put("divValue", m.options().divValue());
            }
            weights = m.torchStateDict();
        } else if (model instanceof TransformerLanguageModel m) {
            TransformerLanguageModel.Config c = m.config();
            config.put("model", "transformer").put("tied", c.tied()).put("level", codec.level()).put("vocab", c.vocab())
                    .put("dim", c.dModel()).put("heads", c.nHead()).put("layers", c.layers())
                    .put("feedForward", c.dimFeedforward()).put("maxLen", c.maxLen());
            weights = m.stateDict();
        } else {
            throw new IllegalArgumentException("an LM bundle holds an LstmLanguageModel or a TransformerLanguageModel; got "
                    + model.getClass().getSimpleName());
        }
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        metrics.forEach(m::put);
        ModelBundle.Builder b = ModelBundle.builder(config, provenance).json(VOCABULARY, codec.toJson()).json("metrics", m);
        weights.forEach(b::weight);
        return new LmBundle(model, codec, b.build());
    }

    /** The output layer of an RNN's config: "cutoffs" and "divValue" for an adaptive softmax; none: the full softmax. */
    private static LstmLanguageModel.Options outputOptions(JsonNode c) {
        JsonNode cut = c.path("cutoffs");
        if (!cut.isArray() || cut.isEmpty()) return LstmLanguageModel.Options.CLASSIC;
        int[] cutoffs = new int[cut.size()];
        for (int i = 0; i < cutoffs.length; i++) cutoffs[i] = cut.get(i).asInt();
        return new LstmLanguageModel.Options(0f, 0f, false, cutoffs, (float) c.path("divValue").asDouble(4));
    }

    public void write(Path file) throws IOException {
        bundle.write(file);
    }

    /** Loads an LM bundle; another task's bundle, or a damaged one, is a {@link BundleFormatException} saying so. */
    public static LmBundle read(Path file) throws IOException {
        return read(ModelBundle.read(file), file);
    }

    /** As {@link #read(Path)}, from a bundle already read from {@code file}. */
    public static LmBundle read(ModelBundle bundle, Path file) {
        JsonNode c = bundle.config();
        String task = c.path("task").asText("?");
        if (!task.equals("lm")) {
            throw new BundleFormatException(file + " is a '" + task + "' model, not a language model (a bundle of "
                    + "`xent train lm` or LmTask)");
        }
        String level = c.path("level").asText(), kind = c.path("model").asText("lstm");
        if (!bundle.sectionNames().contains(VOCABULARY)) {
            throw new BundleFormatException(file + ": an lm bundle needs a '" + VOCABULARY + "' section; this one has "
                    + bundle.sectionNames());
        }
        LmCodec codec;
        Module model;
        try {
            codec = LmCodec.read(level, bundle.json(VOCABULARY));
            model = switch (kind) {
                case "lstm", "gru" -> new LstmLanguageModel(c.path("vocab").asInt(), c.path("dim").asInt(),
                        c.path("hidden").asInt(), c.path("layers").asInt(), 0f,
                        LstmLanguageModel.Cell.valueOf(kind.toUpperCase(Locale.ROOT)), c.path("tied").asBoolean(false),
                        outputOptions(c), new Rng(0));
                case "transformer" -> new TransformerLanguageModel(new TransformerLanguageModel.Config(
                        c.path("vocab").asInt(), c.path("dim").asInt(), c.path("heads").asInt(), c.path("layers").asInt(),
                        c.path("feedForward").asInt(), c.path("maxLen").asInt(), 0f, c.path("tied").asBoolean(false)),
                        new Rng(0));
                default -> throw new IllegalArgumentException("config \"model\" must be \"lstm\", \"gru\" or "
                        + "\"transformer\"; got \"" + kind + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file + ": bad model config or vocabulary section: " + e.getMessage(), e);
        }
        int vocab = c.path("vocab").asInt();
        if (vocab != codec.size()) {
            throw new BundleFormatException(file + ": config says vocab " + vocab + " but the " + level
                    + " vocabulary section holds " + codec.size() + " entries");
        }
        try {
            if (model instanceof LstmLanguageModel m) m.loadTorchStateDict(bundle.weights());
            else model.loadStateDict(bundle.weights(), true);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file + ": weights do not fit the config: " + e.getMessage(), e);
        }
        return new LmBundle(model, codec, bundle);
    }

    /**
     * Appends up to {@code maxTokens} tokens to {@code prompt} (at least one token), each drawn by {@code sampler};
     * seeded: same seed, same tokens. Returns only the new tokens.
     */
    public int[] generate(int[] prompt, int maxTokens, Sampler sampler, long seed) {
        return generator().generate(prompt, maxTokens, sampler, new Rng(seed), -1);
    }

    /** The continuation of {@code prompt}: up to {@code maxTokens} tokens, as text. */
    public String generate(String prompt, int maxTokens, Sampler sampler, long seed) {
        int[] ids = codec.encode(prompt);
        if (ids.length == 0) {
            throw new IllegalArgumentException("the prompt '" + prompt + "' holds no " + codec.unit() + " token for this "
                    + codec.level() + "-level model; give at least one word");
        }
        return codec.continuation(prompt, generate(ids, maxTokens, sampler, seed));
    }

    /** Next-token cross-entropy of ids[1..] given ids[0..] (an RNN carries its state; a Transformer sees maxLen). */
    public Generator.Score score(int[] ids) {
        return generator().score(ids, 256);
    }

    private Generator generator() {
        return model instanceof LstmLanguageModel m ? new Generator(m) : new Generator((TransformerLanguageModel) model);
    }

    /** The score of {@code text} encoded at the model's level. */
    public Generator.Score score(String text) {
        return score(codec.encode(text));
    }

    /** E.g. "character LSTM", "word-level GRU (tied)", "BPE Transformer". */
    static String describe(LmCodec codec, Module model) {
        String level = switch (codec.level()) {
            case "char" -> "character";
            case "word" -> "word-level";
            default -> "BPE";
        };
        if (model instanceof LstmLanguageModel m) {
            return level + " " + m.cell() + (m.tied() ? " (tied)" : "") + (m.options().adaptive()
                    ? ", adaptive softmax " + java.util.Arrays.toString(m.options().cutoffs()) : "");
        }
        TransformerLanguageModel t = (TransformerLanguageModel) model;
        return level + " Transformer" + (t.config().tied() ? " (tied)" : "");
    }

    public String describe() {
        return describe(codec, model);
    }

    /** The architecture in a few numbers: level, unit, model (lstm, gru, transformer), tied, vocab, sizes. */
    public Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", codec.level());
        m.put("unit", codec.unit());
        if (model instanceof LstmLanguageModel r) {
            m.put("cell", r.cell().name().toLowerCase(Locale.ROOT));
            m.put("tied", r.tied());
            m.put("vocab", r.vocabularySize());
            m.put("hidden", r.hiddenSize());
            m.put("layers", r.layers());
            if (r.options().adaptive()) m.put("cutoffs", java.util.Arrays.toString(r.options().cutoffs()));
        } else {
            TransformerLanguageModel.Config c = transformer().config();
            m.put("model", "transformer");
            m.put("tied", c.tied());
            m.put("vocab", c.vocab());
            m.put("dim", c.dModel());
            m.put("heads", c.nHead());
            m.put("layers", c.layers());
            m.put("maxLen", c.maxLen());
        }
        return m;
    }

    /** The network: an {@link LstmLanguageModel} or a {@link TransformerLanguageModel}. */
    public Module model() {
        return model;
    }

    public boolean isTransformer() {
        return model instanceof TransformerLanguageModel;
    }

    /** The RNN model; an error for a Transformer bundle. */
    public LstmLanguageModel rnn() {
        if (model instanceof LstmLanguageModel m) return m;
        throw new IllegalStateException("this bundle holds a Transformer LM, not an RNN; use transformer()");
    }

    /** The Transformer model; an error for an RNN bundle. */
    public TransformerLanguageModel transformer() {
        if (model instanceof TransformerLanguageModel m) return m;
        throw new IllegalStateException("this bundle holds an " + ((LstmLanguageModel) model).cell() + " LM, not a Transformer; use rnn()");
    }

    public LmCodec codec() {
        return codec;
    }

    /** The file's contents: config, provenance, sections, weights. */
    public ModelBundle bundle() {
        return bundle;
    }
}
