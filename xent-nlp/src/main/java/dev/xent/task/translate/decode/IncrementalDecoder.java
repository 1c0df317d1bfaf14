// What a trained encoder–decoder offers to greedy and beam search: encode once, then one target token per call.
package dev.xent.task.translate.decode;

/**
 * A sequence-to-sequence model seen as a next-token distribution over a growing batch of target prefixes
 * ("rows"), each row tied to one source sentence. {@link GreedySearch} and {@link BeamSearch} drive it; neither
 * knows what the model is. The model keeps whatever makes a step cheap (the encoder output and, per row, the
 * decoder's key/value cache or recurrent state) in a state object of its own type {@code S}.
 *
 * <p>The protocol, for a batch of B sources (R = rows of the current state, V = {@link #vocabSize()}):
 * <ol>
 * <li>{@code S s = start(sources)}: encodes the B sources once; the state has R = B rows, row b an empty
 *     target prefix for source b.</li>
 * <li>{@code float[] lp = logProbs(s, last)}: {@code last} (R) is the newest token of every row ({@link #bos()}
 *     on the first call). Appends {@code last[r]} to row r's prefix (advancing its cache in place) and returns
 *     lp (R × V, row-major): lp[r·V + v] = log p(v | prefix of row r, its source). Each row is a normalised
 *     log-softmax; {@code -inf} marks a token the model forbids (set after the log-softmax without renormalising, as
 *     fairseq does for pad, is fine); NaN and {@code +inf} are errors.</li>
 * <li>{@code s = select(s, rows)}: the next state has {@code rows.length} rows, row i a copy of old row
 *     {@code rows[i]} (prefix, cache and source). Indices may repeat (a beam hypothesis that spawns two) or be
 *     left out (finished hypotheses, finished sentences), and need not be sorted. The search never uses the old
 *     state again, so an implementation may reuse or free its buffers.</li>
 * </ol>
 * Searches call {@code logProbs} and {@code select} alternately from one thread; each call to {@code start}
 * gives an independent state, so several threads may decode with one read-only model, each with its own state.
 *
 * @param <S> the model's decoding state (encoder output, per-row caches and the row → source map)
 */
public interface IncrementalDecoder<S> {

    /** Target vocabulary size V: the width of each row returned by {@link #logProbs}. */
    int vocabSize();

    /** The id fed as the first target token of every row. */
    int bos();

    /** The id that ends a hypothesis; a search never feeds it back. */
    int eos();

    /**
     * The longest target prefix the model can score, counting bos (a learned position table's size);
     * searches end every hypothesis before it.
     */
    default int maxTargetLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * Encodes {@code sources} (B sentences of source ids, each of its own length, no padding, with whatever
     * bos/eos the model was trained on) and returns a state of B empty rows.
     */
    S start(int[][] sources);

    /**
     * As {@link #start(int[][])}, told that no row will be fed more than {@code maxFeeds} tokens (bos included), so
     * a model can allocate its per-row caches once at that size. The searches call this one.
     */
    default S start(int[][] sources, int maxFeeds) {
        return start(sources);
    }

    /**
     * Feeds {@code lastTokens[r]} (length R) to row r, advancing the state in place, and returns the next-token
     * log-probabilities (R × V, row-major).
     */
    float[] logProbs(S state, int[] lastTokens);

    /** The state whose row i is old row {@code rows[i]}; {@code state} is not used again by the caller. */
    S select(S state, int[] rows);
}
