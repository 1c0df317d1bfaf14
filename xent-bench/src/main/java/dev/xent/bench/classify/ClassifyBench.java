// Benchmark driver for bench/classify.sh: trains xent's FastTextClassifier on SST-2 (train -> dev) or one fold of
// AG News 5-fold CV, prints accuracy and timings; or writes the same splits as fastText-format files so that
// `fasttext supervised` trains on exactly the same examples and text.
package dev.xent.bench.classify;

import dev.xent.bench.DataDir;
import dev.xent.data.CsvOptions;
import dev.xent.data.CsvReader;
import dev.xent.data.Example;
import dev.xent.data.ReadOptions;
import dev.xent.data.Splits;
import dev.xent.metrics.ClassificationMetrics;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.task.classify.FastTextTokens;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Usage:
 * <pre>
 *   ClassifyBench [--data DIR] prepare sst2|ag OUT_DIR [folds] [splitSeed]
 *   ClassifyBench [--data DIR] train   sst2|ag fold dim epoch lr wordNgrams threads seed [folds] [splitSeed]
 * </pre>
 * DIR (default: XENT_DATA) holds sst2/{train,dev}.tsv and ag_news/test.csv. fold is ignored for sst2 (use 0).
 * -Dxent.bench.save=FILE also saves the model. Prints one line "xent task=.. fold=.. accuracy=.. load_s=.. train_s=.."
 */
public final class ClassifyBench {
    private ClassifyBench() {
    }

    public static void main(String[] argv) throws IOException {
        String dataOption = argv.length >= 2 && argv[0].equals("--data") ? argv[1] : null;
        String[] args = dataOption == null ? argv : Arrays.copyOfRange(argv, 2, argv.length);
        if (args.length < 3) {
            System.err.println("usage: ClassifyBench [--data DIR] prepare|train sst2|ag ... (see the class comment)");
            System.exit(2);
        }
        String mode = args[0];
        String task = args[1];
        Path data = DataDir.resolve(dataOption, task.equals("ag") ? "ag_news/test.csv" : "sst2/train.tsv");
        if (mode.equals("prepare")) {
            int folds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
            long splitSeed = args.length > 4 ? Long.parseLong(args[4]) : 1;
            prepare(task, data, Path.of(args[2]), folds, splitSeed);
            return;
        }
        int fold = Integer.parseInt(args[2]);
        FastTextConfig cfg = FastTextConfig.defaults().withDim(Integer.parseInt(args[3]))
                .withEpoch(Integer.parseInt(args[4])).withLr(Double.parseDouble(args[5]))
                .withWordNgrams(Integer.parseInt(args[6])).withThreads(Integer.parseInt(args[7]))
                .withSeed(Long.parseLong(args[8]));
        int folds = args.length > 9 ? Integer.parseInt(args[9]) : 5;
        long splitSeed = args.length > 10 ? Long.parseLong(args[10]) : 1;
        long t0 = System.nanoTime();
        List<List<Example>> parts = load(task, data, fold, folds, splitSeed);
        long t1 = System.nanoTime();
        FastTextClassifier model = FastTextClassifier.train(parts.get(0), cfg);
        long t2 = System.nanoTime();
        String save = System.getProperty("xent.bench.save");
        if (save != null) { // fastText always writes its model; do the same for a like-for-like wall time
            model.save(Path.of(save));
        }
        long t25 = System.nanoTime();
        ClassificationMetrics m = model.evaluate(parts.get(1));
        long t3 = System.nanoTime();
        long tokens = 0; // as fastText counts them for its schedule and words/sec: words + </s> + labels
        for (Example e : parts.get(0)) {
            tokens += FastTextTokens.tokenize(e.text()).size() + e.labels().size();
        }
        System.out.printf(Locale.ROOT, "xent tokens_per_s=%.0f%n", tokens * (double) cfg.epoch() / ((t2 - t1) / 1e9));
        System.out.printf(Locale.ROOT, "xent task=%s fold=%d accuracy=%.4f macro_f1=%.4f log_loss=%.4f train_loss=%.4f"
                        + " n_train=%d n_test=%d load_s=%.3f train_s=%.3f save_s=%.3f eval_s=%.3f%n", task, fold,
                m.accuracy(), m.macroF1(), m.logLoss(), model.trainLoss(), parts.get(0).size(), parts.get(1).size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t25 - t2) / 1e9, (t3 - t25) / 1e9);
    }

    /** [train, test] for the task and fold. */
    static List<List<Example>> load(String task, Path data, int fold, int folds, long splitSeed) {
        if (task.equals("sst2")) {
            CsvOptions o = CsvOptions.glueTsv("sentence", "label");
            return List.of(read(data.resolve("sst2/train.tsv"), o), read(data.resolve("sst2/dev.tsv"), o));
        }
        if (task.equals("ag")) {
            List<Example> all = read(data.resolve("ag_news/test.csv"), CsvOptions.agNews());
            Splits.Fold f = Splits.kFold(all.size(), folds, splitSeed).get(fold);
            return List.of(pick(all, f.train()), pick(all, f.test()));
        }
        throw new IllegalArgumentException("task must be sst2 or ag; got " + task);
    }

    private static List<Example> read(Path file, CsvOptions o) {
        List<Example> out = new ArrayList<>();
        try (CsvReader r = CsvReader.open(file, o, ReadOptions.defaults())) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<Example> pick(List<Example> all, int[] idx) {
        List<Example> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Writes "__label__L text" lines (train/test per fold) with the very examples the xent run uses. */
    private static void prepare(String task, Path data, Path out, int folds, long splitSeed) throws IOException {
        Files.createDirectories(out);
        int n = task.equals("sst2") ? 1 : folds;
        for (int f = 0; f < n; f++) {
            List<List<Example>> parts = load(task, data, f, folds, splitSeed);
            write(parts.get(0), out.resolve(task + "." + f + ".train"));
            write(parts.get(1), out.resolve(task + "." + f + ".test"));
        }
    }

    private static void write(List<Example> examples, Path file) throws IOException {
        Map<String, String> seen = new HashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Example e : examples) {
                for (String l : e.labels()) {
                    seen.putIfAbsent(l, l);
                    w.write("__label__");
                    w.write(l);
                    w.write(' ');
                }
                // a newline inside the text would end fastText's line early; it is whitespace to both tokenizers
                w.write(e.text().replace('\n', ' ').replace('\r', ' '));
                w.write('\n');
            }
        }
    }
}
