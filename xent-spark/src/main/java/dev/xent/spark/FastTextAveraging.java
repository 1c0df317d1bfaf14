// Data-parallel fastText-style training: each partition trains its share with the hogwild trainer, and the models
// are averaged (treeAggregate of touched rows) and broadcast again several times per epoch.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.io.ModelBundle;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextTask;
import dev.xent.train.Hogwild;
import dev.xent.train.TrainOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rounds: an epoch is cut into {@code syncs} rounds; in round k of an epoch, partition p trains on the k-th
 * contiguous slice of its rows (in order, as fastText reads a file), starting from the current global weights,
 * with the learning rate the single-machine run has at that point of the whole run (lr · (1 − progress), progress
 * going from t/T to (t+1)/T in round t of T). Each worker returns the input rows it touched, weighted by how often,
 * and the output matrix, weighted by its examples ({@link RowAverage}); a treeAggregate sums them, the driver
 * divides, and the next round's weights go out in one broadcast. The dictionary (and config) is broadcast once,
 * as an untrained bundle, and loaded once per executor JVM.
 */
final class FastTextAveraging {
    /** One round's figures: where it was, its wall time, the bytes broadcast and collected, its mean loss. */
    public record Round(int epoch, int round, double seconds, long bytesBroadcast, long bytesCollected,
                        long examples, double meanLoss) {}

    private FastTextAveraging() {}

    static FastTextClassifier train(JavaRDD<Tuple2<String, String>> data, FastTextClassifier untrained, int syncs,
                                    Consumer<Round> listener) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
        byte[] bytes = bundleBytes(untrained);
        String sha = ModelBundle.parse(bytes, "untrained").sha256();
        Broadcast<byte[]> dictionary = jsc.broadcast(bytes);
        float[] input = untrained.weights().get("input").data().clone();
        float[] output = untrained.weights().get("output").data().clone();
        int dim = untrained.config().dim();
        int epochs = untrained.config().epoch();
        int total = epochs * syncs;
        try {
            for (int t = 0; t < total; t++) {
                long start = System.nanoTime();
                Broadcast<float[][]> weights = jsc.broadcast(new float[][] {input, output});
                int slice = t % syncs;
                double from = (double) t / total, to = (double) (t + 1) / total;
                RowAverage sum = data.mapPartitions(rows -> List.of(trainSlice(rows, dictionary, sha, weights, slice,
                                syncs, from, to, dim)).iterator())
                        .treeAggregate(RowAverage.empty(dim), RowAverage::merge, RowAverage::merge);
                sum.applyTo(input, output);
                weights.destroy();
                listener.accept(new Round(t / syncs, slice, (System.nanoTime() - start) / 1e9,
                        4L * (input.length + output.length), sum.bytes, sum.examples,
                        sum.examples == 0 ? Double.NaN : sum.lossSum / sum.examples));
            }
        } finally {
            dictionary.destroy();
        }
        return untrained.withWeights(input, output);
    }

    /** One partition's round: its slice-th of syncs slices, trained from the broadcast weights. */
    private static RowAverage trainSlice(Iterator<Tuple2<String, String>> rows, Broadcast<byte[]> dictionary,
                                         String sha, Broadcast<float[][]> weights, int slice, int syncs,
                                         double from, double to, int dim) {
        List<Tuple2<String, String>> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        int lo = (int) ((long) slice * all.size() / syncs), hi = (int) ((long) (slice + 1) * all.size() / syncs);
        if (lo == hi) return RowAverage.empty(dim);
        List<Example> part = new ArrayList<>(hi - lo);
        for (int i = lo; i < hi; i++) part.add(new Example(all.get(i)._1(), List.of(all.get(i)._2()), i + 1));
        FastTextClassifier base = BundleCache.get(sha, dictionary::value, "untrained bundle",
                b -> FastTextClassifier.load(b, Path.of("untrained.xent")), FastTextClassifier.class);
        float[][] w = weights.value();
        FastTextClassifier c = base.withWeights(w[0].clone(), w[1].clone());
        Hogwild.Result r = FastTextTask.continuing(c, part, from, to).fit(TrainOptions.builder().build());
        int[] touched = new int[w[0].length / dim];
        for (Example e : part) for (int row : c.inputRows(e.text())) touched[row]++;
        return RowAverage.of(c.weights().get("input").data(), c.weights().get("output").data(), dim, touched,
                part.size(), r.meanLoss() * r.steps());
    }

    /** The bundle of {@code c} as bytes (as a .xent file holds them). */
    static byte[] bundleBytes(FastTextClassifier c) {
        try {
            Path tmp = Files.createTempFile("xent-spark", ".xent");
            try {
                c.save(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary model bundle: " + e.getMessage(), e);
        }
    }
}
