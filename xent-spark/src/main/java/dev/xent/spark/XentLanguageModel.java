// A Spark ML Estimator that trains xent's RNN or Transformer language model on a text column, data-parallel.
package dev.xent.spark;

import dev.xent.io.Provenance;
import dev.xent.task.lm.BudgetDecay;
import dev.xent.task.lm.LmCodec;
import dev.xent.task.lm.WordSplit;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmTask;
import dev.xent.train.TrainOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * <pre>{@code
 * XentModel lm = new XentLanguageModel().setLevel("word").setDim(256).setEpoch(2).setTextCol("line").fit(df);
 * lm.saveBundle(Path.of("lm.xent"));               // an ordinary bundle: xent eval / generate use it unchanged
 * }</pre>
 * The settings are those of {@code xent train lm}, with its per-model defaults: a param not set takes the rnn or the
 * transformer default ({@code model}). Each row is a line: the training text is every row and a newline, in the
 * dataset's order; null rows are refused. The codec (char or word level) is counted distributedly and equals the
 * single-machine one ({@link LmShards}); training is synchronous data-parallel SGD through the one training loop
 * ({@link SyncTraining}): partition p trains over its own rows' tokens with ⌈batch / P⌉ streams (RNN) or blocks
 * (Transformer), the gradients are summed, and the driver applies Adam / AdamW. {@link #setValidationData} (same
 * column, collected to the driver) gives val_loss and val_perplexity per epoch and keeps the best epoch.
 */
