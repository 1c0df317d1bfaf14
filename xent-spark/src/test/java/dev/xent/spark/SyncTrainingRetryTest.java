// Faults on local[2, 2]: a shard task that fails mid-training is retried by Spark and the run ends with the weights
// of the run without the fault, also when the retry finds no worker (a lost executor) and rebuilds it from the rows.
package dev.xent.spark;

import dev.xent.data.TaggedSentence;
import dev.xent.nn.Module;
import dev.xent.optim.Adam;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.tensor.Tensor;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SyncTrainingRetryTest {
    /** Failures thrown so far (the tasks run in this JVM on local[2, 2]). */
    static final AtomicInteger THROWN = new AtomicInteger();

    /** The tagger's shard tasks; partition 1 fails once at step 3 of epoch 1, dropping the JVM's workers if asked. */
    record Failing(TagShards.Factory inner, boolean loseWorkers) implements SyncTraining.ShardFactory<String[][]> {
        @Override
        public TrainTask build(int p, int partitions, List<String[][]> rows) {
            TrainTask t = inner.build(p, partitions, rows);
            return new TrainTask() {
                @Override public Module model() { return t.model(); }
                @Override public int batches(int epoch) { return t.batches(epoch); }
                @Override public void beginEpoch(int epoch) { t.beginEpoch(epoch); }
                @Override public void endStep() { t.endStep(); }
                @Override public long units(int epoch, int batch) { return t.units(epoch, batch); }
                @Override public double lossWeight(int epoch, int batch) { return t.lossWeight(epoch, batch); }

                @Override
                public Tensor loss(int epoch, int batch) {
                    if (p == 1 && epoch == 0 && batch == 2 && THROWN.compareAndSet(0, 1)) {
                        if (loseWorkers) ShardWorker.clear();
                        throw new IllegalStateException("injected failure");
                    }
                    return t.loss(epoch, batch);
                }
            };
        }
    }

    private static Map<String, Tensor> train(JavaRDD<String[][]> rows, TagShards.Parts parts, TaggerConfig cfg,
                                             SyncTraining.ShardFactory<String[][]> factory) {
        Tagger tagger = TagShards.tagger(cfg, parts);
        SyncTraining task = new SyncTraining(rows, factory, tagger.model(), "tokens", null, null, null);
        new Trainer(task, new Adam(tagger.model().namedParameters(), cfg.lr()))
                .fit(TrainOptions.builder().epochs(cfg.epochs()).clipNorm(cfg.clip()).build());
        task.release();
        return tagger.model().stateDict();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFailedShardTaskIsRetriedAndTheRunEndsAsWithoutTheFault(boolean loseWorkers) {
        List<TaggedSentence> data = SparkTests.tagged(60, 9, false);
        XentTagger est = XentTaggerTest.small();
        JavaRDD<String[][]> rows = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext())
                .parallelize(data.stream().map(TagShards::row).toList(), 2).cache();
        TagShards.Parts parts = est.encoder(SparkTests.tagFrame(data, 2));
        TaggerConfig cfg = est.config(false);
        Broadcast<TagShards.Parts> shared = JavaSparkContext.fromSparkContext(rows.context()).broadcast(parts);
        TagShards.Factory plain = new TagShards.Factory(shared, TagShards.Settings.of(cfg));
        Map<String, Tensor> clean = train(rows, parts, cfg, plain);
        THROWN.set(0);
        Map<String, Tensor> retried = train(rows, parts, cfg, new Failing(plain, loseWorkers));
        assertEquals(1, THROWN.get(), "the failure was injected once");
        for (String k : clean.keySet()) assertArrayEquals(clean.get(k).data(), retried.get(k).data(), k);
        rows.unpersist(false);
    }
}
