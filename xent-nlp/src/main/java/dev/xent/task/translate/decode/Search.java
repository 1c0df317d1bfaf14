// A decoding strategy: the best hypothesis per source of a batch, given a model.
package dev.xent.task.translate.decode;

import java.util.List;

/** Greedy or beam search behind one call, so callers (CLI, validation BLEU) pick one by {@link SearchConfig#beam()}. */
public interface Search {

    /** The best hypothesis for each of {@code sources}, in source order. */
    <S> List<Hypothesis> best(IncrementalDecoder<S> model, int[][] sources);

    /** Greedy for beam 1 (the same result as beam search with beam 1, cheaper), beam search otherwise. */
    static Search of(SearchConfig config) {
        return config.beam() == 1 ? new GreedySearch(config) : new BeamSearch(config);
    }
}
