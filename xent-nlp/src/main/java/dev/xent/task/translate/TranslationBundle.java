// A trained translation model as a file: Transformer weights, the shared BPE merges, the architecture, metrics.
package dev.xent.task.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.BundleFormatException;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.tensor.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Config: {"task":"translate","model":"transformer","vocab","dim","heads","encoderLayers","decoderLayers",
 * "feedForward","maxLen"} with weights under {@link TransformerTranslator}'s names (nn.Transformer's, plus
 * embed.weight), or {"task":"translate","model":"rnn","vocab","dim","hidden"} with {@link RnnTranslator}'s; sections "vocabulary" ({@link TranslationCodec}: the BPE merges both languages share) and
 * "metrics". A loaded model is in eval mode.
 */
public final class TranslationBundle {
    static final String VOCABULARY = "vocabulary";

    private final TranslationModel model;
    private final TranslationCodec codec;
    private final ModelBundle bundle;

    private TranslationBundle(TranslationModel model, TranslationCodec codec, ModelBundle bundle) {
        this.model = model;
        this.codec = codec;
        this.bundle = bundle;
        model.eval();
    }

    public static TranslationBundle of(TranslationModel model, TranslationCodec codec, Provenance provenance,
                                       Map<String, Double> metrics) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("task", "translate").put("model", model.kind()).put("vocab", model.vocabSize());
        if (model instanceof TransformerTranslator t) {
            TransformerTranslator.Config c = t.config();
            config.put("dim", c.dModel()).put("heads", c.nHead()).put("encoderLayers", c.encoderLayers())
                    .put("decoderLayers", c.decoderLayers()).put("feedForward", c.dimFeedforward()).put("maxLen", c.maxLen());
        } else if (model instanceof RnnTranslator r) {
            config.put("dim", r.config().embed()).put("hidden", r.config().hidden());
        }
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        metrics.forEach(m::put);
        ModelBundle.Builder b = ModelBundle.builder(config, provenance).json(VOCABULARY, codec.toJson()).json("metrics", m);
        model.stateDict().forEach(b::weight);
        boolean wasTraining = model.isTraining();
        TranslationBundle out = new TranslationBundle(model, codec, b.build());
        if (wasTraining) model.train();   // the task's model keeps training
        return out;
    }

    public void write(Path file) throws IOException {
        bundle.write(file);
    }

    public static TranslationBundle read(Path file) throws IOException {
        return read(ModelBundle.read(file), file);
    }

    /** As {@link #read(Path)}, from a bundle already read from {@code file}. */
    public static TranslationBundle read(ModelBundle bundle, Path file) {
        JsonNode c = bundle.config();
        String task = c.path("task").asText("?");
        if (!task.equals("translate")) {
            throw new BundleFormatException(file + " is a '" + task + "' model, not a translation model (a bundle of "
                    + "`xent train translate` or TranslateTask)");
        }
        if (!bundle.sectionNames().contains(VOCABULARY)) {
            throw new BundleFormatException(file + ": a translate bundle needs a '" + VOCABULARY + "' section; this one "
                    + "has " + bundle.sectionNames());
        }
        TranslationCodec codec;
        TranslationModel model;
        try {
            codec = TranslationCodec.read(bundle.json(VOCABULARY));
            String kind = c.path("model").asText("transformer");
            model = switch (kind) {
                case "transformer" -> new TransformerTranslator(new TransformerTranslator.Config(c.path("vocab").asInt(),
                        c.path("dim").asInt(), c.path("heads").asInt(), c.path("encoderLayers").asInt(),
                        c.path("decoderLayers").asInt(), c.path("feedForward").asInt(), c.path("maxLen").asInt(), 0f),
                        new Rng(0));
                case "rnn" -> new RnnTranslator(new RnnTranslator.Config(c.path("vocab").asInt(), c.path("dim").asInt(),
                        c.path("hidden").asInt(), 0f), new Rng(0));
                default -> throw new IllegalArgumentException("config \"model\" must be \"transformer\" or \"rnn\"; got \""
                        + kind + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file + ": bad model config or vocabulary section: " + e.getMessage(), e);
        }
        if (codec.size() != model.vocabSize()) {
            throw new BundleFormatException(file + ": config says vocab " + model.vocabSize()
                    + " but the BPE section gives " + codec.size() + " ids");
        }
        try {
            model.loadStateDict(bundle.weights(), true);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file + ": weights do not fit the config: " + e.getMessage(), e);
        }
        return new TranslationBundle(model, codec, bundle);
    }

    public TranslationModel model() {
        return model;
    }

    public TranslationCodec codec() {
        return codec;
    }

    /** The decoding view of the model, for greedy and beam search. */
    public dev.xent.task.translate.decode.IncrementalDecoder<?> decoder() {
        return model.decoder();
    }

    /** One translation per line of {@code lines}, in order (see {@link Translations}). */
    public List<String> translate(List<String> lines, SearchConfig search, int threads) {
        return Translations.translate(model, codec, lines, search, threads);
    }

    public ModelBundle bundle() {
        return bundle;
    }
}
