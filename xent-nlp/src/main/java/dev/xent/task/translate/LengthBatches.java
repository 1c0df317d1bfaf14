// Batches of sentence pairs of similar length under a token budget, in an order fixed by (seed, epoch).
package dev.xent.task.translate;

import dev.xent.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The pairs are sorted by (target length, source length), ties in index order, then cut greedily into batches
 * whose padded size max(S, T) · B stays within {@code maxTokens} (a pair longer than the budget gets a batch of
 * its own): little padding, and about the same work per step as fairseq's --max-tokens. The batches are the same
 * every epoch; only their order changes, shuffled by Rng(seed + epoch), so epoch e's plan follows from the
 * settings and e alone (exact resume).
 */
public final class LengthBatches {
    private final int[][] batches;   // row indices per batch
    private final long seed;
    private final boolean shuffle;

    /** {@code lengths}: source and target lengths per pair (specials included). */
    public LengthBatches(int[] srcLengths, int[] tgtLengths, int maxTokens, long seed, boolean shuffle) {
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1; got " + maxTokens);
        if (srcLengths.length != tgtLengths.length || srcLengths.length == 0) {
            throw new IllegalArgumentException("need one source and one target length per pair, at least one pair; got "
                    + srcLengths.length + " and " + tgtLengths.length);
        }
        Integer[] order = new Integer[srcLengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> tgtLengths[i]).thenComparingInt(i -> srcLengths[i]));
        List<int[]> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        int longest = 0;
        for (int i : order) {
            int len = Math.max(srcLengths[i], tgtLengths[i]);
            if (!cur.isEmpty() && (long) Math.max(longest, len) * (cur.size() + 1) > maxTokens) {
                out.add(cur.stream().mapToInt(Integer::intValue).toArray());
                cur.clear();
                longest = 0;
            }
            cur.add(i);
            longest = Math.max(longest, len);
        }
        out.add(cur.stream().mapToInt(Integer::intValue).toArray());
        this.batches = out.toArray(int[][]::new);
        this.seed = seed;
        this.shuffle = shuffle;
    }

    public int count() {
        return batches.length;
    }

    /** The rows of batch {@code b} of epoch {@code epoch}. */
    public int[] rows(int epoch, int b) {
        return batches[order(epoch)[b]];
    }

    private int[] cachedOrder;
    private int cachedEpoch = -1;

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            int[] o = new int[batches.length];
            for (int i = 0; i < o.length; i++) o[i] = i;
            if (shuffle) {
                Rng rng = new Rng(seed + epoch);
                for (int i = o.length - 1; i > 0; i--) {            // Fisher–Yates
                    int j = rng.nextInt(i + 1);
                    int tmp = o[i];
                    o[i] = o[j];
                    o[j] = tmp;
                }
            }
            cachedOrder = o;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
