// A Spark ML Estimator that trains xent's fastText-style classifier on a DataFrame, data-parallel over partitions.
package dev.xent.spark;

import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;

/**
 * <pre>{@code
 * XentModel model = new XentClassifier().setModel("fasttext").setEpoch(5).setLr(0.5).setWordNgrams(2)
 *         .setTextCol("text").setLabelCol("label").fit(df);
 * model.saveBundle(Path.of("sst2.xent"));          // an ordinary bundle: xent predict / eval / serve use it
 * }</pre>
 * The settings are the CLI's ({@code xent train classify}): dim, epoch, lr, wordNgrams, bucket, minCount, loss, seed;
 * with the same data (in the same order) the dictionary and the initial weights equal the single-machine ones.
 * Training is data-parallel: each partition trains its rows with the hogwild trainer ({@code threads} threads;
 * the default 1 leaves parallelism to Spark), and the models are averaged {@code syncsPerEpoch} times per epoch
 * (see {@link FastTextAveraging}). The label column may hold strings or numbers (cast to strings: 0 and 1 are the
 * labels "0" and "1"). Rows with a null text or label are refused. With {@code model} cnn, rnn or transformer the
 * estimator trains that neural classifier instead, by synchronous data-parallel SGD ({@link SyncTraining}; word list
 * and labels from {@link NeuralShards}), with the CLI's settings and per-model defaults.
 */
