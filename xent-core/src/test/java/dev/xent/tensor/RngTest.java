package dev.xent.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rng is SplitMix64 written out: it must give java.util.SplittableRandom's numbers, and its state must round-trip. */
class RngTest {

    @Test
    void sameNumbersAsSplittableRandom() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            Rng r = new Rng(seed);
            SplittableRandom s = new SplittableRandom(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 6) {
                    case 0 -> assertEquals(s.nextLong(), r.nextLong());
                    case 1 -> assertEquals(s.nextDouble(), r.nextDouble());
                    case 2 -> assertEquals(s.nextInt(1000), r.nextInt(1000));          // rejection path
                    case 3 -> assertEquals(s.nextInt(1 << 20), r.nextInt(1 << 20));    // power-of-two path
                    case 4 -> assertEquals(s.nextInt(Integer.MAX_VALUE - 3), r.nextInt(Integer.MAX_VALUE - 3));
                    default -> assertEquals(s.nextInt(), r.nextInt());                  // all 32 bits
                }
            }
            Rng rs = r.split();
            SplittableRandom ss = s.split();
            for (int i = 0; i < 100; i++) assertEquals(ss.nextLong(), rs.nextLong());
        }
    }

    @Test
    void stateRoundTripContinuesTheSequence() {
        Rng a = new Rng(5).split();
        a.nextGaussian();                      // leaves a spare Gaussian in the state
        long[] saved = a.state();
        double[] expected = new double[50];
        for (int i = 0; i < 50; i++) expected[i] = i % 2 == 0 ? a.nextGaussian() : a.nextInt(77);
        Rng b = Rng.fromState(saved);
        for (int i = 0; i < 50; i++) assertEquals(expected[i], i % 2 == 0 ? b.nextGaussian() : b.nextInt(77));
        Rng c = new Rng(5).split();
        c.restore(saved);
        for (int i = 0; i < 50; i++) assertEquals(expected[i], i % 2 == 0 ? c.nextGaussian() : c.nextInt(77));
        assertThrows(IllegalArgumentException.class, () -> new Rng(5).restore(saved), "another gamma must be refused");
        assertThrows(IllegalArgumentException.class, () -> new Rng(5).nextInt(0));
    }

    @Test
    void reservedDrawsAreTheNextLongsInAnyOrder() {
        Rng a = new Rng(3).split(), b = new Rng(3).split();
        a.nextLong();
        b.nextLong();
        Rng.Draws d = a.reserve(100);
        long[] expected = new long[100];
        for (int k = 0; k < 100; k++) expected[k] = b.nextLong();
        for (int k = 99; k >= 0; k--) assertEquals(expected[k], d.at(k), "draw " + k);
        assertEquals(b.nextLong(), a.nextLong(), "reserve(n) moves the generator past the n draws");
        assertThrows(IllegalArgumentException.class, () -> a.reserve(-1));
    }
}
