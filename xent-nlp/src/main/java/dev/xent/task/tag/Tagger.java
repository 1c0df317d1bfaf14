// A BiLSTM tagger ready for use: tags token lists, scores labelled sentences, saves and loads as a model bundle.
package dev.xent.task.tag;

import dev.xent.data.TagScheme;
import dev.xent.data.TaggedSentence;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.metrics.ChunkF1;
import dev.xent.tensor.Workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model and its encoder (vocabularies, tag names). Tags are chunk tags when every tag is "O" or B-/I-/E-/S-
 * plus a type and one is not "O" ({@link TagScheme#detect}); entity scores then follow conlleval, with IOBES
 * tags rewritten to IOB2 first ({@link ChunkF1#addIobes}). Prediction runs in eval mode without a graph; the
 * model's train/eval mode is put back afterwards.
 */
public final class Tagger {
    /** Sentences per prediction batch (sentences of similar length are batched together). */
    static final int PREDICT_BATCH = 64;

    private final BiLstmTagger model;
    private final TagEncoder encoder;
    private final TagScheme chunkScheme;   // scheme of the tags output (after outputScheme); null: not chunk tags
    private final TagScheme outputScheme;  // predictions rewritten into this scheme; null: output as learned

    public Tagger(BiLstmTagger model, TagEncoder encoder) {
        this(model, encoder, null);
    }

    /** A tagger whose predicted chunk tags are rewritten into {@code outputScheme} (null: output as learned). */
    public Tagger(BiLstmTagger model, TagEncoder encoder, TagScheme outputScheme) {
        if (model.tagCount() != encoder.tags().size()) {
            throw new IllegalArgumentException("the model predicts " + model.tagCount() + " tags but the encoder has "
                    + encoder.tags().size() + " " + encoder.tags() + "; build both from the same data");
        }
        this.model = model;
        this.encoder = encoder;
        TagScheme learned = chunkScheme(encoder.tags());
        if (outputScheme != null && learned == null) {
            throw new IllegalArgumentException("an output scheme (" + outputScheme + ") needs chunk tags; the tags "
                    + encoder.tags() + " are not B-/I-/E-/S- tags");
        }
        this.outputScheme = outputScheme;
        this.chunkScheme = outputScheme != null ? outputScheme : learned;
    }

    /** The chunk scheme of a tag set, or null when it holds no entity tags or tags of another kind (POS). */
    static TagScheme chunkScheme(List<String> tags) {
        if (tags.stream().allMatch("O"::equals)) return null;
        try {
            return TagScheme.detect(List.of(tags));   // IOBES when an E-/S- tag exists; IOB1 vs IOB2 does not matter here
        } catch (IllegalArgumentException notChunkTags) {
            return null;
        }
    }

    /** Reads a bundle written by {@link #save} (or by `xent train tag`). */
    public static Tagger load(Path file) throws IOException {
        return TagBundle.read(file);
    }

    /** As {@link #load(Path)}, from a bundle already read from {@code file} (named in errors). */
    public static Tagger load(ModelBundle bundle, Path file) throws IOException {
        return TagBundle.read(bundle, file);
    }

    /** Writes the tagger as a model bundle, with {@code provenance} and {@code metrics} (e.g. "valid_f1") recorded. */
    public void save(Path file, Provenance provenance, Map<String, Double> metrics) throws IOException {
        TagBundle.write(file, this, provenance, metrics);
    }

    /** Writes the tagger as a model bundle (provenance: now, the config's seed, no data fingerprint). */
    public void save(Path file) throws IOException {
        save(file, Provenance.now(model.config().seed(), Map.of()), Map.of());
    }

    /** The scheme predictions are rewritten into, or null when tags are output as learned. */
    public TagScheme outputScheme() {
        return outputScheme;
    }

    public BiLstmTagger model() {
        return model;
    }

    public TagEncoder encoder() {
        return encoder;
    }

    /** Tag names in id order. */
    public List<String> tags() {
        return encoder.tags();
    }

    /** Whether the tags are entity chunk tags (BIO, BIOES), scored with entity precision, recall and F1. */
    public boolean chunkTags() {
        return chunkScheme != null;
    }

    /** The tags of one sentence's tokens (an empty list for no tokens). */
    public List<String> tag(List<String> tokens) {
        return tagAll(List.of(tokens)).get(0);
    }

    /** The tags of each sentence, in order. */
    public List<List<String>> tagAll(List<List<String>> sentences) {
        List<TagEncoder.Encoded> encoded = new ArrayList<>(sentences.size());
        for (List<String> tokens : sentences) encoded.add(encoder.encodeTokens(tokens));
        int[][] ids = predictIds(encoded);
        List<List<String>> out = new ArrayList<>(ids.length);
        for (int[] s : ids) out.add(names(s));
        return out;
    }

    /** Token accuracy and, for chunk tags, entity scores on {@code data} (empty sentences are skipped). */
    public TagScores evaluate(List<TaggedSentence> data) {
        List<TaggedSentence> kept = new ArrayList<>(data.size());
        for (TaggedSentence s : data) if (s.size() > 0) kept.add(s);
        return evaluate(kept, encoder.encodeAll(kept));
    }

    /** As {@link #evaluate(List)} on non-empty sentences already encoded (same order). */
    TagScores evaluate(List<TaggedSentence> sentences, List<TagEncoder.Encoded> encoded) {
        int[][] predicted = predictIds(encoded);
        List<List<String>> guesses = new ArrayList<>(predicted.length);
        for (int[] p : predicted) guesses.add(names(p));
        return score(sentences, guesses);
    }

    /** Scores of predicted tags (in the output scheme) against the gold tags of the same sentences, in order. */
    TagScores score(List<TaggedSentence> sentences, List<List<String>> guesses) {
        ChunkF1 entities = chunkScheme == null ? null : new ChunkF1();
        long tokens = 0, correct = 0;
        for (int i = 0; i < sentences.size(); i++) {
            List<String> gold = sentences.get(i).tags(), guess = guesses.get(i);
            for (int t = 0; t < gold.size(); t++) {
                if (gold.get(t).equals(guess.get(t))) correct++;
            }
            tokens += gold.size();
            if (chunkScheme == TagScheme.IOBES) entities.addIobes(gold, guess);
            else if (entities != null) entities.add(gold, guess);
        }
        return new TagScores(tokens, correct, entities);
    }

    /** Predicted tag ids of every sentence, in order, batched by length (an empty sentence gets no tags). */
    int[][] predictIds(List<TagEncoder.Encoded> data) {
        return run(data, null);
    }

    /**
     * Eval-mode tag scores of every sentence, in order: sentence i's (L_i, K) scores row-major (an empty sentence:
     * an empty array), batched as {@link #predictIds} batches.
     */
    float[][] sentenceScores(List<TagEncoder.Encoded> data) {
        float[][] out = new float[data.size()][];
        run(data, new float[][][] {out});
        return out;
    }

    /** Runs the model over the sentences by length batches: the predicted ids, or the scores into {@code scores[0]}. */
    private int[][] run(List<TagEncoder.Encoded> data, float[][][] scores) {
        int[][] out = new int[data.size()][];
        List<TagEncoder.Encoded> nonEmpty = new ArrayList<>(data.size());
        List<Integer> where = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).length() == 0) {
                out[i] = new int[0];
                if (scores != null) scores[0][i] = new float[0];
            } else {
                nonEmpty.add(data.get(i));
                where.add(i);
            }
        }
        int[] lengths = new int[nonEmpty.size()];
        for (int i = 0; i < lengths.length; i++) lengths[i] = nonEmpty.get(i).length();
        Workspace ws = Workspace.open();   // one for every batch: a batch reuses the buffers of the batches before it
        ws.close();
        for (int[] index : Bucketing.batches(lengths, PREDICT_BATCH, 0)) {
            ws.reopen();
            try {
                TagBatch batch = TagBatch.of(nonEmpty, index, model.config().chars(), encoder.words(), 0, null);
                if (scores != null) {
                    float[][] s = model.sentenceScores(batch);
                    for (int b = 0; b < index.length; b++) scores[0][where.get(index[b])] = s[b];
                } else {
                    int[][] p = model.predict(batch);
                    for (int b = 0; b < index.length; b++) out[where.get(index[b])] = p[b];
                }
            } finally {
                ws.close();
            }
        }
        return out;
    }

    /** Tag names of predicted ids, in the output scheme. */
    List<String> names(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(encoder.tag(id));
        return outputScheme == null ? out : outputScheme.convert(out);
    }
}
