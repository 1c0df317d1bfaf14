// Settings of the unsupervised word-vector trainer, with fastText's names and defaults (`fasttext skipgram`).
package dev.xent.task.embed;

/**
 * @param mode      SKIPGRAM (predict each context word from the centre word) or CBOW (predict the centre word
 *                  from the mean of its context words)
 * @param dim       vector size (fastText -dim, default 100)
 * @param window    largest context half-width; each position draws its half-width uniformly from [1, window]
 *                  (-ws, default 5)
 * @param negatives negative samples per positive, drawn from unigram counts^0.75 (-neg, default 5)
 * @param minCount  words seen fewer times are dropped before training (-minCount, default 5)
 * @param epochs    passes over the corpus (-epoch, default 5); the learning rate decays linearly to 0
 * @param lr        initial learning rate (-lr, default 0.05)
 * @param sample    sub-sampling threshold t: a word of frequency f is kept with probability
 *                  min(1, sqrt(t/f) + t/f) (-t, default 1e-4)
 * @param threads   hogwild worker threads (-thread); 1 gives a deterministic run for a fixed seed
 * @param seed      seeds the initialisation and each thread's sampling
 */
public record WordVectorConfig(Mode mode, int dim, int window, int negatives, int minCount, int epochs, double lr,
                               double sample, int threads, long seed) {
    public enum Mode { SKIPGRAM, CBOW }

    public WordVectorConfig {
        if (mode == null) throw new IllegalArgumentException("mode must not be null; use Mode.SKIPGRAM or Mode.CBOW");
        check(dim >= 1 && dim <= 10_000, "dim", dim, "in [1, 10000]", "100");
        check(window >= 1, "window", window, ">= 1", "5");
        check(negatives >= 1, "negatives", negatives, ">= 1", "5");
        check(minCount >= 1, "minCount", minCount, ">= 1", "5");
        check(epochs >= 1, "epochs", epochs, ">= 1", "5");
        check(lr > 0 && Double.isFinite(lr), "lr", lr, "finite and > 0", "0.05");
        check(sample > 0 && Double.isFinite(sample), "sample", sample, "finite and > 0", "1e-4");
        check(threads >= 1, "threads", threads, ">= 1", "Runtime.getRuntime().availableProcessors()");
    }

    /** fastText's skipgram defaults (dim 100, ws 5, neg 5, minCount 5, epoch 5, lr 0.05, t 1e-4), 1 thread, seed 1. */
    public static WordVectorConfig skipGram() {
        return new WordVectorConfig(Mode.SKIPGRAM, 100, 5, 5, 5, 5, 0.05, 1e-4, 1, 1);
    }

    /** fastText's cbow defaults: as {@link #skipGram()} with lr 0.05 and the CBOW objective. */
    public static WordVectorConfig cbow() {
        return skipGram().withMode(Mode.CBOW);
    }

    public WordVectorConfig withMode(Mode m) { return new WordVectorConfig(m, dim, window, negatives, minCount, epochs, lr, sample, threads, seed); }
    public WordVectorConfig withDim(int d) { return new WordVectorConfig(mode, d, window, negatives, minCount, epochs, lr, sample, threads, seed); }
    public WordVectorConfig withWindow(int w) { return new WordVectorConfig(mode, dim, w, negatives, minCount, epochs, lr, sample, threads, seed); }
    public WordVectorConfig withNegatives(int n) { return new WordVectorConfig(mode, dim, window, n, minCount, epochs, lr, sample, threads, seed); }
    public WordVectorConfig withMinCount(int c) { return new WordVectorConfig(mode, dim, window, negatives, c, epochs, lr, sample, threads, seed); }
    public WordVectorConfig withEpochs(int e) { return new WordVectorConfig(mode, dim, window, negatives, minCount, e, lr, sample, threads, seed); }
    public WordVectorConfig withLr(double l) { return new WordVectorConfig(mode, dim, window, negatives, minCount, epochs, l, sample, threads, seed); }
    public WordVectorConfig withSample(double t) { return new WordVectorConfig(mode, dim, window, negatives, minCount, epochs, lr, t, threads, seed); }
    public WordVectorConfig withThreads(int t) { return new WordVectorConfig(mode, dim, window, negatives, minCount, epochs, lr, sample, t, seed); }
    public WordVectorConfig withSeed(long s) { return new WordVectorConfig(mode, dim, window, negatives, minCount, epochs, lr, sample, threads, s); }

    private static void check(boolean ok, String name, Object value, String rule, String fix) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + "; got " + value + ". Fix: use " + fix
                    + " (fastText's default)");
        }
    }
}
