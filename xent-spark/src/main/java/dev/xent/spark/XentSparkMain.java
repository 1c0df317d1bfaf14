// The spark-submit command: `train classify|tag|lm` with the flags of `xent train …`, and `score` with a bundle.
package dev.xent.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <pre>
 * spark-submit --class dev.xent.spark.XentSparkMain xent-spark.jar train classify -input hdfs://…/train.txt \
 *     -output run [-valid dev.txt] [-dim 100 -epoch 5 -lr 0.5 -wordNgrams 2 -bucket N -minCount N -loss softmax|ova
 *     -seed N -thread N] [-syncs 4] [-partitions N] [-format fasttext|tsv|csv|json|parquet] [-textCol C -labelCol C]
 *     [-model cnn|rnn|transformer and their flags: -batch -dropout -weightDecay -clipNorm -widths -filters -cell
 *     -hidden -layers -pooling -heads -feedForward -tokenizer -lowercase -maxLength]
 * spark-submit … train tag -input train.conllu -output run [-valid dev.conllu] [the flags of xent train tag] \
 *     [-partitions N] [-format conll|json|parquet] [-tokensCol C -tagsCol C]
 * spark-submit … train lm -input text.txt -output run [-valid valid.txt] [the flags of xent train lm]
 *     [-partitions N] [-format text|csv|tsv|json|parquet] [-textCol C]
 * spark-submit … score -model run/model.xent -input data -output scored.parquet [-format …] [-textCol C]
 * </pre>
 * {@code train classify} writes run/model.xent (an ordinary bundle: {@code xent predict/eval} use it) and prints one
 * line per averaging round to stderr and a summary (with dev accuracy for -valid) to stdout. Without a master set by
 * spark-submit it runs on local[2]. The one place in xent-spark that prints and exits.
 */
public final class XentSparkMain {
    private static final List<String> TRAIN_FLAGS = List.of("input", "output", "valid", "dim", "epoch", "lr",
            "wordNgrams", "bucket", "minCount", "loss", "seed", "thread", "syncs", "partitions", "format", "textCol",
            "labelCol", "model", "batch", "dropout", "weightDecay", "clipNorm", "widths", "filters", "cell", "hidden",
            "layers", "pooling", "heads", "feedForward", "tokenizer", "lowercase", "maxLength");
    /** Flags of the neural classifiers (cnn, rnn, transformer), each the estimator's param of that name. */
    private static final java.util.Set<String> NEURAL_PARAMS = java.util.Set.of("batch", "dropout", "weightDecay",
            "clipNorm", "widths", "filters", "cell", "hidden", "layers", "pooling", "heads", "feedForward", "tokenizer",
            "lowercase", "maxLength");
    private static final List<String> SCORE_FLAGS = List.of("model", "input", "output", "format", "textCol",
            "partitions");

    private XentSparkMain() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("xent-spark: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IllegalArgumentException {
        if (args.length >= 2 && args[0].equals("train") && args[1].equals("classify")) {
            return train(flags(args, 2, TRAIN_FLAGS), out, err);
        }
        if (args.length >= 2 && args[0].equals("train") && (args[1].equals("tag") || args[1].equals("lm"))) {
            return trainTagLm(args[1], args, out, err);
        }
        if (args.length >= 1 && args[0].equals("score")) return score(flags(args, 1, SCORE_FLAGS), out);
        throw new IllegalArgumentException("usage: train classify|tag|lm -input PATH -output DIR [flags] | score -model "
                + "FILE -input PATH -output PATH; got " + String.join(" ", args));
    }

    /** train tag / train lm: the CLI's flags are the estimator's params ({@link TrainTagLm}). */
    private static int trainTagLm(String what, String[] args, PrintStream out, PrintStream err) {
        boolean tag = what.equals("tag");
        List<String> known = new java.util.ArrayList<>(List.of("input", "output", "valid", "partitions", "format"));
        known.addAll(tag ? List.of("tokensCol", "tagsCol") : List.of("textCol"));
        known.addAll(new java.util.TreeSet<>(tag ? TrainTagLm.TAG_PARAMS : TrainTagLm.LM_PARAMS));
        Map<String, String> f = flags(args, 2, known);
        required(f, "input");
        String output = required(f, "output");
        SparkSession spark = session();
        int partitions = f.containsKey("partitions") ? integer(f, "partitions") : spark.sparkContext().defaultParallelism();
        long start = System.nanoTime();
        XentModel model = tag ? TrainTagLm.tag(spark, f, partitions, err) : TrainTagLm.lm(spark, f, partitions, err);
        saveTrained(out, model, output, (System.nanoTime() - start) / 1e9, partitions, spark);
        return 0;
    }

