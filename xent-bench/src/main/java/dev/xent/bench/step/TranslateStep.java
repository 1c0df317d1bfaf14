// StepBench's translation setup: bench/translate.sh's Multi30k Transformer (the recipe of `xent train translate`).
package dev.xent.bench.step;

import dev.xent.bench.DataDir;
import dev.xent.task.translate.ParallelCorpus;
import dev.xent.task.translate.TranslateConfig;
import dev.xent.task.translate.TranslateTask;
import dev.xent.train.TrainOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * D 256, 4 heads, 3+3 layers, F 1024, shared BPE 8000, dropout 0.2, label smoothing 0.1, batches of ≤ 1,600 padded
 * tokens, AdamW (0.9, 0.98), clip 1 and the inverse-square-root schedule, reading DIR/multi30k/train.{de,en}.gz.
 * FLOPs (2 per multiply-add, matrix products only, forward + backward = 3 × forward) for N_s source and N_t target
 * tokens of the measured batches, padding included (it is computed), P = pairs: encoder layer 4·N_s·D² (q,k,v,o)
 * + 4·N_s·D·F (feed-forward) + attention 4·P·S²·D; decoder layer the same on N_t plus cross-attention
 * 2·N_t·D² + 2·N_s·D² + 4·P·T·S·D; output layer 2·n·D·V on the n real target tokens.
 */
final class TranslateStep {
    private TranslateStep() {}

    static StepBench.Setup setup(String data, int warmup, int steps) throws IOException {
        Path dir = DataDir.resolve(data, "multi30k/train.de.gz").resolve("multi30k");
        ParallelCorpus train = ParallelCorpus.read(dir.resolve("train.de.gz"), dir.resolve("train.en.gz"));
        TranslateConfig d = TranslateConfig.defaults();
        int dim = 256, ff = 1024, layers = 3, v = 8000;
        TranslateConfig cfg = new TranslateConfig("transformer", v, dim, dim, d.heads(), layers, layers, ff, d.maxLen(),
                0.2f, d.labelSmoothing(), 1600, d.lr(), d.warmup(), d.weightDecay(), d.seed());
        TranslateTask task = TranslateTask.create(cfg, train, null);
        double flops = 0;
        long tokens = 0;
        for (int b = warmup; b < warmup + steps; b++) {
            var batch = task.batch(0, b);
            double p = batch.size(), s = batch.src().dim(1), t = batch.tgtOut().dim(1), ns = p * s, nt = p * t;
            double enc = 4 * ns * dim * dim + 4 * ns * dim * ff + 4 * p * s * s * dim;
            double dec = 4 * nt * dim * dim + 4 * nt * dim * ff + 4 * p * t * t * dim
                    + 2 * nt * dim * dim + 2 * ns * dim * dim + 4 * p * t * s * dim;
            long n = task.units(0, b);
            flops += 3 * (layers * (enc + dec) + 2.0 * n * dim * task.codec().size());
            tokens += n;
        }
        StepBench.Run run = new StepBench.Run() {
            public TrainOptions.Builder options() {
                return task.options();
            }

            public void fit(TrainOptions options) {
                task.fit(options);
            }
        };
        return new StepBench.Setup("translate-multi30k V=" + task.codec().size() + " D=256 H=4 layers=3+3 F=1024"
                + " maxTokens=1600 dropout=0.2", run, flops / steps, tokens / steps, "tokens");
    }
}
