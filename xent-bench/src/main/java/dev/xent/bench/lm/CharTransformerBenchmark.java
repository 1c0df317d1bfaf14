// Trains a small char-level GPT on Tiny Shakespeare for a time budget; prints validation loss against wall time.
package dev.xent.bench.lm;

import dev.xent.bench.DataDir;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.optim.AdamW;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.Sampler;
import dev.xent.task.lm.TokenCorpus;
import dev.xent.task.lm.TransformerLanguageModel;
import dev.xent.task.lm.TransformerLmTask;
import dev.xent.tensor.Rng;
import dev.xent.train.Callback;
import dev.xent.train.TrainContext;
import dev.xent.train.TrainOptions;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Usage: {@code CharTransformerBenchmark [--data DIR] [--budget-seconds S] [--max-steps N] [--eval-seconds E]
 * [--eval-tokens K] [--layers L] [--heads H] [--dim D] [--block T] [--batch B] [--lr LR] [--dropout P] [--seed S]}.
 *
 * <p>Data: DIR/tinyshakespeare/input.txt, DIR from {@code --data} or XENT_DATA ({@link DataDir}). The first 90%
 * of the characters train, the last 10% validate (nanoGPT's shakespeare_char; 65 distinct characters). Model:
 * {@link TransformerLanguageModel}, tied output, F = 4D. Optimiser: AdamW (betas 0.9/0.999, weight decay 0.1 on
 * rank ≥ 2 tensors), global-norm clip 1.0, constant learning rate.
 * Training stops when the training wall time (steps only, evaluation excluded) reaches the budget or at
 * max-steps. Every eval-seconds of training time the loss is measured on the first K validation tokens
 * (in-order blocks, dropout off); at the end on the whole validation text. Output: {@code key=value} lines
 * on stdout (the same format as bench/charlm_torch.py), progress on stderr.
 */
public final class CharTransformerBenchmark {
    private CharTransformerBenchmark() {}

    public static void main(String[] args) throws IOException {
        String data = null;
        double budget = 180, evalSeconds = 60, lr = 1e-3, wd = 0.1, clip = 1.0;
        int maxSteps = Integer.MAX_VALUE, evalTokens = 8192, layers = 4, heads = 4, dim = 128, block = 128, batch = 32;
        float dropout = 0.1f;
        long seed = 1337;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("argument '" + a + "' needs a value");
            String v = args[++i];
            switch (a) {
                case "--data" -> data = v;
                case "--budget-seconds" -> budget = Double.parseDouble(v);
                case "--max-steps" -> maxSteps = Integer.parseInt(v);
                case "--eval-seconds" -> evalSeconds = Double.parseDouble(v);
                case "--eval-tokens" -> evalTokens = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--heads" -> heads = Integer.parseInt(v);
                case "--dim" -> dim = Integer.parseInt(v);
                case "--block" -> block = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--dropout" -> dropout = Float.parseFloat(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; see the class comment");
            }
        }
        Path text = DataDir.resolve(data, "tinyshakespeare/input.txt").resolve("tinyshakespeare/input.txt");
        PrintStream out = System.out, log = System.err;
        String[] parts = TokenCorpus.split(Files.readString(text), 0.9);
        TokenCorpus corpus = TokenCorpus.chars(parts[0], parts[1]);
        int[] train = corpus.train(), valid = corpus.valid();
        int[] validHead = Arrays.copyOf(valid, Math.min(valid.length, evalTokens + 1));
        out.println("impl=xent");
        out.println("vocab=" + corpus.vocabSize());
        out.println("train_tokens=" + train.length + " valid_tokens=" + valid.length);
        out.println("threads=" + Parallel.threads() + " gemm=" + Kernels.gemm().getClass().getSimpleName());

        Rng rng = new Rng(seed);
        var cfg = new TransformerLanguageModel.Config(corpus.vocabSize(), dim, heads, layers, 4 * dim, block, dropout, true);
        TransformerLanguageModel model = new TransformerLanguageModel(cfg, rng);
        out.println("params=" + model.parameterCount());
        TransformerLmTask task = new TransformerLmTask(model, train, null, batch, block, batch, rng.split(), "char");
        Schedule schedule = new Schedule(task, validHead, budget, evalSeconds, maxSteps, out, log);
        schedule.evaluate(0, 0);
        new Trainer(task, new AdamW(model.namedParameters(), lr, wd)).fit(TrainOptions.builder()
                .epochs(Integer.MAX_VALUE).clipNorm(clip).callbacks(schedule).build());
        double seconds = schedule.trainNanos / 1e9;
        double vl = task.evaluate(valid);
        out.printf("final steps=%d train_seconds=%.1f train_cpu_s=%.1f val_loss=%.4f bpc=%.4f tokens_per_s=%.0f%n",
                schedule.steps, seconds, schedule.trainCpuNanos / 1e9, vl, vl / Math.log(2),
                (double) schedule.steps * batch * block / seconds);
        int[] prompt = corpus.encode("ROMEO:\n");
        int[] gen = new Generator(model).generate(prompt, 200, Sampler.of(0.8f, 0, 1f), new Rng(42), -1);
        out.println("sample=" + escape("ROMEO:\n" + corpus.decode(gen)));
    }

    /**
     * Times the steps (training time excludes evaluation), evaluates on the validation head every evalSeconds of
     * training time, and stops training at the budget or at maxSteps.
     */
    private static final class Schedule implements Callback {
        private final TransformerLmTask task;
        private final int[] validHead;
        private final double budget, evalSeconds;
        private final int maxSteps;
        private final PrintStream out, log;
        private double nextEval, lossEma = Double.NaN;
        private long stepStart, trainNanos, stepCpuStart, trainCpuNanos;   // CPU: the process's, every thread
        private int steps;
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        Schedule(TransformerLmTask task, int[] validHead, double budget, double evalSeconds, int maxSteps,
                 PrintStream out, PrintStream log) {
            this.task = task;
            this.validHead = validHead;
            this.budget = budget;
            this.evalSeconds = evalSeconds;
            this.maxSteps = maxSteps;
            this.out = out;
            this.log = log;
        }

        void evaluate(int step, double t) {
            out.printf("eval step=%d time=%.1f val_loss=%.4f%n", step, t, task.evaluate(validHead));
            nextEval += evalSeconds;
        }

        @Override
        public void onBatchBegin(TrainContext ctx, int epoch, int batch) {
            stepStart = System.nanoTime();
            stepCpuStart = os.getProcessCpuTime();
        }

        @Override
        public void onBatchEnd(TrainContext ctx, int epoch, int batch, float loss) {
            trainNanos += System.nanoTime() - stepStart;
            trainCpuNanos += os.getProcessCpuTime() - stepCpuStart;
            steps++;
            lossEma = Double.isNaN(lossEma) ? loss : 0.95 * lossEma + 0.05 * loss;
            if (steps % 20 == 0) log.printf("step %d  %.1fs  train loss %.4f%n", steps, trainNanos / 1e9, lossEma);
            double t = trainNanos / 1e9;
            if (t >= nextEval) evaluate(steps, t);
            if (t >= budget || steps >= maxSteps) ctx.stopTraining();
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
