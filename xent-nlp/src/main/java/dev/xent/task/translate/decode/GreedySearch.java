// Batched greedy decoding: every row takes its most probable next token until eos or the length cap.
package dev.xent.task.translate.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy search over a batch of sources: each step feeds every unfinished sentence's last token, takes the argmax
 * of its next-token log-probabilities (ties go to the lowest id) and drops the sentences that produced eos (one
 * {@link IncrementalDecoder#select} per step in which some finished). After {@link SearchConfig#maxTokens} tokens
 * eos is forced, as fairseq does, so every hypothesis ends in eos and its logProb includes eos's. Only the length
 * cap and α of the config are used ({@link Hypothesis#score()} = logProb / lp(|Y|), for comparison with beam).
 */
public final class GreedySearch implements Search {
    private final SearchConfig config;

    public GreedySearch(SearchConfig config) {
        this.config = config;
    }

    /** One hypothesis per source, in source order. */
    @Override
    public <S> List<Hypothesis> best(IncrementalDecoder<S> model, int[][] sources) {
        int batch = sources.length;
        if (batch == 0) return List.of();
        int vocab = model.vocabSize();
        int eos = model.eos();
        int[] maxTokens = new int[batch];
        for (int b = 0; b < batch; b++) maxTokens[b] = config.maxTokens(sources[b].length, model.maxTargetLength());

        int[][] tokens = new int[batch][];                      // grown as needed: the cap may be loose
        for (int b = 0; b < batch; b++) tokens[b] = new int[Math.min(maxTokens[b], 16)];
        int[] length = new int[batch];
        double[] logProb = new double[batch];
        Hypothesis[] out = new Hypothesis[batch];

        S state = model.start(sources, Arrays.stream(maxTokens).max().getAsInt() + 1);   // bos + tokens, eos not fed
        int[] rowSentence = new int[batch];                     // (R) the sentence each row decodes
        for (int b = 0; b < batch; b++) rowSentence[b] = b;
        int[] last = new int[batch];                            // (R) the token fed next
        Arrays.fill(last, model.bos());
        while (rowSentence.length > 0) {
            int rows = rowSentence.length;
            float[] lp = model.logProbs(state, last);           // (R, V)
            Steps.checkShape(lp, rows, vocab);
            int[] keep = new int[rows];
            int kept = 0;
            for (int r = 0; r < rows; r++) {
                int b = rowSentence[r];
                int v = length[b] >= maxTokens[b] ? eos : Steps.argmax(lp, r * vocab, vocab, r);
                logProb[b] += lp[r * vocab + v];
                if (v == eos) {
                    int[] y = Arrays.copyOf(tokens[b], length[b]);
                    out[b] = new Hypothesis(y, logProb[b], logProb[b] / config.lengthPenalty(y.length + 1));
                } else {
                    if (length[b] == tokens[b].length) tokens[b] = Arrays.copyOf(tokens[b], Math.max(1, 2 * length[b]));
                    tokens[b][length[b]++] = v;
                    keep[kept++] = r;
                }
            }
            int[] nextSentence = new int[kept];
            int[] nextLast = new int[kept];
            for (int i = 0; i < kept; i++) {
                int r = keep[i];
                nextSentence[i] = rowSentence[r];
                nextLast[i] = tokens[rowSentence[r]][length[rowSentence[r]] - 1];
            }
            if (kept == 0) break;
            if (kept < rows) state = model.select(state, Arrays.copyOf(keep, kept));
            rowSentence = nextSentence;
            last = nextLast;
        }
        return new ArrayList<>(Arrays.asList(out));
    }
}
