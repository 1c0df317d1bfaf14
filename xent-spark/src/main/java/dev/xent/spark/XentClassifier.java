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
 * labels "0" and "1"). Rows with a null text or label are refused. Only {@code model = "fasttext"} trains here yet.
 */
public final class XentClassifier extends Estimator<XentModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> model, textCol, labelCol, loss;
    private final IntParam dim, epoch, wordNgrams, bucket, minCount, threads, syncsPerEpoch;
    private final DoubleParam lr;
    private final LongParam seed;
    private transient Consumer<FastTextAveraging.Round> listener = r -> {};

    public XentClassifier() {
        this(Identifiable$.MODULE$.randomUID("xentClassifier"));
    }

    public XentClassifier(String uid) {
        this.uid = uid;
        FastTextConfig d = FastTextConfig.defaults();
        model = new Param<>(this, "model", "fasttext (the fastText-style classifier)",
                ParamValidators.inArray(new String[] {"fasttext"}));
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
        return (XentClassifier) copyValues(c, extra);
    }

    public static MLReader<XentClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static XentClassifier load(String path) {
        return read().load(path);
    }
}
