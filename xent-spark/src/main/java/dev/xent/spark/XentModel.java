// A Spark ML Transformer that scores a DataFrame's text column with any xent bundle (classifier, tagger, language model).
package dev.xent.spark;

import dev.xent.io.ModelBundle;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Adds a model's outputs to every row of a DataFrame:
 * <pre>{@code
 * XentModel model = XentModel.fromBundle(Path.of("runs/sst2/model.xent")).setTextCol("sentence");
 * Dataset<Row> scored = model.transform(df);   // + prediction, probability, error (a classifier)
 * }</pre>
 * A classifier adds {@code prediction} (the most probable label) and {@code probability} (a vector in the model's
 * label order, {@link #labels()}); a tagger adds {@code tokens} (the text split at whitespace) and {@code tags}
 * (one per token); a language model adds {@code crossEntropy} (nats per token) and
 * {@code perplexity}. Every row also gets {@code error}: null, or why its text could not be scored (then the
 * outputs are null); a bad row never fails the job. The bundle is broadcast once per model, loaded once per
 * executor JVM (shared by its tasks), and each partition is scored in batches of {@code batchSize} texts (a neural
 * classifier runs one batched forward pass per batch). Probabilities are those of {@code xent predict}, bit for bit.
 */
public final class XentModel extends Model<XentModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final byte[] bundle;
    private final String sha256;
    private final String task;
    private final Param<String> textCol, predictionCol, probabilityCol, crossEntropyCol, perplexityCol, tokensCol, tagsCol,
            errorCol;
    private final IntParam batchSize;
    private transient Broadcast<byte[]> broadcast;

    /** The model of bundle bytes (as a .xent file holds them); checked here, so a damaged bundle fails at once. */
    public static XentModel fromBundle(byte[] bytes) {
        ModelBundle b = ModelBundle.parse(bytes, "bundle");
        return new XentModel(Identifiable$.MODULE$.randomUID("xent"), bytes, b.sha256(), Scorer.task(b, "bundle"));
    }

    /** Writes a bundle through a file (what a trained task can do), as {@code save.to(file)}. */
    interface BundleWriter {
        void to(Path file) throws IOException;
    }

    /** The model of the bundle {@code save} writes (to a temporary file, deleted after); {@code what} names it in errors. */
    static XentModel written(String what, BundleWriter save) {
        try {
            Path tmp = Files.createTempFile("xent-" + what, ".xent");
            try {
                save.to(tmp);
                return fromBundle(Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the trained " + what + "'s bundle to a temporary "
                    + "file: " + e.getMessage(), e);
        }
    }

    /** The model of a bundle file (xent train … -output DIR writes DIR/model.xent). */
    public static XentModel fromBundle(Path file) throws IOException {
        return fromBundle(Files.readAllBytes(file));
    }

    /** {@code task} is {@link Scorer#task} of the bundle: the driver never loads the weights to plan a job. */
    XentModel(String uid, byte[] bundle, String sha256, String task) {
        this.uid = uid;
        this.bundle = bundle;
        this.sha256 = sha256;
        this.task = task;
        textCol = new Param<>(this, "textCol", "input column: the text to score");
        predictionCol = new Param<>(this, "predictionCol", "output column (classifiers): the most probable label");
        probabilityCol = new Param<>(this, "probabilityCol", "output column (classifiers): probability per label");
        crossEntropyCol = new Param<>(this, "crossEntropyCol", "output column (language models): nats per token");
        perplexityCol = new Param<>(this, "perplexityCol", "output column (language models): exp(crossEntropy)");
        tokensCol = new Param<>(this, "tokensCol", "output column (taggers): the tokens, split at whitespace");
        tagsCol = new Param<>(this, "tagsCol", "output column (taggers): one tag per token");
        errorCol = new Param<>(this, "errorCol", "output column: null, or why the row's text could not be scored");
        batchSize = new IntParam(this, "batchSize", "texts scored together", ParamValidators.gtEq(1));
        setDefault(textCol, "text");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(crossEntropyCol, "crossEntropy");
        setDefault(perplexityCol, "perplexity");
        setDefault(tokensCol, "tokens");
        setDefault(tagsCol, "tags");
        setDefault(errorCol, "error");
        setDefault(batchSize, 256);
    }

    @Override public String uid() { return uid; }

    public Param<String> textCol() { return textCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> crossEntropyCol() { return crossEntropyCol; }
    public Param<String> perplexityCol() { return perplexityCol; }
    public Param<String> tokensCol() { return tokensCol; }
    public Param<String> tagsCol() { return tagsCol; }
    public Param<String> errorCol() { return errorCol; }
    public IntParam batchSize() { return batchSize; }

    public String getTextCol() { return $(textCol); }
    public String getPredictionCol() { return $(predictionCol); }
    public String getProbabilityCol() { return $(probabilityCol); }
    public String getCrossEntropyCol() { return $(crossEntropyCol); }
    public String getPerplexityCol() { return $(perplexityCol); }
    public String getTokensCol() { return $(tokensCol); }
    public String getTagsCol() { return $(tagsCol); }
    public String getErrorCol() { return $(errorCol); }
    public int getBatchSize() { return (Integer) $(batchSize); }

    public XentModel setTextCol(String v) { return (XentModel) set(textCol, v); }
    public XentModel setPredictionCol(String v) { return (XentModel) set(predictionCol, v); }
    public XentModel setProbabilityCol(String v) { return (XentModel) set(probabilityCol, v); }
    public XentModel setCrossEntropyCol(String v) { return (XentModel) set(crossEntropyCol, v); }
    public XentModel setPerplexityCol(String v) { return (XentModel) set(perplexityCol, v); }
    public XentModel setTokensCol(String v) { return (XentModel) set(tokensCol, v); }
    public XentModel setTagsCol(String v) { return (XentModel) set(tagsCol, v); }
    public XentModel setErrorCol(String v) { return (XentModel) set(errorCol, v); }
    public XentModel setBatchSize(int v) { return (XentModel) set(batchSize, v); }

    /** The bundle's bytes: write them to a .xent file and `xent predict`, `eval`, `serve` use it. */
    public byte[] bundleBytes() {
        return bundle.clone();
    }

    /** Writes the bundle as a .xent file. */
    public void saveBundle(Path file) throws IOException {
        Files.write(file, bundle);
    }

    /** "classify", "tag" or "lm". */
    public String task() {
        return task;
    }

    /** A classifier's labels, in the order of the probability vector. */
    public List<String> labels() {
        if (!(scorer() instanceof Scorer.ClassifyScorer c)) {
            throw new IllegalStateException("labels(): this bundle is a " + task() + " model, not a classifier");
        }
        return c.labels();
    }

    String sha256() {
        return sha256;
    }

    byte[] bundle() {
        return bundle;
    }

    private Scorer scorer() {
        return BundleCache.get(sha256, () -> bundle, "bundle " + sha256, b -> Scorer.of(b, "bundle"), Scorer.class);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String text = getTextCol();
        if (!Arrays.asList(schema.fieldNames()).contains(text)) {
            throw new IllegalArgumentException("textCol \"" + text + "\" is not a column; the columns are "
                    + Arrays.toString(schema.fieldNames()) + ". Fix: setTextCol(name of the text column)");
        }
        if (!(schema.apply(text).dataType() instanceof StringType)) {
            throw new IllegalArgumentException("textCol \"" + text + "\" must be a string column; it is "
                    + schema.apply(text).dataType().simpleString() + ". Fix: cast it, or pick the text column");
        }
        StructType out = schema;
        List<StructField> added = new ArrayList<>(Scorer.fields(task, this));
        added.add(DataTypes.createStructField(getErrorCol(), DataTypes.StringType, true));
        for (StructField f : added) {
            if (Arrays.asList(schema.fieldNames()).contains(f.name())) {
                throw new IllegalArgumentException("output column \"" + f.name() + "\" already exists. Fix: drop it,"
                        + " or name the output otherwise (setPredictionCol, setErrorCol, …)");
            }
            out = out.add(f);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        synchronized (this) {
            if (broadcast == null) {
                broadcast = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext()).broadcast(bundle);
            }
        }
        int textIndex = df.schema().fieldIndex(getTextCol());
        int outputs = out.size() - df.schema().size() - 1;
        return df.mapPartitions(new ScorePartition(broadcast, sha256, textIndex, outputs, getBatchSize()),
                Encoders.row(out));
    }

    /** Scores one partition: batches of rows, each extended by the outputs and the error. */
    private record ScorePartition(Broadcast<byte[]> bundle, String sha256, int textIndex, int outputs, int batch)
            implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Scorer scorer = BundleCache.get(sha256, bundle::value, "bundle " + sha256, b -> Scorer.of(b, "bundle"),
                    Scorer.class);
            return new Iterator<>() {
                private final List<Row> pending = new ArrayList<>(batch);
                private List<Scorer.Result> results = List.of();
                private int next;

                @Override
                public boolean hasNext() {
                    return next < pending.size() || rows.hasNext();
                }

                @Override
                public Row next() {
                    if (next == pending.size()) fill();
                    Row r = pending.get(next);
                    Scorer.Result s = results.get(next++);
                    Object[] v = new Object[r.size() + outputs + 1];
                    for (int i = 0; i < r.size(); i++) v[i] = r.get(i);
                    System.arraycopy(s.values(), 0, v, r.size(), outputs);
                    v[v.length - 1] = s.error();
                    return RowFactory.create(v);
                }

                private void fill() {
                    pending.clear();
                    next = 0;
                    List<String> texts = new ArrayList<>(batch);
                    while (pending.size() < batch && rows.hasNext()) {
                        Row r = rows.next();
                        pending.add(r);
                        texts.add(r.isNullAt(textIndex) ? null : r.getString(textIndex));
                    }
                    results = scorer.score(texts);
                }
            };
        }
    }

    @Override
    public XentModel copy(ParamMap extra) {
        XentModel copy = new XentModel(uid, bundle, sha256, task);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new XentModelIO.Writer(this);
    }

    public static MLReader<XentModel> read() {
        return new XentModelIO.Reader();
    }

    /** Loads a model saved by {@code model.write().save(path)} (or {@code model.save(path)}): any Hadoop path. */
    public static XentModel load(String path) {
        return read().load(path);
    }
}
