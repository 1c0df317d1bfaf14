// A fastText-shaped text classifier with random weights: mean of word and hashed-bigram embeddings, linear, softmax.
package dev.xent.bench.serve;

import dev.xent.serve.LabelProbability;
import dev.xent.serve.ServedModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The cost profile of a fastText supervised model (word + word-bigram bag, dim-d average, linear layer, softmax)
 * with random weights, to load-test the server without a trained model. Not a model of anything: its predictions
 * are meaningless. Read-only after construction, so it satisfies {@link ServedModel}'s thread-safety contract.
 *
 * <p>Vocabulary: word i is {@link #word(int)}, a pronounceable string derived from i. Tokens are the text split on
 * whitespace and lower-cased; unknown words are skipped (fastText without subwords). Bigram (a, b) uses bucket
 * {@code (a * 116049371 + b) mod buckets} (fastText's hash constant), stored after the V word rows.
 */
public final class RandomBagOfWordsClassifier implements ServedModel {
    private static final String[] SYLLABLES = {"ba", "ko", "ri", "te", "mu", "sa", "lo", "ne", "di", "fu",
        "ga", "pe", "zo", "hi", "ju", "va", "ye", "wo", "ci", "xu"};

    private final Map<String, Integer> vocab;
    private final String[] labels;
    private final int dim;
    private final int buckets;
    private final long seed;
    private final float[] embeddings;  // (V + buckets, D): word rows, then bigram rows
    private final float[] weights;     // (L, D): output layer
    private final float[] bias;        // (L)

    /**
     * @param vocabSize number of known words V
     * @param buckets   number of hashed bigram rows (0 = unigrams only)
     * @param dim       embedding width D
     * @param labels    class names, at least 2
     */
    public RandomBagOfWordsClassifier(int vocabSize, int buckets, int dim, List<String> labels, long seed) {
        if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be >= 1; got " + vocabSize);
        if (buckets < 0) throw new IllegalArgumentException("buckets must be >= 0; got " + buckets);
        if (dim < 1) throw new IllegalArgumentException("dim must be >= 1; got " + dim);
        if (labels.size() < 2) throw new IllegalArgumentException("need at least 2 labels; got " + labels);
        long rows = (long) vocabSize + buckets;
        if (rows * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("(vocabSize + buckets) * dim must fit one float array; got " + rows
                    + " * " + dim);
        }
        this.vocab = new HashMap<>(vocabSize * 2);
        for (int i = 0; i < vocabSize; i++) vocab.put(word(i), i);
        this.labels = labels.toArray(String[]::new);
        this.dim = dim;
        this.buckets = buckets;
        this.seed = seed;
        Random rng = new Random(seed);
        this.embeddings = new float[(int) (rows * dim)];
        float a = 1f / dim;  // fastText's uniform(-1/D, 1/D) input init
        for (int i = 0; i < embeddings.length; i++) embeddings[i] = (rng.nextFloat() * 2 - 1) * a;
        this.weights = new float[this.labels.length * dim];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) rng.nextGaussian();
        this.bias = new float[this.labels.length];
        for (int i = 0; i < bias.length; i++) bias[i] = (float) (rng.nextGaussian() * 0.1);
    }

    /** The i-th vocabulary word: i written in base 20 with one syllable per digit ("ba", "ko", "kori", ...). */
    public static String word(int i) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.insert(0, SYLLABLES[i % SYLLABLES.length]);
            i /= SYLLABLES.length;
        } while (i > 0);
        return sb.toString();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PREDICT);
    }

    @Override
    public List<LabelProbability> predict(String text, int k) {
        double[] p = probabilities(text);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(p[y], p[x]));
        List<LabelProbability> out = new ArrayList<>(Math.min(k, p.length));
        for (int i = 0; i < Math.min(k, p.length); i++) out.add(new LabelProbability(labels[order[i]], p[order[i]]));
        return out;
    }

    /** Softmax over the labels of W·mean(rows) + b; uniform when no token is known. */
    double[] probabilities(String text) {
        String[] tokens = text.strip().toLowerCase().split("\\s+");
        int[] ids = new int[tokens.length];
        int n = 0;
        for (String t : tokens) {
            Integer id = vocab.get(t);
            if (id != null) ids[n++] = id;
        }
        float[] h = new float[dim];  // (D) per-call: sum of the bag's rows
        int rowsAdded = 0;
        for (int i = 0; i < n; i++) {
            addRow(h, ids[i]);
            rowsAdded++;
            if (buckets > 0 && i + 1 < n) {
                long hash = (long) ids[i] * 116049371L + ids[i + 1];
                addRow(h, vocab.size() + (int) Math.floorMod(hash, (long) buckets));
                rowsAdded++;
            }
        }
        double[] logits = new double[labels.length];  // (L)
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < labels.length; c++) {
            double z = bias[c];
            if (rowsAdded > 0) {
                double dot = 0;
                for (int d = 0; d < dim; d++) dot += weights[c * dim + d] * h[d];
                z += dot / rowsAdded;
            }
            logits[c] = z;
            max = Math.max(max, z);
        }
        if (rowsAdded == 0) Arrays.fill(logits, max);  // nothing known: uniform, not the bias's preference
        double sum = 0;
        for (int c = 0; c < logits.length; c++) sum += logits[c] = Math.exp(logits[c] - max);
        for (int c = 0; c < logits.length; c++) logits[c] /= sum;
        return logits;
    }

    private void addRow(float[] h, int row) {
        int off = row * dim;
        for (int d = 0; d < dim; d++) h[d] += embeddings[off + d];
    }

    @Override
    public Map<String, Object> info() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("vocab_size", vocab.size());
        config.put("buckets", buckets);
        config.put("dim", dim);
        config.put("labels", List.of(labels));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "random bag-of-words classifier (fastText-shaped, untrained: for load tests only)");
        m.put("config", config);
        m.put("provenance", Map.of("seed", seed, "trained", false));
        m.put("parameters", (long) embeddings.length + weights.length + bias.length);
        m.put("weight_bytes", 4L * ((long) embeddings.length + weights.length + bias.length));
        return m;
    }
}
