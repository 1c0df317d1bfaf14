package dev.xent.tensor;

/**
 * A seeded random source. Same seed, same numbers, on every JVM and platform: the generator is SplitMix64
 * exactly as {@link java.util.SplittableRandom} specifies it (this class produces the same values as a
 * {@code SplittableRandom} with the same seed), written out here so its state can be saved and restored
 * ({@link #state()}, {@link #restore}) for exact training resume. Not thread-safe: give each thread its
 * own with {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;          // advanced by gamma before every draw
    private final long gamma;   // odd step, fixed per generator
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private Rng(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** An independent generator derived from this one (deterministic). */
    public Rng split() {
        return new Rng(nextLong(), mixGamma(nextSeed()));
    }

    /** Uniform in [0, 1). */
    public float nextFloat() {
        return (float) ((nextLong() >>> 40) * 0x1.0p-24);
    }

    /** Uniform in [0, 1) with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), by rejection (no modulo bias), as SplittableRandom.nextInt(bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be > 0; got " + bound);
        int m = bound - 1;
        int r = mix32(nextSeed());
        if ((bound & m) == 0) return r & m;             // power of two: take the low bits
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = mix32(nextSeed()) >>> 1) {
            // reject the over-represented top of the range
        }
        return r;
    }

    public long nextLong() {
        return mix64(nextSeed());
    }

    /**
     * Reserves the next {@code n} {@link #nextLong()} draws and advances past them: draw k of the returned
     * {@link Draws} equals what the k-th following nextLong() would have returned, and any k can be computed
     * on its own (SplitMix64's seed before draw k is seed + (k + 1)·gamma), so threads can fill disjoint parts
     * of one stream and the result is the sequential one.
     */
    public Draws reserve(long n) {
        if (n < 0) throw new IllegalArgumentException("Rng.reserve: n must be >= 0; got " + n);
        Draws d = new Draws(seed, gamma);
        seed += n * gamma;
        return d;
    }

    /** A reserved run of nextLong() draws ({@link #reserve}); thread-safe (no state). */
    public record Draws(long base, long gamma) {
        /** The k-th reserved draw (k from 0). */
        public long at(long k) {
            return mix64(base + (k + 1) * gamma);
        }
    }

    /** Uniform over all int values, as SplittableRandom.nextInt() (one draw). */
    public int nextInt() {
        return mix32(nextSeed());
    }

    /** Standard normal by the Marsaglia polar method (deterministic given the seed). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        return u * m;
    }

    /** Fisher-Yates shuffle of an int array in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    // ---------------------------------------------------------------- state

    /** The full state as three longs (seed, gamma, spare Gaussian bits): {@link #restore} continues the sequence. */
    public long[] state() {
        return new long[] {seed, gamma, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Sets this generator to a state from {@link #state()}; the draws that follow are those the saved one would make. */
    public void restore(long[] state) {
        if (state == null || state.length != 3) {
            throw new IllegalArgumentException("an Rng state is 3 longs (seed, gamma, spare Gaussian); got "
                    + (state == null ? "null" : state.length + " values"));
        }
        if (state[1] != gamma) {
            throw new IllegalArgumentException("this Rng state belongs to another generator stream (gamma "
                    + Long.toHexString(state[1]) + ", this one has " + Long.toHexString(gamma)
                    + "); restore into an Rng created the same way (same seed, same splits)");
        }
        seed = state[0];
        spareGaussian = Double.longBitsToDouble(state[2]);
    }

    /** A new generator in the saved state (any gamma). */
    public static Rng fromState(long[] state) {
        if (state == null || state.length != 3) {
            throw new IllegalArgumentException("an Rng state is 3 longs (seed, gamma, spare Gaussian); got "
                    + (state == null ? "null" : state.length + " values"));
        }
        Rng r = new Rng(state[0], state[1]);
        r.spareGaussian = Double.longBitsToDouble(state[2]);
        return r;
    }

    // ---------------------------------------------------------------- SplitMix64 (java.util.SplittableRandom)

    private long nextSeed() {
        return seed += gamma;
    }

    /** Stafford variant 13 of the 64-bit mix. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The high 32 bits of Stafford variant 4. */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** The gamma of a split generator: odd, with enough bit transitions (MurmurHash3 mix). */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