    private static int train(Map<String, String> f, PrintStream out, PrintStream err) {
        String input = required(f, "input"), output = required(f, "output");
        SparkSession spark = session();
        int partitions = Integer.parseInt(f.getOrDefault("partitions",
                String.valueOf(spark.sparkContext().defaultParallelism())));
        String format = f.getOrDefault("format", "fasttext");
        XentClassifier est = TrainTagLm.params(new XentClassifier().setModel(f.getOrDefault("model", "fasttext")), f,
                NEURAL_PARAMS);
        if (f.containsKey("textCol")) est.setTextCol(f.get("textCol"));
        if (f.containsKey("labelCol")) est.setLabelCol(f.get("labelCol"));
        if (f.containsKey("dim")) est.setDim(integer(f, "dim"));
        if (f.containsKey("epoch")) est.setEpoch(integer(f, "epoch"));
        if (f.containsKey("lr")) est.setLr(Double.parseDouble(f.get("lr")));
        if (f.containsKey("wordNgrams")) est.setWordNgrams(integer(f, "wordNgrams"));
        if (f.containsKey("bucket")) est.setBucket(integer(f, "bucket"));
        if (f.containsKey("minCount")) est.setMinCount(integer(f, "minCount"));
        if (f.containsKey("loss")) est.setLoss(f.get("loss"));
        if (f.containsKey("seed")) est.setSeed(Long.parseLong(f.get("seed")));
        if (f.containsKey("thread")) est.setThreads(integer(f, "thread"));
        if (f.containsKey("syncs")) est.setSyncsPerEpoch(integer(f, "syncs"));
        est.setRoundListener(r -> err.printf("epoch %d round %d: %.2f s, loss %.4f, %d examples, broadcast %.1f MB, "
                + "collected %.1f MB%n", r.epoch() + 1, r.round() + 1, r.seconds(), r.meanLoss(), r.examples(),
                r.bytesBroadcast() / 1e6, r.bytesCollected() / 1e6));
        est.setStepListener(s -> TrainTagLm.progress(err, s));
        Dataset<Row> train = SparkData.read(spark, input, format, partitions);
        if (f.containsKey("valid") && !est.getOrDefault(est.model()).equals("fasttext")) {   // the best epoch on it
            est.setValidationData(SparkData.read(spark, f.get("valid"), format, partitions));
        }
        long start = System.nanoTime();
        XentModel model = est.fit(train);
        saveTrained(out, model, output, (System.nanoTime() - start) / 1e9, train.javaRDD().getNumPartitions(), spark);
        if (f.containsKey("valid")) {
            Dataset<Row> valid = SparkData.read(spark, f.get("valid"), format, partitions);
            Dataset<Row> scored = model.transform(valid);
            long n = scored.count();
            String label = est.getOrDefault(est.labelCol());
            long right = scored.filter(scored.col(model.getPredictionCol())
                    .equalTo(scored.col(label).cast("string"))).count();
            out.printf("valid accuracy %.4f (%d / %d)%n", (double) right / n, right, n);
        }
        return 0;
    }

    private static int score(Map<String, String> f, PrintStream out) {
        String modelFile = required(f, "model"), input = required(f, "input"), output = required(f, "output");
        SparkSession spark = session();
        int partitions = Integer.parseInt(f.getOrDefault("partitions",
                String.valueOf(spark.sparkContext().defaultParallelism())));
        XentModel model;
        try {
            model = XentModel.fromBundle(Path.of(modelFile));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("-model " + modelFile + ": cannot read (" + e.getMessage() + ")");
        }
        if (f.containsKey("textCol")) model.setTextCol(f.get("textCol"));
        Dataset<Row> data = SparkData.read(spark, input, f.getOrDefault("format", "fasttext"), partitions);
        int parts = data.javaRDD().getNumPartitions();
        TaskTimes times = new TaskTimes();
        spark.sparkContext().addSparkListener(times);
        long start = System.nanoTime();
        model.transform(data).write().mode("overwrite").parquet(output);
        double seconds = (System.nanoTime() - start) / 1e9;
        String tasks;
        try {
            tasks = times.summary(parts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tasks = "(interrupted)";
        }
        spark.sparkContext().removeSparkListener(times);
        long rows = spark.read().parquet(output).count();
        out.printf("scored %d rows in %.1f s (%.0f rows/s, %d partitions): %s -> %s%n", rows, seconds, rows / seconds,
                parts, input, output);
        out.printf("tasks: %s%n", tasks);
        return 0;
    }

    private static SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("xent-spark");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) b.master("local[2]");
        return b.getOrCreate();
    }

    /** "-name value" pairs after args[from]; an unknown flag or a missing value is an error naming it. */
    static Map<String, String> flags(String[] args, int from, List<String> known) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = from; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--?", "");
            if (!args[i].startsWith("-") || !known.contains(name)) {
                throw new IllegalArgumentException("unknown flag \"" + args[i] + "\"; the flags are -"
                        + String.join(", -", known));
            }
            if (i + 1 == args.length) throw new IllegalArgumentException("flag " + args[i] + " needs a value");
            f.put(name, args[i + 1]);
        }
        return f;
    }

    private static String required(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) throw new IllegalArgumentException("-" + name + " is required");
        return v;
    }

    private static int integer(Map<String, String> f, String name) {
        try {
            return Integer.parseInt(f.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-" + name + " must be an integer; got \"" + f.get(name) + "\"");
        }
    }

    /** Writes OUTPUT/model.xent and prints how long training took on how many partitions of which master. */
    private static void saveTrained(PrintStream out, XentModel model, String output, double seconds, int partitions,
                                    SparkSession spark) {
        Path dir = Path.of(output);
        try {
            Files.createDirectories(dir);
            model.saveBundle(dir.resolve("model.xent"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("-output " + output + ": cannot write model.xent (" + e.getMessage() + ")");
        }
        out.printf("trained in %.1f s on %d partitions (%s); model: %s%n", seconds, partitions,
                spark.sparkContext().master(), dir.resolve("model.xent"));
    }
}
