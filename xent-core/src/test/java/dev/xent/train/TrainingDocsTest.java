package dev.xent.train;

import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Module;
import dev.xent.ops.Activations;
import dev.xent.ops.Arith;
import dev.xent.ops.MatMul;
import dev.xent.optim.Adam;
import dev.xent.optim.schedule.LrSchedule;
import dev.xent.optim.schedule.ReduceLrOnPlateau;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snippets of docs/training.md, run as written (keep the two in step). */
class TrainingDocsTest {

    // --- docs: "A model"
    static final class Classifier extends Module {
        final Tensor w1, b1, w2, b2;

        Classifier(int in, int hidden, int classes, long seed) {
            Rng rng = new Rng(seed);
            w1 = parameter("w1", Init.xavierUniform(rng, in, hidden));   // (in, H)
            b1 = parameter("b1", Tensor.zeros(hidden));                   // (H)
            w2 = parameter("w2", Init.xavierUniform(rng, hidden, classes));
            b2 = parameter("b2", Tensor.zeros(classes));
        }

        Tensor forward(Tensor x) {                                        // (B, in) -> (B, classes) logits
            Tensor h = Activations.relu(Arith.biasAdd(MatMul.matmul(x, w1), b1));
            return Arith.biasAdd(MatMul.matmul(h, w2), b2);
        }
    }

    static Dataset makeData(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Init.normal(rng, 0, 1, n, 4);                          // (N, 4)
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = x.data()[i * 4] + x.data()[i * 4 + 1] > 0 ? 1 : 0;
        return Dataset.of(x, IntTensor.of(y, n));
    }

    @Test
    void fitSnippet() {
        // --- docs: "Fit"
        Dataset all = makeData(600, 1);
        int[][] folds = CrossValidation.folds(all.size(), 5, 7);           // a seeded 80/20 split
        Dataset valid = all.subset(folds[0]);
        Dataset train = all.subset(concat(folds[1], folds[2], folds[3], folds[4]));

        Classifier model = new Classifier(4, 32, 2, 42);
        Adam adam = new Adam(model.namedParameters(), 1e-2);
        Trainer trainer = new Trainer(model, b -> model.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()), adam);
        History h = trainer.fit(train, FitOptions.builder()
                .epochs(10).batchSize(32).shuffle(42)
                .validation(valid)
                .metrics(Metrics.accuracy(), Metrics.f1(Average.MACRO))
                .callbacks(EarlyStopping.minimize("val_loss").patience(3).restoreBestWeights(true),
                        new PlateauLr("val_loss", new ReduceLrOnPlateau(adam).factor(0.5).patience(1)))
                .clipNorm(1.0)
                .build());

