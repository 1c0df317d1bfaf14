// The fastText-style model's words, labels and n-gram buckets, counted over a distributed dataset, in the order the
// single-machine trainer gives them (so the untrained model, its weights included, is the same).
package dev.xent.spark;

import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.task.classify.FastTextHash;
import dev.xent.task.classify.FastTextTokens;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The single-machine dictionary sorts words and labels by count, most frequent first, ties in the order first seen,
 * and gives an n-gram bucket its row in the order first seen. Here every occurrence is keyed by where it is,
 * (row, position): one reduceByKey per kind sums the counts and keeps the first place, and the driver sorts the
 * (much smaller) result. Rows are numbered in the dataset's order (zipWithIndex), which is the order the
 * single-machine trainer reads the same data in.
 */
final class FastTextVocabulary {
    private FastTextVocabulary() {}

    /** The untrained classifier of {@code data}: (text, label) pairs, in order. */
    static FastTextClassifier untrained(JavaRDD<Tuple2<String, String>> data, FastTextConfig config) {
        JavaPairRDD<Tuple2<String, String>, Long> rows = data.zipWithIndex();
        List<Tuple2<String, long[]>> words = rows.flatMapToPair(r -> {
            List<String> tokens = FastTextTokens.tokenize(r._1()._1());
            List<Tuple2<String, long[]>> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) out.add(new Tuple2<>(tokens.get(i), new long[] {1, r._2(), i}));
            return out.iterator();
        }).reduceByKey(FastTextVocabulary::merge).collect();
        List<Tuple2<String, long[]>> labels = rows.mapToPair(r -> new Tuple2<>(r._1()._2(), new long[] {1, r._2(), 0}))
                .reduceByKey(FastTextVocabulary::merge).collect();
        int[] buckets = new int[0];
        if (config.wordNgrams() > 1) {
            int n = config.wordNgrams(), bucket = config.bucket();
            List<Tuple2<Integer, long[]>> seen = rows.flatMapToPair(r -> {
                List<String> tokens = FastTextTokens.tokenize(r._1()._1());
                int[] hashes = new int[tokens.size()];
                for (int i = 0; i < hashes.length; i++) hashes[i] = FastTextHash.hash(tokens.get(i));
                int[] b = new int[FastTextHash.ngramCount(hashes.length, n)];
                int nb = FastTextHash.ngramBuckets(hashes, hashes.length, n, bucket, b);
                List<Tuple2<Integer, long[]>> out = new ArrayList<>(nb);
                for (int j = 0; j < nb; j++) out.add(new Tuple2<>(b[j], new long[] {1, r._2(), j}));
                return out.iterator();
            }).reduceByKey(FastTextVocabulary::merge).collect();
            buckets = seen.stream().sorted(Comparator.comparing(t -> t._2(), FastTextVocabulary::firstSeen))
                    .mapToInt(Tuple2::_1).toArray();
        }
        List<Tuple2<String, long[]>> w = byCount(words, config.minCount());
        List<Tuple2<String, long[]>> l = byCount(labels, 1);
        return FastTextClassifier.untrained(config, w.stream().map(Tuple2::_1).toList(),
                w.stream().mapToLong(t -> t._2()[0]).toArray(), l.stream().map(Tuple2::_1).toList(),
                l.stream().mapToLong(t -> t._2()[0]).toArray(), buckets);
    }

    /** {count, row, position}: counts summed, the earlier place kept. */
    private static long[] merge(long[] a, long[] b) {
        long[] first = firstSeen(a, b) <= 0 ? a : b;
        return new long[] {a[0] + b[0], first[1], first[2]};
    }

    private static int firstSeen(long[] a, long[] b) {
        return a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]);
    }

    /** Kept (count >= minCount), most frequent first, ties in the order first seen. */
    private static <K> List<Tuple2<K, long[]>> byCount(List<Tuple2<K, long[]>> counted, int minCount) {
        return counted.stream().filter(t -> t._2()[0] >= minCount)
                .sorted(Comparator.comparing((Tuple2<K, long[]> t) -> -t._2()[0])
                        .thenComparing(t -> t._2(), FastTextVocabulary::firstSeen))
                .toList();
    }
}
