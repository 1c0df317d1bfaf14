// One local[2] SparkSession for all the module's tests (a session takes seconds to start on this machine).
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.data.TaggedSentence;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

final class SparkTests {
    private static SparkSession spark;

    private SparkTests() {}

    /**
     * The shared session: local[2, 2] (2 threads; a failed task is tried twice: the retry tests need it), bound to
     * 127.0.0.1, no UI; stopped by Spark's shutdown hook.
     */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2,2]").appName("xent-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** A DataFrame (text, label) of {@code data} (first label), in order, in {@code partitions} partitions. */
    static Dataset<Row> frame(List<Example> data, int partitions) {
        StructType schema = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (Example e : data) rows.add(RowFactory.create(e.text(), e.label()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(rows, partitions), schema);   // contiguous slices, in order
    }

    /** A DataFrame (tokens, tags: arrays of strings) of {@code data}, in order, in {@code partitions} partitions. */
    static Dataset<Row> tagFrame(List<TaggedSentence> data, int partitions) {
        StructType schema = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.StringType))
                .add("tags", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> rows = new ArrayList<>();
        for (TaggedSentence s : data) rows.add(RowFactory.create(s.tokens().toArray(), s.tags().toArray()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    /**
     * Sentences whose tags follow from their words: "dN" DET, "nN" NOUN, "vN" VERB, digits NUM; with {@code chunks}
     * names "pN" as B-PER/I-PER spans among O tags instead.
     */
    static List<TaggedSentence> tagged(int n, long seed, boolean chunks) {
        java.util.Random r = new java.util.Random(seed);
        List<TaggedSentence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> toks = new ArrayList<>(), tags = new ArrayList<>();
            int len = 2 + r.nextInt(9);
            for (int j = 0; j < len; j++) {
                int kind = r.nextInt(4);
                if (chunks) {
                    boolean name = kind == 0;
                    toks.add(name ? "p" + r.nextInt(12) : "w" + r.nextInt(30));
                    tags.add(!name ? "O" : j > 0 && tags.get(j - 1).endsWith("PER") ? "I-PER" : "B-PER");
                } else {
                    String[] k = {"d", "n", "v", "1"};
                    String[] t = {"DET", "NOUN", "VERB", "NUM"};
                    toks.add(k[kind] + (kind == 3 ? String.valueOf(r.nextInt(90)) : String.valueOf(r.nextInt(15))));
                    tags.add(t[kind]);
                }
            }
            out.add(new TaggedSentence(toks, tags, i + 1));
        }
        return out;
    }

    /**
     * A small two-class corpus with a learnable signal: class "a" texts draw most words from one half of a vocabulary,
     * class "b" from the other, plus shared noise words.
     */
    static List<Example> corpus(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            StringBuilder s = new StringBuilder();
            int len = 3 + r.nextInt(8);
            for (int j = 0; j < len; j++) {
                if (j > 0) s.append(' ');
                int w = r.nextInt(10) < 7 ? (a ? 0 : 20) + r.nextInt(20) : 40 + r.nextInt(20);
                s.append('w').append(w);
            }
            out.add(new Example(s.toString(), List.of(a ? "a" : "b"), i + 1));
        }
        return out;
    }
}
