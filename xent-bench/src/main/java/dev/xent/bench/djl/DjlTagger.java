// The plain word BiLSTM tagger of bench/tag_torch.py written with DJL on PyTorch 2.7.1, timed like it.
package dev.xent.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.xent.bench.DataDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Usage: {@code DjlTagger [--data DIR] [--threads T] [--batches 250] [--warmup 100] [--seed 1]}.
 *
 * <p>The model, data and batches of bench/tag_torch.py: UD English-EWT train (UPOS), vocabulary {@code <pad>}=0,
 * {@code <unk>}=1 then words in order of appearance, tags sorted; embedding 100 (N(0, 1), padding row 0, dense
 * gradient) → one bidirectional LSTM 128 per direction → linear 256 → K → cross-entropy over the real tokens
 * (mean); Adam lr 1e-3 (DJL's Adam: PyTorch's fused update) ; batch 32. Batches: sort by length (stable), groups of
 * 32, group order shuffled by Fisher-Yates with SplitMix64 from the seed, as xent's Bucketing and tag_torch.py.
 *
 * <p>PyTorch runs the backward direction over {@code pack_padded_sequence}, i.e. each sentence from its own last
 * word. DJL has no packed sequences, so each direction is one {@code torch::lstm} call over the padded batch, and the
 * backward one reads the embeddings reversed within each sentence's length (pads stay at the end), then its outputs
 * are put back in order: the outputs at real positions are exactly the packed ones; the pad steps are computed and
 * ignored (the batches are length-sorted, so there are few).
 *
 * <p>Timed: {@code --batches} steps after {@code --warmup}; tokens/s = real tokens / wall time of the steps;
 * tokens per CPU-second of the whole process. Prints a {@code RESULT ...} line like bench/tag_torch.py.
 */
public final class DjlTagger {
    private static final int EMBED = 100, HIDDEN = 128, BATCH = 32;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private DjlTagger() {}

