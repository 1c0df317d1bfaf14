package dev.xent.train;

import dev.xent.loss.CrossEntropy;
import dev.xent.loss.MseLoss;
import dev.xent.loss.Reduction;
import dev.xent.optim.Adam;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Init;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static final Dataset TRAIN = ToyData.classes(120, 4, 3, 7);
    static final Dataset VALID = ToyData.classes(60, 4, 3, 8);

    @Test
    void fitLearnsAndRecordsEveryMetric() {
        TinyMlp m = new TinyMlp(4, 16, 3, 1);
        List<Progress> steps = new ArrayList<>();
        List<Integer> epochsSeen = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onStep(Progress p) {
                steps.add(p);
            }

            @Override
            public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
                epochsSeen.add(epoch);
            }
        };
        History h = Trainer.fit(m, b -> m.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()),
                new Adam(m.namedParameters(), 0.03), TRAIN,
                FitOptions.builder().epochs(8).batchSize(16).shuffle(5).validation(VALID).metricsOnTrain(true)
                        .metrics(Metrics.accuracy(), Metrics.f1(Average.MACRO), Metrics.logLoss(true)).listeners(listener).build());

        assertEquals(8, h.epochs());
        assertEquals(List.of("loss", "lr", "accuracy", "f1_macro", "log_loss", "val_loss", "val_accuracy",
                "val_f1_macro", "val_log_loss"), List.copyOf(h.metrics()));
        assertTrue(h.last("loss") < 0.6 * h.get("loss").get(0), "training loss must fall by 40%: " + h.get("loss"));
        assertTrue(h.last("val_accuracy") > 0.8, "3 classes: chance is 1/3; got " + h.last("val_accuracy"));
        // val_loss (batch-weighted mean CE) and val_log_loss (exact mean NLL) measure the same thing
        assertEquals(h.last("val_log_loss"), h.last("val_loss"), 1e-5);
        assertEquals(8 * 8, h.steps(), "120 examples in batches of 16: 8 steps per epoch");
        assertEquals(8 * 8, steps.size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), epochsSeen);
        Progress last = steps.get(steps.size() - 1);
        assertEquals(64, last.step());
        assertEquals(7, last.batch());
        assertTrue(last.unitsPerSecond() > 0 && Double.isFinite(last.gradNorm()));
        float[] losses = h.stepLosses();
        double mean0 = 0;
        for (int i = 0; i < 8; i++) mean0 += losses[i];
        assertEquals(mean0 / 8, h.get("loss").get(0), 1e-6, "epoch loss = mean of its step losses");

        History back = History.fromJson(h.toJson());
        assertEquals(h.toJson(), back.toJson());
        assertArrayEquals(h.stepLosses(), back.stepLosses());
        assertEquals(h.get("val_accuracy"), back.get("val_accuracy"));
        assertEquals(h.bestEpoch("val_loss", false), back.bestEpoch("val_loss", false));
        assertFalse(m.isTraining() != true, "the trainer leaves the mode as it found it");
    }

    @Test
    void shuffleOrderDependsOnlyOnSeedAndEpoch() {
        FitOptions a = FitOptions.builder().shuffle(11).build();
        int[] e0 = DatasetTask.order(50, a, 0);
        assertArrayEquals(e0, DatasetTask.order(50, FitOptions.builder().shuffle(11).epochs(3).build(), 0));
        assertFalse(Arrays.equals(e0, DatasetTask.order(50, a, 1)), "another epoch, another order");
        assertFalse(Arrays.equals(e0, DatasetTask.order(50, FitOptions.builder().shuffle(12).build(), 0)));
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i], "a permutation");
        int[] plain = DatasetTask.order(5, FitOptions.builder().build(), 3);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, plain);
    }

    @Test
    void batchesCoverEveryExampleOncePerEpoch() {
        List<Integer> sizes = new ArrayList<>();
        TinyMlp m = new TinyMlp(4, 4, 3, 1);
        Trainer t = new Trainer(m, b -> {
            sizes.add(b.size());
            return m.forward(b.inputs());
        }, LossFn.ofLabels(new CrossEntropy()), new Sgd(m.namedParameters(), 0.01));
        t.fit(TRAIN, FitOptions.builder().batchSize(50).build());
        assertEquals(List.of(50, 50, 20), sizes);
        sizes.clear();
        t.fit(TRAIN, FitOptions.builder().batchSize(50).dropLast(true).build());
        assertEquals(List.of(50, 50), sizes);
    }

    @Test
    void l2PenaltyEqualsSgdWeightDecayAndClipNormBoundsTheStep() {
        Tensor x = Init.normal(new Rng(4), 0, 1, 8, 4);
        Tensor y = Init.normal(new Rng(5), 0, 1, 8, 3);
        TinyMlp a = new TinyMlp(4, 6, 3, 2), b = new TinyMlp(4, 6, 3, 2);
        TrainStep withPenalty = new TrainStep(new Sgd(a.namedParameters(), 0.1)).l2(0.05);
        TrainStep withDecay = new TrainStep(new Sgd(b.namedParameters(), 0.1, 0.05));
        for (int i = 0; i < 5; i++) {
            withPenalty.run(() -> MseLoss.of(a.forward(x), y, Reduction.MEAN));
            withDecay.run(() -> MseLoss.of(b.forward(x), y, Reduction.MEAN));
        }
        float[] fa = a.flat(), fb = b.flat();
        for (int i = 0; i < fa.length; i++) assertEquals(fb[i], fa[i], 1e-6, "weight " + i);
        assertEquals(a.b1.data()[0], b.b1.data()[0], 1e-7, "biases are not penalised");

        TinyMlp c = new TinyMlp(4, 6, 3, 2);
        float[] before = c.flat();
        TrainStep clipped = new TrainStep(new Sgd(c.namedParameters(), 1.0)).clipNorm(0.01);
        clipped.run(() -> MseLoss.of(c.forward(x), y, Reduction.SUM));
        assertTrue(clipped.lastGradNorm() > 0.01, "the test needs a gradient larger than the clip");
        float[] after = c.flat();
        double moved = 0;
        for (int i = 0; i < after.length; i++) moved += (double) (after[i] - before[i]) * (after[i] - before[i]);
        assertEquals(0.01, Math.sqrt(moved), 1e-4, "SGD with lr 1 moves by the clipped gradient norm");
    }

    @Test
    void l1PenaltyAddsLambdaSignToTheWeightGradientsOnly() {
        Tensor x = Init.normal(new Rng(4), 0, 1, 8, 4);
        Tensor y = Init.normal(new Rng(5), 0, 1, 8, 3);
        TinyMlp plain = new TinyMlp(4, 6, 3, 2), pen = new TinyMlp(4, 6, 3, 2);
        float[] w0 = pen.w1.toArray();
        double abs = 0;                            // Σ|w| over the weights (w1, w2), not the biases
        for (Tensor t : new Tensor[] {pen.w1, pen.w2}) for (float v : t.data()) abs += Math.abs(v);
        float plainLoss = new TrainStep(new Sgd(plain.namedParameters(), 0.1))
                .run(() -> MseLoss.of(plain.forward(x), y, Reduction.MEAN));
        float loss = new TrainStep(new Sgd(pen.namedParameters(), 0.1)).l1(0.5)
                .run(() -> MseLoss.of(pen.forward(x), y, Reduction.MEAN));
        for (int i = 0; i < w0.length; i++) {     // w' = w − lr·(g + λ·sign(w))
            assertEquals(plain.w1.data()[i] - 0.1f * 0.5f * Math.signum(w0[i]), pen.w1.data()[i], 1e-6);
        }
        assertArrayEquals(plain.b1.toArray(), pen.b1.toArray(), "biases are not penalised");
        assertEquals(plainLoss + 0.5 * abs, loss, 1e-5, "the returned loss includes the penalty");
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndHandsItsMonitorToTheModelChoice() {
        TinyMlp m = new TinyMlp(4, 4, 3, 1);
        EarlyStopping es = EarlyStopping.minimize("val_loss").patience(2).minDelta(0.01).restoreBestWeights(true);
        TrainContext ctx = new TrainContext(m, new Sgd(m.namedParameters(), 0.1), TrainOptions.builder().build(), new History());
        double[] valLoss = {1.0, 0.8, 0.795, 0.9, 0.5};   // 0.795 is not better by minDelta 0.01
        int stoppedAfter = -1;
        for (int e = 0; e < valLoss.length && !ctx.stopRequested(); e++) {
            es.onEpochEnd(ctx, e, Map.of("val_loss", valLoss[e]));
            stoppedAfter = e;
        }
        assertEquals(3, stoppedAfter, "two epochs without improvement after the best at epoch 1");
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.8, es.best());
        Selection s = es.selection();
        assertTrue(s.better(Map.of("val_loss", 0.78), Map.of("val_loss", 0.8)));
        assertFalse(s.better(Map.of("val_loss", 0.795), Map.of("val_loss", 0.8)), "minDelta applies to the choice too");
        assertEquals(null, EarlyStopping.minimize("val_loss").selection(), "no restoreBestWeights: no model choice");
        assertThrows(IllegalArgumentException.class, () -> es.onEpochEnd(ctx, 5, Map.of("loss", 1.0)),
                "a missing monitor is an error, not a silent no-op");
    }

    @Test
    void evaluateIsDeterministicAndDoesNotTrain() {
        TinyMlp m = new TinyMlp(4, 16, 3, 1, 0.5f, new Rng(2));
        Trainer t = new Trainer(m, b -> m.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()), new Sgd(m.namedParameters(), 0.1));
        float[] w = m.flat();
        Map<String, Double> r1 = t.evaluate(VALID, 7, List.of(Metrics.accuracy()));
        Map<String, Double> r2 = t.evaluate(VALID, 60, List.of(Metrics.accuracy()));
        assertEquals(r1.get("accuracy"), r2.get("accuracy"), "eval mode: no dropout, batch size does not matter");
        assertEquals(r1.get("loss"), r2.get("loss"), 1e-6);
        assertArrayEquals(w, m.flat());
        assertTrue(m.isTraining());
        assertNotEquals(null, r1.get("loss"));
    }
}
