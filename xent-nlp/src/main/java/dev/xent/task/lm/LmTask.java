// A language model to train: codec, network, batch plan and optimizer from an LmConfig and text; fit, then save.
package dev.xent.task.lm;

import dev.xent.io.Provenance;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.optim.AdamW;
import dev.xent.optim.Optimizer;
import dev.xent.tensor.Rng;
import dev.xent.train.History;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Train → save → load → generate:
 * <pre>{@code
 * LmTask task = LmTask.create(LmConfig.builder().level("word").dim(128).build(), trainText, validText);
 * History h = task.fit(TrainOptions.builder().epochs(2).clipNorm(1).build());
 * task.save(file);
 * LmBundle lm = LmBundle.read(file);
 * String text = lm.generate("The Commission ", 50, Sampler.of(0.7f, 0, 0.95f), 1);
 * }</pre>
 * The task is built before training, so after a divergence ({@code NonFiniteLossException}) it still holds the
 * model, put back by the loop to its last good state, ready to save. {@link #fit} and {@link #resume} run the one
 * training loop ({@link Trainer}): checkpoints, budgets, clipping and the stop signal come from the options.
 */
public final class LmTask {
    private final LmConfig config;
    private final LmCodec codec;
    private final Module model;
    private final TrainTask task;
    private final Optimizer optimizer;

    private LmTask(LmConfig config, LmCodec codec, Module model, TrainTask task) {
        this.config = config;
        this.codec = codec;
        this.model = model;
        this.task = task;
        this.optimizer = config.transformer() || config.weightDecay() > 0
                ? new AdamW(model.namedParameters(), config.lr(), config.weightDecay())
                : new Adam(model.namedParameters(), config.lr());
    }

    /** Builds the codec from {@code trainText}, then the task; {@code validText} null or empty: no validation. */
    public static LmTask create(LmConfig config, String trainText, String validText) {
        LmCodec codec = LmCodec.train(config.level(), trainText, config.minCount(), config.bpeVocab(), config.tokenizer());
        int[] valid = validText == null || validText.isEmpty() ? null : codec.encode(validText);
        return create(config, codec, codec.encode(trainText), valid);
    }

    /**
     * The task over token ids encoded by {@code codec}; {@code valid} null: no validation. Initialisation draws
     * from Rng(seed), dropout and the Transformer's blocks from Rng(seed + 1).
     */
    public static LmTask create(LmConfig config, LmCodec codec, int[] train, int[] valid) {
        int vocab = codec.size();
        Rng init = new Rng(config.seed()), draws = new Rng(config.seed() + 1);
        if (valid != null && valid.length < minValidTokens(config)) {
            throw new IllegalArgumentException("the validation text gives " + valid.length + " " + codec.unit()
                    + " tokens, too few for " + config.validBatch() + " streams of " + (config.transformer()
                    ? config.seqLen() + 1 + " tokens" : "2 tokens") + "; give more validation text");
        }
        if (config.transformer()) {
            int ff = config.feedForward() > 0 ? config.feedForward() : 4 * config.dim();
            TransformerLanguageModel m = new TransformerLanguageModel(new TransformerLanguageModel.Config(vocab,
                    config.dim(), config.heads(), config.layers(), ff, config.seqLen(), config.dropout(), config.tied()), init);
            TrainTask t = new TransformerLmTask(m, train, valid, config.batch(), config.seqLen(), config.validBatch(),
                    draws, codec.unit());
            return new LmTask(config, codec, m, t);
        }
        LstmLanguageModel m = new LstmLanguageModel(vocab, config.dim(), config.dim(), config.layers(), config.dropout(),
                config.arch() == LmConfig.Arch.GRU ? LstmLanguageModel.Cell.GRU : LstmLanguageModel.Cell.LSTM,
                config.tied(), new LstmLanguageModel.Options(config.embedDropout(), config.weightDropout(),
                        config.variational(), config.cutoffsFor(vocab), 4f), init);
        BpttStream trainStream = new BpttStream(train, config.batch(), config.seqLen());
        BpttStream validStream = valid == null ? null : new BpttStream(valid, config.validBatch(), config.seqLen());
        TrainTask t = new RnnLmTask(m, trainStream, validStream, draws, codec.unit());
        return new LmTask(config, codec, m, t);
    }

    /** Fewest validation tokens: 2 per stream (RNN), one block plus its last target (Transformer). */
    public static int minValidTokens(LmConfig config) {
        return config.transformer() ? config.seqLen() + 1 : 2 * config.validBatch();
    }

    /** Trains from the current weights with the one training loop; returns the history of this run. */
    public History fit(TrainOptions options) {
        return new Trainer(task, optimizer).fit(options);
    }

    /** Continues the run whose checkpoints are in {@code options.checkpointing()} exactly (same config and text). */
    public History resume(TrainOptions options) throws IOException {
        return new Trainer(task, optimizer).resume(options);
    }

    /** The model as a bundle (weights, codec, config), with its provenance and final metrics. */
    public LmBundle bundle(Provenance provenance, Map<String, Double> metrics) {
        return LmBundle.of(model, codec, provenance, metrics);
    }

    /** Saves the model as a bundle {@link LmBundle#read} loads (provenance: now, the config's seed). */
    public void save(Path file) throws IOException {
        bundle(Provenance.now(config.seed(), Map.of()), Map.of()).write(file);
    }

    /**
     * The validation scores of the model a run ended with (the selected epoch's, or those taken at a budget stop,
     * or the last epoch's); empty without validation.
     */
    public static Map<String, Double> finalLogs(History h) {
        int sel = h.selectedEpoch();
        if (sel >= 0 && sel < h.epochs()) return h.epoch(sel);
        if (!h.atStop().isEmpty()) return h.atStop();
        return h.epochs() > 0 ? h.epoch(h.epochs() - 1) : Map.of();
    }

    /** val_loss (nats per token), val_perplexity = e^loss and val_bits_per_&lt;unit&gt; = loss / ln 2. */
    static Map<String, Double> validationLogs(double loss, String unit) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", loss);
        m.put("val_perplexity", Math.exp(loss));
        m.put("val_bits_per_" + unit, loss / Math.log(2));
        return m;
    }

    /** E.g. "character LSTM", "word-level GRU (tied)", "BPE Transformer". */
    public String describe() {
        return LmBundle.describe(codec, model);
    }

    public LmConfig config() {
        return config;
    }

    public LmCodec codec() {
        return codec;
    }

    /** The network: an {@link LstmLanguageModel} or a {@link TransformerLanguageModel}. */
    public Module model() {
        return model;
    }

    /** What the training loop runs: an {@link RnnLmTask} or a {@link TransformerLmTask}. */
    public TrainTask trainTask() {
        return task;
    }

    /** Adam (RNN) or AdamW (Transformer, or an RNN with weight decay) over the model's parameters. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Steps in one epoch. */
    public int batchesPerEpoch() {
        return task.batches(0);
    }
}
