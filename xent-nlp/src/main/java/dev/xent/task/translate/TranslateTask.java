// Translation as a TrainTask: length-bucketed batches of sentence pairs, label-smoothed CE, validation CE/perplexity.
package dev.xent.task.translate;

import dev.xent.io.Provenance;
import dev.xent.metrics.Bleu;
import dev.xent.nn.Module;
import dev.xent.optim.AdamW;
import dev.xent.optim.Optimizer;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Callback;
import dev.xent.train.History;
import dev.xent.train.LearningRate;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train → save → load → translate:
 * <pre>{@code
 * TranslateTask task = TranslateTask.create(TranslateConfig.recipe("transformer"), train, valid);
 * History h = task.fit(task.options().epochs(20).build());
 * task.save(file);
 * TranslationBundle model = TranslationBundle.read(file);
 * }</pre>
 * A step is one batch of {@link LengthBatches} (pairs of similar length, padded, at most maxTokens), its loss the
 * mean label-smoothed cross-entropy over the batch's target tokens. An epoch visits every batch once, in an order
 * fixed by (seed, epoch); dropout draws from the model's generators, which checkpoints keep, so resume is exact.
 *
 * <p>Validation (eval mode, no graph): val_loss = plain cross-entropy per target token (EOS included, no
 * smoothing), val_perplexity = e^val_loss, and with {@link #scoreBleu} val_bleu, the corpus BLEU of greedy
 * translations of validation sentences. The best epoch is the one of highest val_bleu when scored, else lowest val_loss.
 */
public final class TranslateTask implements TrainTask {
    private final TranslateConfig config;
    private final TranslationCodec codec;
    private final TranslationModel model;
    private final int[][] trainSrc, trainTgt, validSrc, validTgt;
    private final LengthBatches trainBatches;
    private final int dropped;
    private final Optimizer optimizer;
    private final List<String> validSourceText, validReferences;
    private int bleuSentences;
    private SearchConfig bleuSearch = SearchConfig.DEFAULT.withBeam(1);

    private TranslateTask(TranslateConfig config, TranslationCodec codec, int[][][] train, int[][][] valid, int dropped,
                          ParallelCorpus validText) {
        this.config = config;
        this.codec = codec;
        this.model = config.build(codec.size());
        this.trainSrc = train[0];
        this.trainTgt = train[1];
        this.validSrc = valid == null ? null : valid[0];
        this.validTgt = valid == null ? null : valid[1];
        this.dropped = dropped;
        this.validSourceText = validText == null ? List.of() : validText.sources();
        this.validReferences = validText == null ? List.of() : validText.targets();
        this.trainBatches = new LengthBatches(lengths(trainSrc), lengths(trainTgt), config.maxTokens(), config.seed(), true);
        AdamW adam = new AdamW(model.namedParameters(), config.lr(), config.weightDecay());
        adam.betas(0.9, 0.98);
        this.optimizer = adam;
    }

    /** Learns the shared BPE on {@code train}, encodes both corpora; {@code valid} null: no validation. */
    public static TranslateTask create(TranslateConfig config, ParallelCorpus train, ParallelCorpus valid) {
        return create(config, TranslationCodec.train(train, config.bpeVocab()), train, valid);
    }

    /** With a given codec. Training pairs longer than maxLen − 1 tokens on either side are dropped ({@link #dropped()}). */
    public static TranslateTask create(TranslateConfig config, TranslationCodec codec, ParallelCorpus train,
                                       ParallelCorpus valid) {
        int[][][] t = fitting(codec.encodeAll(train.sources()), codec.encodeAll(train.targets()), config.maxLen());
        if (t[0].length == 0) {
            throw new IllegalArgumentException("no training pair fits maxLen " + config.maxLen() + " tokens; raise maxLen");
        }
        int[][][] v = valid == null || valid.size() == 0 ? null
                : fitting(codec.encodeAll(valid.sources()), codec.encodeAll(valid.targets()), config.maxLen());
        return new TranslateTask(config, codec, t, v, train.size() - t[0].length, v == null ? null : valid);
    }

    /** The pairs whose source and target, with EOS (BOS), fit maxLen: {sources, targets}. */
    private static int[][][] fitting(int[][] src, int[][] tgt, int maxLen) {
        List<int[]> s = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < src.length; i++) {
            if (src[i].length + 1 <= maxLen && tgt[i].length + 1 <= maxLen) {
                s.add(src[i]);
                t.add(tgt[i]);
            }
        }
        return new int[][][] {s.toArray(int[][]::new), t.toArray(int[][]::new)};
    }

    private static int[] lengths(int[][] ids) {
        return ReferenceScore.lengths(ids);
    }

    /**
     * Each validation also translates the first {@code sentences} validation sources with {@code search} (greedy:
     * beam 1) and logs val_bleu (sacreBLEU-style corpus BLEU against their references); the best epoch is then
     * the one of highest val_bleu. 0: off.
     */
    public void scoreBleu(int sentences, SearchConfig search) {
        if (sentences < 0) throw new IllegalArgumentException("BLEU sentences must be >= 0; got " + sentences);
        this.bleuSentences = Math.min(sentences, validReferences.size());
        this.bleuSearch = search;
    }

    /** The inverse-square-root schedule, per step: lr · min((t+1)/warmup, √(warmup/(t+1))). */
    public Callback schedule() {
        int w = Math.max(1, config.warmup());
        LrSchedule inverseSqrt = (base, t) -> base * Math.min((t + 1.0) / w, Math.sqrt((double) w / (t + 1.0)));
        return LearningRate.perStep(inverseSqrt);
    }

    /** Options with {@link #schedule()} and gradient clipping at norm 1; add epochs, budgets, checkpoints. */
    public TrainOptions.Builder options() {
        return TrainOptions.builder().clipNorm(1.0).callbacks(schedule());
    }

    public History fit(TrainOptions options) {
        return new Trainer(this, optimizer).fit(options);
    }

    public History resume(TrainOptions options) throws IOException {
        return new Trainer(this, optimizer).resume(options);
    }

    @Override
    public Module model() {
        return model;
    }

    public TranslationModel translator() {
        return model;
    }

    public TranslationCodec codec() {
        return codec;
    }

    public TranslateConfig config() {
        return config;
    }

    /** Training pairs dropped for being longer than maxLen. */
    public int dropped() {
        return dropped;
    }

    public int trainPairs() {
        return trainSrc.length;
    }

    /** The encoded validation sources (no EOS), or null. */
    public int[][] validSources() {
        return validSrc;
    }

    @Override
    public int batches(int epoch) {
        return trainBatches.count();
    }

    @Override
    public Tensor loss(int epoch, int b) {
        return model.loss(batch(epoch, b), config.labelSmoothing());
    }

    /** Training batch {@code b} of epoch {@code epoch}, padded (what {@link #loss} reads). */
    public TranslationBatch batch(int epoch, int b) {
        return TranslationBatch.of(trainSrc, trainTgt, trainBatches.rows(epoch, b));
    }

    @Override
    public long units(int epoch, int b) {
        long n = 0;
        for (int r : trainBatches.rows(epoch, b)) n += trainTgt[r].length + 1;
        return n;
    }

    @Override
    public String unit() {
        return "tokens";
    }

    @Override
    public Map<String, Double> validate() {
        if (validSrc == null || validSrc.length == 0) return Map.of();
        double loss = validationLoss();
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("val_loss", loss);
        logs.put("val_perplexity", Math.exp(loss));
        if (bleuSentences > 0) {
            List<String> hyps = Translations.translate(model, codec, validSourceText.subList(0, bleuSentences),
                    bleuSearch, 1);
            logs.put("val_bleu", Bleu.corpus(hyps, validReferences.subList(0, bleuSentences)).score());
        }
        return logs;
    }

    /** Plain cross-entropy per validation target token (nats), dropout off, no graph. */
    public double validationLoss() {
        return ReferenceScore.of(model, validSrc, validTgt, config.maxTokens()).crossEntropy();
    }

    @Override
    public Selection selection() {
        return bleuSentences > 0 ? Selection.maximize("val_bleu").thenMinimize("val_loss")
                : Selection.minimize("val_loss");
    }

    @Override
    public Map<String, Rng> rngs() {
        return model.rngs();
    }

    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("maxTokens", config.maxTokens());
        f.put("seed", config.seed());
        f.put("train_pairs", trainSrc.length);
        return f;
    }

    /** The model as a bundle (weights, shared BPE, config) with provenance and metrics. */
    public TranslationBundle bundle(Provenance provenance, Map<String, Double> metrics) {
        return TranslationBundle.of(model, codec, provenance, metrics);
    }

    public void save(Path file) throws IOException {
        bundle(Provenance.now(config.seed(), Map.of()), Map.of()).write(file);
    }
}