        double acc = h.last("val_accuracy");
        int best = h.bestEpoch("val_loss", false);
        String json = h.toJson();
        // --- end
        assertTrue(acc > 0.9, "separable data: " + h.get("val_accuracy"));
        assertTrue(best >= 0 && json.contains("val_f1_macro"));
    }

    @Test
    void resumeSnippet(@TempDir Path runDir) throws Exception {
        Dataset train = makeData(200, 2);
        float[] uninterrupted = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            // --- docs: "Checkpoints and resume"
            Rng dropoutRng = new Rng(7);            // give the model's generators to the options: checkpointed
            Classifier model = new Classifier(4, 16, 2, 42);
            Trainer trainer = new Trainer(model, b -> model.forward(b.inputs()),
                    LossFn.ofLabels(new CrossEntropy()), new Adam(model.namedParameters(), 1e-2));
            FitOptions options = FitOptions.builder().epochs(4).batchSize(20).shuffle(1).rng("dropout", dropoutRng)
                    .callbacks(LearningRate.perStep(LrSchedule.cosine(40, 1e-4)))
                    .checkpointing(Checkpointing.to(runDir.resolve("checkpoints")).everySteps(5).keepLast(2))
                    .build();
            boolean hasCheckpoint = !new dev.xent.io.Checkpoints(runDir.resolve("checkpoints"), 1).steps().isEmpty();
            History h = hasCheckpoint ? trainer.resume(train, options) : trainer.fit(train, options);
            // --- end
            assertEquals(4, h.epochs());
            float[] w = model.w1.toArray();
            if (attempt == 0) uninterrupted = w;
            else assertArrayEquals(uninterrupted, w, "resuming a finished run changes nothing");
        }
    }

    // --- docs: "A task"
    static final class ClassifyTask implements TrainTask {
        final Classifier model = new Classifier(4, 16, 2, 42);
        final Dataset train, valid;
        final int[] rows;                                                 // visiting order: as given

        ClassifyTask(Dataset train, Dataset valid) {
            this.train = train;
            this.valid = valid;
            this.rows = java.util.stream.IntStream.range(0, train.size()).toArray();
        }

        @Override public Module model() { return model; }

        @Override public int batches(int epoch) { return (train.size() + 31) / 32; }

        @Override
        public Tensor loss(int epoch, int b) {                            // forward and loss; the rest is the loop's
            Batch batch = train.batch(rows, b * 32, Math.min(rows.length, b * 32 + 32));
            return CrossEntropy.of(model.forward(batch.inputs()), batch.targetIds());
        }

        @Override
        public Map<String, Double> validate() {                            // eval mode, no graph: the loop's doing
            Batch all = valid.all();
            Tensor logits = model.forward(all.inputs());
            Metric accuracy = Metrics.accuracy();
            accuracy.reset();
            accuracy.update(logits, all);
            return Map.of("val_loss", (double) CrossEntropy.of(logits, all.targetIds()).item(),
                    "val_accuracy", accuracy.result());
        }

        @Override public Selection selection() { return Selection.maximize("val_accuracy").thenMinimize("val_loss"); }

        @Override public Map<String, Object> fingerprint() { return Map.of("batch", 32, "examples", train.size()); }
    }
    // --- end

    @Test
    void taskSnippet(@TempDir Path dir) throws Exception {
        Dataset all = makeData(300, 6);
        Dataset valid = all.subset(java.util.stream.IntStream.range(0, 60).toArray());
        Dataset train = all.subset(java.util.stream.IntStream.range(60, 300).toArray());
        ClassifyTask task = new ClassifyTask(train, valid);
        // --- docs: "Train a task"
        StopSignal stop = new StopSignal();        // stop.request("SIGINT") from any thread: checkpoint, then stop
        Trainer trainer = new Trainer(task, new Adam(task.model().namedParameters(), 1e-2));
        TrainOptions options = TrainOptions.builder().epochs(8).clipNorm(1.0).maxSeconds(600).stop(stop)
                .checkpointing(Checkpointing.to(dir.resolve("checkpoints")).everySteps(10).keepLast(2))
                .build();
        History h = trainer.fit(options);          // or trainer.resume(options) to continue from the newest checkpoint
        int chosen = h.selectedEpoch();            // the model now holds the weights of this epoch
        // --- end
        assertTrue(chosen >= 0 && h.epoch(chosen).get("val_accuracy") > 0.85, h.get("val_accuracy").toString());
        assertEquals(StopReason.COMPLETED, h.stopReason());
    }

    @Test
    void customLoopSnippet() {
        Dataset train = makeData(256, 3);
        Classifier model = new Classifier(4, 16, 2, 42);
        // --- docs: "Custom loops"
        TrainStep step = new TrainStep(new Adam(model.namedParameters(), 1e-2)).clipNorm(1.0).l2(1e-4);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        float first = Float.NaN, last = Float.NaN;
        for (int epoch = 0; epoch < 20; epoch++) {
            new Rng(epoch).shuffle(order);
            for (int from = 0; from < order.length; from += 32) {
                int start = from;
                last = step.run(() -> {                      // forward and loss; the rest is TrainStep's
                    Batch b = train.batch(order, start, Math.min(order.length, start + 32));
                    return CrossEntropy.of(model.forward(b.inputs()), b.targetIds());
                });
                if (Float.isNaN(first)) first = last;
            }
        }
        step.close();
        // --- end
        assertTrue(last < first / 3, "loss falls: " + first + " -> " + last);
    }

    @Test
    void crossValidationSnippet() {
        Dataset data = makeData(150, 4);
        // --- docs: "Cross-validation"
        CrossValidation.Result r = CrossValidation.kFold(3, 42, data, fold -> {
            Classifier m = new Classifier(4, 16, 2, fold);
            return new Trainer(m, b -> m.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()),
                    new Adam(m.namedParameters(), 1e-2));
        }, FitOptions.builder().epochs(8).batchSize(16).shuffle(1).metrics(Metrics.accuracy()).build());
        double mean = r.mean().get("accuracy"), std = r.std().get("accuracy");
        // --- end
        assertTrue(mean > 0.85 && std < 0.2, r.folds().toString());
    }

    @Test
    void confusionMatrixSnippet() {
        Dataset data = makeData(100, 5);
        Classifier model = new Classifier(4, 8, 2, 1);
        Trainer trainer = new Trainer(model, b -> model.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()),
                new Adam(model.namedParameters(), 1e-2));
        // --- docs: "Metrics"
        CountingMetric f1 = Metrics.f1(Average.MACRO);
        Map<String, Double> scores = trainer.evaluate(data, 64, java.util.List.of(f1, Metrics.logLoss(true)));
        long[][] confusion = f1.confusion().counts();      // [true class][predicted class]
        // --- end
        long total = 0;
        for (long[] row : confusion) for (long v : row) total += v;
        assertEquals(100, total);
        assertTrue(scores.containsKey("f1_macro") && scores.containsKey("log_loss"));
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
