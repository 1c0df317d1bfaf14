// The JSON API: turns a parsed request body into model calls and a response object, one method per endpoint.
package dev.xent.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Request → model → response for each endpoint. Every POST endpoint takes one item ({@code text}, {@code tokens},
 * {@code prompt}) and answers one result object, or a batch ({@code texts}, {@code sentences}, {@code prompts}) and
 * answers {@code {"results": [...]}} in the same order. Stateless; safe to call from many threads.
 */
final class Endpoints {
    /** Largest beam /v1/translate accepts: a beam of K decodes K hypotheses per sentence, so it bounds the work. */
    static final int MAX_BEAM = 16;

    private final ServedModel model;
    private final ServeConfig limits;

    Endpoints(ServedModel model, ServeConfig limits) {
        this.model = model;
        this.limits = limits;
    }

    Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("capabilities", capabilityNames());
        return m;
    }

    Map<String, Object> info() {
        Map<String, Object> limitsJson = new LinkedHashMap<>();
        limitsJson.put("max_body_bytes", limits.maxBodyBytes());
        limitsJson.put("max_text_chars", limits.maxTextChars());
        limitsJson.put("max_tokens", limits.maxTokens());
        limitsJson.put("max_generate_tokens", limits.maxGenerateTokens());
        limitsJson.put("max_batch", limits.maxBatch());
        limitsJson.put("max_top_k", limits.maxTopK());
        limitsJson.put("max_beam", MAX_BEAM);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.info());
        m.put("capabilities", capabilityNames());
        m.put("limits", limitsJson);
        return m;
    }

    /** {"text"|"texts", "k"} → {"predictions": [{"label", "probability"}...]} (per text). */
    Object predict(JsonNode body) {
        require(ServedModel.Capability.PREDICT, "/v1/predict");
        var f = new RequestFields(body, "/v1/predict", Set.of("text", "texts", "k"));
        String which = f.oneOf("text", "texts");
        int k = f.integer("k", 1, 1, limits.maxTopK(), "ask for between 1 and " + limits.maxTopK() + " labels");
        List<String> texts = which.equals("text") ? List.of(f.string("text", limits.maxTextChars()))
                : f.strings("texts", limits.maxBatch(), limits.maxTextChars());
        return each(texts, batchField(which, "texts"), text -> {
            List<LabelProbability> top = model.predict(text, k);
            if (top == null || top.size() > k) {
                throw new IllegalStateException("model.predict returned " + (top == null ? "null" : top.size()
                        + " labels") + " for k = " + k + "; the contract is at most k labels");
            }
            List<Map<String, Object>> preds = new ArrayList<>(top.size());
            for (LabelProbability lp : top) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", lp.label());
                m.put("probability", lp.probability());
                preds.add(m);
            }
            return Map.of("predictions", preds);
        });
    }

    /** {"tokens"|"sentences"} → {"tokens": [...], "tags": [...]} (per sentence). */
    Object tag(JsonNode body) {
        require(ServedModel.Capability.TAG, "/v1/tag");
        var f = new RequestFields(body, "/v1/tag", Set.of("tokens", "sentences"));
        String which = f.oneOf("tokens", "sentences");
        List<List<String>> sentences = which.equals("tokens")
                ? List.of(f.tokens("tokens", limits.maxTokens(), limits.maxTextChars()))
                : f.stringLists("sentences", limits.maxBatch(), limits.maxTokens(), limits.maxTextChars());
        return each(sentences, batchField(which, "sentences"), tokens -> {
            List<String> tags = model.tag(List.copyOf(tokens));
            if (tags == null || tags.size() != tokens.size()) {
                throw new IllegalStateException("model.tag returned " + (tags == null ? "null" : tags.size() + " tags")
                        + " for " + tokens.size() + " tokens; the contract is one tag per token");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tokens", tokens);
            m.put("tags", tags);
            return m;
        });
    }

    /** {"prompt"|"prompts", "max_tokens", "temperature", "top_k", "top_p", "seed"} → {"text", "seed"} per prompt. */
    Object generate(JsonNode body) {
        require(ServedModel.Capability.GENERATE, "/v1/generate");
        var f = new RequestFields(body, "/v1/generate",
                Set.of("prompt", "prompts", "max_tokens", "temperature", "top_k", "top_p", "seed"));
        String which = f.oneOf("prompt", "prompts");
        int cap = limits.maxGenerateTokens();
        int maxTokens = f.integer("max_tokens", Math.min(64, cap), 1, cap,
                "ask for at most " + cap + " tokens (the server's generation cap), or continue from the output");
        double temperature = f.number("temperature", 1.0, 0, false, 100,
                "use 0 for greedy decoding or a positive temperature such as 0.8");
        int topK = f.integer("top_k", 0, 0, Integer.MAX_VALUE, "use 0 (no cut) or a positive k such as 40");
        double topP = f.number("top_p", 1.0, 0, true, 1, "use a value in (0, 1], e.g. 0.9; 1 means no cut");
        Long given = f.longOrNull("seed", "give an integer seed, e.g. 42, or leave it out for a random one");
        long seed = given != null ? given : ThreadLocalRandom.current().nextLong();
        var sampling = new SamplingConfig(maxTokens, temperature, topK, topP, seed);
        List<String> prompts = which.equals("prompt") ? List.of(f.string("prompt", limits.maxTextChars()))
                : f.strings("prompts", limits.maxBatch(), limits.maxTextChars());
        return each(prompts, batchField(which, "prompts"), prompt -> {
            String text = model.generate(prompt, sampling);
            if (text == null) throw new IllegalStateException("model.generate returned null");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", text);
            m.put("seed", seed);  // echoed so a random-seeded answer can be reproduced
            return m;
        });
    }

    /** {"text"|"texts"} → {"cross_entropy" (nats/token), "bits_per_char", "perplexity", "tokens", "chars"}. */
    Object score(JsonNode body) {
        require(ServedModel.Capability.SCORE, "/v1/score");
        var f = new RequestFields(body, "/v1/score", Set.of("text", "texts"));
        String which = f.oneOf("text", "texts");
        List<String> texts = which.equals("text") ? List.of(f.string("text", limits.maxTextChars()))
                : f.strings("texts", limits.maxBatch(), limits.maxTextChars());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isEmpty()) {
                throw ApiError.invalid(which.equals("text") ? "text" : "texts[" + i + "]",
                        "cannot score an empty text: it has no characters to predict", "send a non-empty text");
            }
        }
        return each(texts, batchField(which, "texts"), text -> {
            TextScore s = model.score(text);
            if (s == null) throw new IllegalStateException("model.score returned null");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cross_entropy", s.crossEntropy());
            m.put("bits_per_char", s.bitsPerChar());
            m.put("perplexity", s.perplexity());
            m.put("tokens", s.tokens());
            m.put("chars", s.chars());
            return m;
        });
    }

    /**
     * {"text"|"texts", "beam" (5), "alpha" (0.6)} → {"translation"} per text. A batch is one model call, so its
     * sentences are decoded together; a blank text translates to "".
     */
    Object translate(JsonNode body) {
        require(ServedModel.Capability.TRANSLATE, "/v1/translate");
        var f = new RequestFields(body, "/v1/translate", Set.of("text", "texts", "beam", "alpha"));
        String which = f.oneOf("text", "texts");
        int beam = f.integer("beam", 5, 1, MAX_BEAM, "use a beam of 1 (greedy) to " + MAX_BEAM + "; 5 is usual");
        double alpha = f.number("alpha", 0.6, 0, false, 10, "use 0 (no length penalty) or GNMT's 0.6 to 0.7");
        List<String> texts = which.equals("text") ? List.of(f.string("text", limits.maxTextChars()))
                : f.strings("texts", limits.maxBatch(), limits.maxTextChars());
        List<String> out = model.translate(List.copyOf(texts), beam, alpha);
        if (out == null || out.size() != texts.size()) {
            throw new IllegalStateException("model.translate returned " + (out == null ? "null" : out.size()
                    + " translations") + " for " + texts.size() + " texts; the contract is one per text");
        }
        List<Map<String, Object>> results = new ArrayList<>(out.size());
        for (String t : out) results.add(Map.of("translation", t));
        return which.equals("text") ? results.get(0) : Map.of("results", results);
    }

    /** {@code batch} when the request used the batch field, else null. */
    private static String batchField(String which, String batch) {
        return which.equals(batch) ? batch : null;
    }

    /**
     * One result for a single item ({@code batchField} null), else {"results": [...]}. A batch item the model
     * rejects is reported with its index, e.g. field "texts[3]".
     */
    private <T> Object each(List<T> items, String batchField, Function<T, Map<String, Object>> one) {
        if (batchField == null) return one.apply(items.get(0));
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(one.apply(items.get(i)));
            } catch (ModelInputException e) {
                throw ApiError.invalid(batchField + "[" + i + "]", "item " + i + " of '" + batchField + "': "
                        + e.getMessage(), e.fix());
            }
        }
        return Map.of("results", results);
    }

    private void require(ServedModel.Capability c, String endpoint) {
        if (!model.capabilities().contains(c)) {
            throw new ApiError(501, "this model does not support " + endpoint + " (" + c.name().toLowerCase()
                    + "); it supports " + capabilityNames(), null,
                    "call an endpoint of this model's capabilities (see GET /v1/health), or serve a model that can "
                            + c.name().toLowerCase());
        }
    }

    private List<String> capabilityNames() {
        List<String> names = new ArrayList<>();
        for (ServedModel.Capability c : ServedModel.Capability.values()) {
            if (model.capabilities().contains(c)) names.add(c.name().toLowerCase());
        }
        return names;
    }
}
