// Properties over many random toy models: wide beam = exhaustive search, greedy = arg max path, beam 1 = greedy.
package dev.xent.task.translate.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SearchPropertyTest {
    // The source only seeds the toy model's distributions, so each random source is a different model.

    @Property(tries = 60)
    void wideBeamIsExhaustive(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 2, max = 9) Integer> source,
                              @ForAll @DoubleRange(min = 0, max = 2) double alpha,
                              @ForAll @IntRange(min = 0, max = 3) int maxTokens) {
        int[] src = source.stream().mapToInt(Integer::intValue).toArray();
        ToyDecoder model = new ToyDecoder(4);
        SearchConfig config = new SearchConfig(40, alpha, 0, maxTokens);    // ≤ 1 + 3 + 9 + 27 = 40 outputs
        List<Hypothesis> want = BruteForce.all(model, src, maxTokens, config);
        List<Hypothesis> got = new BeamSearch(config).search(model, new int[][] {src}).get(0);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).tokens(), got.get(i).tokens(), "rank " + i);
            assertEquals(want.get(i).score(), got.get(i).score(), 1e-9, "rank " + i);
        }
    }

    @Property(tries = 60)
    void greedyIsTheArgMaxPathAndBeamOneIsGreedy(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 2, max = 9) Integer> source,
            @ForAll @IntRange(min = 4, max = 7) int vocab,
            @ForAll @IntRange(min = 0, max = 8) int maxTokens) {
        int[] src = source.stream().mapToInt(Integer::intValue).toArray();
        ToyDecoder model = new ToyDecoder(vocab);
        SearchConfig config = new SearchConfig(1, 0.6, 0, maxTokens);
        Hypothesis greedy = new GreedySearch(config).best(model, new int[][] {src}).get(0);
        assertEquals(BruteForce.argmaxPath(model, src, maxTokens, config), greedy);
        assertEquals(greedy, new BeamSearch(config).best(model, new int[][] {src}).get(0));
    }
}
