// Length bucketing: sentences sorted by length, cut into batches, batch order shuffled by a portable seeded RNG.
package dev.xent.task.tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches hold sentences of similar length, so little of each batch is padding. The plan: indices sorted by
 * length (stable: ties keep file order), cut into consecutive groups of {@code batchSize} (the last may be
 * smaller), then the order of the groups is shuffled with Fisher–Yates driven by SplitMix64. The RNG is spelled
 * out so bench/tag_torch.py reproduces the same batches in the same order from the same seed.
 * A group also ends before a sentence that would make it hold more than batchSize × {@link #MAX_MEAN_LENGTH}
 * padded tokens (its size × its longest length): a step's memory grows with its padded tokens, and without the cap
 * the group of a file's longest sentences decides the heap a run needs (WikiANN-en: 32 sentences padded to 439
 * tokens, 14,048 slots for 2,630 words). Where no sentence is longer than MAX_MEAN_LENGTH the cap never binds.
 */
public final class Bucketing {
    private Bucketing() {}

    /** The padded tokens of a batch are at most batchSize × this. */
    public static final int MAX_MEAN_LENGTH = 200;

    /** Batches of indices into {@code lengths}; {@code seed} fixes the batch order (use seed + epoch per epoch). */
    public static List<int[]> batches(int[] lengths, int batchSize, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
        int n = lengths.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));   // stable for objects
        List<int[]> out = new ArrayList<>();
        long maxSlots = (long) batchSize * MAX_MEAN_LENGTH;
        for (int s = 0, e; s < n; s = e) {
            e = s + 1;   // sorted ascending: a group padded to its last sentence's length
            while (e < n && e - s < batchSize && (long) (e - s + 1) * lengths[order[e]] <= maxSlots) e++;
            int[] batch = new int[e - s];
            for (int i = 0; i < batch.length; i++) batch[i] = order[s + i];
            out.add(batch);
        }
        long[] state = {seed};
        for (int i = out.size() - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(splitMix64(state) >>> 1, i + 1);
            int[] tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): advances state[0] and returns the next 64-bit output. */
    static long splitMix64(long[] state) {
        long z = (state[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
