// Training settings of the fastText-style classifier, with fastText's names and defaults (fastText 0.9.2,
// `fasttext supervised`): dim 100, epoch 5, lr 0.1, wordNgrams 1, bucket 2,000,000, minCount 1, loss softmax,
// minn 0 / maxn 0 (no character n-gram subwords).
package dev.xent.task.classify;

import java.util.Map;

/**
 * @param dim          embedding size (fastText -dim)
 * @param epoch        passes over the data (-epoch); the learning rate decays linearly to 0 over epoch * tokens
 * @param lr           initial learning rate (-lr)
 * @param wordNgrams   longest word n-gram (-wordNgrams); 1 = bag of words only, 2 adds hashed bigrams
 * @param bucket       number of hash buckets for word n-grams (-bucket)
 * @param minCount     words seen fewer times are dropped from the vocabulary (-minCount)
 * @param loss         SOFTMAX (one label per example, softmax cross-entropy) or ONE_VS_ALL (a sigmoid and binary
 *                     cross-entropy per class: multi-label, fastText's -loss ova)
 * @param threads      hogwild worker threads (-thread); 1 gives a deterministic run for a fixed seed
 * @param seed         seeds the initialisation and each thread's sampling (-seed)
 * @param lrUpdateRate tokens a thread processes between updates of the shared progress counter (-lrUpdateRate)
 * @param classWeights label -> multiplier on that class's gradient (for imbalance); empty = all 1
 * @param minn         shortest character n-gram of a word's subwords (-minn); with maxn 0 there are none
 * @param maxn         longest character n-gram (-maxn); 0 = no subwords. Subwords are hashed into the same
 *                     buckets as the word n-grams, so an unseen word still gets the rows of its n-grams
 */
public record FastTextConfig(int dim, int epoch, double lr, int wordNgrams, int bucket, int minCount, Loss loss,
        int threads, long seed, int lrUpdateRate, Map<String, Double> classWeights, int minn, int maxn) {

    /** The settings without subwords (minn = maxn = 0), as before subwords existed. */
    public FastTextConfig(int dim, int epoch, double lr, int wordNgrams, int bucket, int minCount, Loss loss,
            int threads, long seed, int lrUpdateRate, Map<String, Double> classWeights) {
        this(dim, epoch, lr, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate, classWeights, 0, 0);
    }

    /** The training objective. */
    public enum Loss { SOFTMAX, ONE_VS_ALL }

    public FastTextConfig {
        require(dim >= 1 && dim <= 10_000, "dim", dim, "in [1, 10000]", "fastText's default is 100");
        require(epoch >= 1, "epoch", epoch, ">= 1", "use 5 (fastText's default)");
        require(lr > 0 && Double.isFinite(lr), "lr", lr, "finite and > 0", "use 0.1 to 1.0");
        require(wordNgrams >= 1 && wordNgrams <= 10, "wordNgrams", wordNgrams, "in [1, 10]", "use 1 or 2");
        require(bucket >= 1, "bucket", bucket, ">= 1", "use 2000000 (fastText's default)");
        require(minCount >= 1, "minCount", minCount, ">= 1", "use 1");
        require(threads >= 1, "threads", threads, ">= 1", "use Runtime.getRuntime().availableProcessors()");
        require(lrUpdateRate >= 1, "lrUpdateRate", lrUpdateRate, ">= 1", "use 100");
        require(maxn >= 0 && maxn <= 20, "maxn", maxn, "in [0, 20]", "use 0 (no subwords) or 6 (fastText's skipgram)");
        require(maxn == 0 || (minn >= 1 && minn <= maxn), "minn", minn, "in [1, maxn = " + maxn + "] when maxn > 0",
                "use 3 (fastText's skipgram default), or maxn 0 for no subwords");
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null. Fix: Loss.SOFTMAX or Loss.ONE_VS_ALL");
        }
        classWeights = Map.copyOf(classWeights == null ? Map.of() : classWeights);
        for (Map.Entry<String, Double> e : classWeights.entrySet()) {
            double w = e.getValue();
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("classWeights: weight of class \"" + e.getKey()
                        + "\" must be finite and > 0; got " + w + ". Fix: use e.g. n / (classes * count(class))");
            }
        }
    }

    /** fastText's supervised defaults, on all cores. */
    public static FastTextConfig defaults() {
        return new FastTextConfig(100, 5, 0.1, 1, 2_000_000, 1, Loss.SOFTMAX,
                Runtime.getRuntime().availableProcessors(), 0, 100, Map.of());
    }

    public FastTextConfig withDim(int d) {
        return new FastTextConfig(d, epoch, lr, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withEpoch(int e) {
        return new FastTextConfig(dim, e, lr, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withLr(double r) {
        return new FastTextConfig(dim, epoch, r, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withWordNgrams(int n) {
        return new FastTextConfig(dim, epoch, lr, n, bucket, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withBucket(int b) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, b, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withMinCount(int m) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, m, loss, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withLoss(Loss l) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, minCount, l, threads, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withThreads(int t) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, minCount, loss, t, seed, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withSeed(long s) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, minCount, loss, threads, s, lrUpdateRate,
                classWeights, minn, maxn);
    }

    public FastTextConfig withClassWeights(Map<String, Double> w) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate,
                w, minn, maxn);
    }

    /** Character n-gram subwords of lengths minn..maxn (fastText -minn/-maxn); maxn 0 turns them off. */
    public FastTextConfig withSubwords(int mn, int mx) {
        return new FastTextConfig(dim, epoch, lr, wordNgrams, bucket, minCount, loss, threads, seed, lrUpdateRate,
                classWeights, mn, mx);
    }

    private static void require(boolean ok, String name, Object value, String rule, String fix) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + "; got " + value + ". Fix: " + fix);
        }
    }
}
