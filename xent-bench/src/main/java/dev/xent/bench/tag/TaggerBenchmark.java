// Command-line driver for the tagging benchmarks: UD English-EWT UPOS, WikiANN-en NER, and training speed.
package dev.xent.bench.tag;

import dev.xent.bench.DataDir;
import dev.xent.data.ConllReader;
import dev.xent.data.ConllUReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.RecordReader;
import dev.xent.data.TaggedSentence;
import dev.xent.metrics.ChunkF1;
import dev.xent.task.tag.TagScores;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Usage: {@code TaggerBenchmark <ud-upos|wikiann|speed> [--data DIR] [--epochs N] [--crf] [--no-chars]
 * [--batches N] [--warmup N] [--seed S] [--max-sentences N]}.
 * <ul>
 *   <li>ud-upos: train on en_ewt-ud-train, keep the epoch with the best dev accuracy, print test accuracy.</li>
 *   <li>wikiann: train on train, select on dev entity F1 (conlleval rules), print test F1.</li>
 *   <li>speed: the plain word BiLSTM (embedding 100, hidden 128/dir, Adam 1e-3, batch 32, no chars, no CRF) on
 *       UD train batches in bucketed order; tokens/s over {@code --batches} steps after {@code --warmup}.</li>
 * </ul>
 * DIR is the data folder holding ud_english_ewt/ and wikiann_en/ ({@code --data} or XENT_DATA; {@link DataDir}).
 * The last line is a machine-readable {@code RESULT key=value ...} summary for bench/tag.sh.
 */
