// The WikiText-2 word LSTM LM of bench/lm_torch.py written with DJL on PyTorch 2.7.1: tokens/s and perplexity.
package dev.xent.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.xent.bench.DataDir;

import java.io.IOException;
import java.io.PrintStream;
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
 * Usage: {@code DjlWordLm [--data DIR] [--threads T] [--max-batches N] [--seed S] [--no-eval] [--dropout P]}.
 *
 * <p>The same model, data and schedule as bench/lm_torch.py (pytorch/examples word_language_model): one dictionary
 * over train, valid and test (whitespace tokens plus {@code <eos>} per line), batchify into 20 streams, BPTT 35
 * with the state carried (detached) between batches; embedding 200 (dense gradient, as nn.Embedding's default)
 * → dropout 0.2 → 2-layer LSTM 200 with dropout 0.2 between the layers (PyTorch's fused {@code torch::lstm}, the
 * kernel nn.LSTM calls) → dropout 0.2 → linear 200 → V → log-softmax, mean NLL; init as pytorch/examples
 * (encoder and decoder uniform ±0.1, decoder bias 0, LSTM uniform ±1/√200); global-norm clip 0.25 (as
 * clip_grad_norm_), plain SGD lr 20. Validation: batch 10, perplexity = exp(mean per-token loss). One epoch
 * at most (no annealing needed).
 *
 * <p>Written with DJL's NDArray API and autograd ({@link GradientCollector}); every step's temporaries live in a
 * sub-manager closed at the end of the step. Tokens/s = training tokens / wall time of the steps (no data
 * loading, no evaluation); {@code train_cpu_s} is the process CPU time over the same steps. Output: the keys of
 * bench/lm_torch.py as {@code key=value} lines on stdout; progress on stderr.
 */
public final class DjlWordLm {
    private static final int BATCH = 20, BPTT = 35, EMBED = 200, HIDDEN = 200, LAYERS = 2, EVAL_BATCH = 10;
    private static final float LR = 20f, CLIP = 0.25f;

    private DjlWordLm() {}

    public static void main(String[] args) throws IOException {
        String data = null;
        int threads = 1, maxBatches = Integer.MAX_VALUE;
        long seed = 1111;
        boolean eval = true;
        float dropout = 0.2f;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--max-batches" -> maxBatches = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-eval" -> eval = false;
                case "--dropout" -> dropout = Float.parseFloat(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --data DIR, "
                        + "--threads T, --max-batches N, --seed S, --no-eval or --dropout P");
            }
        }
        PrintStream out = System.out, log = System.err;
        long wall0 = System.nanoTime();
        Path dir = DataDir.resolve(data, "wikitext-2/train.txt").resolve("wikitext-2");
        Map<String, Integer> dict = new HashMap<>();
        long[] train = tokenize(dir.resolve("train.txt"), dict), valid = tokenize(dir.resolve("valid.txt"), dict);
        tokenize(dir.resolve("test.txt"), dict);
        int vocab = dict.size();
        Engine engine = DjlRuntime.start(threads, seed, out);
        out.println("vocab=" + vocab);
        out.println("train_tokens=" + train.length);
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            Model m = new Model(root, vocab, dropout);
            long[][] trainRows = batchify(train, BATCH), validRows = batchify(valid, EVAL_BATCH);
            int starts = (trainRows.length - 1 + BPTT - 1) / BPTT, n = Math.min(maxBatches, starts);
            NDList state = m.zeroState(root, BATCH);
            long tokens = 0, trainNanos = 0;
            double trainCpu = 0, lossSum = 0;
            for (int k = 0; k < n; k++) {
                int i = k * BPTT, len = Math.min(BPTT, trainRows.length - 1 - i);
                long t0 = System.nanoTime();
                double c0 = DjlRuntime.processCpuSeconds();
                double loss;
                try (NDManager step = root.newSubManager()) {
                    NDArray x = step.create(slice(trainRows, i, len), new Shape(len, BATCH));
                    NDArray y = step.create(slice(trainRows, i + 1, len), new Shape((long) len * BATCH, 1));
                    NDList next;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        Forward f = m.forward(x, y, state, true);
                        gc.backward(f.loss);
                        loss = f.loss.getFloat();
                        next = f.state;
                    }
                    m.clipAndStep(step);
                    NDList carried = new NDList();
                    for (NDArray s : next) {
                        NDArray d = s.stopGradient();
                        d.attach(root);
                        carried.add(d);
                    }
                    state.close();
                    state = carried;
                }
                trainNanos += System.nanoTime() - t0;
                trainCpu += DjlRuntime.processCpuSeconds() - c0;
                tokens += (long) len * BATCH;
                lossSum += loss;
                if ((k + 1) % 50 == 0 || k + 1 == n) {
                    log.printf(Locale.ROOT, "batch %d/%d loss %.3f ppl %.1f  %.0f tokens/s%n", k + 1, n,
                            lossSum / (k + 1), Math.exp(lossSum / (k + 1)), tokens / (trainNanos / 1e9));
                }
            }
            out.println("epoch=1 batches=" + n + " train_tokens_processed=" + tokens);
            out.printf(Locale.ROOT, "train_seconds=%.2f%ntrain_cpu_s=%.2f%ntokens_per_s=%.1f%ntrain_loss=%.4f%n",
                    trainNanos / 1e9, trainCpu, tokens / (trainNanos / 1e9), lossSum / Math.max(n, 1));
            if (eval) {
                long e0 = System.nanoTime();
                double val = m.evaluate(root, validRows);
                out.printf(Locale.ROOT, "val_loss=%.4f%nval_ppl=%.2f%neval_seconds=%.1f%n", val, Math.exp(val),
                        (System.nanoTime() - e0) / 1e9);
            }
        }
        out.printf(Locale.ROOT, "wall_seconds=%.1f%n", (System.nanoTime() - wall0) / 1e9);
    }

    /** The loss of one batch (scalar, in the graph) and the final (h, c) of every layer. */
    private record Forward(NDArray loss, NDList state) {}

    /** Parameters in the root manager, named as nn.LSTM / RNNModel name them. */
    private static final class Model {
        final NDArray encoder, decoderWeight, decoderBias;
        final NDList lstm = new NDList();   // per layer: weight_ih (4H, in), weight_hh (4H, H), bias_ih, bias_hh (4H)
        final List<NDArray> params = new ArrayList<>();
        final float dropout;

        Model(NDManager root, int vocab, float dropout) {
            this.dropout = dropout;
            encoder = param(root.randomUniform(-0.1f, 0.1f, new Shape(vocab, EMBED)));
            float k = (float) (1 / Math.sqrt(HIDDEN));
            for (int l = 0; l < LAYERS; l++) {
                lstm.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN, l == 0 ? EMBED : HIDDEN))));
                lstm.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN, HIDDEN))));
                lstm.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN))));
                lstm.add(param(root.randomUniform(-k, k, new Shape(4 * HIDDEN))));
            }
            decoderWeight = param(root.randomUniform(-0.1f, 0.1f, new Shape(vocab, HIDDEN)));
            decoderBias = param(root.zeros(new Shape(vocab)));
        }

        private NDArray param(NDArray a) {
            a.setRequiresGradient(true);
            params.add(a);
            return a;
        }

        NDList zeroState(NDManager m, int batch) {
            return new NDList(m.zeros(new Shape(LAYERS, batch, HIDDEN)), m.zeros(new Shape(LAYERS, batch, HIDDEN)));
        }

        /** x (T, B) ids, y (T·B, 1) next ids; mean NLL over the T·B positions. */
        Forward forward(NDArray x, NDArray y, NDList state, boolean train) {
            NDArrayEx ex = x.getNDArrayInternal();
            NDArray emb = ex.embedding(x, encoder, SparseFormat.DENSE).singletonOrThrow();            // (T, B, E)
            emb = emb.getNDArrayInternal().dropout(emb, dropout, train).singletonOrThrow();
            NDList r = emb.getNDArrayInternal().lstm(emb, state, lstm, true, LAYERS, dropout, train, false, false);
            NDArray h = r.get(0);                                                                       // (T, B, H)
            h = h.getNDArrayInternal().dropout(h, dropout, train).singletonOrThrow();
            NDArray rows = h.reshape(-1, HIDDEN);                                                      // (T·B, H)
            NDArray logits = rows.getNDArrayInternal().linear(rows, decoderWeight, decoderBias).singletonOrThrow();
            NDArray nll = logits.logSoftmax(1).gather(y, 1).neg();                                     // (T·B, 1)
            return new Forward(nll.mean(), new NDList(r.get(1), r.get(2)));
        }

        /** clip_grad_norm_(params, 0.25) then p -= lr · g, and the gradients zeroed for the next step. */
        void clipAndStep(NDManager step) {
            List<NDArray> grads = new ArrayList<>(params.size());
            double sq = 0;
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.attach(step);
                grads.add(g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq), coef = Math.min(1.0, CLIP / (norm + 1e-6));
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                p.subi(grads.get(i).mul((float) (LR * coef)));
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }

        /** Mean per-token loss over the stream (rows of EVAL_BATCH columns), no dropout, no graph. */
        double evaluate(NDManager root, long[][] rows) {
            NDList state = zeroState(root, EVAL_BATCH);
            double total = 0;
            for (int i = 0; i < rows.length - 1; i += BPTT) {
                int len = Math.min(BPTT, rows.length - 1 - i);
                try (NDManager step = root.newSubManager()) {
                    NDArray x = step.create(slice(rows, i, len), new Shape(len, EVAL_BATCH));
                    NDArray y = step.create(slice(rows, i + 1, len), new Shape((long) len * EVAL_BATCH, 1));
                    Forward f = forward(x, y, state, false);
                    total += len * f.loss.getFloat();
                    NDList carried = new NDList();
                    for (NDArray s : f.state) {
                        s.attach(root);
                        carried.add(s);
                    }
                    state.close();
                    state = carried;
                }
            }
            state.close();
            return total / (rows.length - 1);   // main.py's evaluate: sum of len · mean loss over len(data) - 1
        }
    }

    /** Ids of every token of the file, adding new words to dict (line.split() plus "<eos>" per line). */
    static long[] tokenize(Path file, Map<String, Integer> dict) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long[] ids = new long[16];
        int n = 0;
        List<String> words = new ArrayList<>();
        for (String line : lines) {
            words.clear();
            int i = 0, len = line.length();
            while (i < len) {
                while (i < len && isSpace(line.charAt(i))) i++;
                int start = i;
                while (i < len && !isSpace(line.charAt(i))) i++;
                if (i > start) words.add(line.substring(start, i));
            }
            words.add("<eos>");
            for (String word : words) {
                if (n == ids.length) ids = Arrays.copyOf(ids, 2 * n);
                ids[n++] = dict.computeIfAbsent(word, w -> dict.size());
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** Python str.split()'s whitespace within the BMP. */
    private static boolean isSpace(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || (ch >= '\u001c' && ch <= '\u001f')
                || ch == '\u0085';
    }

    /** batchify: (nbatch, bsz) rows, column j = the j-th contiguous stream (data[j·nbatch + i] at row i). */
    static long[][] batchify(long[] data, int bsz) {
        int nbatch = data.length / bsz;
        long[][] rows = new long[nbatch][bsz];
        for (int j = 0; j < bsz; j++) {
            for (int i = 0; i < nbatch; i++) rows[i][j] = data[j * nbatch + i];
        }
        return rows;
    }

    /** Rows [from, from + len) flattened time-major: (len, B). */
    static long[] slice(long[][] rows, int from, int len) {
        int b = rows[0].length;
        long[] out = new long[len * b];
        for (int t = 0; t < len; t++) System.arraycopy(rows[from + t], 0, out, t * b, b);
        return out;
    }
}
