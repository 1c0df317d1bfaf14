// Batched beam search with GNMT's length penalty and fairseq's rules for finished hypotheses.
package dev.xent.task.translate.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search over a batch of sources, one beam of at most k = {@link SearchConfig#beam()} rows per unfinished
 * sentence, following fairseq's {@code SequenceGenerator}:
 * <ul>
 * <li>A sentence starts with one row (bos). At each step its rows' cumulative log-probabilities plus the next
 *     token's give (rows × V) candidates; the 2k best are taken (ties: lower row, then lower token id).</li>
 * <li>An eos candidate among the first k of those is finished: kept with score = logProb / ((5 + |Y|) / 6)^α
 *     (|Y| counting eos), while the sentence has fewer than k finished. The first k non-eos candidates are the
 *     next beam.</li>
 * <li>A sentence is done when it has k finished hypotheses (fairseq's stopping rule: the live beam is not
 *     searched further even if it could still score higher), or when its beam is empty. After
 *     {@link SearchConfig#maxTokens} tokens only eos is allowed, so every sentence ends.</li>
 * <li>Rows of done sentences are dropped by {@link IncrementalDecoder#select}, so the batch shrinks as it
 *     decodes.</li>
 * </ul>
 * Candidates with log-probability {@code -inf} are never taken. The n-best list is the finished hypotheses by
 * descending score (up to k; empty only if the model forbade every continuation).
 */
public final class BeamSearch implements Search {
    private final SearchConfig config;

    public BeamSearch(SearchConfig config) {
        this.config = config;
    }

    /** The best hypothesis per source, in source order (tokens empty and scores {@code -inf} if none finished). */
    @Override
    public <S> List<Hypothesis> best(IncrementalDecoder<S> model, int[][] sources) {
        List<Hypothesis> out = new ArrayList<>(sources.length);
        for (List<Hypothesis> nBest : search(model, sources)) {
            out.add(nBest.isEmpty()
                    ? new Hypothesis(new int[0], Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)
                    : nBest.get(0));
        }
        return out;
    }

    /** Per source, in source order, its finished hypotheses best first (at most beam of them). */
    public <S> List<List<Hypothesis>> search(IncrementalDecoder<S> model, int[][] sources) {
        int batch = sources.length;
        List<List<Hypothesis>> finished = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) finished.add(new ArrayList<>());
        if (batch == 0) return finished;
        int beam = config.beam();
        int vocab = model.vocabSize();
        int eos = model.eos();
        int[] maxTokens = new int[batch];
        for (int b = 0; b < batch; b++) maxTokens[b] = config.maxTokens(sources[b].length, model.maxTargetLength());

        S state = model.start(sources, Arrays.stream(maxTokens).max().getAsInt() + 1);   // bos + tokens, eos not fed
        // The live rows, those of one sentence contiguous: sentence, tokens after bos, Σ log p.
        int[] rowSentence = new int[batch];
        int[][] rowTokens = new int[batch][];
        double[] rowLogProb = new double[batch];
        int[] last = new int[batch];
        for (int b = 0; b < batch; b++) {
            rowSentence[b] = b;
            rowTokens[b] = new int[0];
        }
        Arrays.fill(last, model.bos());
        TopCandidates top = new TopCandidates(2 * beam);
        while (rowSentence.length > 0) {
            int rows = rowSentence.length;
            float[] lp = model.logProbs(state, last);           // (R, V)
            Steps.checkShape(lp, rows, vocab);
            int cap = rows * beam;                              // next rows: at most k per live sentence
            int[] parent = new int[cap];
            int[] nextSentence = new int[cap];
            int[][] nextTokens = new int[cap][];
            double[] nextLogProb = new double[cap];
            int next = 0;
            for (int first = 0, end; first < rows; first = end) {
                int b = rowSentence[first];
                for (end = first; end < rows && rowSentence[end] == b; end++) {
                    // rows [first, end) are sentence b's beam
                }
                boolean forceEos = rowTokens[first].length >= maxTokens[b];
                top.clear();
                for (int r = first; r < end; r++) {
                    int off = r * vocab;
                    double base = rowLogProb[r];
                    double floor = top.floor();
                    for (int v = forceEos ? eos : 0; v < (forceEos ? eos + 1 : vocab); v++) {
                        float x = lp[off + v];
                        double s = base + x;
                        if (s > floor) {                        // false for x = -inf (forbidden) and NaN
                            if (x == Float.POSITIVE_INFINITY) throw Steps.notLogProb(x, r, v);
                            top.offer(s, r, v);
                            floor = top.floor();
                        } else if (x != x) {
                            throw Steps.notLogProb(x, r, v);
                        }
                    }
                }
                List<Hypothesis> done = finished.get(b);
                int live = 0;
                int sentenceStart = next;
                for (int i = 0; i < top.size(); i++) {
                    int r = top.row(i);
                    if (top.token(i) == eos) {
                        if (i < beam && done.size() < beam) {
                            int[] y = rowTokens[r];
                            double logProb = top.score(i);
                            done.add(new Hypothesis(y, logProb, logProb / config.lengthPenalty(y.length + 1)));
                        }
                    } else if (live < beam) {
                        parent[next] = r;
                        nextSentence[next] = b;
                        int[] y = Arrays.copyOf(rowTokens[r], rowTokens[r].length + 1);
                        y[y.length - 1] = top.token(i);
                        nextTokens[next] = y;
                        nextLogProb[next] = top.score(i);
                        next++;
                        live++;
                    }
                }
                if (done.size() >= beam) next = sentenceStart;  // done: its live rows are dropped
            }
            if (next == 0) break;
            int[] chosen = Arrays.copyOf(parent, next);
            if (!isIdentity(chosen, rows)) state = model.select(state, chosen);
            rowSentence = Arrays.copyOf(nextSentence, next);
            rowTokens = Arrays.copyOf(nextTokens, next);
            rowLogProb = Arrays.copyOf(nextLogProb, next);
            last = new int[next];
            for (int i = 0; i < next; i++) last[i] = rowTokens[i][rowTokens[i].length - 1];
        }
        Comparator<Hypothesis> byScore = Comparator.comparingDouble(Hypothesis::score).reversed();
        for (List<Hypothesis> nBest : finished) nBest.sort(byScore);
        return finished;
    }

    private static boolean isIdentity(int[] rows, int count) {
        if (rows.length != count) return false;
        for (int i = 0; i < count; i++) {
            if (rows[i] != i) return false;
        }
        return true;
    }

    /** The best K (score, row, token) triples offered, kept sorted by descending score; ties keep offer order. */
    private static final class TopCandidates {
        private final double[] score;
        private final int[] row;
        private final int[] token;
        private int size;

        TopCandidates(int capacity) {
            score = new double[capacity];
            row = new int[capacity];
            token = new int[capacity];
        }

        void clear() {
            size = 0;
        }

        void offer(double s, int r, int v) {
            int capacity = score.length;
            if (size == capacity && !(s > score[capacity - 1])) return;
            int i = size < capacity ? size++ : capacity - 1;
            for (; i > 0 && score[i - 1] < s; i--) {
                score[i] = score[i - 1];
                row[i] = row[i - 1];
                token[i] = token[i - 1];
            }
            score[i] = s;
            row[i] = r;
            token[i] = v;
        }

        int size() {
            return size;
        }

        /** The score a candidate must beat to enter: the K-th best, or -inf while fewer than K are held. */
        double floor() {
            return size == score.length ? score[size - 1] : Double.NEGATIVE_INFINITY;
        }

        double score(int i) {
            return score[i];
        }

        int row(int i) {
            return row[i];
        }

        int token(int i) {
            return token[i];
        }
    }
}
