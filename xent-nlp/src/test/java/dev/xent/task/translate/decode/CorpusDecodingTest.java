// CorpusDecoding: any batch size and thread count gives each sentence what decoding it alone gives, in input order.
package dev.xent.task.translate.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorpusDecodingTest {
    private static int[][] randomSources(int count, long seed) {
        Random rng = new Random(seed);
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new int[1 + rng.nextInt(6)];
            for (int t = 0; t < out[i].length; t++) out[i][t] = 2 + rng.nextInt(3);
        }
        return out;
    }

    @Test
    void batchSizeAndThreadsDoNotChangeTheTranslations() {
        ToyDecoder model = new ToyDecoder(5);
        int[][] sources = randomSources(37, 7);
        for (Search search : List.of(Search.of(new SearchConfig(1, 0.6, 1, 2)), Search.of(new SearchConfig(3, 0.6, 1, 2)))) {
            for (int[] setting : new int[][] {{1, 1}, {8, 1}, {5, 2}, {100, 3}}) {
                List<Hypothesis> got = CorpusDecoding.decode(model, sources, search, setting[0], setting[1]);
                assertEquals(sources.length, got.size());
                for (int i = 0; i < sources.length; i++) {
                    Hypothesis alone = search.best(model, new int[][] {sources[i]}).get(0);
                    String what = search.getClass().getSimpleName() + " batch " + setting[0] + " threads " + setting[1]
                            + " sentence " + i;
                    assertArrayEquals(alone.tokens(), got.get(i).tokens(), what);
                    assertEquals(alone.score(), got.get(i).score(), 0, what);
                }
            }
        }
    }

    @Test
    void searchOfPicksGreedyForBeamOne() {
        assertInstanceOf(GreedySearch.class, Search.of(SearchConfig.DEFAULT.withBeam(1)));
        assertInstanceOf(BeamSearch.class, Search.of(SearchConfig.DEFAULT));
    }

    @Test
    void errorsFromAWorkerReachTheCaller() {
        ToyDecoder nan = new ToyDecoder(3, (s, p) -> new double[] {Double.NaN, 1, 1});
        assertThrows(IllegalStateException.class,
                () -> CorpusDecoding.decode(nan, randomSources(10, 1), Search.of(SearchConfig.DEFAULT), 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> CorpusDecoding.decode(nan, randomSources(1, 1), Search.of(SearchConfig.DEFAULT), 0, 1));
    }
}
