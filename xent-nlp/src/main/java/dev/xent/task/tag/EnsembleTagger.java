// An ensemble of k taggers with the same tags: averaged softmax per token, or averaged CRF scores decoded by Viterbi.
package dev.xent.task.tag;

import dev.xent.data.TaggedSentence;

import java.util.ArrayList;
import java.util.List;

/**
 * k taggers trained on the same tags (e.g. with different seeds) voting as one. Each member encodes the tokens with
 * its own vocabularies, so members may differ in vectors, sizes or settings; they must agree on the tag list (in id
 * order), on the output layer and on the output scheme.
 *
 * <ul>
 *   <li><b>Softmax members</b> (POS): p(tag | token) = (1/k) Σ_m softmax(s_m)[tag]; the tag is its arg max
 *       (ties: the smallest id).</li>
 *   <li><b>CRF members</b> (chunk tags): the averaged emission scores Ē = (1/k) Σ_m E_m and the averaged transition,
 *       start and end scores are one linear-chain CRF, decoded by Viterbi; with k = 1 this is the member's own
 *       decoding.</li>
 * </ul>
 * Predicted tags are written in the members' output scheme, and scores are counted as {@link Tagger#evaluate}
 * counts them.
 */
public final class EnsembleTagger {
    private final List<Tagger> members;
    private final int k;                  // tags
    private final boolean crf;
    private final float[] trans, start, end;   // averaged CRF scores; null without a CRF

    private EnsembleTagger(List<Tagger> members) {
        this.members = List.copyOf(members);
        Tagger first = members.get(0);
        this.k = first.tags().size();
        this.crf = first.model().config().crf();
        if (crf) {
            trans = new float[k * k];
            start = new float[k];
            end = new float[k];
            for (Tagger m : members) {
                add(trans, m.model().crfTransitions());
                add(start, m.model().crfStart());
                add(end, m.model().crfEnd());
            }
            scale(trans, 1f / members.size());
            scale(start, 1f / members.size());
            scale(end, 1f / members.size());
        } else {
            trans = start = end = null;
        }
    }

    /** An ensemble of {@code members} (at least one), which must share tags, output layer and output scheme. */
    public static EnsembleTagger of(List<Tagger> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one tagger; got none");
        Tagger first = members.get(0);
        for (int i = 1; i < members.size(); i++) {
            Tagger m = members.get(i);
            if (!m.tags().equals(first.tags())) {
                throw new IllegalArgumentException("ensemble member " + i + " has tags " + m.tags() + " but member 0 has "
                        + first.tags() + "; train every member on the same training file");
            }
            if (m.model().config().crf() != first.model().config().crf()) {
                throw new IllegalArgumentException("ensemble member " + i + " has crf=" + m.model().config().crf()
                        + " but member 0 has crf=" + first.model().config().crf() + "; members must share the output layer");
            }
            if (m.outputScheme() != first.outputScheme()) {
                throw new IllegalArgumentException("ensemble member " + i + " writes tags in scheme " + m.outputScheme()
                        + " but member 0 in " + first.outputScheme() + "; train every member on the same training file");
            }
        }
        return new EnsembleTagger(members);
    }

    public List<Tagger> members() {
        return members;
    }

    /** Whether the tags are entity chunk tags (scored with entity precision, recall and F1). */
    public boolean chunkTags() {
        return members.get(0).chunkTags();
    }

    /** The tags of one sentence's tokens (an empty list for no tokens). */
    public List<String> tag(List<String> tokens) {
        return tagAll(List.of(tokens)).get(0);
    }

    /** The tags of each sentence, in order. */
    public List<List<String>> tagAll(List<List<String>> sentences) {
        float[][] avg = null;
        for (Tagger m : members) {
            List<TagEncoder.Encoded> encoded = new ArrayList<>(sentences.size());
            for (List<String> tokens : sentences) encoded.add(m.encoder().encodeTokens(tokens));
            avg = accumulate(avg, m.sentenceScores(encoded));
        }
        return decode(avg);
    }

    /** Token accuracy and, for chunk tags, entity scores on {@code data} (empty sentences are skipped). */
    public TagScores evaluate(List<TaggedSentence> data) {
        List<TaggedSentence> kept = new ArrayList<>(data.size());
        for (TaggedSentence s : data) if (s.size() > 0) kept.add(s);
        float[][] avg = null;
        for (Tagger m : members) avg = accumulate(avg, m.sentenceScores(m.encoder().encodeAll(kept)));
        return members.get(0).score(kept, decode(avg));
    }

    /**
     * Adds one member's per-sentence scores into the running sum: softmax probabilities for softmax members,
     * the raw emission scores for CRF members. {@code sum} null: the first member.
     */
    private float[][] accumulate(float[][] sum, float[][] scores) {
        if (sum == null) {
            sum = new float[scores.length][];
            for (int i = 0; i < scores.length; i++) sum[i] = new float[scores[i].length];
        }
        for (int i = 0; i < scores.length; i++) {
            float[] s = scores[i], acc = sum[i];
            for (int row = 0; row < s.length; row += k) {
                if (crf) {
                    for (int j = 0; j < k; j++) acc[row + j] += s[row + j];
                } else {   // softmax of the row, stable: exp(s − max) / Σ exp(s − max)
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) max = Math.max(max, s[row + j]);
                    double z = 0;
                    for (int j = 0; j < k; j++) z += Math.exp(s[row + j] - max);
                    for (int j = 0; j < k; j++) acc[row + j] += (float) (Math.exp(s[row + j] - max) / z);
                }
            }
        }
        return sum;
    }

    /** Tag names of each sentence: the arg max of the summed probabilities, or the Viterbi path of the mean CRF scores. */
    private List<List<String>> decode(float[][] sum) {
        Tagger first = members.get(0);
        float inv = 1f / members.size();
        List<List<String>> out = new ArrayList<>(sum.length);
        for (float[] s : sum) {
            int len = s.length / k;
            if (len == 0) {
                out.add(List.of());
                continue;
            }
            if (crf) scale(s, inv);
            out.add(first.names(Viterbi.decode(s, 0, k, len, k, trans, start, end)));
        }
        return out;
    }

    private static void add(float[] into, float[] x) {
        for (int i = 0; i < into.length; i++) into[i] += x[i];
    }

    private static void scale(float[] x, float f) {
        for (int i = 0; i < x.length; i++) x[i] *= f;
    }
}
