// Settings of the NBSVM-style classifier (Wang & Manning 2012, "Baselines and Bigrams"): binarized word n-grams
// scaled by their naive-Bayes log-count ratios, then a linear softmax classifier trained by lock-free SGD.
package dev.xent.task.classify;

/**
 * @param ngrams    longest word n-gram (1: unigrams; Wang &amp; Manning use 2 for sentiment, 3 for topics)
 * @param alpha     add-alpha smoothing of the n-gram counts in the log-count ratio (W&amp;M: 1)
 * @param epoch     passes over the data; the learning rate decays linearly to 0 over epoch × examples
 * @param lr        initial SGD learning rate
 * @param lowercase lowercase the text before splitting it on whitespace
 * @param threads   hogwild worker threads (1: a seed repeats the run exactly)
 * @param seed      the order the examples are visited in
 */
public record NbSvmConfig(int ngrams, double alpha, int epoch, double lr, boolean lowercase, int threads, long seed) {

    public NbSvmConfig {
        require(ngrams >= 1 && ngrams <= 5, "ngrams", ngrams, "in [1, 5]", "use 2 (unigrams and bigrams)");
        require(alpha > 0 && Double.isFinite(alpha), "alpha", alpha, "finite and > 0", "use 1");
        require(epoch >= 1, "epoch", epoch, ">= 1", "use 5");
        require(lr > 0 && Double.isFinite(lr), "lr", lr, "finite and > 0", "use 0.1");
        require(threads >= 1, "threads", threads, ">= 1", "use the number of cores");
    }

    /** Bigrams, alpha 1, 5 epochs, rate 0.1, case kept, all cores, seed 0. */
    public static NbSvmConfig defaults() {
        return new NbSvmConfig(2, 1.0, 5, 0.1, false, Runtime.getRuntime().availableProcessors(), 0);
    }

    public NbSvmConfig withNgrams(int n) {
        return new NbSvmConfig(n, alpha, epoch, lr, lowercase, threads, seed);
    }

    public NbSvmConfig withAlpha(double a) {
        return new NbSvmConfig(ngrams, a, epoch, lr, lowercase, threads, seed);
    }

    public NbSvmConfig withEpoch(int e) {
        return new NbSvmConfig(ngrams, alpha, e, lr, lowercase, threads, seed);
    }

    public NbSvmConfig withLr(double r) {
        return new NbSvmConfig(ngrams, alpha, epoch, r, lowercase, threads, seed);
    }

    public NbSvmConfig withLowercase(boolean l) {
        return new NbSvmConfig(ngrams, alpha, epoch, lr, l, threads, seed);
    }

    public NbSvmConfig withThreads(int t) {
        return new NbSvmConfig(ngrams, alpha, epoch, lr, lowercase, t, seed);
    }

    public NbSvmConfig withSeed(long s) {
        return new NbSvmConfig(ngrams, alpha, epoch, lr, lowercase, threads, s);
    }

    private static void require(boolean ok, String name, Object value, String rule, String fix) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + "; got " + value + ". Fix: " + fix);
        }
    }
}
