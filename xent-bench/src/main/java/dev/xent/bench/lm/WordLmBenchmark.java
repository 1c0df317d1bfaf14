// Trains the classic WikiText-2 word LSTM LM (pytorch/examples setup) and prints tokens/s, validation perplexity, time.
package dev.xent.bench.lm;

import dev.xent.bench.DataDir;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.optim.Sgd;
import dev.xent.optim.schedule.ReduceLrOnPlateau;
import dev.xent.task.lm.BpttStream;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.task.lm.RnnLmTask;
import dev.xent.task.lm.WordCorpus;
import dev.xent.tensor.Rng;
import dev.xent.train.PlateauLr;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.StopReason;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

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
 * no data loading, no evaluation). Training runs on the one training loop ({@link RnnLmTask} with {@link Trainer}).
 * Results go to stdout as {@code key=value} lines; progress to stderr.
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
        Rng rng = new Rng(seed);
        LstmLanguageModel model = new LstmLanguageModel(vocab, 200, 200, 2, dropout, rng);
        if (dense) model.withDenseEmbeddingGradient();
        if (init != null) model.load(init);
        if (maxBatches < trainStream.batches() && epochs > 1) {
            throw new IllegalArgumentException("--max-batches trains part of one epoch; give --epochs 1 with it");
        }
        RnnLmTask task = new RnnLmTask(model, trainStream, eval ? validStream : null, rng.split(), "word");
        Sgd sgd = new Sgd(model.namedParameters(), 20);
        Clock clock = new Clock(out, log, trace, trainStream, Math.min(maxBatches, trainStream.batches()));
        TrainOptions.Builder o = TrainOptions.builder().epochs(epochs).clipNorm(0.25).listeners(clock);
        if (maxBatches < trainStream.batches()) o.maxSteps(maxBatches);
        // main.py: anneal lr by 4 after an epoch whose validation loss did not improve
        if (eval) o.callbacks(new PlateauLr("val_loss", new ReduceLrOnPlateau(sgd).factor(0.25).patience(0)
                .threshold(0, ReduceLrOnPlateau.ThresholdMode.ABS)));
        long wallStart = System.nanoTime();
        clock.start();
        new Trainer(task, sgd).fit(o.build());
        if (save != null) model.save(save);
        out.printf("wall_seconds=%.1f%n", (System.nanoTime() - wallStart) / 1e9);
    }

    /**
     * Prints each step (--trace), progress every 50 steps, and per epoch the training numbers (time of the steps
     * only: from the epoch's start to its validation) and the validation loss with its time.
     */
    private static final class Clock implements ProgressListener {
        private final PrintStream out, log;
        private final boolean trace;
        private final BpttStream stream;
        private final int batches;
        private long segmentStart, evalStart, tokens, trainNanos;
        private double segmentCpu, trainCpu;   // process CPU seconds (every thread), over the same spans
        private double lossSum;
        private int steps;

        Clock(PrintStream out, PrintStream log, boolean trace, BpttStream stream, int batches) {
            this.out = out;
            this.log = log;
            this.trace = trace;
            this.stream = stream;
            this.batches = batches;
        }

        void start() {
            segmentStart = System.nanoTime();
            segmentCpu = cpuSeconds();
        }

        private static double cpuSeconds() {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return os.getProcessCpuTime() / 1e9;
        }

        @Override
        public void onStep(Progress p) {
            steps++;
            lossSum += p.loss();
            tokens += (long) stream.length(p.batch()) * stream.batchSize();
            if (trace) out.printf("step=%d loss=%.6f gnorm=%.6f%n", p.batch() + 1, p.loss(), p.gradNorm());
            if (steps % 50 == 0 || steps == batches) {
                double secs = (System.nanoTime() - segmentStart) / 1e9;
                log.printf("epoch %d batch %d/%d loss %.3f ppl %.1f  %.0f tokens/s%n", p.epoch() + 1, p.batch() + 1,
                        batches, lossSum / steps, Math.exp(lossSum / steps), tokens / secs);
            }
        }

        @Override
        public void onValidationBegin(int epoch) {
            long now = System.nanoTime();
            trainNanos = now - segmentStart;
            trainCpu = cpuSeconds() - segmentCpu;
            evalStart = now;
        }

        @Override
        public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
            report(epoch, logs);
            segmentStart = System.nanoTime();
            segmentCpu = cpuSeconds();
        }

        @Override
        public void onStop(StopReason reason, long step, Map<String, Double> logs) {
            if (steps > 0) report(0, logs);   // a --max-batches stop inside the epoch
        }

        private void report(int epoch, Map<String, Double> logs) {
            out.println("epoch=" + (epoch + 1) + " batches=" + steps + " train_tokens_processed=" + tokens);
            out.printf("train_seconds=%.2f%n", trainNanos / 1e9);
            out.printf("train_cpu_s=%.2f%n", trainCpu);
            out.printf("tokens_per_s=%.1f%n", tokens / (trainNanos / 1e9));
            out.printf("train_loss=%.4f%n", lossSum / steps);
            Double val = logs.get("val_loss");
            if (val != null) {
                out.printf("val_loss=%.4f%nval_ppl=%.2f%neval_seconds=%.1f%n", val, Math.exp(val),
                        (System.nanoTime() - evalStart) / 1e9);
            }
            steps = 0;
            lossSum = 0;
            tokens = 0;
        }
    }
}
