// Command-line benchmark: trains the CNN, BiLSTM/BiGRU and Transformer classifiers on SST-2 (train → dev) and AG News (5-fold CV).
package dev.xent.bench.classify;

import dev.xent.bench.DataDir;
import dev.xent.data.CsvOptions;
import dev.xent.data.CsvReader;
import dev.xent.data.Example;
import dev.xent.data.ReadOptions;
import dev.xent.data.Splits;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.FastTextConfig;
import dev.xent.task.classify.LabeledTokens;
import dev.xent.task.classify.NeuralTextClassifier;
import dev.xent.task.classify.NeuralClassifierTask;
import dev.xent.task.classify.NeuralTrainConfig;
import dev.xent.task.classify.Objective;
import dev.xent.task.classify.RnnClassifier;
import dev.xent.task.classify.TextCnnClassifier;
import dev.xent.task.classify.TransformerClassifier;
import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectors;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.text.WordTokenizer;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage: {@code NeuralClassifierBenchmark [--data DIR] [--models cnn,bilstm,bigru,transformer,fasttext]
 * [--epochs N] [--holdout F] [--seed S] [--model-seed S] [--pooling max|mean|max_mean] [--vectors FILE.vec]
 * [--task sst2|agnews|both] [--emb E] [--hidden H] [--filters F] [--dmodel D] [--blocks N] [--save-probs PREFIX]
 * [--ensemble RUN,RUN,...]}. DIR (default: XENT_DATA) holds sst2/{train,dev}.tsv and ag_news/test.csv.
 * --save-probs writes each SST-2 model's probabilities of its kept epoch (one "p0 p1" line per sentence) on dev
 * to PREFIX.MODEL.dev and on the hold-out to PREFIX.MODEL.valid; --ensemble takes such PREFIX.MODEL names (runs of different models
 * can then go in separate processes). --seed seeds the split; --model-seed (default: --seed) the model.
 *
 * <p>SST-2: the vocabulary is every word of the training phrases (lowercased word tokens); a fraction F
 * (default 10%) of the training sentences is held out with {@link SentenceHoldout} (their phrases are dropped
 * from training) to pick each model's best epoch; dev is never seen in training or selection. Each model
 * prints its dev accuracy, macro-F1, log loss, training time and training tokens/s; "ensemble" averages the
 * models' dev probabilities. Model "fasttext" is the FastTextClassifier on the same phrases. --vectors FILE.vec
 * initialises the embeddings; --pretrain FILE.vec [--pretrain-mode skipgram|cbow] [--pretrain-epochs N]
 * [--pretrain-mincount N] trains such vectors (see {@link PretrainVectors}) and stops.
 * --ensemble R1,R2,... scores ensembles of saved runs (see {@link SstEnsemble}). AG News (a random --holdout
 * fraction of each training fold's rows picks the epoch): only its test split is available, so
 * 5-fold CV over it (seeded folds), one training per fold and model, mean and population std of accuracy.
 */
public final class NeuralClassifierBenchmark {
    private NeuralClassifierBenchmark() {}

    private static int emb = 300, hidden = 150, filters = 100, dModel = 128, blocks = 2;
    private static String saveProbs;
    private static long modelSeed;
    private static RnnClassifier.Pooling pooling = RnnClassifier.Pooling.MAX;
    private static WordVectors vectors;   // --vectors: initial embeddings, or null (random)

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parseArgs(args);
        String task = a.getOrDefault("task", "sst2");
        Path data = DataDir.resolve(a.get("data"), task.equals("agnews") ? "ag_news/test.csv" : "sst2/train.tsv");
        List<String> models = List.of(a.getOrDefault("models", "cnn,bilstm,transformer").split(","));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "0"));                 // 0 = per-model default
        double holdout = Double.parseDouble(a.getOrDefault("holdout", "0.1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));                      // split (and default model) seed
        modelSeed = Long.parseLong(a.getOrDefault("model-seed", Long.toString(seed)));  // initialisation, batch order
        emb = Integer.parseInt(a.getOrDefault("emb", "300"));
        hidden = Integer.parseInt(a.getOrDefault("hidden", "150"));
        filters = Integer.parseInt(a.getOrDefault("filters", "100"));
        dModel = Integer.parseInt(a.getOrDefault("dmodel", "128"));
        blocks = Integer.parseInt(a.getOrDefault("blocks", "2"));
        saveProbs = a.get("save-probs");
        pooling = RnnClassifier.Pooling.valueOf(a.getOrDefault("pooling", "max").toUpperCase());
        if (a.containsKey("pretrain")) {   // train word vectors, write them, stop
            WordVectorConfig cfg = WordVectorConfig.skipGram()
                    .withMode(WordVectorConfig.Mode.valueOf(a.getOrDefault("pretrain-mode", "skipgram").toUpperCase()))
                    .withDim(emb).withEpochs(Integer.parseInt(a.getOrDefault("pretrain-epochs", "5")))
                    .withMinCount(Integer.parseInt(a.getOrDefault("pretrain-mincount", "3")))
                    .withThreads(Integer.parseInt(System.getProperty("xent.threads", "1"))).withSeed(seed);
            PretrainVectors.run(data, Path.of(a.get("pretrain")), cfg);
            return;
        }
        vectors = a.containsKey("vectors") ? WordVectors.load(Path.of(a.get("vectors"))) : null;
        if (a.containsKey("ensemble")) {
            SstEnsemble.run(data, a.get("ensemble").split(","), holdout, seed);
            return;
        }
        System.out.printf("threads: %s, models: %s%n", System.getProperty("xent.threads", "all cores"), models);
        if (task.equals("sst2") || task.equals("both")) sst2(data, models, epochs, holdout, seed);
        if (task.equals("agnews") || task.equals("both")) agNews(data, models, epochs, holdout, seed);
    }

    static void sst2(Path dir, List<String> models, int epochs, double holdout, long seed) throws Exception {
        WordTokenizer tok = new WordTokenizer(true, false);
        List<Example> train = read(dir.resolve("sst2/train.tsv"), CsvOptions.glueTsv("sentence", "label"));
        List<Example> dev = read(dir.resolve("sst2/dev.tsv"), CsvOptions.glueTsv("sentence", "label"));
        Vocabulary vocab = vocabulary(train, tok);
        List<String> classes = List.of("0", "1");
        LabeledTokens all = encode(train, tok, vocab, classes), test = encode(dev, tok, vocab, classes);
        SentenceHoldout.Split split = SentenceHoldout.split(all.tokens(), holdout, 2, seed);
        LabeledTokens fit = all.subset(split.train()), valid = all.subset(split.valid());
        System.out.printf("SST-2: %d training phrases; validation = %d of the %d maximal phrases (sentences), "
                + "%d phrases inside them dropped from training; %d dev sentences, vocabulary %d%n", fit.size(),
                valid.size(), split.maximal(), split.dropped(), test.size(), vocab.size());
        List<float[][]> probs = new ArrayList<>();
        for (String name : models) {
            if (name.equals("fasttext")) {
                probs.add(fastText(pick(train, split.train()), pick(train, split.valid()), dev, valid, test));
                continue;
            }
            NeuralTextClassifier m = build(name, vocab.size(), Objective.BINARY, 2, modelSeed);
            if (vectors != null) {
                System.out.printf("%s: embeddings of %d of %d words from the pretrained vectors%n", name,
                        m.initEmbeddings(vectors, vocab), vocab.size() - Vocabulary.SPECIALS.size());
            }
            float[][] p = runOne(m, name, fit, valid, test, epochs, modelSeed);
            probs.add(p);
        }
        if (probs.size() > 1) {
            System.out.printf("SST-2 dev  %-12s %s%n", "ensemble", Objective.BINARY.score(average(probs), test).summary());
        }
    }

    static void agNews(Path dir, List<String> models, int epochs, double holdout, long seed) throws Exception {
        WordTokenizer tok = new WordTokenizer(true, false);
        List<Example> rows = read(dir.resolve("ag_news/test.csv"), CsvOptions.agNews());
        List<String> classes = List.of("1", "2", "3", "4");
        List<Splits.Fold> folds = Splits.kFold(rows.size(), 5, seed);
        for (String name : models) {
            double[] acc = new double[folds.size()];
            for (int f = 0; f < folds.size(); f++) {
                List<Example> tr = pick(rows, folds.get(f).train()), te = pick(rows, folds.get(f).test());
                Vocabulary vocab = vocabulary(tr, tok);
                LabeledTokens all = encode(tr, tok, vocab, classes), test = encode(te, tok, vocab, classes);
                Splits.Split split = Splits.trainValidTest(all.size(), holdout, 0, seed);
                NeuralTextClassifier m = build(name, vocab.size(), Objective.MULTICLASS, 4, seed + f);
                float[][] p = runOne(m, name + "/fold" + (f + 1), all.subset(split.train()),
                        all.subset(split.valid()), test, epochs, seed);
                acc[f] = Objective.MULTICLASS.score(p, test).accuracy();
            }
            double mean = 0, var = 0;
            for (double x : acc) mean += x / acc.length;
            for (double x : acc) var += (x - mean) * (x - mean) / acc.length;
            System.out.printf("AG News 5-fold  %-12s accuracy %.2f%% ± %.2f%n", name, 100 * mean, 100 * Math.sqrt(var));
        }
    }

    /** The benchmark's settings per model name. */
    static NeuralTextClassifier build(String name, int vocab, Objective obj, int classes, long seed) {
        return switch (name) {
            case "cnn" -> new TextCnnClassifier(vocab, obj, classes,
                    new TextCnnClassifier.Config(emb, new int[] {3, 4, 5}, filters, 0.5f), seed);
            case "bilstm" -> new RnnClassifier(vocab, obj, classes, new RnnClassifier.Config(
                    RnnClassifier.Cell.LSTM, emb, hidden, 1, pooling, 0.5f), seed);
            case "bigru" -> new RnnClassifier(vocab, obj, classes, new RnnClassifier.Config(
                    RnnClassifier.Cell.GRU, emb, hidden, 1, pooling, 0.5f), seed);
            case "transformer" -> new TransformerClassifier(vocab, obj, classes,
                    new TransformerClassifier.Config(dModel, 4, 2 * dModel, blocks, 512, 0.2f), seed);
            default -> throw new IllegalArgumentException("unknown model '" + name
                    + "'; choose from cnn, bilstm, bigru, transformer");
        };
    }

    static int defaultEpochs(String name) {
        return name.startsWith("transformer") ? 6 : 4;
    }

    static float[][] runOne(NeuralTextClassifier m, String name, LabeledTokens fit, LabeledTokens valid,
                            LabeledTokens test, int epochs, long seed) {
        int e = epochs > 0 ? epochs : defaultEpochs(name);
        double lr = name.startsWith("transformer") ? 5e-4 : 1e-3;
        System.out.printf("%s: %s, %,d parameters, %d epochs, Adam %.0e, batch 50%n", name, m.describe(),
                m.parameterCount(), e, lr);
        NeuralClassifierTask task = new NeuralClassifierTask(m, fit, valid,
                NeuralTrainConfig.defaults(e).withSeed(seed).withLearningRate(lr));
        History h = task.fit(task.options().listeners(new EpochPrinter(task, name, valid, test)).build());
        float[][] p = m.probabilities(test.tokens(), 256);
        System.out.printf("  %-20s %s | best epoch %d | train %.1f s, %.0f tokens/s%n", name,
                m.objective().score(p, test).summary(), h.selectedEpoch() + 1, task.trainedSeconds(),
                task.trainedTokens() / task.trainedSeconds());
        return p;
    }

    /**
     * After each epoch: the held-out scores that choose the epoch, and the dev scores of that epoch's weights,
     * printed for the record only (selection uses the held-out part of train); with --save-probs a run stopped
     * early still has the selected epoch's dev probabilities on disk. Four progress lines an epoch.
     */
    private record EpochPrinter(NeuralClassifierTask task, String name, LabeledTokens valid, LabeledTokens test,
                                Map<String, Double> best) implements ProgressListener {
        EpochPrinter(NeuralClassifierTask task, String name, LabeledTokens valid, LabeledTokens test) {
            this(task, name, valid, test, new LinkedHashMap<>());
        }

        @Override
        public void onStep(Progress p) {
            int every = Math.max(1, p.batchesPerEpoch() / 4);
            if ((p.batch() + 1) % every == 0 && p.batch() + 1 < p.batchesPerEpoch()) {
                System.out.printf("    epoch %d: %d/%d batches, loss %.4f, %.0f tokens/s%n", p.epoch() + 1, p.batch() + 1,
                        p.batchesPerEpoch(), p.loss(), task.trainedTokens() / task.trainedSeconds());
            }
        }

        @Override
        public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
            NeuralTextClassifier m = (NeuralTextClassifier) task.model();
            boolean isBest = task.selection().better(logs, best.isEmpty() ? null : best);
            if (isBest) {
                best.clear();
                best.putAll(logs);
            }
            System.out.printf("  epoch %d: train loss %.4f, %.0f tokens/s, held-out acc %.2f%%, log loss %.4f%n",
                    epoch + 1, logs.get("loss"), task.trainedTokens() / task.trainedSeconds(),
                    100 * logs.get("val_accuracy"), logs.get("val_loss"));
            float[][] p = m.probabilities(test.tokens(), 256);
            System.out.printf("    after epoch %d: dev %s%s%n", epoch + 1, m.objective().score(p, test).summary(),
                    isBest ? " (best held-out so far)" : "");
            if (isBest && saveProbs != null && m.objective() == Objective.BINARY) {
                try {
                    writeProbs(Path.of(saveProbs + "." + name + ".dev"), p);
                    writeProbs(Path.of(saveProbs + "." + name + ".valid"), m.probabilities(valid.tokens(), 256));
                } catch (Exception ex) {
                    throw new IllegalStateException("cannot write " + saveProbs + "." + name + ".dev/.valid", ex);
                }
            }
        }
    }

    /**
     * The fastText-style classifier as an ensemble member: the settings of bench/classify.sh (dim 100, epoch 5,
     * lr 0.5, word bigrams), one thread (deterministic), no selection; trained on the same phrases as the others.
     */
    static float[][] fastText(List<Example> fit, List<Example> validRows, List<Example> dev, LabeledTokens valid,
                              LabeledTokens test) throws Exception {
        long start = System.nanoTime();
        FastTextClassifier ft = FastTextClassifier.train(fit, FastTextConfig.defaults().withDim(100).withEpoch(5)
                .withLr(0.5).withWordNgrams(2).withThreads(1).withSeed(modelSeed));
        double sec = (System.nanoTime() - start) / 1e9;
        float[][] pv = fastTextProbs(ft, validRows), pd = fastTextProbs(ft, dev);
        System.out.printf("  %-20s %s | held-out %s | train %.1f s%n", "fasttext", Objective.BINARY.score(pd,
                test).summary(), Objective.BINARY.score(pv, valid).summary(), sec);
        if (saveProbs != null) {
            writeProbs(Path.of(saveProbs + ".fasttext.dev"), pd);
            writeProbs(Path.of(saveProbs + ".fasttext.valid"), pv);
        }
        return pd;
    }

    private static float[][] fastTextProbs(FastTextClassifier ft, List<Example> rows) {
        int one = ft.labels().indexOf("1");
        float[][] p = new float[rows.size()][];
        for (int i = 0; i < p.length; i++) {
            float p1 = ft.probabilities(rows.get(i).text())[one];
            p[i] = new float[] {1 - p1, p1};
        }
        return p;
    }

    static void writeProbs(Path file, float[][] p) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (float[] row : p) sb.append(row[0]).append(' ').append(row[1]).append('\n');
        java.nio.file.Files.writeString(file, sb);
    }

    static List<Example> read(Path p, CsvOptions csv) throws Exception {
        try (CsvReader r = CsvReader.open(p, csv, ReadOptions.defaults())) {
            return r.stream().toList();
        }
    }

    static Vocabulary vocabulary(List<Example> rows, WordTokenizer tok) {
        VocabularyBuilder b = Vocabulary.builder();
        for (Example e : rows) b.addAll(tok.tokenize(e.text()));
        return b.build(1, Integer.MAX_VALUE);
    }

    static LabeledTokens encode(List<Example> rows, WordTokenizer tok, Vocabulary vocab, List<String> classes) {
        int[][] ids = new int[rows.size()][];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            int[] t = vocab.encode(tok.tokenize(rows.get(i).text()));
            ids[i] = t.length == 0 ? new int[] {Vocabulary.UNK} : t;
            labels[i] = classes.indexOf(rows.get(i).label());
            if (labels[i] < 0) throw new IllegalArgumentException("unknown label '" + rows.get(i).label() + "'");
        }
        return LabeledTokens.singleLabel(ids, labels, classes.size());
    }

    static float[][] average(List<float[][]> probs) {
        float[][] out = new float[probs.get(0).length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[probs.get(0)[i].length];
            for (float[][] p : probs) for (int c = 0; c < out[i].length; c++) out[i][c] += p[i][c] / probs.size();
        }
        return out;
    }

    static List<Example> pick(List<Example> rows, int[] idx) {
        List<Example> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(rows.get(i));
        return out;
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs; got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