    public static void main(String[] args) throws IOException {
        String data = null;
        int threads = 1, batches = 250, warmup = 100;   // TaggerBenchmark.SPEED_WARMUP/BATCHES
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --data DIR, "
                        + "--threads T, --batches N, --warmup N or --seed S");
            }
        }
        Path dir = DataDir.resolve(data, "ud_english_ewt").resolve("ud_english_ewt");
        List<String[][]> train = readConllu(dir.resolve("en_ewt-ud-train.conllu"));
        Map<String, Integer> vocab = new HashMap<>();
        vocab.put("<pad>", 0);
        vocab.put("<unk>", 1);
        TreeSet<String> tagSet = new TreeSet<>();
        for (String[][] s : train) {
            for (String w : s[0]) vocab.putIfAbsent(w, vocab.size());
            tagSet.addAll(List.of(s[1]));
        }
        List<String> tags = new ArrayList<>(tagSet);
        int[][] words = new int[train.size()][], labels = new int[train.size()][];
        for (int i = 0; i < train.size(); i++) {
            String[][] s = train.get(i);
            words[i] = new int[s[0].length];
            labels[i] = new int[s[0].length];
            for (int t = 0; t < s[0].length; t++) {
                words[i][t] = vocab.get(s[0][t]);
                labels[i][t] = tags.indexOf(s[1][t]);
            }
        }
        List<int[]> plan = batches(words, BATCH, seed);
        Engine engine = DjlRuntime.start(threads, seed, System.out);
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            Model m = new Model(root, vocab.size(), tags.size());
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            long tokens = 0, t0 = 0;
            double c0 = 0, loss = Double.NaN, lossSum = 0;
            for (int i = 0; i < warmup + batches; i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                    c0 = DjlRuntime.processCpuSeconds();
                }
                int[] idx = plan.get(i % plan.size());
                try (NDManager step = root.newSubManager()) {
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray l = m.loss(step, idx, words, labels);
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    for (int p = 0; p < m.params.size(); p++) {
                        NDArray w = m.params.get(p), g = w.getGradient();
                        g.attach(step);
                        adam.update("p" + p, w, g);
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                }
                if (i >= warmup) {
                    for (int j : idx) tokens += words[j].length;
                    lossSum += loss;
                }
            }
            double sec = (System.nanoTime() - t0) / 1e9, cpu = DjlRuntime.processCpuSeconds() - c0;
            System.out.printf(Locale.ROOT, "speed: %d batches, %d tokens, %.2f s, vocab %d, tags %d, last loss %.4f, "
                    + "mean loss %.4f, threads %d%n", batches, tokens, sec, vocab.size(), tags.size(), loss,
                    lossSum / batches, threads);
            System.out.printf(Locale.ROOT, "RESULT mode=speed tokens_per_s=%.0f tokens=%d seconds=%.3f cpu_s=%.3f "
                    + "tokens_per_cpu_s=%.0f mean_loss=%.4f%n", tokens / sec, tokens, sec, cpu, tokens / cpu,
                    lossSum / batches);
        }
    }

    /** Parameters as tag_torch.py's Tagger (nn.Embedding, nn.LSTM bidirectional, nn.Linear) initialises them. */
    private static final class Model {
        final NDArray emb, outWeight, outBias;
        final NDList forward = new NDList(), backward = new NDList();   // weight_ih, weight_hh, bias_ih, bias_hh
        final List<NDArray> params = new ArrayList<>();

        Model(NDManager root, int vocab, int tags) {
            NDArray e = root.randomNormal(new Shape(vocab, EMBED));
            e.set(new ai.djl.ndarray.index.NDIndex(0), 0f);                  // padding_idx=0: the pad row is zero
            emb = param(e);
            float k = (float) (1 / Math.sqrt(HIDDEN));
            for (NDList dir : List.of(forward, backward)) {
                dir.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN, EMBED))));
                dir.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN, HIDDEN))));
                dir.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN))));
                dir.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN))));
            }
            float o = (float) (1 / Math.sqrt(2 * HIDDEN));                    // nn.Linear: U(±1/√fan_in)
            outWeight = param(root.randomUniform(-o, o, new Shape(tags, 2 * HIDDEN)));
            outBias = param(root.randomUniform(-o, o, new Shape(tags)));
        }

        private NDArray param(NDArray a) {
            a.setRequiresGradient(true);
            params.add(a);
            return a;
        }

        /** Mean cross-entropy over the real tokens of the sentences idx. */
        NDArray loss(NDManager m, int[] idx, int[][] words, int[][] labels) {
            int b = idx.length, t = 0, n = 0;
            for (int j : idx) {
                t = Math.max(t, words[j].length);
                n += words[j].length;
            }
            long[] ids = new long[b * t], reverse = new long[b * t], real = new long[n], target = new long[n];
            for (int r = 0, k = 0; r < b; r++) {
                int len = words[idx[r]].length;
                for (int p = 0; p < t; p++) {
                    ids[r * t + p] = p < len ? words[idx[r]][p] : 0;
                    reverse[r * t + p] = r * t + (p < len ? len - 1 - p : p);   // its own inverse
                    if (p < len) {
                        real[k] = r * t + p;
                        target[k++] = labels[idx[r]][p];
                    }
                }
            }
            NDArray x = m.create(ids, new Shape(b, t));
            NDArray e = x.getNDArrayInternal().embedding(x, emb, SparseFormat.DENSE).singletonOrThrow();   // (B, T, E)
            NDArray rev = m.create(reverse);
            NDArray eRev = e.reshape(b * t, EMBED).get(rev).reshape(b, t, EMBED);
            NDList zero = new NDList(m.zeros(new Shape(1, b, HIDDEN)), m.zeros(new Shape(1, b, HIDDEN)));
            NDArray hf = e.getNDArrayInternal().lstm(e, zero, forward, true, 1, 0, true, false, true).get(0);
            NDArray hbRev = eRev.getNDArrayInternal().lstm(eRev, zero, backward, true, 1, 0, true, false, true).get(0);
            NDArray hb = hbRev.reshape(b * t, HIDDEN).get(rev);                                           // (B·T, H)
            NDArray h = NDArrays.concat(new NDList(hf.reshape(b * t, HIDDEN), hb), 1).get(m.create(real)); // (N, 2H)
            NDArray logits = h.getNDArrayInternal().linear(h, outWeight, outBias).singletonOrThrow();       // (N, K)
            return logits.logSoftmax(1).gather(m.create(target, new Shape(n, 1)), 1).neg().mean();
        }
    }

    /** Sentences of a CoNLL-U file as {words, UPOS tags}; multiword-token and empty-node lines are skipped. */
    static List<String[][]> readConllu(Path file) throws IOException {
        List<String[][]> out = new ArrayList<>();
        List<String> w = new ArrayList<>(), tg = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                if (!w.isEmpty()) out.add(new String[][] {w.toArray(String[]::new), tg.toArray(String[]::new)});
                w.clear();
                tg.clear();
                continue;
            }
            if (line.startsWith("#")) continue;
            String[] cols = line.split("\t", -1);
            if (cols[0].contains("-") || cols[0].contains(".")) continue;
            w.add(cols[1]);
            tg.add(cols[3]);
        }
        if (!w.isEmpty()) out.add(new String[][] {w.toArray(String[]::new), tg.toArray(String[]::new)});
        return out;
    }

    /** Sorted by length (stable), cut into groups of size, group order shuffled by SplitMix64 Fisher-Yates. */
    static List<int[]> batches(int[][] sentences, int size, long seed) {
        Integer[] order = IntStream.range(0, sentences.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> sentences[i].length));
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < order.length; s += size) {
            int[] g = new int[Math.min(size, order.length - s)];
            for (int k = 0; k < g.length; k++) g[k] = order[s + k];
            out.add(g);
        }
        long state = seed;
        for (int i = out.size() - 1; i > 0; i--) {
            state += GOLDEN_GAMMA;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            int j = (int) Long.remainderUnsigned(z >>> 1, i + 1);
            int[] tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }
}
