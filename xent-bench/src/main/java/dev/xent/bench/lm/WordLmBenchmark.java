// Trains the classic WikiText-2 word LSTM LM (pytorch/examples setup) and prints tokens/s, validation perplexity, time.
package dev.xent.bench.lm;

import dev.xent.bench.DataDir;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.task.lm.BpttStream;
import dev.xent.task.lm.LmTrainer;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.task.lm.WordCorpus;
import dev.xent.tensor.Rng;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Usage: {@code WordLmBenchmark [--data DIR] [--max-batches N] [--epochs E] [--seed S] [--no-eval] [--save FILE]
 * [--init FILE] [--trace] [--dropout P] [--dense]}.
 * {@code --dense} makes the embedding gradient dense (V, E), as PyTorch's nn.Embedding: the same work as bench/lm_torch.py
 * (the default row-sparse gradient clips and steps only the rows of the batch).
 * {@code --save} writes the trained weights as safetensors with PyTorch's names (bench/lm_torch.py --load reads them).
 * {@code --init} starts from saved weights instead of the seeded init (bench/lm_torch.py --init takes the same file),
 * and {@code --trace} prints every step's loss and gradient norm ({@code step=k loss=.. gnorm=..}): with dropout 0
 * the two sides' traces can be compared step by step.
 * Setup (pytorch/examples word_language_model defaults): 2-layer LSTM, embedding 200, hidden 200, BPTT 35,
 * batch 20, SGD lr 20 divided by 4 after an epoch whose validation loss did not improve, global-norm clip
 * 0.25, dropout 0.2, validation with batch 10. Tokens/s = training tokens / training wall time (steps only:
 * no data loading, no evaluation). Results go to stdout as {@code key=value} lines; progress to stderr.
 * Data: DIR/wikitext-2/{train,valid,test}.txt, DIR from {@code --data} or XENT_DATA ({@link DataDir}).
 */
public final class WordLmBenchmark {
    private WordLmBenchmark() {}

    public static void main(String[] args) throws IOException {
        String data = null;
        int maxBatches = Integer.MAX_VALUE, epochs = 1;
        long seed = 1111;
        boolean eval = true;
        Path save = null, init = null;
        boolean trace = false;
        float dropout = 0.2f;
        boolean dense = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--max-batches" -> maxBatches = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-eval" -> eval = false;
                case "--save" -> save = Path.of(args[++i]);
                case "--dropout" -> dropout = Float.parseFloat(args[++i]);
                case "--init" -> init = Path.of(args[++i]);
                case "--trace" -> trace = true;
                case "--dense" -> dense = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --data DIR, "
                        + "--max-batches N, --epochs E, --seed S, --no-eval, --save FILE, --init FILE, --trace, --dense or --dropout P");
            }
        }
        Path dir = DataDir.resolve(data, "wikitext-2/train.txt").resolve("wikitext-2");
        PrintStream out = System.out, log = System.err;
        WordCorpus corpus = new WordCorpus();
        int[] train = corpus.read(dir.resolve("train.txt"));
        int[] valid = corpus.read(dir.resolve("valid.txt"));
        corpus.read(dir.resolve("test.txt"));
        int vocab = corpus.vocabularySize();
        BpttStream trainStream = new BpttStream(train, 20, 35), validStream = new BpttStream(valid, 10, 35);
        out.println("vocab=" + vocab);
        out.println("train_tokens=" + train.length);
        out.println("threads=" + Parallel.threads());
        out.println("gemm=" + Kernels.gemm().getClass().getSimpleName() + " vec=" + Kernels.vec().name());

        out.println("embedding_gradient=" + (dense ? "dense" : "sparse"));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        Rng rng = new Rng(seed);
        LstmLanguageModel model = new LstmLanguageModel(vocab, 200, 200, 2, dropout, rng);
        if (dense) model.withDenseEmbeddingGradient();
        if (init != null) model.load(init);
        double best = Double.POSITIVE_INFINITY;
        long wallStart = System.nanoTime();
        try (LmTrainer trainer = new LmTrainer(model, 20, 0.25, rng.split())) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                trainer.resetState(trainStream.batchSize());
                int n = Math.min(maxBatches, trainStream.batches());
                long tokens = 0, trainNanos = 0;
                double trainCpu = 0;
                double lossSum = 0;
                for (int k = 0; k < n; k++) {
                    long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                    double loss = trainer.step(trainStream, k);
                    trainNanos += System.nanoTime() - t0;
                    trainCpu += (os.getProcessCpuTime() - c0) / 1e9;
                    tokens += (long) trainStream.length(k) * trainStream.batchSize();
                    lossSum += loss;
                    if (trace) out.printf("step=%d loss=%.6f gnorm=%.6f%n", k + 1, loss, trainer.lastGradNorm());
                    if ((k + 1) % 50 == 0 || k + 1 == n) {
                        log.printf("epoch %d batch %d/%d loss %.3f ppl %.1f  %.0f tokens/s%n", epoch, k + 1, n,
                                lossSum / (k + 1), Math.exp(lossSum / (k + 1)), tokens / (trainNanos / 1e9));
                    }
                }
                out.println("epoch=" + epoch + " batches=" + n + " train_tokens_processed=" + tokens);
                out.printf("train_seconds=%.2f%n", trainNanos / 1e9);
                out.printf("train_cpu_s=%.2f%n", trainCpu);
                out.printf("tokens_per_s=%.1f%n", tokens / (trainNanos / 1e9));
                out.printf("train_loss=%.4f%n", lossSum / n);
                if (eval) {
                    long e0 = System.nanoTime();
                    double val = trainer.evaluate(validStream);
                    out.printf("val_loss=%.4f%nval_ppl=%.2f%neval_seconds=%.1f%n", val, Math.exp(val),
                            (System.nanoTime() - e0) / 1e9);
                    if (val < best) best = val;
                    else trainer.setLr(trainer.lr() / 4);   // main.py: anneal when validation stalls
                }
            }
        }
        if (save != null) model.save(save);
        out.printf("wall_seconds=%.1f%n", (System.nanoTime() - wallStart) / 1e9);
    }
}
