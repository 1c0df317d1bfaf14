// `xent-spark train tag|lm`: the flags of `xent train tag|lm` set the estimator's params of the same names.
package dev.xent.spark;

import dev.xent.data.ConllReader;
import dev.xent.data.ConllUReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.RecordReader;
import dev.xent.data.TaggedSentence;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tagging data: {@code -format conll} (default: token first, tag last, a blank line between sentences; a name ending
 * in .conllu is CoNLL-U with FORM and UPOS) is read on the driver through Hadoop's file system (sentences span lines,
 * so a file is not split) and spread over {@code -partitions} contiguous slices; {@code json} / {@code parquet} hold
 * array columns ({@code -tokensCol}, {@code -tagsCol}). LM text: {@code -format text} (default: one row per line,
 * read by Spark's text reader in order), or a column {@code -textCol} of csv / tsv / json / parquet data.
 */
final class TrainTagLm {
    static final Set<String> TAG_PARAMS = Set.of("dim", "hidden", "charDim", "charFilters", "charWidth", "maxWordChars",
            "crf", "iobes", "dropout", "wordDropout", "lowercase", "lr", "lrDecay", "batch", "clipNorm", "epoch", "patience", "seed", "sync", "syncEvery", "checkpointDir", "checkpointEvery", "resume");
    static final Set<String> LM_PARAMS = Set.of("level", "minCount", "model", "cell", "tied", "dim", "layers", "heads",
            "feedForward", "dropout", "embedDropout", "weightDropout", "variational", "cutoffs", "lrDecay", "bptt", "blockLen", "batch", "lr", "weightDecay", "clipNorm", "epoch", "maxSteps",
            "seed", "sync", "syncEvery", "checkpointDir", "checkpointEvery", "resume");

    private TrainTagLm() {}

    static XentModel tag(SparkSession spark, Map<String, String> f, int partitions, PrintStream err) {
        XentTagger est = params(new XentTagger(), f, TAG_PARAMS);
        String format = f.getOrDefault("format", "conll");
        if (f.containsKey("tokensCol")) est = est.setTokensCol(f.get("tokensCol"));
        if (f.containsKey("tagsCol")) est = est.setTagsCol(f.get("tagsCol"));
        est.setStepListener(s -> progress(err, s)).setBarrierListener(s -> summary(err, s));
        if (f.containsKey("valid")) est.setValidationData(tagData(spark, f.get("valid"), format, partitions));
        return est.fit(tagData(spark, f.get("input"), format, partitions));
    }

    static XentModel lm(SparkSession spark, Map<String, String> f, int partitions, PrintStream err) {
        XentLanguageModel est = params(new XentLanguageModel(), f, LM_PARAMS);
        String format = f.getOrDefault("format", "text");
        String col = f.getOrDefault("textCol", format.equals("text") ? "value" : "text");
        est = est.setTextCol(col);
        est.setStepListener(s -> progress(err, s)).setBarrierListener(s -> summary(err, s));
        if (f.containsKey("valid")) est.setValidationData(text(spark, f.get("valid"), format, 1));
        return est.fit(text(spark, f.get("input"), format, partitions));
    }

    static void progress(PrintStream err, SyncTraining.Step s) {
        if (s.step() % 50 == 1) {
            err.printf("step %d (epoch %d, batch %d): loss %.4f, %d tokens, %.3f s, broadcast %.2f MB, summed %.2f MB%n",
                    s.step(), s.epoch() + 1, s.batch() + 1, s.loss(), s.units(), s.seconds(), s.bytesBroadcast() / 1e6,
                    s.bytesCollected() / 1e6);
        }
    }

    private static void summary(PrintStream err, BarrierTraining.Summary s) {
        err.printf("barrier: %d steps in %.1f s (%.3f s/step), %.3f s/step in allGather, %.2f MB sent per worker and step%n",
                s.steps(), s.seconds(), s.seconds() / Math.max(1, s.steps()), s.gatherSeconds() / Math.max(1, s.steps()),
                s.bytesPerStep() / 1e6);
    }

    /** {@code est} with each flag of {@code names} given in {@code f} set, parsed by its param's type. */
    @SuppressWarnings("unchecked")
    static <E extends Estimator<?>> E params(E est, Map<String, String> f, Set<String> names) {
        ParamMap m = ParamMap.empty();
        for (String name : names) {
            String v = f.get(name);
            if (v == null) continue;
            Param<?> p = est.getParam(name);
            try {
                if (p instanceof IntParam ip) m.put(ip, Integer.parseInt(v));
                else if (p instanceof LongParam lp) m.put(lp, Long.parseLong(v));
                else if (p instanceof DoubleParam dp) m.put(dp, Double.parseDouble(v));
                else if (p instanceof BooleanParam bp) m.put(bp, bool(name, v));
                else m.put((Param<String>) p, v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-" + name + " must be a number; got \"" + v + "\"");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-" + name + " " + v + ": " + e.getMessage() + " (" + p.doc() + ")");
            }
        }
        return (E) est.copy(m);
    }

    private static boolean bool(String name, String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("-" + name + " must be true or false; got \"" + v + "\"");
        }
        return Boolean.parseBoolean(v);
    }

    /** Sentences as a (tokens, tags) frame in {@code partitions} contiguous slices. */
    static Dataset<Row> tagData(SparkSession spark, String path, String format, int partitions) {
        if (!format.equals("conll")) return SparkData.read(spark, path, format, partitions);
        List<Row> rows = new ArrayList<>();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try (InputStream in = FileSystem.get(p.toUri(), spark.sparkContext().hadoopConfiguration()).open(p);
             RecordReader<TaggedSentence> r = path.endsWith(".conllu")
                     ? new ConllUReader(in, path, ConllUReader.Tag.UPOS, ReadOptions.defaults())
                     : new ConllReader(in, path, ConllReader.Format.standard(), ReadOptions.defaults())) {
            while (r.hasNext()) {
                TaggedSentence s = r.next();
                if (s.size() > 0) rows.add(org.apache.spark.sql.RowFactory.create(s.tokens().toArray(), s.tags().toArray()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(path + ": no sentences (empty, or not CoNLL)");
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("tokens", org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.StringType))
                .add("tags", org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.StringType));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    /** Lines of text: Spark's text reader (column "value", in file order) or another format's columns. */
    static Dataset<Row> text(SparkSession spark, String path, String format, int partitions) {
        if (!format.equals("text")) return SparkData.read(spark, path, format, partitions);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataset(jsc.textFile(path, partitions).rdd(), org.apache.spark.sql.Encoders.STRING())
                .toDF("value");
    }
}
