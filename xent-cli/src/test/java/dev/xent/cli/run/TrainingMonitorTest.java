package dev.xent.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.progress.LogProgress;
import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Linear;
import dev.xent.optim.Sgd;
import dev.xent.tensor.Init;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.train.Dataset;
import dev.xent.train.FitOptions;
import dev.xent.train.History;
import dev.xent.train.LossFn;
import dev.xent.train.Metrics;
import dev.xent.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingMonitorTest {
    /** 60 examples, 3 features, label = index of the largest feature. */
    static Dataset data(long seed) {
        Tensor x = Init.normal(new Rng(seed), 0, 1, 60, 3);
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            for (int c = 1; c < 3; c++) if (x.data()[i * 3 + c] > x.data()[i * 3 + y[i]]) y[i] = c;
        }
        return Dataset.of(x, IntTensor.of(y, 60));
    }

    @Test
    void aRealTrainingRunFillsMetricsAndProgressAndMakesAReport(@TempDir Path root) throws Exception {
        RunDirectory run = RunDirectory.create(root, "fit");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Linear model = new Linear(3, 3, true, new Rng(1));
        History h;
        try (TrainingMonitor monitor = new TrainingMonitor(run,
                new LogProgress(new PrintStream(shown, true, StandardCharsets.UTF_8), 3600, System::nanoTime), 2)) {
            h = Trainer.fit(model, b -> model.forward(b.inputs()), LossFn.ofLabels(new CrossEntropy()),
                    new Sgd(model.namedParameters(), 0.5), data(3),
                    FitOptions.builder().epochs(3).batchSize(10).validation(data(4)).metrics(Metrics.accuracy())
                            .listeners(monitor).build());
        }
        List<ObjectNode> records = MetricsLog.read(run.metricsFile());
        // 6 batches per epoch, 18 steps, a training record every 2nd step, two records per epoch end
        assertEquals(9 + 3 * 2, records.size());
        ObjectNode first = records.get(0);
        assertEquals("train", first.get("split").asText());
        assertEquals(2, first.get("step").asLong());
        assertEquals(1, first.get("epoch").asInt());
        assertEquals(0.5, first.get("lr").asDouble(), 1e-12);
        assertTrue(first.get("grad_norm").asDouble() > 0);
        assertTrue(first.get("examples_per_s").asDouble() > 0);
        ObjectNode valid = records.stream().filter(r -> r.get("split").asText().equals("valid")).reduce((a, b) -> b).get();
        assertEquals(18, valid.get("step").asLong());
        assertEquals(3, valid.get("epoch").asInt());
        assertEquals(h.last("val_loss"), valid.get("loss").asDouble(), 1e-12);
        assertEquals(h.last("val_accuracy"), valid.get("accuracy").asDouble(), 1e-12);

        String log = shown.toString(StandardCharsets.UTF_8);
        assertTrue(log.startsWith("epoch 1/3: 6 batches\n"), log);
        assertTrue(log.contains("epoch 3  loss "), log);
        assertTrue(log.contains("val_accuracy"), log);

        String html = Files.readString(dev.xent.cli.report.ReportWriter.write(run.dir()));
        assertTrue(html.contains("Accuracy · valid"), "validation accuracy is plotted");
        assertTrue(html.contains("Gradient norm"), "gradient norm is plotted");
    }
}
