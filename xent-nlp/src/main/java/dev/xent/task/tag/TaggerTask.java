// Training a BiLSTM tagger on the one training loop: bucketed batches, the tagger's loss, validation, model choice.
package dev.xent.task.tag;

import dev.xent.data.TagScheme;
import dev.xent.data.TaggedSentence;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.task.embed.WordVectors;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.History;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tagger, its training sentences and (optionally) validation sentences, trained by {@link Trainer} with Adam at
 * the config's rate:
 * <pre>{@code
 * TaggerTask task = TaggerTask.create(TaggerConfig.full(), train, dev);
 * task.fit(task.options().build());          // config's epochs and clipNorm; add checkpointing, budgets...
 * task.tagger().save(file);
 * }</pre>
 * The batches of epoch e (0-based) are {@link Bucketing#batches} with seed {@code seed + e}; word dropout and
 * dropout masks draw from one generator ("dropout", seeded from the config's seed) that checkpoints save, so a
 * resumed run repeats the uninterrupted one bit for bit. Validation gives val_accuracy and, for chunk tags,
 * val_f1, val_precision and val_recall (conlleval counting); the best epoch is the one with the highest entity
 * F1 for chunk tags (ties: accuracy), else the highest accuracy, and its weights are kept at the end.
 */
public final class TaggerTask implements TrainTask {
    /** Characters of a word the char CNN reads when the caller does not say. */
    public static final int DEFAULT_MAX_WORD_CHARS = 20;

    private final Tagger tagger;
    private final TaggerConfig cfg;
    private final List<TagEncoder.Encoded> train;
    private final int[] lengths;
    private final long trainTokens;
    private final List<TaggedSentence> valid;
    private final List<TagEncoder.Encoded> validEncoded;
    private final Rng dropout;
    private final Adam optimizer;
    private int planEpoch = -1;
    private TagVectors.Use vectorUse;
    private List<int[]> plan;

    /** A tagger to train on {@code train} (vocabularies built from it), validated on {@code valid} (may be empty). */
    public static TaggerTask create(TaggerConfig cfg, List<TaggedSentence> train, List<TaggedSentence> valid) {
        return create(cfg, DEFAULT_MAX_WORD_CHARS, train, valid);
    }

    /**
     * As {@link #create(TaggerConfig, List, List)}, reading at most {@code maxWordChars} characters of a word. With
     * {@link TaggerConfig#iobes} and IOB1/IOB2 chunk tags, the model learns the training tags rewritten as IOBES
     * and the tagger outputs (and is validated in) the data's scheme.
     */
    public static TaggerTask create(TaggerConfig cfg, int maxWordChars, List<TaggedSentence> train,
                                    List<TaggedSentence> valid) {
        return create(cfg, maxWordChars, train, valid, null);
    }

    /**
     * As {@link #create(TaggerConfig, int, List, List)} with the word embedding initialised from pretrained
     * {@code vectors} (null: none) and the word vocabulary extended with their words, as {@link TagVectors}
     * describes; their dim must equal {@code cfg.wordDim()}. {@link #vectorUse()} tells how they met the vocabulary.
     */
    public static TaggerTask create(TaggerConfig cfg, int maxWordChars, List<TaggedSentence> train,
                                    List<TaggedSentence> valid, WordVectors vectors) {
        if (vectors != null) TagVectors.checkDim(vectors.dim(), cfg.wordDim());
        TagScheme data = chunkTags(train) ? dataScheme(train) : null;
        TagScheme output = cfg.iobes() && data != null && data != TagScheme.IOBES ? data : null;
        if (output != null) {
            List<TaggedSentence> rewritten = new ArrayList<>(train.size());
            for (TaggedSentence s : train) {
                rewritten.add(new TaggedSentence(s.tokens(), TagScheme.IOBES.convert(s.tags()), s.line()));
            }
            train = rewritten;
        }
        TagEncoder enc = TagEncoder.build(train, cfg.lowercase(), maxWordChars);
        WordVectors keyed = vectors == null ? null : TagVectors.keyed(vectors, cfg.lowercase());
        if (keyed != null) enc = TagVectors.extend(enc, keyed);
        BiLstmTagger model = new BiLstmTagger(cfg, enc.words().size(), enc.chars().size(), enc.tags().size());
        if (keyed != null) TagVectors.copyInto(model, enc.words(), keyed);
        TaggerTask task = new TaggerTask(new Tagger(model, enc, output), train, valid);
        task.vectorUse = keyed == null ? null : TagVectors.use(vectors, keyed, enc.words());
        return task;
    }

    /** Whether the tags of {@code sentences} are entity chunk tags (BIO/IOB1/BIOES with a type, some not "O"). */
    public static boolean chunkTags(List<TaggedSentence> sentences) {
        return Tagger.chunkScheme(tagSet(sentences)) != null;
    }

    /**
     * IOBES if any E-/S- tag occurs; else IOB1 when more entities start with I- (after O or another type) than
     * with B-, else IOB2 — so a few stray I- starts in BIO data (annotation noise) do not turn the output into IOB1.
     */
    static TagScheme dataScheme(List<TaggedSentence> sentences) {
        long startB = 0, startI = 0;
        for (TaggedSentence s : sentences) {
            String prev = "O";
            for (String tag : s.tags()) {
                if (tag.startsWith("E-") || tag.startsWith("S-")) return TagScheme.IOBES;
                if (tag.startsWith("B-")) startB++;
                else if (tag.startsWith("I-") && (prev.equals("O") || !prev.substring(2).equals(tag.substring(2)))) {
                    startI++;
                }
                prev = tag;
            }
        }
        return startI > startB ? TagScheme.IOB1 : TagScheme.IOB2;
    }

    private static List<String> tagSet(List<TaggedSentence> sentences) {
        java.util.Set<String> tags = new java.util.TreeSet<>();
        for (TaggedSentence s : sentences) tags.addAll(s.tags());
        return new ArrayList<>(tags);
    }

    /** Trains {@code tagger} (untrained or not) on {@code train}, validated on {@code valid} (may be empty). */
    public TaggerTask(Tagger tagger, List<TaggedSentence> train, List<TaggedSentence> valid) {
        this.tagger = tagger;
        this.cfg = tagger.model().config();
        this.train = tagger.encoder().encodeAll(train);
        if (this.train.isEmpty()) throw new IllegalArgumentException("the training set has no non-empty sentence");
        this.lengths = new int[this.train.size()];
        long tokens = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = this.train.get(i).length();
            tokens += lengths[i];
        }
        this.trainTokens = tokens;
        this.valid = new ArrayList<>();
        for (TaggedSentence s : valid) if (s.size() > 0) this.valid.add(s);
        this.validEncoded = tagger.encoder().encodeAll(this.valid);
        this.dropout = new Rng(cfg.seed() * 31 + 7);
        this.optimizer = new Adam(tagger.model().namedParameters(), cfg.lr());
    }

    /** Loop options with the config's epochs and gradient-norm clipping. */
    public TrainOptions.Builder options() {
        return options(TrainOptions.builder());
    }

    /** {@code base} (e.g. with checkpointing and listeners) with the config's epochs and gradient-norm clipping. */
    public TrainOptions.Builder options(TrainOptions.Builder base) {
        return base.epochs(cfg.epochs()).clipNorm(cfg.clip());
    }

    /**
     * Trains as {@code options} say. If training diverges ({@code NonFiniteLossException}) the model is left in its
     * last good state, so {@link #tagger()} can still be saved.
     */
    public History fit(TrainOptions options) {
        return new Trainer(this, optimizer).fit(options);
    }

    /** Continues from the newest checkpoint in {@code options}' checkpoint directory (same data and settings). */
    public History resume(TrainOptions options) throws IOException {
        return new Trainer(this, optimizer).resume(options);
    }

    /** How the pretrained vectors given to {@link #create} met the vocabulary; null when none were given. */
    public TagVectors.Use vectorUse() {
        return vectorUse;
    }

    /** The tagger being trained (after {@link #fit}: with the chosen epoch's weights). */
    public Tagger tagger() {
        return tagger;
    }

    @Override
    public Module model() {
        return tagger.model();
    }

    @Override
    public int batches(int epoch) {
        return plan(epoch).size();
    }

    @Override
    public Tensor loss(int epoch, int batch) {
        TagBatch b = TagBatch.of(train, plan(epoch).get(batch), cfg.chars(), tagger.encoder().words(),
                cfg.wordDropout(), dropout);
        return tagger.model().loss(b, dropout);
    }

    @Override
    public long units(int epoch, int batch) {
        long n = 0;
        for (int i : plan(epoch).get(batch)) n += lengths[i];
        return n;
    }

    /** What the batch's mean loss is over: its sentences (CRF: mean sentence NLL), else its tokens. */
    @Override
    public double lossWeight(int epoch, int batch) {
        return cfg.crf() ? plan(epoch).get(batch).length : units(epoch, batch);
    }

    @Override
    public String unit() {
        return "tokens";
    }

    @Override
    public Map<String, Double> validate() {
        if (valid.isEmpty()) return Map.of();
        return tagger.evaluate(valid, validEncoded).metrics("val_");
    }

    @Override
    public Selection selection() {
        return tagger.chunkTags() ? Selection.maximize("val_f1").thenMaximize("val_accuracy")
                : Selection.maximize("val_accuracy");
    }

    @Override
    public Map<String, Rng> rngs() {
        return Map.of("dropout", dropout);
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("batchSize", cfg.batchSize());
        f.put("seed", cfg.seed());
        f.put("training sentences", train.size());
        f.put("training tokens", trainTokens);
        f.put("words", tagger.encoder().words().size());
        f.put("tags", tagger.encoder().tags().size());
        return f;
    }

    /** The batch plan of {@code epoch}, kept for the epoch in progress. */
    private List<int[]> plan(int epoch) {
        if (epoch != planEpoch) {
            plan = Bucketing.batches(lengths, cfg.batchSize(), cfg.seed() + epoch);
            planEpoch = epoch;
        }
        return plan;
    }
}
