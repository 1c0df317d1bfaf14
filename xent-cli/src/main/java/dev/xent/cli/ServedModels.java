// Adapts the task models (classifier, tagger, character LM) to the prediction server's ServedModel interface.
package dev.xent.cli;

import dev.xent.cli.lm.LmBundle;
import dev.xent.serve.LabelProbability;
import dev.xent.serve.SamplingConfig;
import dev.xent.serve.ServedModel;
import dev.xent.serve.TextScore;
import dev.xent.cli.classify.TextClassifier;
import dev.xent.task.classify.Prediction;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.Sampler;
import dev.xent.task.tag.Tagger;
import dev.xent.tensor.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each adapter holds a loaded model read-only; every call works on its own arrays (the server's contract). */
final class ServedModels {
    private ServedModels() {}

    static ServedModel load(Path file) throws IOException {
        return switch (Models.kind(file)) {
            case CLASSIFY -> classifier(file, TextClassifier.load(file));
            case TAG -> tagger(file, Tagger.load(file));
            case LM -> lm(file, LmBundle.read(file, "serve"));
        };
    }

    private static Map<String, Object> info(Path file, String task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("task", task);
        return m;
    }

    static ServedModel classifier(Path file, TextClassifier c) {
        return new ServedModel() {
            public Set<Capability> capabilities() {
                return Set.of(Capability.PREDICT);
            }

            public List<LabelProbability> predict(String text, int k) {
                List<LabelProbability> out = new ArrayList<>();
                for (Prediction p : c.predict(text, k)) out.add(new LabelProbability(p.label(), p.probability()));
                return out;
            }

            public Map<String, Object> info() {
                Map<String, Object> m = ServedModels.info(file, "classify");
                m.putAll(c.info());
                return m;
            }
        };
    }

    static ServedModel tagger(Path file, Tagger t) {
        return new ServedModel() {
            public Set<Capability> capabilities() {
                return Set.of(Capability.TAG);
            }

            public List<String> tag(List<String> tokens) {
                return t.tag(tokens);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = ServedModels.info(file, "tag");
                m.put("tags", t.tags());
                m.put("words", t.encoder().words().size());
                return m;
            }
        };
    }

    static ServedModel lm(Path file, LmBundle lm) {
        Generator gen = new Generator(lm.model());
        return new ServedModel() {
            public Set<Capability> capabilities() {
                return Set.of(Capability.GENERATE, Capability.SCORE);
            }

            public String generate(String prompt, SamplingConfig s) {
                int[] prompted = lm.codec().encode(prompt);
                if (prompted.length == 0) {
                    throw new dev.xent.serve.ModelInputException("prompt", "must hold at least one " + lm.codec().unit()
                            + " token for this " + lm.codec().level() + "-level LM", "give at least one word");
                }
                int[] ids = gen.generate(prompted, s.maxTokens(),
                        Sampler.of((float) s.temperature(), s.topK(), (float) s.topP()), new Rng(s.seed()), -1);
                return lm.codec().continuation(prompt, ids);
            }

            public TextScore score(String text) {
                int[] ids = lm.codec().encode(text);
                if (ids.length < 2) {
                    throw new dev.xent.serve.ModelInputException("text", "must hold at least 2 " + lm.codec().unit()
                            + " tokens to score", "send a longer text");
                }
                Generator.Score sc = gen.score(ids, 256);
                // char level: per predicted character, as before; word/bpe: the text's code points
                int chars = lm.codec().unit().equals("char") ? (int) sc.tokens() : text.codePointCount(0, text.length());
                return TextScore.of(sc.nats(), (int) sc.tokens(), chars);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = ServedModels.info(file, "lm");
                m.put("level", lm.codec().level());
                m.put("unit", lm.codec().unit());
                m.put("cell", lm.model().cell().name().toLowerCase(java.util.Locale.ROOT));
                m.put("tied", lm.model().tied());
                m.put("vocab", lm.model().vocabularySize());
                m.put("hidden", lm.model().hiddenSize());
                m.put("layers", lm.model().layers());
                return m;
            }
        };
    }
}
