// Training speed of the translation Transformer on Multi30k batches; writes the same batches for bench/translate_torch.py.
package dev.xent.bench.translate;

import dev.xent.bench.DataDir;
import dev.xent.task.translate.ParallelCorpus;
import dev.xent.task.translate.TranslateConfig;
import dev.xent.task.translate.TranslateTask;
import dev.xent.task.translate.TranslationBatch;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Usage: {@code TranslateSpeed [--data DIR] [--steps N] [--max-tokens T] [--dim D] [--layers L] [--ff F]
 * [--bpe V] [--dropout P] [--batches-out FILE]}. Reads DIR/multi30k/train.{de,en}.gz, learns the shared BPE, builds the model
 * of {@link TranslateConfig#defaults()} with the given sizes (label smoothing 0.1), and times N
 * training steps (Adam, clipping, the loop's step) on batches 0..N−1 of epoch 0 after 3 warm-up steps on batches
 * 0..2. With --batches-out it first writes those batches (one pair a line, "source ids TAB target ids" without
 * specials, a blank line after each batch) for bench/translate_torch.py to train on the same batches.
 * Output: one key=value line (xent_steps, target_tokens, seconds, cpu_s = the process's CPU time over the timed
 * steps, tokens_per_s, vocab).
 */
public final class TranslateSpeed {
    private TranslateSpeed() {}

    public static void main(String[] args) throws IOException {
        String data = null, out = null;
        int steps = 10, maxTokens = 800, dim = 256, layers = 3, ff = 1024, bpe = 8000;
        float dropout = TranslateConfig.defaults().dropout();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--data" -> data = v;
                case "--steps" -> steps = Integer.parseInt(v);
                case "--max-tokens" -> maxTokens = Integer.parseInt(v);
                case "--dim" -> dim = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--ff" -> ff = Integer.parseInt(v);
                case "--bpe" -> bpe = Integer.parseInt(v);
                case "--dropout" -> dropout = Float.parseFloat(v);
                case "--batches-out" -> out = v;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; see the class comment");
            }
        }
        Path dir = DataDir.resolve(data, "multi30k/train.de.gz").resolve("multi30k");
        ParallelCorpus train = ParallelCorpus.read(dir.resolve("train.de.gz"), dir.resolve("train.en.gz"));
        TranslateConfig d = TranslateConfig.defaults();
        TranslateConfig cfg = new TranslateConfig("transformer", bpe, dim, dim, d.heads(), layers, layers, ff, d.maxLen(),
                dropout, d.labelSmoothing(), maxTokens, d.lr(), d.warmup(), d.weightDecay(), d.seed());
        TranslateTask task = TranslateTask.create(cfg, train, null);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out)))) {
                for (int b = 0; b < steps; b++) write(w, task.batch(0, b));
            }
        }
        task.fit(task.options().maxSteps(3).build());                  // warm-up: batches 0..2
        long tokens = 0;
        for (int b = 0; b < steps; b++) tokens += task.units(0, b);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
        task.fit(task.options().maxSteps(steps).build());              // batches 0..N-1 of epoch 0
        double s = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "xent_steps=%d target_tokens=%d seconds=%.2f cpu_s=%.2f tokens_per_s=%.0f vocab=%d%n",
                steps, tokens, s, cpu, tokens / s, task.codec().size());
    }

    private static void write(PrintWriter w, TranslationBatch b) {
        int[] src = b.src().data(), tout = b.tgtOut().data();
        int s = b.src().dim(1), t = b.tgtOut().dim(1);
        for (int i = 0; i < b.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < s && src[i * s + j] > 3; j++) line.append(j == 0 ? "" : " ").append(src[i * s + j]);
            line.append('\t');
            for (int j = 0; j < t && tout[i * t + j] > 3; j++) line.append(j == 0 ? "" : " ").append(tout[i * t + j]);
            w.println(line);
        }
        w.println();
    }
}