public final class TaggerBenchmark {
    private TaggerBenchmark() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: TaggerBenchmark <ud-upos|wikiann|speed> [--data DIR] [--epochs N] [--crf] ...");
            System.exit(2);
        }
        Map<String, String> opt = options(argv);
        String mode = argv[0];
        switch (mode) {
            case "ud-upos" -> upos(opt);
            case "wikiann" -> wikiann(opt);
            case "speed" -> speed(opt);
            default -> {
                System.err.println("unknown mode '" + mode + "'; use ud-upos, wikiann or speed");
                System.exit(2);
            }
        }
    }

    private static Map<String, String> options(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) throw new IllegalArgumentException("expected --option, got '" + argv[i] + "'");
            String k = argv[i].substring(2);
            boolean flag = i + 1 >= argv.length || argv[i + 1].startsWith("--");
            m.put(k, flag ? "true" : argv[++i]);
        }
        return m;
    }

    private static TaggerConfig config(Map<String, String> opt, TaggerConfig base) {
        TaggerConfig c = base.withEpochs(Integer.parseInt(opt.getOrDefault("epochs", "" + base.epochs())))
                .withSeed(Long.parseLong(opt.getOrDefault("seed", "" + base.seed())));
        if (opt.containsKey("crf")) c = c.withCrf(true);
        if (opt.containsKey("no-chars")) {
            c = new TaggerConfig(c.wordDim(), 0, 0, 1, c.hidden(), c.crf(), c.iobes(), c.dropout(), c.wordDropout(), c.lowercase(),
                    c.lr(), c.batchSize(), c.epochs(), c.clip(), c.sparse(), c.seed());
        }
        return c;
    }

    static List<TaggedSentence> read(RecordReader<TaggedSentence> reader, int max) throws Exception {
        List<TaggedSentence> out = new ArrayList<>();
        try (reader) {
            while (reader.hasNext() && out.size() < max) out.add(reader.next());
        }
        return out;
    }

    private static List<TaggedSentence> ud(Path dir, String split, int max) throws Exception {
        return read(ConllUReader.open(dir.resolve("en_ewt-ud-" + split + ".conllu"), ConllUReader.Tag.UPOS,
                ReadOptions.defaults()), max);
    }

    private static void upos(Map<String, String> opt) throws Exception {
        Path dir = DataDir.resolve(opt.get("data"), "ud_english_ewt").resolve("ud_english_ewt");
        int max = Integer.parseInt(opt.getOrDefault("max-sentences", "" + Integer.MAX_VALUE));
        List<TaggedSentence> train = ud(dir, "train", max), dev = ud(dir, "dev", max), test = ud(dir, "test", max);
        TaggerConfig cfg = config(opt, TaggerConfig.full());
        TaggerTask task = TaggerTask.create(cfg, 30, train, dev);
        Tagger tagger = task.tagger();
        System.out.printf(Locale.ROOT, "ud-upos: %d/%d/%d sentences, %d words, %d chars, %d tags, %d parameters, %s%n",
                train.size(), dev.size(), test.size(), tagger.encoder().words().size(),
                tagger.encoder().chars().size(), tagger.tags().size(), tagger.model().parameterCount(), cfg);
        long t0 = System.nanoTime();
        History h = task.fit(task.options().listeners(new EpochLine("dev acc", "val_accuracy")).build());
        double wall = (System.nanoTime() - t0) / 1e9;
        double best = h.get("val_accuracy").get(h.selectedEpoch());
        double acc = tagger.evaluate(test).accuracy();
        System.out.printf(Locale.ROOT, "RESULT mode=ud-upos dev_acc=%.4f test_acc=%.4f epochs=%d wall_s=%.0f%n",
                100 * best, 100 * acc, h.epochs(), wall);
    }

    private static void wikiann(Map<String, String> opt) throws Exception {
        Path dir = DataDir.resolve(opt.get("data"), "wikiann_en").resolve("wikiann_en");
        int max = Integer.parseInt(opt.getOrDefault("max-sentences", "" + Integer.MAX_VALUE));
        ConllReader.Format fmt = ConllReader.Format.wikiann("en");
        List<TaggedSentence> train = read(ConllReader.open(dir.resolve("train"), fmt, ReadOptions.defaults()), max);
        List<TaggedSentence> dev = read(ConllReader.open(dir.resolve("dev"), fmt, ReadOptions.defaults()), max);
        List<TaggedSentence> test = read(ConllReader.open(dir.resolve("test"), fmt, ReadOptions.defaults()), max);
        TaggerConfig cfg = config(opt, TaggerConfig.full());
        TaggerTask task = TaggerTask.create(cfg, 30, train, dev);
        Tagger tagger = task.tagger();
        System.out.printf(Locale.ROOT, "wikiann: %d/%d/%d sentences, %d words, %d chars, tags %s, %d parameters, %s%n",
                train.size(), dev.size(), test.size(), tagger.encoder().words().size(),
                tagger.encoder().chars().size(), tagger.tags(), tagger.model().parameterCount(), cfg);
        long t0 = System.nanoTime();
        History h = task.fit(task.options().listeners(new EpochLine("dev F1", "val_f1")).build());  // best: dev F1
        double wall = (System.nanoTime() - t0) / 1e9;
        double best = h.get("val_f1").get(h.selectedEpoch());
        TagScores s = tagger.evaluate(test);
        ChunkF1 f = s.entities();
        System.out.printf(Locale.ROOT, "test: %s%n", f);
        System.out.printf(Locale.ROOT, "RESULT mode=wikiann dev_f1=%.2f test_f1=%.2f test_p=%.2f test_r=%.2f "
                        + "test_token_acc=%.2f epochs=%d wall_s=%.0f%n", 100 * best, 100 * f.f1(), 100 * f.precision(),
                100 * f.recall(), 100 * s.accuracy(), h.epochs(), wall);
    }

    /** Prints "epoch  3  loss 0.1234  dev F1 91.23%  42 s  5000 tokens/s" at each epoch end. */
    private static final class EpochLine implements ProgressListener {
        private final String label, metric;
        private double tokensPerSecond, seconds, lastSeconds;

        EpochLine(String label, String metric) {
            this.label = label;
            this.metric = metric;
        }

        @Override
        public void onStep(Progress p) {
            tokensPerSecond = p.unitsPerSecond();
            seconds = p.seconds();
        }

        @Override
        public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
            System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  %s %.2f%%  %.0f s  %.0f tokens/s%n", epoch + 1,
                    logs.get("loss"), label, 100 * logs.getOrDefault(metric, Double.NaN), seconds - lastSeconds,
                    tokensPerSecond);
            lastSeconds = seconds;
        }
    }

    /**
     * The speed mode's default window, the same in bench/tag_torch.py and DjlTagger: batches 100..349 of epoch 0's
     * plan (of 392), so every side times the same 250 batches in the same order. 100 warm-up batches, not 10: with 10,
     * the timed 1.6 s still included the JIT compiling the hot kernels (a C2-compiled LSTM cell arrived after ~5 s of
     * training), which a real run of many epochs does not see; PyTorch has no JIT and is at speed from batch 1.
     */
    static final int SPEED_WARMUP = 100, SPEED_BATCHES = 250;

    /**
     * Tokens/s of the training loop itself ({@link TaggerTask} on {@code Trainer}: batch building, forward, loss,
     * backward, Adam), timed from the end of step {@code --warmup} to the end of step warmup + {@code --batches}.
     */
    private static void speed(Map<String, String> opt) throws Exception {
        Path dir = DataDir.resolve(opt.get("data"), "ud_english_ewt").resolve("ud_english_ewt");
        int batches = Integer.parseInt(opt.getOrDefault("batches", "" + SPEED_BATCHES));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "" + SPEED_WARMUP));
        List<TaggedSentence> train = ud(dir, "train", Integer.MAX_VALUE);
        TaggerConfig cfg = config(opt, TaggerConfig.plain());
        if (opt.containsKey("sparse")) {
            cfg = new TaggerConfig(cfg.wordDim(), 0, 0, 1, cfg.hidden(), false, false, 0f, 0, false, cfg.lr(), cfg.batchSize(),
                    1, 0, true, cfg.seed());
        }
        TaggerTask task = TaggerTask.create(cfg, 30, train, List.of());
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long[] tokens = {0}, t = new long[4];   // t0, t1 wall; c0, c1 CPU
        ProgressListener clock = p -> {
            if (p.step() == warmup) {
                t[0] = System.nanoTime();
                t[2] = os.getProcessCpuTime();
            } else if (p.step() > warmup) {
                tokens[0] += task.units(p.epoch(), p.batch());
                t[1] = System.nanoTime();
                t[3] = os.getProcessCpuTime();
            }
        };
        int perEpoch = task.batches(0);
        History h = task.fit(task.options().epochs((warmup + batches + perEpoch - 1) / perEpoch)
                .maxSteps(warmup + batches).listeners(clock).build());
        double sec = (t[1] - t[0]) / 1e9, cpu = (t[3] - t[2]) / 1e9;
        float[] losses = h.stepLosses();
        System.out.printf(Locale.ROOT, "speed: %d batches, %d tokens, %.2f s, vocab %d, tags %d, last loss %.4f, "
                        + "threads %s%n", batches, tokens[0], sec, task.tagger().encoder().words().size(),
                task.tagger().tags().size(), losses[losses.length - 1], System.getProperty("xent.threads", "default"));
        System.out.printf(Locale.ROOT, "RESULT mode=speed tokens_per_s=%.0f tokens=%d seconds=%.3f cpu_s=%.3f "
                + "tokens_per_cpu_s=%.0f%n", tokens[0] / sec, tokens[0], sec, cpu, tokens[0] / cpu);
    }
}
