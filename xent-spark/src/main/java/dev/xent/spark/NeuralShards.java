// The neural text classifiers on Spark: word list and labels counted distributedly, and the factory of shard tasks.
package dev.xent.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.data.Example;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.classify.NeuralClassifierSpec;
import dev.xent.task.classify.NeuralClassifierTask;
import dev.xent.task.classify.NeuralTextEncoding;
import dev.xent.task.classify.NeuralTrainConfig;
import dev.xent.task.classify.Objective;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.train.TrainTask;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rows are (text, label). {@link #parts} counts the texts' tokens (as the encoding tokenizes them) with one
 * {@code reduceByKey} and collects the labels: the word list is a function of the counts (by count, ties by token)
 * and the labels are sorted by name, as {@code NeuralClassifier.create} does on one machine, so the untrained
 * classifier — word list, labels, objective, initial weights — is the single-machine one for any partitioning.
 */
final class NeuralShards {
    private NeuralShards() {}

    /** What a worker needs to rebuild the untrained classifier: the spec (JSON), word list, labels, objective. */
    record Parts(String spec, String tokenizer, boolean lowercase, int maxLength, List<String> words,
                 List<String> labels, String objective) implements Serializable {

        NeuralClassifier classifier(long seed) {
            NeuralClassifierSpec s;
            try {
                s = NeuralClassifierSpec.fromJson(new ObjectMapper().readTree(spec), "the broadcast spec");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            NeuralTextEncoding enc = new NeuralTextEncoding(NeuralTextEncoding.Tokenizer.valueOf(tokenizer), lowercase,
                    maxLength, words);
            return NeuralClassifier.create(s, enc, labels, Objective.valueOf(objective), seed);
        }
    }

    /** The parts of {@code rows} for {@code spec}, {@code text} settings and one label per text (or ova). */
    static Parts parts(JavaRDD<Tuple2<String, String>> rows, NeuralClassifierSpec spec, NeuralTextEncoding.Settings text,
                       boolean multiLabel) {
        NeuralTextEncoding.Tokenizer tok = text.tokenizer();
        boolean lower = text.lowercase();
        Map<String, Long> counts = rows.flatMapToPair(r -> {
            NeuralTextEncoding counter = new NeuralTextEncoding(tok, lower, 0, Vocabulary.SPECIALS);
            List<Tuple2<String, Long>> out = new ArrayList<>();
            for (String t : counter.tokenize(r._1())) out.add(new Tuple2<>(t, 1L));
            return out.iterator();
        }).reduceByKey(Long::sum).collectAsMap();
        VocabularyBuilder b = Vocabulary.builder();
        counts.forEach(b::add);
        List<String> words = b.build(text.minCount(), Integer.MAX_VALUE).tokens();
        List<String> labels = new ArrayList<>(new TreeSet<>(rows.map(Tuple2::_2).distinct().collect()));
        if (labels.size() < 2 && !multiLabel) {
            throw new IllegalArgumentException("the training data has the labels " + labels + "; a classifier needs "
                    + "examples of at least two");
        }
        Objective objective = multiLabel ? Objective.MULTILABEL : labels.size() == 2 ? Objective.BINARY
                : Objective.MULTICLASS;
        return new Parts(spec.toJson().toString(), tok.name(), lower, text.maxLength(), words, labels, objective.name());
    }

    /**
     * Partition p of P trains a {@code NeuralClassifierTask} over its rows with batches of ⌈batch / P⌉ texts and
     * seed + 1000·p (batch order, dropout); its weights are the driver's, copied in before every step.
     */
    record Factory(Broadcast<Parts> parts, Settings settings) implements SyncTraining.ShardFactory<Tuple2<String, String>> {
        @Override
        public TrainTask build(int p, int partitions, List<Tuple2<String, String>> rows) {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("partition " + p + " of the training data is empty; repartition the "
                        + "data so every partition holds texts (df.repartition(n))");
            }
            NeuralTrainConfig c = settings.config();
            NeuralTrainConfig shard = c.withBatchSize((c.batchSize() + partitions - 1) / partitions)
                    .withSeed(c.seed() + 1000L * p);
            NeuralClassifier classifier = parts.value().classifier(shard.seed());
            List<Example> examples = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) examples.add(new Example(rows.get(i)._1(), List.of(rows.get(i)._2()), i + 1));
            return NeuralClassifierTask.of(classifier, shard, examples, List.of());
        }
    }

    /**
     * Trains the classifier of {@code parts} over {@code rows} by synchronous data-parallel SGD (Adam with the
     * config's rate and decay, its epochs and clipping) and returns the driver's copy: with {@code valid} texts
     * (scored on the driver after each epoch) the best epoch's weights, as on one machine, else the last epoch's.
     */
    static NeuralClassifier train(JavaRDD<Tuple2<String, String>> rows, Parts parts, NeuralTrainConfig config,
                                  List<Example> valid, java.util.function.Consumer<SyncTraining.Step> listener) {
        NeuralClassifier driver = parts.classifier(config.seed());
        java.util.function.Supplier<Map<String, Double>> validate = null;
        dev.xent.train.Selection selection = null;
        if (!valid.isEmpty()) {   // as NeuralClassifierTask.validate and selection, on the driver
            dev.xent.task.classify.LabeledTokens v = driver.encode(valid);
            validate = () -> {
                dev.xent.train.ConfusionMatrix m = driver.objective().score(driver.model().probabilities(v.tokens(), 256), v);
                Map<String, Double> logs = new java.util.LinkedHashMap<>();
                logs.put("val_loss", m.logLoss());
                logs.put("val_accuracy", m.accuracy());
                logs.put("val_macro_f1", m.f1(dev.xent.train.Average.MACRO));
                return logs;
            };
            selection = driver.objective() == Objective.MULTILABEL ? dev.xent.train.Selection.minimize("val_loss")
                    : dev.xent.train.Selection.maximize("val_accuracy").thenMinimize("val_loss");
        }
        Broadcast<Parts> shared = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(rows.context()).broadcast(parts);
        try {
            SyncTraining task = new SyncTraining(rows, new Factory(shared, Settings.of(config)), driver.model(), "tokens",
                    validate, selection, listener);
            task.train(new dev.xent.optim.Adam(driver.model().namedParameters(), config.learningRate(),
                            config.weightDecay()),
                    dev.xent.train.TrainOptions.builder().epochs(config.epochs()).clipNorm(config.clipNorm()), "", 1,
                    false);
        } finally {
            shared.destroy(false);
        }
        return driver;
    }

    /** A NeuralTrainConfig that travels (the record is not Serializable); no class weights. */
    record Settings(int epochs, int batchSize, double lr, double weightDecay, double clipNorm, long seed, int pool)
            implements Serializable {
        static Settings of(NeuralTrainConfig c) {
            return new Settings(c.epochs(), c.batchSize(), c.learningRate(), c.weightDecay(), c.clipNorm(), c.seed(),
                    c.poolBatches());
        }

        NeuralTrainConfig config() {
            return new NeuralTrainConfig(epochs, batchSize, lr, weightDecay, clipNorm, seed, null, pool);
        }
    }
}
