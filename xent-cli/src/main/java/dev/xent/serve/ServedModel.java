// The narrow interface a trained model implements to be served over HTTP: predict/tag/generate/score/translate, info.
package dev.xent.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model as the prediction server sees it. A model declares which {@link Capability capabilities} it has;
 * the server answers 501 for the others without calling the model, so a model implements only its own methods.
 *
 * <h2>Thread-safety contract</h2>
 * The server calls one instance from many threads at once (one virtual thread per request, no lock). Therefore:
 * <ul>
 *   <li>Weights, vocabulary and config are read-only after construction (publish them through final fields).</li>
 *   <li>Every call keeps its working memory to itself: local arrays, or per-call objects; never a shared scratch
 *       buffer or a shared step {@code Workspace}. Tensor code runs inside {@code GradMode.off()} (thread-local).</li>
 *   <li>Randomness comes only from the {@code seed} passed in: the same prompt, sampling settings and seed give the
 *       same text whatever else runs concurrently.</li>
 *   <li>A call may be slow but must not block on another request.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * The server checks sizes and ranges (its {@link ServeConfig} limits) before calling. Input the model itself cannot
 * serve (e.g. a prompt longer than its context) is reported with {@link ModelInputException}, which becomes a 422
 * answer. Any other exception is treated as a bug: 500, logged with its stack trace.
 */
public interface ServedModel {

    /** What a model can do; each maps to one POST endpoint. */
    enum Capability { PREDICT, TAG, GENERATE, SCORE, TRANSLATE }

    /** The capabilities this model implements; fixed for the model's lifetime. */
    Set<Capability> capabilities();

    /**
     * The {@code k} most probable labels of {@code text}, most probable first; fewer when the model has fewer than
     * {@code k} labels. {@code k >= 1}.
     */
    default List<LabelProbability> predict(String text, int k) {
        throw unsupported(Capability.PREDICT);
    }

    /** One tag per token, in order: the result has exactly {@code tokens.size()} elements. */
    default List<String> tag(List<String> tokens) {
        throw unsupported(Capability.TAG);
    }

    /** A continuation of {@code prompt} (without the prompt) sampled with {@code sampling}. */
    default String generate(String prompt, SamplingConfig sampling) {
        throw unsupported(Capability.GENERATE);
    }

    /** How well the model predicts {@code text}: cross-entropy, bits per char, perplexity. */
    default TextScore score(String text) {
        throw unsupported(Capability.SCORE);
    }

    /**
     * One translation per text, in order (the result has exactly {@code texts.size()} elements): beam search with
     * {@code beam} hypotheses (1 = greedy) and GNMT length-penalty exponent {@code alpha} (0 = none); a blank text
     * translates to "". The texts of one call may be decoded together as one batch.
     */
    default List<String> translate(List<String> texts, int beam, double alpha) {
        throw unsupported(Capability.TRANSLATE);
    }

    /**
     * Config, provenance and sizes, as JSON-ready values (String, Number, Boolean, List, Map, null); shown by
     * {@code GET /v1/info}. Must be cheap: it is computed on every call.
     */
    Map<String, Object> info();

    private UnsupportedOperationException unsupported(Capability c) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " does not support " + c
                + "; capabilities() = " + capabilities());
    }
}
