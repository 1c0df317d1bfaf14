// Pretrained word vectors for a tagger: re-keyed as the tagger keys words, its vocabulary extended with their words,
// and its word-embedding rows initialised from them (Lample et al. 2016).
package dev.xent.task.tag;

import dev.xent.nn.Parameter;
import dev.xent.task.embed.WordVectors;
import dev.xent.text.Vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors (e.g. from {@code xent train vectors} on unlabelled text) reach a tagger in three steps:
 * <ol>
 *   <li>{@link #keyed}: every vector's word goes through the tagger's key normalisation ({@link TagEncoder#normalize}:
 *       lowercase and digits folded to 0 when the tagger lowercases); when several words fall on one key the first
 *       in the file keeps it (a .vec file lists its words most frequent first, so "paris" gets the vector of the
 *       commoner of "Paris" and "paris"). Vectors trained on text normalised the same way
 *       ({@code xent train vectors -lowercase}) have one word per key and pass unchanged.</li>
 *   <li>{@link #extend}: the word vocabulary gains every key with a vector that training lacks (count 0, ids after
 *       the training words), so a test word never seen in training but present in the unlabelled text is looked up
 *       as its own vector instead of &lt;unk&gt;. Those rows get no gradient in training (no training word has their
 *       id) and keep their pretrained values.</li>
 *   <li>{@link #copyInto}: the rows of words with a vector take it, scaled by one common factor so that their element
 *       standard deviation equals that of the randomly initialised rows (N(0, 1): &lt;unk&gt; and training words
 *       without a vector), as the classifiers do ({@link WordVectors#copyInto} with matchStd).</li>
 * </ol>
 */
public final class TagVectors {
    private TagVectors() {}

    /** How pretrained vectors met a tagger's vocabulary. */
    public record Use(int vectorWords, int keys, int trainingWords, int trainingWordsWithVector, long trainingTokens,
                      long trainingTokensWithVector, int added) {
        /** Fraction of the training words (types) that have a vector. */
        public double trainingCoverage() {
            return trainingWords == 0 ? 0 : (double) trainingWordsWithVector / trainingWords;
        }

        /** Fraction of the training tokens (running words) whose word has a vector. */
        public double trainingTokenCoverage() {
            return trainingTokens == 0 ? 0 : (double) trainingTokensWithVector / trainingTokens;
        }
    }

    /** {@code vectors} with each word replaced by its tagger key (see the class comment); the first word of a key wins. */
    public static WordVectors keyed(WordVectors vectors, boolean lowercase) {
        if (!lowercase) return vectors;   // the key is the word itself
        Map<String, Integer> first = new LinkedHashMap<>();
        List<String> words = vectors.words();
        for (int i = 0; i < words.size(); i++) first.putIfAbsent(TagEncoder.normalize(words.get(i), true), i);
        int dim = vectors.dim();
        float[] v = new float[first.size() * dim];
        int row = 0;
        for (int i : first.values()) System.arraycopy(vectors.vector(words.get(i)), 0, v, row++ * dim, dim);
        return new WordVectors(new ArrayList<>(first.keySet()), v, dim);
    }

    /** {@code enc} with the words of {@code keyed} it lacks appended to its word vocabulary (specials excepted). */
    static TagEncoder extend(TagEncoder enc, WordVectors keyed) {
        List<String> extra = new ArrayList<>();
        for (String w : keyed.words()) if (!enc.words().contains(w)) extra.add(w);
        return TagEncoder.of(enc.words().withTokens(extra), enc.chars(), enc.tags(), enc.lowercase(),
                enc.maxWordChars(), enc.tokenPrefix());
    }

    /** Counts for {@code words} (an extended vocabulary: count 0 = added from the vectors) against {@code keyed}. */
    static Use use(WordVectors raw, WordVectors keyed, Vocabulary words) {
        int training = 0, covered = 0, added = 0;
        long tokens = 0, tokensCovered = 0;
        for (int id = Vocabulary.SPECIALS.size(); id < words.size(); id++) {
            long n = words.frequency(id);
            if (n == 0) {
                added++;
            } else {
                training++;
                tokens += n;
                if (keyed.contains(words.token(id))) {
                    covered++;
                    tokensCovered += n;
                }
            }
        }
        return new Use(raw.size(), keyed.size(), training, covered, tokens, tokensCovered, added);
    }

    /**
     * Writes the vectors into the tagger's word embedding (rows of {@code words}, which must be the model's word
     * vocabulary); returns the rows written. The dimension must equal the config's wordDim.
     */
    static int copyInto(BiLstmTagger model, Vocabulary words, WordVectors keyed) {
        checkDim(keyed.dim(), model.config().wordDim());
        for (Parameter p : model.namedParameters()) {
            if (p.name().equals("word_emb")) return keyed.copyInto(p.tensor(), words, true);
        }
        throw new IllegalStateException("BiLstmTagger has no parameter 'word_emb' to initialise");
    }

    /** Refuses vectors whose size differs from the tagger's word embedding, naming both and the fix. */
    public static void checkDim(int vectorDim, int wordDim) {
        if (vectorDim != wordDim) {
            throw new IllegalArgumentException("pretrained vectors have dim " + vectorDim + " but the tagger's word "
                    + "embedding has wordDim " + wordDim + "; they must be equal. Fix: set the tagger's word dim to "
                    + vectorDim + " (`xent train tag -dim " + vectorDim + "`), or train vectors of dim " + wordDim
                    + " (`xent train vectors -dim " + wordDim + "`)");
        }
    }
}
