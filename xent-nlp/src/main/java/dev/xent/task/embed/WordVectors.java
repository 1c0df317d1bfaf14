// A table of word vectors: lookup, cosine similarity, fastText .vec text files, and copying into an embedding table.
package dev.xent.task.embed;

import dev.xent.tensor.Tensor;
import dev.xent.text.Vocabulary;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** words.get(i) has the vector vectors[i·dim, (i+1)·dim). Immutable after construction (the array is copied). */
public final class WordVectors {
    private final List<String> words;
    private final float[] vectors;
    private final int dim;
    private final Map<String, Integer> index = new HashMap<>();

    public WordVectors(List<String> words, float[] vectors, int dim) {
        if (dim < 1 || vectors.length != (long) words.size() * dim) {
            throw new IllegalArgumentException("vectors must hold words.size() x dim = " + words.size() + " x " + dim
                    + " floats; got " + vectors.length);
        }
        this.words = List.copyOf(words);
        this.vectors = vectors.clone();
        this.dim = dim;
        for (int i = 0; i < this.words.size(); i++) {
            if (index.put(this.words.get(i), i) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' occurs twice; each word needs one vector");
            }
        }
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return words.size();
    }

    public List<String> words() {
        return words;
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** A copy of the word's vector; throws if the word has none (check {@link #contains}). */
    public float[] vector(String word) {
        Integer i = index.get(word);
        if (i == null) throw new IllegalArgumentException("no vector for '" + word + "'; check contains(word) first");
        float[] v = new float[dim];
        System.arraycopy(vectors, i * dim, v, 0, dim);
        return v;
    }

    /** cos(u, v) of two words' vectors (0 if either vector is zero). */
    public double cosine(String a, String b) {
        float[] u = vector(a), v = vector(b);
        double uv = 0, uu = 0, vv = 0;
        for (int k = 0; k < dim; k++) {
            uv += u[k] * v[k];
            uu += u[k] * u[k];
            vv += v[k] * v[k];
        }
        return uu == 0 || vv == 0 ? 0 : uv / Math.sqrt(uu * vv);
    }

    /**
     * Writes the vectors of {@code vocab}'s words into {@code weight} (V, dim) — rows of words without a vector,
     * and the special tokens, keep their values — fastText's {@code -pretrainedVectors}. With {@code matchStd}
     * the copied vectors are first scaled by one common factor so that their element standard deviation equals
     * that of the rows left as they were (so a table initialised N(0, 1) gets pretrained rows of the same
     * scale). Call before training (it writes the parameter's data). Returns the number of rows copied.
     */
    public int copyInto(Tensor weight, Vocabulary vocab, boolean matchStd) {
        List<String> tokens = new ArrayList<>(vocab.size());
        for (int id = 0; id < vocab.size(); id++) tokens.add(vocab.token(id));
        return copyInto(weight, tokens, matchStd);
    }

    /** {@link #copyInto(Tensor, Vocabulary, boolean)} for the word list {@code vocab} (id → word, specials first). */
    public int copyInto(Tensor weight, List<String> vocab, boolean matchStd) {
        int[] shape = weight.shape();
        if (shape.length != 2 || shape[0] != vocab.size() || shape[1] != dim) {
            throw new IllegalArgumentException("weight must be (vocab size, dim) = (" + vocab.size() + ", " + dim
                    + "); got " + java.util.Arrays.toString(shape) + ". Fix: train or load vectors of dim " + shape[shape.length - 1]);
        }
        float[] w = weight.data();
        List<Integer> hit = new ArrayList<>();
        for (int id = Vocabulary.SPECIALS.size(); id < vocab.size(); id++) if (contains(vocab.get(id))) hit.add(id);
        double scale = 1;
        if (matchStd) {
            double sKept = 0, nKept = 0, sNew = 0, nNew = 0;
            boolean[] isHit = new boolean[vocab.size()];
            for (int id : hit) isHit[id] = true;
            for (int id = Vocabulary.SPECIALS.size(); id < vocab.size(); id++) {
                if (isHit[id]) continue;
                for (int k = 0; k < dim; k++) sKept += (double) w[id * dim + k] * w[id * dim + k];
                nKept += dim;
            }
            for (int id : hit) {
                int i = index.get(vocab.get(id));
                for (int k = 0; k < dim; k++) sNew += (double) vectors[i * dim + k] * vectors[i * dim + k];
                nNew += dim;
            }
            if (nKept > 0 && sNew > 0) scale = Math.sqrt(sKept / nKept) / Math.sqrt(sNew / nNew);
        }
        for (int id : hit) {
            int i = index.get(vocab.get(id));
            for (int k = 0; k < dim; k++) w[id * dim + k] = (float) (scale * vectors[i * dim + k]);
        }
        return hit.size();
    }

    /** fastText's .vec text format: a header "count dim", then one line "word v1 ... v_dim" per word. */
    public void save(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(words.size() + " " + dim + "\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                sb.setLength(0);
                sb.append(words.get(i));
                for (int k = 0; k < dim; k++) sb.append(' ').append(vectors[i * dim + k]);
                out.write(sb.append('\n').toString());
            }
        }
    }

    /** Reads a .vec file (fastText's or {@link #save}'s); the header must match the lines that follow. */
    public static WordVectors load(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            String[] head = first == null ? new String[0] : first.trim().split(" ");
            if (head.length != 2) {
                throw new IOException(file + ": the first line must be \"count dim\"; got '" + first + "'");
            }
            int n = Integer.parseInt(head[0]), dim = Integer.parseInt(head[1]);
            List<String> words = new ArrayList<>(n);
            float[] v = new float[Math.multiplyExact(n, dim)];
            for (int i = 0; i < n; i++) {
                String line = in.readLine();
                String[] f = line == null ? new String[0] : line.trim().split(" ");
                if (f.length != dim + 1) {
                    throw new IOException(file + " line " + (i + 2) + ": expected a word and " + dim + " numbers; got "
                            + f.length + " fields (is the header's count " + n + " right?)");
                }
                words.add(f[0]);
                for (int k = 0; k < dim; k++) v[i * dim + k] = Float.parseFloat(f[k + 1]);
            }
            return new WordVectors(words, v, dim);
        }
    }
}
