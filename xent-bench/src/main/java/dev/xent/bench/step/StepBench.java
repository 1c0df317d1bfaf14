// Runs a model's training steps on the one loop and prints time, CPU time and FLOP/s per step (optionally profiled).
package dev.xent.bench.step;

import dev.xent.bench.DataDir;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.optim.Optimizer;
import dev.xent.optim.Sgd;
import dev.xent.task.lm.BpttStream;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.task.lm.RnnLmTask;
import dev.xent.task.lm.WordCorpus;
import dev.xent.tensor.Rng;
import dev.xent.train.TrainOptions;
import dev.xent.train.TrainTask;
import dev.xent.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Usage: {@code StepBench lm|translate [--data DIR] [--warmup W] [--steps N] [--profile FILE] [--event cpu|wall|alloc]}.
 * Trains W + N steps of the model and reports the N measured ones: the median wall seconds of a step, the mean
 * process CPU seconds (all threads) and training-thread CPU seconds per step, the matrix-product FLOPs of one step and the
 * FLOP/s they give per wall second and per CPU second. On a machine shared with other work, the per-CPU-second
 * figure is the one that compares two builds of xent; the wall figure is what a user sees on an idle machine.
 * {@code --profile FILE} writes async-profiler's collapsed stacks of the measured steps (bench/flamegraph.py
 * turns them into a table and an SVG flame graph).
 *
 * <p>Models: {@code lm} is bench/lm.sh's WikiText-2 word LM (pytorch/examples word_language_model defaults:
 * 2-layer LSTM, embedding and hidden 200, BPTT 35, batch 20, dropout 0.2, SGD lr 20, clip 0.25), reading
 * DIR/wikitext-2/{train,valid,test}.txt (DIR from --data or XENT_DATA). {@code translate} is bench/translate.sh's
 * Multi30k Transformer ({@link TranslateStep}).
 */
public final class StepBench {
    private StepBench() {}

    /** A model's training task and optimizer, and the FLOPs of one full step. */
    record Setup(String name, Run run, double flopsPerStep, long unitsPerStep, String unit) {}

    /** How a setup trains: its options (clipping, schedule) and the fit call on its task and optimizer. */
    interface Run {
        TrainOptions.Builder options();

        void fit(TrainOptions options);

        static Run of(TrainTask task, Optimizer optimizer, double clipNorm) {
            return new Run() {
                public TrainOptions.Builder options() {
                    TrainOptions.Builder o = TrainOptions.builder();
                    return clipNorm > 0 ? o.clipNorm(clipNorm) : o;
                }

                public void fit(TrainOptions options) {
                    new Trainer(task, optimizer).fit(options);
                }
            };
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) throw new IllegalArgumentException("StepBench: name a model: lm or translate");
        String model = args[0], data = null, event = "cpu";
        int warmup = 20, steps = 30;
        Path profile = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--profile" -> profile = Path.of(args[++i]);
                case "--event" -> event = args[++i];
                default -> throw new IllegalArgumentException("StepBench: unknown argument '" + args[i]
                        + "'; expected --data DIR, --warmup W, --steps N, --profile FILE or --event cpu|wall|alloc");
            }
        }
        Setup s = switch (model) {
            case "lm" -> wordLm(data);
            case "translate" -> TranslateStep.setup(data, warmup, steps);
            default -> throw new IllegalArgumentException("StepBench: unknown model '" + model
                    + "'; expected lm or translate");
        };
        PrintStream out = System.out;
        out.println("model=" + s.name());
        out.println("threads=" + Parallel.threads() + " gemm=" + Kernels.gemm().name() + " vec=" + Kernels.vec().name());
        StepClock clock = new StepClock(warmup, steps, profile, event);
        s.run().fit(s.run().options().epochs(1).maxSteps(warmup + steps).listeners(clock).build());
        if (!clock.done()) {
            throw new IllegalStateException("StepBench: the epoch ended before " + (warmup + steps) + " steps");
        }
        double[] m = clock.perStep();
        out.printf("steps=%d warmup=%d%n", steps, warmup);
        out.printf("step_wall_ms=%.1f step_cpu_ms=%.1f step_main_cpu_ms=%.1f cpu_per_wall=%.2f%n",
                1e3 * m[0], 1e3 * m[1], 1e3 * m[2], m[1] / m[0]);
        out.printf("gflop_per_step=%.3f gflops_wall=%.1f gflops_per_cpu_s=%.1f%n", s.flopsPerStep() / 1e9,
                s.flopsPerStep() / m[0] / 1e9, s.flopsPerStep() / m[1] / 1e9);
        out.printf("%s_per_s=%.1f %s_per_cpu_s=%.1f%n", s.unit(), s.unitsPerStep() / m[0], s.unit(),
                s.unitsPerStep() / m[1]);
    }

    /**
     * WikiText-2, as WordLmBenchmark. FLOPs (2 per multiply-add, matrix products only) with N = T·B rows:
     * per LSTM layer of input I and hidden H, forward x·W_ihᵀ and h·W_hhᵀ, backward dX, dW_ih, dh and dW_hh:
     * 3 · 2·N·4H·(I + H); decoder (V, H): logits, dW and dx, 3 · 2·N·H·V.
     */
    static Setup wordLm(String data) throws IOException {
        Path dir = DataDir.resolve(data, "wikitext-2/train.txt").resolve("wikitext-2");
        WordCorpus corpus = new WordCorpus();
        int[] train = corpus.read(dir.resolve("train.txt"));
        corpus.read(dir.resolve("valid.txt"));
        corpus.read(dir.resolve("test.txt"));
        int v = corpus.vocabularySize(), e = 200, h = 200, layers = 2, t = 35, b = 20;
        BpttStream stream = new BpttStream(train, b, t);
        Rng rng = new Rng(1111);
        LstmLanguageModel model = new LstmLanguageModel(v, e, h, layers, 0.2f, rng);
        RnnLmTask task = new RnnLmTask(model, stream, null, rng.split(), "word");
        double n = (double) t * b;
        double flops = 3 * 2 * n * 4 * h * (e + h) + (layers - 1) * 3 * 2 * n * 4 * h * (h + h) + 3 * 2 * n * h * v;
        return new Setup("lm-wikitext2 V=" + v + " E=H=200 layers=2 T=35 B=20",
                Run.of(task, new Sgd(model.namedParameters(), 20), 0.25), flops, (long) t * b, "tokens");
    }
}
