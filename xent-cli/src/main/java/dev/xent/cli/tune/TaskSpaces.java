// What `xent tune` searches for each task: strong recipes first (the task's defaults first of all), then ranges.
package dev.xent.cli.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.xent.cli.tune.SearchSpace.Param.choice;
import static dev.xent.cli.tune.SearchSpace.Param.logUniform;
import static dev.xent.cli.tune.SearchSpace.Param.together;
import static dev.xent.cli.tune.SearchSpace.Param.uniform;

/**
 * The recipes change one thing each from the defaults (docs/tagging.md, language-models.md and translation.md give
 * the measurements behind the defaults); the ranges span the values the literature uses for each setting. The
 * translation search keeps the recipe's width and batch size at most (a wider model or larger batches would need
 * more than the launcher's heap for `tune translate`, 1 GB).
 */
public final class TaskSpaces {
    private TaskSpaces() {}

    /** The BiLSTM tagger (TagSettings: Adam 2e-3 with decay 0.05, batch 32, hidden 128, dropout 0.33, char CNN of 50 filters). */
    public static SearchSpace tag() {
        return new SearchSpace(List.of(Map.of(), Map.of("lr", 0.001), Map.of("dropout", 0.5), Map.of("batch", 16),
                Map.of("hidden", 256, "dim", 200), Map.of("wordDropout", 0.25), Map.of("charFilters", 100)),
                List.of(logUniform("lr", 5e-4, 5e-3), uniform("dropout", 0.2, 0.6), choice("wordDropout", 0.0, 0.25, 0.5),
                        choice("hidden", 64, 128, 200, 256), choice("dim", 50, 100, 200),
                        choice("charFilters", 30, 50, 100), choice("batch", 8, 16, 32, 64), choice("lrDecay", 0.0, 0.05)));
    }

    /** A language model of {@code model} (rnn, transformer) at {@code level} (char, word, bpe). */
    public static SearchSpace lm(String model, String level) {
        if (model.equals("transformer")) {
            return new SearchSpace(List.of(Map.of(), Map.of("lr", 5e-4), Map.of("lr", 0.002), Map.of("layers", 2),
                    Map.of("dropout", 0.2), Map.of("dim", 256)),
                    List.of(logUniform("lr", 2e-4, 3e-3), choice("dim", 128, 256), choice("layers", 2, 4, 6),
                            choice("dropout", 0.0, 0.1, 0.2), choice("blockLen", 64, 128, 256), choice("batch", 16, 32)));
        }
        if (level.equals("word")) {   // the defaults are LmSettings.WORD_RECIPE: dim 400, tied, dropout 0.25, ...
            return new SearchSpace(List.of(Map.of(), Map.of("dropout", 0.4), Map.of("lr", 0.002), Map.of("dim", 256),
                    Map.of("weightDropout", 0.2), Map.of("lr", 0.005), Map.of("bptt", 35)),
                    List.of(logUniform("lr", 1e-3, 6e-3), choice("dim", 200, 300, 400), uniform("dropout", 0.1, 0.5),
                            choice("embedDropout", 0.0, 0.1, 0.2), choice("weightDropout", 0.0, 0.1, 0.3),
                            choice("bptt", 35, 64, 100), choice("batch", 16, 32, 64)));
        }
        return new SearchSpace(List.of(Map.of(), Map.of("dim", 512), Map.of("lr", 0.002), Map.of("layers", 2),
                Map.of("dropout", 0.1), Map.of("cell", "gru"), Map.of("bptt", 128)),
                List.of(logUniform("lr", 1e-3, 1e-2), choice("dim", 128, 256, 512), choice("layers", 1, 2),
                        uniform("dropout", 0.0, 0.3), choice("cell", "lstm", "gru"), choice("bptt", 32, 64, 128),
                        choice("batch", 16, 32, 64)));
    }

    /** Settings in the order given: key, value, key, value, ... */
    private static Map<String, Object> set(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** A translation model of {@code model} (transformer, rnn). */
    public static SearchSpace translate(String model) {
        if (model.equals("rnn")) {
            return new SearchSpace(List.of(Map.of(), Map.of("dropout", 0.2), Map.of("lr", 5e-4), Map.of("hidden", 256),
                    Map.of("warmup", 1000)),
                    List.of(logUniform("lr", 3e-4, 2e-3), uniform("dropout", 0.1, 0.5), choice("hidden", 256, 512, 768),
                            choice("dim", 128, 256, 512), choice("warmup", 200, 400, 1000)));
        }
        return new SearchSpace(List.of(Map.of(), Map.of("dropout", 0.3), Map.of("lr", 0.001), Map.of("lr", 5e-4),
                Map.of("warmup", 2000), Map.of("labelSmoothing", 0.2)),
                List.of(logUniform("lr", 2e-4, 1.5e-3), uniform("dropout", 0.1, 0.4), choice("warmup", 500, 1000, 2000, 4000),
                        together("layers", set("encoderLayers", 2, "decoderLayers", 2),
                                set("encoderLayers", 3, "decoderLayers", 3), set("encoderLayers", 4, "decoderLayers", 4)),
                        choice("labelSmoothing", 0.0, 0.1, 0.2), choice("maxTokens", 1000, 1600)));
    }
}
