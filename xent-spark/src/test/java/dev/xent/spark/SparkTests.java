// One local[2] SparkSession for all the module's tests (a session takes seconds to start on this machine).
package dev.xent.spark;

import dev.xent.data.Example;
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

    /** The shared session: local[2], bound to 127.0.0.1, no UI; stopped by Spark's shutdown hook. */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("xent-spark-tests")
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
