// Command-line driver for the tagging benchmarks: UD English-EWT UPOS, WikiANN-en NER, and training speed.
package dev.xent.bench.tag;

import dev.xent.bench.DataDir;
import dev.xent.data.ConllReader;
import dev.xent.data.ConllUReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.RecordReader;
import dev.xent.data.TaggedSentence;
import dev.xent.metrics.ChunkF1;
import dev.xent.task.tag.BiLstmTagger;
import dev.xent.task.tag.Bucketing;
import dev.xent.task.tag.TagBatch;
import dev.xent.task.tag.TagEncoder;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTrainer;
import dev.xent.tensor.Rng;

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
            c = new TaggerConfig(c.wordDim(), 0, 0, 1, c.hidden(), c.crf(), c.dropout(), c.wordDropout(), c.lowercase(),
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
        TagEncoder enc = TagEncoder.build(train, cfg.lowercase(), 30);
        List<TagEncoder.Encoded> tr = enc.encodeAll(train), dv = enc.encodeAll(dev), te = enc.encodeAll(test);
        BiLstmTagger model = new BiLstmTagger(cfg, enc.words().size(), enc.chars().size(), enc.tags().size());
        System.out.printf(Locale.ROOT, "ud-upos: %d/%d/%d sentences, %d words, %d chars, %d tags, %d parameters, %s%n",
                tr.size(), dv.size(), te.size(), enc.words().size(), enc.chars().size(), enc.tags().size(),
                model.parameterCount(), cfg);
        long t0 = System.nanoTime();
        List<TaggerTrainer.Epoch> epochs = new TaggerTrainer(model, enc).fit(tr,
                m -> TaggerTrainer.accuracy(dv, TaggerTrainer.predict(m, dv, 64, enc.words())),
                e -> System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  dev acc %.2f%%  %.0f s  %.0f tokens/s%n",
                        e.epoch(), e.trainLoss(), 100 * e.devScore(), e.seconds(), e.tokensPerSecond()));
        double wall = (System.nanoTime() - t0) / 1e9;
        double best = epochs.stream().mapToDouble(TaggerTrainer.Epoch::devScore).max().orElse(Double.NaN);
        double acc = TaggerTrainer.accuracy(te, TaggerTrainer.predict(model, te, 64, enc.words()));
        System.out.printf(Locale.ROOT, "RESULT mode=ud-upos dev_acc=%.4f test_acc=%.4f epochs=%d wall_s=%.0f%n",
                100 * best, 100 * acc, epochs.size(), wall);
    }

    private static void wikiann(Map<String, String> opt) throws Exception {
        Path dir = DataDir.resolve(opt.get("data"), "wikiann_en").resolve("wikiann_en");
        int max = Integer.parseInt(opt.getOrDefault("max-sentences", "" + Integer.MAX_VALUE));
        ConllReader.Format fmt = ConllReader.Format.wikiann("en");
        List<TaggedSentence> train = read(ConllReader.open(dir.resolve("train"), fmt, ReadOptions.defaults()), max);
        List<TaggedSentence> dev = read(ConllReader.open(dir.resolve("dev"), fmt, ReadOptions.defaults()), max);
        List<TaggedSentence> test = read(ConllReader.open(dir.resolve("test"), fmt, ReadOptions.defaults()), max);
        TaggerConfig cfg = config(opt, TaggerConfig.full());
        TagEncoder enc = TagEncoder.build(train, cfg.lowercase(), 30);
        List<TagEncoder.Encoded> tr = enc.encodeAll(train), dv = enc.encodeAll(dev), te = enc.encodeAll(test);
        BiLstmTagger model = new BiLstmTagger(cfg, enc.words().size(), enc.chars().size(), enc.tags().size());
        System.out.printf(Locale.ROOT, "wikiann: %d/%d/%d sentences, %d words, %d chars, tags %s, %d parameters, %s%n",
                tr.size(), dv.size(), te.size(), enc.words().size(), enc.chars().size(), enc.tags(),
                model.parameterCount(), cfg);
        long t0 = System.nanoTime();
        List<TaggerTrainer.Epoch> epochs = new TaggerTrainer(model, enc).fit(tr,
                m -> entityF1(m, enc, dev, dv).f1(),
                e -> System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  dev F1 %.2f  %.0f s  %.0f tokens/s%n",
                        e.epoch(), e.trainLoss(), 100 * e.devScore(), e.seconds(), e.tokensPerSecond()));
        double wall = (System.nanoTime() - t0) / 1e9;
        double best = epochs.stream().mapToDouble(TaggerTrainer.Epoch::devScore).max().orElse(Double.NaN);
        ChunkF1 f = entityF1(model, enc, test, te);
        System.out.printf(Locale.ROOT, "test: %s%n", f);
        System.out.printf(Locale.ROOT, "RESULT mode=wikiann dev_f1=%.2f test_f1=%.2f test_p=%.2f test_r=%.2f "
                        + "test_token_acc=%.2f epochs=%d wall_s=%.0f%n", 100 * best, 100 * f.f1(), 100 * f.precision(),
                100 * f.recall(), 100 * f.accuracy(), epochs.size(), wall);
    }

    /** conlleval counts over {@code sentences}, with predicted tag ids mapped back to tag strings. */
    static ChunkF1 entityF1(BiLstmTagger m, TagEncoder enc, List<TaggedSentence> sentences,
                            List<TagEncoder.Encoded> encoded) {
        int[][] pred = TaggerTrainer.predict(m, encoded, 64, enc.words());
        ChunkF1 f = new ChunkF1();
        int j = 0;
        for (TaggedSentence s : sentences) {
            if (s.size() == 0) continue;
            List<String> p = new ArrayList<>(s.size());
            for (int id : pred[j++]) p.add(enc.tag(id));
            f.add(s.tags(), p);
        }
        return f;
    }

    private static void speed(Map<String, String> opt) throws Exception {
        Path dir = DataDir.resolve(opt.get("data"), "ud_english_ewt").resolve("ud_english_ewt");
        int batches = Integer.parseInt(opt.getOrDefault("batches", "100"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        List<TaggedSentence> train = ud(dir, "train", Integer.MAX_VALUE);
        TaggerConfig cfg = config(opt, TaggerConfig.plain());
        if (opt.containsKey("sparse")) {
            cfg = new TaggerConfig(cfg.wordDim(), 0, 0, 1, cfg.hidden(), false, 0f, 0, false, cfg.lr(), cfg.batchSize(),
                    1, 0, true, cfg.seed());
        }
        TagEncoder enc = TagEncoder.build(train, false, 30);
        List<TagEncoder.Encoded> tr = enc.encodeAll(train);
        BiLstmTagger model = new BiLstmTagger(cfg, enc.words().size(), 1, enc.tags().size());
        TaggerTrainer trainer = new TaggerTrainer(model, enc);
        List<int[]> plan = Bucketing.batches(tr.stream().mapToInt(TagEncoder.Encoded::length).toArray(), cfg.batchSize(), cfg.seed());
        Rng rng = new Rng(1);
        long tokens = 0, t0 = 0, c0 = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        double lastLoss = Double.NaN;
        for (int i = 0; i < warmup + batches; i++) {
            if (i == warmup) {
                t0 = System.nanoTime();
                c0 = os.getProcessCpuTime();
            }
            TagBatch b = TagBatch.of(tr, plan.get(i % plan.size()), false, enc.words(), 0, null);
            lastLoss = trainer.step(b, rng);
            if (i >= warmup) tokens += b.tokens();
        }
        double sec = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "speed: %d batches, %d tokens, %.2f s, vocab %d, tags %d, last loss %.4f, "
                        + "threads %s%n", batches, tokens, sec, enc.words().size(), enc.tags().size(), lastLoss,
                System.getProperty("xent.threads", "default"));
        System.out.printf(Locale.ROOT, "RESULT mode=speed tokens_per_s=%.0f tokens=%d seconds=%.3f cpu_s=%.3f "
                + "tokens_per_cpu_s=%.0f%n", tokens / sec, tokens, sec, cpu, tokens / cpu);
    }
}
