// Adapts the task models (classifier, tagger, language model, translator) to the prediction server's ServedModel.
package dev.xent.cli;

import dev.xent.serve.LabelProbability;
import dev.xent.serve.SamplingConfig;
import dev.xent.serve.ServedModel;
import dev.xent.serve.TextScore;
import dev.xent.cli.classify.TextClassifier;
import dev.xent.task.classify.Prediction;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.Sampler;
import dev.xent.task.tag.Tagger;
import dev.xent.task.translate.TranslationBundle;
import dev.xent.task.translate.decode.SearchConfig;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        dev.xent.io.ModelBundle bundle = Models.read(file);
        return switch (Models.kind(bundle, file)) {
            case CLASSIFY -> classifier(file, TextClassifier.load(bundle, file));
            case TAG -> tagger(file, Tagger.load(bundle, file));
            case LM -> lm(file, LmBundle.read(bundle, file));
            case TRANSLATE -> translator(file, TranslationBundle.read(bundle, file));
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
                int[] ids = lm.generate(prompted, s.maxTokens(),
                        Sampler.of((float) s.temperature(), s.topK(), (float) s.topP()), s.seed());
                return lm.codec().continuation(prompt, ids);
            }

            public TextScore score(String text) {
                int[] ids = lm.codec().encode(text);
                if (ids.length < 2) {
                    throw new dev.xent.serve.ModelInputException("text", "must hold at least 2 " + lm.codec().unit()
                            + " tokens to score", "send a longer text");
                }
                Generator.Score sc = lm.score(ids);
                // char level: per predicted character, as before; word/bpe: the text's code points
                int chars = lm.codec().unit().equals("char") ? (int) sc.tokens() : text.codePointCount(0, text.length());
                return TextScore.of(sc.nats(), (int) sc.tokens(), chars);
            }

            public Map<String, Object> info() {
                Map<String, Object> m = ServedModels.info(file, "lm");
                m.putAll(lm.info());
                return m;
            }
        };
    }

    /** Each request's texts are decoded as batches on the request's own thread (concurrency comes from requests). */
    static ServedModel translator(Path file, TranslationBundle t) {
        return new ServedModel() {
            public Set<Capability> capabilities() {
                return Set.of(Capability.TRANSLATE);
            }

            public List<String> translate(List<String> texts, int beam, double alpha) {
                return t.translate(texts, SearchConfig.DEFAULT.withBeam(beam).withAlpha(alpha), 1);
            }

            @SuppressWarnings("unchecked")
            public Map<String, Object> info() {
                Map<String, Object> m = ServedModels.info(file, "translate");
                m.put("config", new ObjectMapper().convertValue(t.bundle().config(), Map.class));
                m.put("parameters", t.model().parameterCount());
                m.put("vocab", t.codec().size());
                if (t.bundle().sectionNames().contains("metrics")) {
                    m.put("metrics", new ObjectMapper().convertValue(t.bundle().json("metrics"), Map.class));
                }
                return m;
            }
        };
    }
}
