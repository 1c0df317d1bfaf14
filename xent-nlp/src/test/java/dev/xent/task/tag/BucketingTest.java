package dev.xent.task.tag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bucketing: every sentence once, similar lengths together, seeded order; the SplitMix64 reference values. */
class BucketingTest {

    @Test
    void everyIndexOnceAndBatchesSortedByLength() {
        int[] lengths = {5, 1, 9, 3, 3, 7, 2, 8, 4, 6, 1};
        List<int[]> batches = Bucketing.batches(lengths, 3, 42);
        assertEquals(4, batches.size());
        boolean[] seen = new boolean[lengths.length];
        for (int[] b : batches) {
            for (int i = 0; i < b.length; i++) {
                assertTrue(!seen[b[i]], "index " + b[i] + " twice");
                seen[b[i]] = true;
                if (i > 0) assertTrue(lengths[b[i - 1]] <= lengths[b[i]], "batch not sorted by length");
            }
        }
        for (boolean s : seen) assertTrue(s);
        assertArrayEquals(flat(batches), flat(Bucketing.batches(lengths, 3, 42)), "same seed, same plan");
        assertNotEquals(java.util.Arrays.toString(flat(batches)),
                java.util.Arrays.toString(flat(Bucketing.batches(lengths, 3, 43))), "another seed reorders");
    }

    @Test
    void longSentencesComeInSmallerBatches() {
        int[] lengths = new int[40];
        for (int i = 0; i < 38; i++) lengths[i] = 10 + i;           // 10..47
        lengths[38] = 2 * Bucketing.MAX_MEAN_LENGTH;                // a long sentence
        lengths[39] = 30 * Bucketing.MAX_MEAN_LENGTH;               // a very long one
        // batch 4: at most 4 x 200 = 800 padded tokens. 10..45 in nine batches of 4, then 46 and 47 (with the
        // 400-token sentence 3 x 400 > 800), then 400 alone (with 6,000: 2 x 6,000 > 800), then 6,000 alone
        List<int[]> batches = Bucketing.batches(lengths, 4, 7);
        assertEquals(List.of(1, 1, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4),
                batches.stream().map(b -> b.length).sorted().toList());
        for (int[] b : batches) {
            int longest = java.util.Arrays.stream(b).map(i -> lengths[i]).max().orElseThrow();
            assertTrue(b.length == 1 || b.length * longest <= 4 * Bucketing.MAX_MEAN_LENGTH,
                    "batch of " + b.length + " padded to " + longest);
        }
        assertEquals(40, java.util.Arrays.stream(flat(batches)).distinct().count(), "every sentence once");
        int[] shortOnly = java.util.Arrays.copyOf(lengths, 38);
        assertEquals(10, Bucketing.batches(shortOnly, 4, 7).size(), "below the cap: ceil(38 / 4) batches");
    }

    /** First outputs of SplitMix64 from seed 0 (the published reference sequence); the Python side uses the same. */
    @Test
    void splitMixReferenceValues() {
        long[] s = {0};
        assertEquals(0xE220A8397B1DCDAFL, Bucketing.splitMix64(s));
        assertEquals(0x6E789E6AA1B965F4L, Bucketing.splitMix64(s));
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
