// Reading training or scoring data into a (text, label) DataFrame from any Hadoop path, in the formats xent reads.
package dev.xent.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * fasttext: "__label__pos great film" lines (words with the prefix are labels, the rest joined by one space is the
 * text, blank lines skipped: as the single-machine FastTextReader); tsv / csv: a header line names the columns (tsv
 * without quoting, as GLUE's files); json: JSON lines; parquet. The text and label columns keep their names
 * ("text" and "label" for fastText format).
 */
final class SparkData {
    static final String PREFIX = "__label__";

    private SparkData() {}

    /**
     * The data at {@code path} in at least {@code partitions} partitions: a fastText file is cut into contiguous
     * line ranges, in order (as one machine reads it); the other formats are split by Spark's file reader, and
     * shuffled into more partitions when it made fewer.
     */
    static Dataset<Row> read(SparkSession spark, String path, String format, int partitions) {
        if (format.equals("fasttext")) return fastText(spark, path, partitions);
        Dataset<Row> df = read(spark, path, format);
        return df.javaRDD().getNumPartitions() >= partitions ? df : df.repartition(partitions);
    }

    private static Dataset<Row> read(SparkSession spark, String path, String format) {
        return switch (format) {
            case "tsv" -> spark.read().option("header", "true").option("sep", "\t").option("quote", "").csv(path);
            case "csv" -> spark.read().option("header", "true").option("multiLine", "true").csv(path);
            case "json" -> spark.read().json(path);
            case "parquet" -> spark.read().parquet(path);
            default -> throw new IllegalArgumentException("-format must be fasttext, tsv, csv, json or parquet; got \""
                    + format + "\"");
        };
    }

    /** (text, label) rows of a fastText-format file; a line with no label or with several is an error. */
    static Dataset<Row> fastText(SparkSession spark, String path, int partitions) {
        StructType schema = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType);
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path, partitions)
                .flatMap(line -> parseFastText(path, line).iterator());
        return spark.createDataFrame(rows, schema);
    }

    /**
     * No row for a blank line, else (text, label): the words without the prefix joined by one space, the label.
     * Words are the runs between [ \t\u000B\f] after strip(), as FastTextReader splits (a hand-written split: a
     * regex split compiled its pattern per line and was a fifth of a scoring task's time).
     */
    static List<Row> parseFastText(String path, String line) {
        String s = line.strip();
        if (s.isEmpty()) return List.of();
        String label = null;
        int labels = 0;
        StringBuilder text = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; ) {
            while (i < n && separator(s.charAt(i))) i++;
            int start = i;
            while (i < n && !separator(s.charAt(i))) i++;
            if (start == i) break;
            if (s.startsWith(PREFIX, start)) {
                labels++;
                label = s.substring(start + PREFIX.length(), i);
            } else {
                if (!text.isEmpty()) text.append(' ');
                text.append(s, start, i);
            }
        }
        if (labels != 1 || label.isEmpty()) {
            throw new IllegalArgumentException(path + ": the line \"" + line + "\" has " + labels
                    + " labels; xent-spark trains single-label data: one " + PREFIX + "NAME per line");
        }
        return List.of(RowFactory.create(text.toString(), label));
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
    }
}
