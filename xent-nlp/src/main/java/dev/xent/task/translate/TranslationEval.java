// A translation model scored on a parallel test set: BLEU and chrF of its translations, cross-entropy of the references.
package dev.xent.task.translate;

import dev.xent.metrics.Bleu;
import dev.xent.metrics.BleuScore;
import dev.xent.metrics.ChrF;
import dev.xent.task.translate.decode.SearchConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sources are translated as {@link Translations} does (greedy or beam search, a source longer than the model's
 * maxLen − 1 tokens cut to it); BLEU is sacreBLEU's default corpus BLEU and chrF its chrF2, both on the detokenised
 * output against the references. The references are also scored teacher-forced ({@link ReferenceScore}: nats per
 * BPE token, EOS included, perplexity); a reference longer than the model's target length cannot be scored and is
 * counted in {@code unscored} instead.
 *
 * @param hypotheses one translation per source, in order
 * @param seconds    decoding wall time
 */
public record TranslationEval(int pairs, SearchConfig search, BleuScore bleu, double chrF, ReferenceScore references,
                              int unscored, double seconds, List<String> hypotheses) {
    /** Padded tokens per batch when scoring the references (fewer for a long pair, which gets its own batch). */
    static final int SCORE_TOKENS = 2048;

    public TranslationEval {
        hypotheses = List.copyOf(hypotheses);
    }

    /** Translates {@code test}'s sources with {@code search} on {@code threads} threads and scores the result. */
    public static TranslationEval run(TranslationBundle bundle, ParallelCorpus test, SearchConfig search, int threads) {
        long t0 = System.nanoTime();
        List<String> hyps = bundle.translate(test.sources(), search, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BleuScore bleu = Bleu.corpus(hyps, test.targets());
        double chrF = ChrF.corpus(hyps, test.targets());

        TranslationModel model = bundle.model();
        int maxSource = model.maxSourceLength() - 1, maxTarget = model.decoder().maxTargetLength() - 1;
        List<int[]> src = new ArrayList<>(), tgt = new ArrayList<>();
        int unscored = 0;
        for (int i = 0; i < test.size(); i++) {
            int[] y = bundle.codec().encode(test.target(i));
            if (y.length > maxTarget) {
                unscored++;
                continue;
            }
            int[] x = bundle.codec().encode(test.source(i));
            src.add(x.length > maxSource ? Arrays.copyOf(x, maxSource) : x);
            tgt.add(y);
        }
        ReferenceScore refs = ReferenceScore.of(model, src.toArray(int[][]::new), tgt.toArray(int[][]::new),
                SCORE_TOKENS);
        return new TranslationEval(test.size(), search, bleu, chrF, refs, unscored, seconds, hyps);
    }

    /** Several lines: pairs, sacreBLEU's BLEU line, chrF2, the references' cross-entropy and perplexity, the search. */
    public String report() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "pairs          %,d%n", pairs));
        s.append(bleu).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "chrF2 = %.2f%n", chrF));
        s.append(String.format(Locale.ROOT, "cross-entropy  %.4f nats/token  perplexity %.3f  (references "
                + "teacher-forced: %,d BPE tokens, EOS included%s)%n", references.crossEntropy(),
                references.perplexity(), references.tokens(),
                unscored == 0 ? "" : String.format(Locale.ROOT, "; %,d longer than the model's maxLen not scored", unscored)));
        s.append(String.format(Locale.ROOT, "search         %s, length cap %s * |source| + %d; %.1f s (%.1f sentences/s)%n",
                search.beam() == 1 ? "greedy" : "beam " + search.beam() + ", alpha " + search.alpha(),
                trim(search.maxLenA()), search.maxLenB(), seconds, pairs / Math.max(seconds, 1e-9)));
        return s.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