public final class XentLanguageModel extends SyncEstimator<XentLanguageModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> textCol, model, level, tokenizer, cell, cutoffs, lrDecay;
    private final IntParam minCount, dim, layers, heads, feedForward, bptt, blockLen, batch, epoch;
    private final DoubleParam dropout, embedDropout, weightDropout, lr, weightDecay, clipNorm;
    private final BooleanParam tied, variational;
    private final LongParam maxSteps;

    public XentLanguageModel() {
        this(Identifiable$.MODULE$.randomUID("xentLanguageModel"));
    }

    public XentLanguageModel(String uid) {
        super(uid, 100L, "initialisation, dropout and blocks", 1L);
        textCol = new Param<>(this, "textCol", "input column: a line of the training text");
        model = new Param<>(this, "model", "rnn or transformer", ParamValidators.inArray(new String[] {"rnn", "transformer"}));
        level = new Param<>(this, "level", "token level: char or word", ParamValidators.inArray(new String[] {"char", "word"}));
        tokenizer = new Param<>(this, "tokenizer", "word level: whitespace (pre-tokenised text), word (punctuation split "
                + "off) or auto (detected from the training text, as xent train lm)",
                ParamValidators.inArray(new String[] {"auto", "whitespace", "word"}));
        cell = new Param<>(this, "cell", "recurrent cell: lstm or gru", ParamValidators.inArray(new String[] {"lstm", "gru"}));
        minCount = new IntParam(this, "minCount", "rarer characters or words map to the unknown id (5; word level 1)",
                ParamValidators.gtEq(1));
        dim = new IntParam(this, "dim", "embedding and hidden size (rnn 256, transformer 128; word level 400)",
                ParamValidators.gtEq(1));
        layers = new IntParam(this, "layers", "layers (rnn 1, transformer 4)", ParamValidators.gtEq(1));
        heads = new IntParam(this, "heads", "transformer: attention heads", ParamValidators.gtEq(1));
        feedForward = new IntParam(this, "feedForward", "transformer: feed-forward width (0: 4·dim)", ParamValidators.gtEq(0));
        bptt = new IntParam(this, "bptt", "rnn: tokens per truncated-BPTT window", ParamValidators.gtEq(1));
        blockLen = new IntParam(this, "blockLen", "transformer: tokens per block", ParamValidators.gtEq(1));
        batch = new IntParam(this, "batch", "streams or blocks per global step (split over the partitions)", ParamValidators.gtEq(1));
        epoch = new IntParam(this, "epoch", "passes over the training text", ParamValidators.gtEq(1));
        dropout = new DoubleParam(this, "dropout", "dropout (rnn 0, transformer 0.1; word level 0.25)",
                ParamValidators.inRange(0, 1, true, false));
        embedDropout = new DoubleParam(this, "embedDropout", "rnn: probability of dropping a word's whole embedding "
                + "row for a batch (0; word level 0.1)", ParamValidators.inRange(0, 1, true, false));
        weightDropout = new DoubleParam(this, "weightDropout", "rnn: DropConnect on each layer's recurrent weights",
                ParamValidators.inRange(0, 1, true, false));
        variational = new BooleanParam(this, "variational", "rnn: dropout masks shared over time (false; word level "
                + "true)");
        cutoffs = new Param<>(this, "cutoffs", "rnn: adaptive softmax cutoffs, e.g. 2000,10000; none: full softmax; "
                + "auto: none below 10,000 tokens of vocabulary, else 2000[,10000[,50000]]");
        lrDecay = new Param<>(this, "lrDecay", "learning rate over the run's budget (epochs or maxSteps): none, "
                + "linear or cosine to 0 (none; word level linear)",
                ParamValidators.inArray(new String[] {"none", "linear", "cosine"}));
        lr = new DoubleParam(this, "lr", "Adam (rnn 0.003) or AdamW (transformer 0.001) rate", ParamValidators.gt(0));
        weightDecay = new DoubleParam(this, "weightDecay", "AdamW weight decay (transformer 0.1)", ParamValidators.gtEq(0));
        clipNorm = new DoubleParam(this, "clipNorm", "max global gradient norm (0: off)", ParamValidators.gtEq(0));
        tied = new BooleanParam(this, "tied", "decoder weight = embedding table (rnn false, transformer true; word "
                + "level true)");
        maxSteps = new LongParam(this, "maxSteps", "stop after this many steps (0: no limit)", ParamValidators.gtEq(0));
        setDefault(textCol, "text");
        setDefault(model, "rnn");
        setDefault(level, "char");
        setDefault(tokenizer, "auto");
        setDefault(cell, "lstm");
        setDefault(minCount, 5);
        setDefault(dim, 256);
        setDefault(layers, 1);
        setDefault(heads, 4);
        setDefault(feedForward, 0);
        setDefault(bptt, 64);
        setDefault(blockLen, 128);
        setDefault(batch, 32);
        setDefault(epoch, 1);
        setDefault(dropout, 0.0);
        setDefault(embedDropout, 0.0);
        setDefault(weightDropout, 0.0);
        setDefault(variational, false);
        setDefault(cutoffs, "auto");
        setDefault(lrDecay, "none");
        setDefault(lr, 0.003);
        setDefault(weightDecay, 0.0);
        setDefault(clipNorm, 1.0);
        setDefault(tied, false);
        setDefault(maxSteps, 0L);
    }

    public Param<String> textCol() { return textCol; }
    public Param<String> model() { return model; }
    public Param<String> level() { return level; }
    public Param<String> tokenizer() { return tokenizer; }
    public Param<String> cell() { return cell; }
    public IntParam minCount() { return minCount; }
    public IntParam dim() { return dim; }
    public IntParam layers() { return layers; }
    public IntParam heads() { return heads; }
    public IntParam feedForward() { return feedForward; }
    public IntParam bptt() { return bptt; }
    public IntParam blockLen() { return blockLen; }
    public IntParam batch() { return batch; }
    public IntParam epoch() { return epoch; }
    public DoubleParam dropout() { return dropout; }
    public DoubleParam embedDropout() { return embedDropout; }
    public DoubleParam weightDropout() { return weightDropout; }
    public BooleanParam variational() { return variational; }
    public Param<String> cutoffs() { return cutoffs; }
    public Param<String> lrDecay() { return lrDecay; }
    public DoubleParam lr() { return lr; }
    public DoubleParam weightDecay() { return weightDecay; }
    public DoubleParam clipNorm() { return clipNorm; }
    public BooleanParam tied() { return tied; }
    public LongParam maxSteps() { return maxSteps; }

    public XentLanguageModel setTextCol(String v) { return (XentLanguageModel) set(textCol, v); }
    public XentLanguageModel setModel(String v) { return (XentLanguageModel) set(model, v); }
    public XentLanguageModel setLevel(String v) { return (XentLanguageModel) set(level, v); }
    public XentLanguageModel setCell(String v) { return (XentLanguageModel) set(cell, v); }
    public XentLanguageModel setTokenizer(String v) { return (XentLanguageModel) set(tokenizer, v); }
    public XentLanguageModel setMinCount(int v) { return (XentLanguageModel) set(minCount, v); }
    public XentLanguageModel setDim(int v) { return (XentLanguageModel) set(dim, v); }
    public XentLanguageModel setLayers(int v) { return (XentLanguageModel) set(layers, v); }
    public XentLanguageModel setHeads(int v) { return (XentLanguageModel) set(heads, v); }
    public XentLanguageModel setFeedForward(int v) { return (XentLanguageModel) set(feedForward, v); }
    public XentLanguageModel setBptt(int v) { return (XentLanguageModel) set(bptt, v); }
    public XentLanguageModel setBlockLen(int v) { return (XentLanguageModel) set(blockLen, v); }
    public XentLanguageModel setBatch(int v) { return (XentLanguageModel) set(batch, v); }
    public XentLanguageModel setEpoch(int v) { return (XentLanguageModel) set(epoch, v); }
    public XentLanguageModel setDropout(double v) { return (XentLanguageModel) set(dropout, v); }
    public XentLanguageModel setEmbedDropout(double v) { return (XentLanguageModel) set(embedDropout, v); }
    public XentLanguageModel setWeightDropout(double v) { return (XentLanguageModel) set(weightDropout, v); }
    public XentLanguageModel setVariational(boolean v) { return (XentLanguageModel) set(variational, v); }
    public XentLanguageModel setCutoffs(String v) { return (XentLanguageModel) set(cutoffs, v); }
    public XentLanguageModel setLrDecay(String v) { return (XentLanguageModel) set(lrDecay, v); }
    public XentLanguageModel setLr(double v) { return (XentLanguageModel) set(lr, v); }
    public XentLanguageModel setWeightDecay(double v) { return (XentLanguageModel) set(weightDecay, v); }
    public XentLanguageModel setClipNorm(double v) { return (XentLanguageModel) set(clipNorm, v); }
    public XentLanguageModel setTied(boolean v) { return (XentLanguageModel) set(tied, v); }
    public XentLanguageModel setMaxSteps(long v) { return (XentLanguageModel) set(maxSteps, v); }

    /** The value of {@code p}: as set, else the default of the model (rnn or transformer). */
    private Object value(Param<?> p, Object rnn, Object transformer) {
        return isSet(p) ? $(p) : $(model).equals("transformer") ? transformer : rnn;
    }

    /**
     * As {@link #value(Param, Object, Object)}, but at level word the word recipe's value when {@code p} is not set
     * ({@code xent train lm -level word}'s defaults, LmSettings.levelDefaults: the CLI's flags win over the level's
     * defaults, which win over the model's).
     */
    private Object value(Param<?> p, Object rnn, Object transformer, Object word) {
        return !isSet(p) && $(level).equals("word") ? word : value(p, rnn, transformer);
    }

    /** The single-machine config these params stand for. */
    public LmConfig config() {
        boolean t = $(model).equals("transformer");
        LmConfig.Arch arch = t ? LmConfig.Arch.TRANSFORMER : $(cell).equals("gru") ? LmConfig.Arch.GRU : LmConfig.Arch.LSTM;
        LmConfig.Builder b = LmConfig.builder().level($(level)).minCount((Integer) value(minCount, 5, 5, 1)).arch(arch)
                .tied((Boolean) value(tied, false, true, true)).dim((Integer) value(dim, 256, 128, 400))
                .layers((Integer) value(layers, 1, 4)).heads((Integer) $(heads)).feedForward((Integer) $(feedForward))
                .dropout((Double) value(dropout, 0.0, 0.1, 0.25)).batch((Integer) $(batch))
                .seqLen(t ? (Integer) $(blockLen) : (Integer) $(bptt)).lr((Double) value(lr, 0.003, 0.001))
                .weightDecay((Double) value(weightDecay, 0.0, 0.1)).seed((Long) $(seed()));
        if (!t) {
            b.embedDropout((Double) value(embedDropout, 0.0, 0.0, 0.1)).weightDropout((Double) $(weightDropout))
                    .variational((Boolean) value(variational, false, false, true)).cutoffs(cutoffs($(cutoffs)));
        }
        return b.build();
    }

    /** The schedule of a run (the driver's, or each barrier worker's): {@code lrDecay}'s shape over its budget. */
    private static BarrierTraining.Schedule schedule(String shape) {
        return () -> List.of(new BudgetDecay(BudgetDecay.Shape.of(shape)));
    }

    /** The learning-rate decay over the budget: as set, else linear at level word (the CLI's recipe), else none. */
    public String lrDecayOrDefault() {
        return (String) value(lrDecay, "none", "none", "linear");
    }

    /** "auto" → null (chosen from the vocabulary size), "none" → empty, "2000,10000" → those ids (as the CLI). */
    static int[] cutoffs(String v) {
        if (v.equals("auto")) return null;
        if (v.equals("none")) return new int[0];
        try {
            return Arrays.stream(v.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cutoffs must be auto, none or increasing ids like 2000,10000; got \""
                    + v + "\". Fix: setCutoffs(\"auto\")");
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!Arrays.asList(schema.fieldNames()).contains($(textCol))) {
            throw new IllegalArgumentException("column \"" + $(textCol) + "\" is not in the data; its columns are "
                    + Arrays.toString(schema.fieldNames()) + ". Fix: setTextCol");
        }
        return schema;
    }

    /** The codec of {@code dataset}'s text, counted distributedly. */
    LmCodec codec(Dataset<?> dataset) {
        JavaRDD<String> rows = lines(dataset);
        return LmShards.codec(rows, $(level), config().minCount(), LmShards.split(rows, $(tokenizer)));
    }

    @Override
    public XentModel fit(Dataset<?> dataset) {
        LmTask t = train(dataset);
        return XentModel.written("language model",
                        f -> t.bundle(Provenance.now(t.config().seed(), Map.of()), Map.of()).write(f))
                .setTextCol($(textCol)).setParent(this);
    }

    /**
     * Trains and returns the driver's task (its model has the chosen epoch's weights). The driver's LmTask holds a
     * placeholder training stream it never reads (its model, optimizer, validation and bundle are what is used).
     */
    LmTask train(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        JavaRDD<String> rows = lines(dataset).persist(StorageLevel.MEMORY_ONLY());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.context());
        try {
            WordSplit split = LmShards.split(rows, $(tokenizer));
            LmConfig cfg = config().toBuilder().tokenizer(split).build();
            LmCodec codec = LmShards.codec(rows, cfg.level(), cfg.minCount(), split);
            int[] valid = validationData() == null ? null : codec.encode(LmShards.text(lines(validationData()).collect()));
            int[] placeholder = new int[2 * (cfg.seqLen() + 1) * cfg.batch()];
            LmTask driver = LmTask.create(cfg, codec, placeholder, valid);
            Broadcast<String> shared = jsc.broadcast(LmShards.json(codec));
            LmShards.Factory factory = new LmShards.Factory(shared, cfg.level(), LmShards.Settings.of(cfg));
            double rate = cfg.lr(), decay = cfg.weightDecay();
            boolean adamW = cfg.transformer() || decay > 0;   // LmTask's choice
            BarrierTraining.Schedule schedule = schedule(lrDecayOrDefault());
            TrainOptions.Builder o = TrainOptions.builder().epochs((Integer) $(epoch))
                    .clipNorm((Double) $(clipNorm)).maxSteps((Long) $(maxSteps))
                    .callbacks(schedule.callbacks().toArray(dev.xent.train.Callback[]::new));
            try {
                run(rows, factory, driver.model(), m -> adamW
                                ? new dev.xent.optim.AdamW(m.namedParameters(), rate, decay)
                                : new dev.xent.optim.Adam(m.namedParameters(), rate), driver::optimizer, schedule, o,
                        valid == null ? null : driver.trainTask()::validate, driver.trainTask().selection());
            } finally {
                shared.destroy(false);
            }
            return driver;
        } finally {
            rows.unpersist(false);
        }
    }

    /** The text column as lines; null rows are refused with their count. */
    private JavaRDD<String> lines(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String c = $(textCol);
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = dataset.toDF().select(col(c).cast("string"));
        long nulls = df.filter(col(c).isNull()).count();
        if (nulls > 0) {
            throw new IllegalArgumentException(nulls + " rows have a null " + c + "; training needs text. Fix: "
                    + "df.na().drop(new String[] {\"" + c + "\"})");
        }
        return df.javaRDD().map(r -> r.getString(0));
    }

    @Override
    protected XentLanguageModel create(String uid) {
        return new XentLanguageModel(uid);
    }

    public static MLReader<XentLanguageModel> read() {
        return new DefaultParamsReader<>();
    }

    public static XentLanguageModel load(String path) {
        return read().load(path);
    }
}