public final class XentClassifier extends Estimator<XentModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> model, textCol, labelCol, loss, widths, cell, pooling, tokenizer;
    private final IntParam dim, epoch, wordNgrams, bucket, minCount, threads, syncsPerEpoch;
    private final IntParam batch, filters, hidden, layers, heads, feedForward, maxLength;
    private final DoubleParam lr, dropout, weightDecay, clipNorm;
    private final org.apache.spark.ml.param.BooleanParam lowercase;
    private transient Consumer<SyncTraining.Step> stepListener = s -> {};
    private transient Dataset<?> validation;
    private final LongParam seed;
    private transient Consumer<FastTextAveraging.Round> listener = r -> {};

    public XentClassifier() {
        this(Identifiable$.MODULE$.randomUID("xentClassifier"));
    }

    public XentClassifier(String uid) {
        this.uid = uid;
        FastTextConfig d = FastTextConfig.defaults();
        model = new Param<>(this, "model", "fasttext (the fastText-style classifier, averaged), or a neural "
                + "classifier trained by synchronous data-parallel SGD: cnn, rnn, transformer",
                ParamValidators.inArray(new String[] {"fasttext", "cnn", "rnn", "transformer"}));
        batch = new IntParam(this, "batch", "neural: texts per global Adam step (split over the partitions)", ParamValidators.gtEq(1));
        dropout = new DoubleParam(this, "dropout", "neural: dropout (cnn, rnn 0.5; transformer 0.1)", ParamValidators.inRange(0, 1, true, false));
        weightDecay = new DoubleParam(this, "weightDecay", "neural: Adam weight decay", ParamValidators.gtEq(0));
        clipNorm = new DoubleParam(this, "clipNorm", "neural: max global gradient norm (0: off)", ParamValidators.gtEq(0));
        widths = new Param<>(this, "widths", "cnn: filter widths, comma-separated");
        filters = new IntParam(this, "filters", "cnn: filters per width", ParamValidators.gtEq(1));
        cell = new Param<>(this, "cell", "rnn: lstm or gru", ParamValidators.inArray(new String[] {"lstm", "gru"}));
        hidden = new IntParam(this, "hidden", "rnn: units per direction", ParamValidators.gtEq(1));
        layers = new IntParam(this, "layers", "rnn layers (1) or transformer blocks (2)", ParamValidators.gtEq(1));
        pooling = new Param<>(this, "pooling", "rnn: max, mean, max_mean or last",
                ParamValidators.inArray(new String[] {"max", "mean", "max_mean", "last"}));
        heads = new IntParam(this, "heads", "transformer: attention heads", ParamValidators.gtEq(1));
        feedForward = new IntParam(this, "feedForward", "transformer: feed-forward width (0: 2·dim)", ParamValidators.gtEq(0));
        tokenizer = new Param<>(this, "tokenizer", "neural: whitespace or word",
                ParamValidators.inArray(new String[] {"whitespace", "word"}));
        lowercase = new org.apache.spark.ml.param.BooleanParam(this, "lowercase", "neural: lowercase the text");
        maxLength = new IntParam(this, "maxLength", "neural: tokens kept per text (0: all)", ParamValidators.gtEq(0));
        setDefault(batch, 32);
        setDefault(dropout, 0.5);
        setDefault(weightDecay, 0.0);
        setDefault(clipNorm, 5.0);
        setDefault(widths, "3,4,5");
        setDefault(filters, 100);
        setDefault(cell, "lstm");
        setDefault(hidden, 128);
        setDefault(layers, 1);
        setDefault(pooling, "max");
        setDefault(heads, 4);
        setDefault(feedForward, 0);
        setDefault(tokenizer, "whitespace");
        setDefault(lowercase, false);
        setDefault(maxLength, 512);
        textCol = new Param<>(this, "textCol", "input column: the text");
        labelCol = new Param<>(this, "labelCol", "input column: the label (strings, or numbers read as strings)");
        loss = new Param<>(this, "loss", "softmax, or ova (one sigmoid per class)",
                ParamValidators.inArray(new String[] {"softmax", "ova"}));
        dim = new IntParam(this, "dim", "embedding size", ParamValidators.gtEq(1));
        epoch = new IntParam(this, "epoch", "passes over the data", ParamValidators.gtEq(1));
        wordNgrams = new IntParam(this, "wordNgrams", "word n-grams up to this length", ParamValidators.gtEq(1));
        bucket = new IntParam(this, "bucket", "hash buckets of the word n-grams", ParamValidators.gtEq(1));
        minCount = new IntParam(this, "minCount", "words seen fewer times are dropped", ParamValidators.gtEq(1));
        threads = new IntParam(this, "threads", "hogwild threads per partition", ParamValidators.gtEq(1));
        syncsPerEpoch = new IntParam(this, "syncsPerEpoch", "model averagings per epoch", ParamValidators.gtEq(1));
        lr = new DoubleParam(this, "lr", "initial learning rate (falls linearly to 0)", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "initial weights");
        setDefault(model, "fasttext");
        setDefault(textCol, "text");
        setDefault(labelCol, "label");
        setDefault(loss, "softmax");
        setDefault(dim, d.dim());
        setDefault(epoch, d.epoch());
        setDefault(wordNgrams, d.wordNgrams());
        setDefault(bucket, d.bucket());
        setDefault(minCount, d.minCount());
        setDefault(threads, 1);
        setDefault(syncsPerEpoch, 4);
        setDefault(lr, d.lr());
        setDefault(seed, d.seed());
    }

    @Override public String uid() { return uid; }

    public Param<String> model() { return model; }
    public Param<String> textCol() { return textCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> loss() { return loss; }
    public IntParam dim() { return dim; }
    public IntParam epoch() { return epoch; }
    public IntParam wordNgrams() { return wordNgrams; }
    public IntParam bucket() { return bucket; }
    public IntParam minCount() { return minCount; }
    public IntParam threads() { return threads; }
    public IntParam syncsPerEpoch() { return syncsPerEpoch; }
    public DoubleParam lr() { return lr; }
    public LongParam seed() { return seed; }
    public IntParam batch() { return batch; }
    public DoubleParam dropout() { return dropout; }
    public DoubleParam weightDecay() { return weightDecay; }
    public DoubleParam clipNorm() { return clipNorm; }
    public Param<String> widths() { return widths; }
    public IntParam filters() { return filters; }
    public Param<String> cell() { return cell; }
    public IntParam hidden() { return hidden; }
    public IntParam layers() { return layers; }
    public Param<String> pooling() { return pooling; }
    public IntParam heads() { return heads; }
    public IntParam feedForward() { return feedForward; }
    public Param<String> tokenizer() { return tokenizer; }
    public org.apache.spark.ml.param.BooleanParam lowercase() { return lowercase; }
    public IntParam maxLength() { return maxLength; }

    public XentClassifier setModel(String v) { return (XentClassifier) set(model, v); }
    public XentClassifier setTextCol(String v) { return (XentClassifier) set(textCol, v); }
    public XentClassifier setLabelCol(String v) { return (XentClassifier) set(labelCol, v); }
    public XentClassifier setLoss(String v) { return (XentClassifier) set(loss, v); }
    public XentClassifier setDim(int v) { return (XentClassifier) set(dim, v); }
    public XentClassifier setEpoch(int v) { return (XentClassifier) set(epoch, v); }
    public XentClassifier setWordNgrams(int v) { return (XentClassifier) set(wordNgrams, v); }
    public XentClassifier setBucket(int v) { return (XentClassifier) set(bucket, v); }
    public XentClassifier setMinCount(int v) { return (XentClassifier) set(minCount, v); }
    public XentClassifier setThreads(int v) { return (XentClassifier) set(threads, v); }
    public XentClassifier setSyncsPerEpoch(int v) { return (XentClassifier) set(syncsPerEpoch, v); }
    public XentClassifier setLr(double v) { return (XentClassifier) set(lr, v); }
    public XentClassifier setSeed(long v) { return (XentClassifier) set(seed, v); }
    public XentClassifier setBatch(int v) { return (XentClassifier) set(batch, v); }
    public XentClassifier setDropout(double v) { return (XentClassifier) set(dropout, v); }
    public XentClassifier setWeightDecay(double v) { return (XentClassifier) set(weightDecay, v); }
    public XentClassifier setClipNorm(double v) { return (XentClassifier) set(clipNorm, v); }
    public XentClassifier setWidths(String v) { return (XentClassifier) set(widths, v); }
    public XentClassifier setFilters(int v) { return (XentClassifier) set(filters, v); }
    public XentClassifier setCell(String v) { return (XentClassifier) set(cell, v); }
    public XentClassifier setHidden(int v) { return (XentClassifier) set(hidden, v); }
    public XentClassifier setLayers(int v) { return (XentClassifier) set(layers, v); }
    public XentClassifier setPooling(String v) { return (XentClassifier) set(pooling, v); }
    public XentClassifier setHeads(int v) { return (XentClassifier) set(heads, v); }
    public XentClassifier setFeedForward(int v) { return (XentClassifier) set(feedForward, v); }
    public XentClassifier setTokenizer(String v) { return (XentClassifier) set(tokenizer, v); }
    public XentClassifier setLowercase(boolean v) { return (XentClassifier) set(lowercase, v); }
    public XentClassifier setMaxLength(int v) { return (XentClassifier) set(maxLength, v); }

    /**
     * Neural models: (text, label) rows, the same columns, collected to the driver and scored after each epoch
     * (val_loss, val_accuracy, val_macro_f1); the best epoch's weights are kept. The fastText-style model ignores them.
     */
    public XentClassifier setValidationData(Dataset<?> v) {
        this.validation = v;
        return this;
    }

    /** Neural models: called on the driver after each synchronous step; not saved with the params. */
    public XentClassifier setStepListener(Consumer<SyncTraining.Step> l) {
        this.stepListener = l;
        return this;
    }

    /** Called on the driver after each averaging round (progress, timings, bytes); not saved with the params. */
    public XentClassifier setRoundListener(Consumer<FastTextAveraging.Round> l) {
        this.listener = l;
        return this;
    }

    /** The single-machine config these params stand for (threads: per partition). */
    public FastTextConfig config() {
        return FastTextConfig.defaults().withDim((Integer) $(dim)).withEpoch((Integer) $(epoch)).withLr((Double) $(lr))
                .withWordNgrams((Integer) $(wordNgrams)).withBucket((Integer) $(bucket))
                .withMinCount((Integer) $(minCount)).withThreads((Integer) $(threads)).withSeed((Long) $(seed))
                .withLoss($(loss).equals("ova") ? FastTextConfig.Loss.ONE_VS_ALL : FastTextConfig.Loss.SOFTMAX);
    }

    private boolean neural() {
        return !$(model).equals("fasttext");
    }

    /** A neural model's value of {@code p}: as set, else the CLI's default for that model. */
    private Object neuralValue(Param<?> p, Object cnnRnn, Object transformer) {
        return isSet(p) ? $(p) : $(model).equals("transformer") ? transformer : cnnRnn;
    }

    /** The neural network the params describe (as `xent train classify -model cnn|rnn|transformer`). */
    public dev.xent.task.classify.NeuralClassifierSpec spec() {
        int d = (Integer) $(dim);
        float drop = ((Double) neuralValue(dropout, 0.5, 0.1)).floatValue();
        Record config = switch ($(model)) {
            case "cnn" -> new dev.xent.task.classify.TextCnnClassifier.Config(d,
                    Arrays.stream($(widths).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray(),
                    (Integer) $(filters), drop);
            case "rnn" -> new dev.xent.task.classify.RnnClassifier.Config(
                    dev.xent.task.classify.RnnClassifier.Cell.valueOf($(cell).toUpperCase(java.util.Locale.ROOT)), d,
                    (Integer) $(hidden), (Integer) neuralValue(layers, 1, 2),
                    dev.xent.task.classify.RnnClassifier.Pooling.valueOf($(pooling).toUpperCase(java.util.Locale.ROOT)),
                    drop);
            case "transformer" -> new dev.xent.task.classify.TransformerClassifier.Config(d, (Integer) $(heads),
                    (Integer) $(feedForward) > 0 ? (Integer) $(feedForward) : 2 * d, (Integer) neuralValue(layers, 1, 2),
                    (Integer) $(maxLength), drop);
            default -> throw new IllegalStateException("model " + $(model) + " is not a neural classifier");
        };
        return new dev.xent.task.classify.NeuralClassifierSpec(
                dev.xent.task.classify.NeuralClassifierSpec.Kind.parse($(model)), config);
    }

    /** The neural training the params describe: Adam at lr (cnn, rnn 1e-3; transformer 5e-4), seed 1 unless set. */
    public dev.xent.task.classify.NeuralTrainConfig neuralConfig() {
        return new dev.xent.task.classify.NeuralTrainConfig((Integer) $(epoch), (Integer) $(batch),
                (Double) neuralValue(lr, 1e-3, 5e-4), (Double) $(weightDecay), (Double) $(clipNorm),
                (Long) neuralValue(seed, 1L, 1L), null, 50);
    }

    /** The text settings of a neural model (tokens kept: at most the Transformer's maxLength). */
    public dev.xent.task.classify.NeuralTextEncoding.Settings textSettings() {
        return new dev.xent.task.classify.NeuralTextEncoding.Settings(
                dev.xent.task.classify.NeuralTextEncoding.Tokenizer.valueOf($(tokenizer).toUpperCase(java.util.Locale.ROOT)),
                (Boolean) $(lowercase), (Integer) $(maxLength), (Integer) $(minCount));
    }

    /** The untrained neural classifier of {@code dataset}: distributed word list and labels, initial weights. */
    dev.xent.task.classify.NeuralClassifier untrainedNeural(Dataset<?> dataset) {
        return NeuralShards.parts(pairs(dataset), spec(), textSettings(), $(loss).equals("ova"))
                .classifier(neuralConfig().seed());
    }

    /** Trains a neural classifier and returns the driver's copy. */
    dev.xent.task.classify.NeuralClassifier trainNeural(Dataset<?> dataset) {
        JavaRDD<Tuple2<String, String>> data = pairs(dataset).persist(StorageLevel.MEMORY_ONLY());
        try {
            NeuralShards.Parts parts = NeuralShards.parts(data, spec(), textSettings(), $(loss).equals("ova"));
            List<dev.xent.data.Example> valid = new java.util.ArrayList<>();
            if (validation != null) {
                for (Tuple2<String, String> r : pairs(validation).collect()) {
                    valid.add(new dev.xent.data.Example(r._1(), List.of(r._2()), valid.size() + 1));
                }
            }
            return NeuralShards.train(data, parts, neuralConfig(), valid, stepListener);
        } finally {
            data.unpersist(false);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        for (String c : List.of($(textCol), $(labelCol))) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("column \"" + c + "\" is not in the data; its columns are "
                        + Arrays.toString(schema.fieldNames()) + ". Fix: setTextCol / setLabelCol");
            }
        }
        return schema;
    }

    /** The untrained classifier of {@code dataset}: its distributed dictionary and initial weights. */
    public FastTextClassifier untrained(Dataset<?> dataset) {
        return FastTextVocabulary.untrained(pairs(dataset), config());
    }

    @Override
    public XentModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (neural()) {
            dev.xent.task.classify.NeuralClassifier c = trainNeural(dataset);
            return XentModel.written("classifier", f -> c.save(f, neuralConfig())).setTextCol($(textCol)).setParent(this);
        }
        JavaRDD<Tuple2<String, String>> data = pairs(dataset).persist(StorageLevel.MEMORY_ONLY());
        try {
            FastTextClassifier start = FastTextVocabulary.untrained(data, config());
            FastTextClassifier trained = FastTextAveraging.train(data, start, (Integer) $(syncsPerEpoch), listener);
            XentModel m = XentModel.fromBundle(FastTextAveraging.bundleBytes(trained)).setTextCol($(textCol));
            return m.setParent(this);
        } finally {
            data.unpersist(false);
        }
    }

    /** (text, label) of each row, in the dataset's order; a null in either is refused with its count. */
    private JavaRDD<Tuple2<String, String>> pairs(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF().select(col($(textCol)).cast("string"), col($(labelCol)).cast("string"));
        long nulls = df.filter(col($(textCol)).isNull().or(col($(labelCol)).isNull())).count();
        if (nulls > 0) {
            throw new IllegalArgumentException(nulls + " rows have a null " + $(textCol) + " or " + $(labelCol)
                    + "; training needs both. Fix: df.na().drop(new String[] {\"" + $(textCol) + "\", \""
                    + $(labelCol) + "\"})");
        }
        return df.javaRDD().map(r -> new Tuple2<>(r.getString(0), r.getString(1)));
    }

    @Override
    public XentClassifier copy(ParamMap extra) {
        XentClassifier c = new XentClassifier(uid);
        c.listener = listener;
        c.stepListener = stepListener;
        c.validation = validation;
        return (XentClassifier) copyValues(c, extra);
    }

    public static MLReader<XentClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static XentClassifier load(String path) {
        return read().load(path);
    }
}
