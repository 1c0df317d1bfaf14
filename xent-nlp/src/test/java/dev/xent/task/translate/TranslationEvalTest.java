// The references' teacher-forced cross-entropy is the token-weighted sum of each pair's own loss, whatever the
// batching; TranslationEval's BLEU and chrF are those of the model's own translations.
package dev.xent.task.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.autograd.GradMode;
import dev.xent.metrics.Bleu;
import dev.xent.metrics.ChrF;
import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationEvalTest {
    static final int[][] SRC = {{5, 6, 7}, {8, 9, 10, 11, 12}, {13}, {14, 15, 16, 17, 18, 19, 4}};
    static final int[][] TGT = {{15, 16, 17, 18}, {19, 4}, {5, 6, 7, 8, 9, 10}, {11}};

    /** −ln p of each pair alone (a batch of one), times its tokens, summed. */
    static double pairByPair(TranslationModel m) {
        double nats = 0;
        try (GradMode.Scope off = GradMode.off()) {
            for (int i = 0; i < SRC.length; i++) {
                TranslationBatch one = TranslationBatch.of(SRC, TGT, new int[] {i});
                nats += one.targetTokens() * (double) m.loss(one, 0).item();
            }
        }
        return nats;
    }

    @Test
    void referenceCrossEntropyIsTheTokenWeightedMeanOfEachPairsLoss() {
        for (TranslationModel m : List.of(
                new TransformerTranslator(new TransformerTranslator.Config(20, 8, 2, 1, 1, 16, 32, 0.3f), new Rng(2)),
                (TranslationModel) new RnnTranslator(new RnnTranslator.Config(20, 8, 8, 0.3f), new Rng(3)))) {
            m.train();   // dropout on: the score must switch it off and restore the mode
            int tokens = 0;
            for (int[] y : TGT) tokens += y.length + 1;
            for (int maxTokens : new int[] {8, 16, 4096}) {   // one pair per batch … all in one batch
                ReferenceScore s = ReferenceScore.of(m, SRC, TGT, maxTokens);
                assertEquals(tokens, s.tokens());
                m.eval();
                double want = pairByPair(m);
                m.train();
                assertEquals(want, s.nats(), 1e-4 * want, m.kind() + ", maxTokens " + maxTokens);
                assertEquals(Math.exp(want / tokens), s.perplexity(), 1e-4 * s.perplexity());
            }
            assertTrue(m.isTraining(), "the model's mode is restored");
        }
    }

    @Test
    void bleuAndChrFAreThoseOfTheModelsTranslationsAndTooLongReferencesAreCounted() {
        ParallelCorpus toy = TranslateTaskTest.toy(12, 5);
        TranslationCodec codec = TranslationCodec.train(toy, 300);
        TransformerTranslator m = new TransformerTranslator(
                new TransformerTranslator.Config(codec.size(), 8, 2, 1, 1, 16, 24, 0f), new Rng(4));
        TranslationBundle bundle = TranslationBundle.of(m, codec, dev.xent.io.Provenance.now(1, java.util.Map.of()),
                java.util.Map.of());
        List<String> refs = new java.util.ArrayList<>(toy.targets());
        refs.set(3, "xylophones quizzically jumped over seventeen wombats");   // unseen bytes: > maxLen − 1 tokens
        ParallelCorpus test = new ParallelCorpus(toy.sources(), refs);
        SearchConfig search = SearchConfig.DEFAULT.withBeam(2);
        TranslationEval e = TranslationEval.run(bundle, test, search, 2);
        List<String> hyps = bundle.translate(test.sources(), search, 1);
        assertEquals(hyps, e.hypotheses());
        assertEquals(Bleu.corpus(hyps, refs).score(), e.bleu().score(), 0);
        assertEquals(ChrF.corpus(hyps, refs), e.chrF(), 0);
        assertEquals(1, e.unscored());
        long tokens = 0;
        for (int i = 0; i < refs.size(); i++) if (i != 3) tokens += codec.encode(refs.get(i)).length + 1;
        assertEquals(tokens, e.references().tokens());
        String report = e.report();
        assertTrue(report.contains("BLEU = ") && report.contains("chrF2 = ") && report.contains("perplexity")
                && report.contains("1 longer than the model's maxLen not scored") && report.contains("beam 2"), report);
    }
}
