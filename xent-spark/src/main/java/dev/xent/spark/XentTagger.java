// A Spark ML Estimator that trains xent's BiLSTM tagger on a DataFrame by synchronous data-parallel SGD.
package dev.xent.spark;

import dev.xent.data.TaggedSentence;
import dev.xent.optim.Adam;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.train.Callback;
import dev.xent.train.EarlyStopping;
import dev.xent.train.LearningRate;
import dev.xent.train.Selection;
import dev.xent.train.TrainOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * <pre>{@code
 * XentModel model = new XentTagger().setEpoch(15).setTokensCol("tokens").setTagsCol("tags").fit(df);
 * model.saveBundle(Path.of("tagger.xent"));        // an ordinary bundle: xent predict / eval use it unchanged
 * }</pre>
 * The settings are those of {@code xent train tag} (its recipe's defaults; crf "auto" = a CRF for chunk tags); the
 * columns hold arrays of strings, one tag per token. The vocabularies and the tag set are counted distributedly and
 * equal the single-machine ones ({@link TagShards}); training is synchronous data-parallel SGD through the one
 * training loop ({@link SyncTraining}): each step, every partition takes the gradient of its ⌈batch / P⌉ sentences,
 * the gradients are summed, and the driver applies Adam. {@link #setValidationData} (collected to the driver)
 * enables validation, the best-epoch choice and {@code patience}.
 */
public final class XentTagger extends SyncEstimator<XentTagger> {
    private static final long serialVersionUID = 1L;
    private static final TaggerConfig R = TaggerConfig.recipe().forChunkTags(true);
    private final Param<String> tokensCol, tagsCol, crf;
    private final IntParam dim, hidden, charDim, charFilters, charWidth, maxWordChars, batch, epoch, patience;
    private final DoubleParam dropout, wordDropout, lr, lrDecay, clipNorm;
    private final BooleanParam iobes, lowercase;

    public XentTagger() {
        this(Identifiable$.MODULE$.randomUID("xentTagger"));
    }

    public XentTagger(String uid) {
        super(uid, 200L, "initialisation, batch order and dropout", R.seed());
        tokensCol = new Param<>(this, "tokensCol", "input column: the tokens of a sentence (array<string>)");
        tagsCol = new Param<>(this, "tagsCol", "input column: one tag per token (array<string>)");
        crf = new Param<>(this, "crf", "a CRF output layer: auto (for chunk tags), true or false",
                ParamValidators.inArray(new String[] {"auto", "true", "false"}));
        dim = new IntParam(this, "dim", "word embedding size", ParamValidators.gtEq(1));
        hidden = new IntParam(this, "hidden", "LSTM units per direction", ParamValidators.gtEq(1));
        charDim = new IntParam(this, "charDim", "character embedding size (0: none)", ParamValidators.gtEq(0));
        charFilters = new IntParam(this, "charFilters", "char-CNN filters", ParamValidators.gtEq(1));
        charWidth = new IntParam(this, "charWidth", "char-CNN window (odd)", ParamValidators.gtEq(1));
        maxWordChars = new IntParam(this, "maxWordChars", "characters of a word the char CNN reads", ParamValidators.gtEq(1));
        batch = new IntParam(this, "batch", "sentences per global batch (split over the partitions)", ParamValidators.gtEq(1));
        epoch = new IntParam(this, "epoch", "passes over the data", ParamValidators.gtEq(1));
        patience = new IntParam(this, "patience", "with validation data: epochs without improvement before stopping "
                + "(0: off)", ParamValidators.gtEq(0));
        dropout = new DoubleParam(this, "dropout", "dropout on the LSTM input and output", ParamValidators.inRange(0, 1, true, false));
        wordDropout = new DoubleParam(this, "wordDropout", "probability a singleton word becomes <unk>", ParamValidators.inRange(0, 1));
        lrDecay = new DoubleParam(this, "lrDecay", "the rate of epoch e (from 0) is lr / (1 + lrDecay × e), as Ma & Hovy "
                + "2016; 0: constant", ParamValidators.gtEq(0));
        lr = new DoubleParam(this, "lr", "Adam learning rate", ParamValidators.gt(0));
        clipNorm = new DoubleParam(this, "clipNorm", "max global gradient norm (0: off)", ParamValidators.gtEq(0));
        iobes = new BooleanParam(this, "iobes", "learn BIO chunk tags as IOBES, predict in the data's scheme");
        lowercase = new BooleanParam(this, "lowercase", "word embeddings of lowercased, digit-folded words");
        setDefault(tokensCol, "tokens");
        setDefault(tagsCol, "tags");
        setDefault(crf, "auto");
        setDefault(dim, R.wordDim());
        setDefault(hidden, R.hidden());
        setDefault(charDim, R.charDim());
        setDefault(charFilters, R.charFilters());
        setDefault(charWidth, R.charWidth());
        setDefault(maxWordChars, 20);
        setDefault(batch, R.batchSize());
        setDefault(epoch, R.epochs());
        setDefault(patience, 5);
        setDefault(dropout, Double.parseDouble(Float.toString(R.dropout())));   // 0.33, not 0.33000001311302185
        setDefault(wordDropout, R.wordDropout());
        setDefault(lr, R.lr());
        setDefault(lrDecay, TaggerConfig.DEFAULT_LR_DECAY);
        setDefault(clipNorm, R.clip());
        setDefault(iobes, R.iobes());
        setDefault(lowercase, R.lowercase());
    }

    public Param<String> tokensCol() { return tokensCol; }
    public Param<String> tagsCol() { return tagsCol; }
    public Param<String> crf() { return crf; }
    public IntParam dim() { return dim; }
    public IntParam hidden() { return hidden; }
    public IntParam charDim() { return charDim; }
    public IntParam charFilters() { return charFilters; }
    public IntParam charWidth() { return charWidth; }
    public IntParam maxWordChars() { return maxWordChars; }
    public IntParam batch() { return batch; }
    public IntParam epoch() { return epoch; }
    public IntParam patience() { return patience; }
    public DoubleParam dropout() { return dropout; }
    public DoubleParam wordDropout() { return wordDropout; }
    public DoubleParam lrDecay() { return lrDecay; }
    public DoubleParam lr() { return lr; }
    public DoubleParam clipNorm() { return clipNorm; }
    public BooleanParam iobes() { return iobes; }
    public BooleanParam lowercase() { return lowercase; }

    public XentTagger setTokensCol(String v) { return (XentTagger) set(tokensCol, v); }
    public XentTagger setTagsCol(String v) { return (XentTagger) set(tagsCol, v); }
    public XentTagger setCrf(String v) { return (XentTagger) set(crf, v); }
    public XentTagger setDim(int v) { return (XentTagger) set(dim, v); }
    public XentTagger setHidden(int v) { return (XentTagger) set(hidden, v); }
    public XentTagger setCharDim(int v) { return (XentTagger) set(charDim, v); }
    public XentTagger setCharFilters(int v) { return (XentTagger) set(charFilters, v); }
    public XentTagger setCharWidth(int v) { return (XentTagger) set(charWidth, v); }
    public XentTagger setMaxWordChars(int v) { return (XentTagger) set(maxWordChars, v); }
    public XentTagger setBatch(int v) { return (XentTagger) set(batch, v); }
    public XentTagger setEpoch(int v) { return (XentTagger) set(epoch, v); }
    public XentTagger setPatience(int v) { return (XentTagger) set(patience, v); }
    public XentTagger setDropout(double v) { return (XentTagger) set(dropout, v); }
    public XentTagger setWordDropout(double v) { return (XentTagger) set(wordDropout, v); }
    public XentTagger setLrDecay(double v) { return (XentTagger) set(lrDecay, v); }
    public XentTagger setLr(double v) { return (XentTagger) set(lr, v); }
    public XentTagger setClipNorm(double v) { return (XentTagger) set(clipNorm, v); }
    public XentTagger setIobes(boolean v) { return (XentTagger) set(iobes, v); }
    public XentTagger setLowercase(boolean v) { return (XentTagger) set(lowercase, v); }

    /** The single-machine config these params stand for, for data with chunk tags or not ({@code crf} auto). */
    public TaggerConfig config(boolean chunkTags) {
        boolean useCrf = $(crf).equals("auto") ? chunkTags : Boolean.parseBoolean($(crf));
        return new TaggerConfig((Integer) $(dim), (Integer) $(charDim), (Integer) $(charFilters), (Integer) $(charWidth),
                (Integer) $(hidden), useCrf, (Boolean) $(iobes), ((Double) $(dropout)).floatValue(), (Double) $(wordDropout),
                (Boolean) $(lowercase), (Double) $(lr), (Integer) $(batch), (Integer) $(epoch), (Double) $(clipNorm),
                true, (Long) $(seed()));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        for (String c : List.of($(tokensCol), $(tagsCol))) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("column \"" + c + "\" is not in the data; its columns are "
                        + Arrays.toString(schema.fieldNames()) + ". Fix: setTokensCol / setTagsCol");
            }
        }
        return schema;
    }

    /** The encoder parts (vocabularies, tags, output scheme) of {@code dataset}, counted distributedly. */
    TagShards.Parts encoder(Dataset<?> dataset) {
        return TagShards.encoder(rows(dataset), (Boolean) $(lowercase), (Integer) $(maxWordChars), (Boolean) $(iobes));
    }

    @Override
    public XentModel fit(Dataset<?> dataset) {
        Tagger t = train(dataset);
        return XentModel.written("tagger", t::save).setParent(this);
    }

    /** Trains and returns the tagger (the driver's copy, with the chosen epoch's weights). */
    Tagger train(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        JavaRDD<String[][]> rows = rows(dataset).persist(StorageLevel.MEMORY_ONLY());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.context());
        try {
            TagShards.Parts parts = TagShards.encoder(rows, (Boolean) $(lowercase), (Integer) $(maxWordChars), (Boolean) $(iobes));
            TaggerConfig cfg = config(parts.chunkTags());
            Tagger tagger = TagShards.tagger(cfg, parts);
            List<TaggedSentence> valid = validationData() == null ? List.of() : sentences(validationData());
            Selection selection = tagger.chunkTags() ? Selection.maximize("val_f1").thenMaximize("val_accuracy")
                    : Selection.maximize("val_accuracy");
            Broadcast<TagShards.Parts> shared = jsc.broadcast(parts);
            TagShards.Factory factory = new TagShards.Factory(shared, TagShards.Settings.of(cfg));
            double rate = cfg.lr();
            TrainOptions.Builder ob = TrainOptions.builder().epochs(cfg.epochs()).clipNorm(cfg.clip())
                    .callbacks(schedule().callbacks().toArray(Callback[]::new));
            if ((Integer) $(patience) > 0 && !valid.isEmpty()) {
                ob.callbacks(EarlyStopping.maximize(tagger.chunkTags() ? "val_f1" : "val_accuracy")
                        .patience((Integer) $(patience)));
            }
            try {
                run(rows, factory, tagger.model(), m -> new Adam(m.namedParameters(), rate),
                        () -> new Adam(tagger.model().namedParameters(), rate), schedule(), ob,
                        valid.isEmpty() ? null : () -> tagger.evaluate(valid).metrics("val_"), selection);
            } finally {
                shared.destroy(false);
            }
            return tagger;
        } finally {
            rows.unpersist(false);
        }
    }

    /** The learning-rate decay per epoch, as `xent train tag`'s lrDecay (nothing when 0). */
    private BarrierTraining.Schedule schedule() {
        double d = (Double) $(lrDecay);
        return () -> d > 0 ? List.of(LearningRate.perEpoch(LrSchedule.inverseTime(d))) : List.of();
    }

    /** The sentences of {@code dataset} as rows; a null column or a tokens/tags length mismatch is refused. */
    private JavaRDD<String[][]> rows(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String tc = $(tokensCol), gc = $(tagsCol);
        Dataset<Row> df = dataset.toDF().select(col(tc), col(gc));
        long bad = df.filter(col(tc).isNull().or(col(gc).isNull())
                .or(org.apache.spark.sql.functions.size(col(tc)).notEqual(org.apache.spark.sql.functions.size(col(gc)))))
                .count();
        if (bad > 0) {
            throw new IllegalArgumentException(bad + " rows have a null " + tc + " or " + gc + ", or not one tag per "
                    + "token; training needs both, of equal length. Fix: filter them out (size(" + tc + ") = size("
                    + gc + "))");
        }
        return df.javaRDD().map(r -> new String[][] {
                r.<String>getList(0).toArray(String[]::new), r.<String>getList(1).toArray(String[]::new)});
    }

    private List<TaggedSentence> sentences(Dataset<?> dataset) {
        List<TaggedSentence> out = new ArrayList<>();
        for (String[][] s : rows(dataset).collect()) {
            if (s[0].length > 0) out.add(new TaggedSentence(Arrays.asList(s[0]), Arrays.asList(s[1]), out.size() + 1));
        }
        return out;
    }

    @Override
    protected XentTagger create(String uid) {
        return new XentTagger(uid);
    }

    public static MLReader<XentTagger> read() {
        return new DefaultParamsReader<>();
    }

    public static XentTagger load(String path) {
        return read().load(path);
    }
}
