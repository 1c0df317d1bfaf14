// Seed 003's GRU language model in xent: Embedding → GRU (sequences) → Dense(vocab) logits, sparse CE, Adam, perplexity.
package dev.xent.examples;

import dev.xent.autograd.GradMode;
import dev.xent.info.Perplexity;
import dev.xent.loss.CrossEntropy;
import dev.xent.nn.Dense;
import dev.xent.nn.EmbeddingLayer;
import dev.xent.nn.GruLayer;
import dev.xent.nn.InitRng;
import dev.xent.nn.RnnConfig;
import dev.xent.nn.Sequential;
import dev.xent.optim.Adam;
import dev.xent.tensor.IntTensor;
import dev.xent.train.Batch;
import dev.xent.train.Dataset;
import dev.xent.train.FitOptions;
import dev.xent.train.History;
import dev.xent.train.Progress;
import dev.xent.train.ProgressListener;
import dev.xent.train.Trainer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's model and training, with its bug fixed (its loop is the one training loop, {@link Trainer}): the seed's Dense(vocab) outputs logits but its loss was
 * {@code categorical_crossentropy(from_logits=False)}, which expects probabilities (xent refuses logits
 * there, saying which loss to use). Here the loss is cross-entropy from logits on next-word ids (Keras'
 * sparse categorical cross-entropy). The seed never defined its data; here it is {@link TinyGrammar}'s
 * corpus, cut into windows of {@code length} words whose targets are the next words. After training, the
 * perplexity on held-out text is compared with a unigram model's (word frequencies, no context) and with
 * the grammar's own entropy rate, the floor no model can beat ({@link TinyGrammar#entropyPerWord}).
 * Run: {@code ./examples/run Seed003GruLanguageModel} (small sizes, seconds) or add {@code --seed-sizes}
 * for the seed's Embedding(10000, 256), GRU(512), batch 64, 10 epochs (minutes).
 */
public final class Seed003GruLanguageModel {

    public record Sizes(int vocabSize, int embeddingDim, int hiddenUnits, int batchSize, int epochs, int length,
                        int trainTokens, double learningRate, int logEverySteps) {
        public static Sizes small() {
            return new Sizes(0, 32, 64, 32, 10, 20, 40_000, 0.001, 0);     // vocabSize 0: the corpus' own (30 words)
        }

        public static Sizes seed() {
            return new Sizes(10000, 256, 512, 64, 10, 20, 40_000, 0.001, 5);   // slow steps: log every 5
        }
    }

    /** Held-out perplexity of the trained model and of the unigram baseline; first and last epoch's loss. */
    public record Result(double perplexity, double unigramPerplexity, int corpusVocab, float firstLoss, float lastLoss) {}

    public static Result run(Sizes s, boolean print) {
        TinyGrammar grammar = new TinyGrammar(3);
        int vocabSize = Math.max(s.vocabSize(), grammar.vocab.size());
        Dataset train = windows(grammar.tokens(s.trainTokens()), s.length());
        Dataset heldOut = windows(grammar.tokens(s.trainTokens() / 10), s.length());
        InitRng.seed(0);

        Sequential model = new Sequential(
                new EmbeddingLayer(vocabSize, s.embeddingDim()),
                new GruLayer(s.embeddingDim(), s.hiddenUnits(), RnnConfig.defaults().batchFirst(true)),  // sequences
                new Dense(vocabSize));                                                                 // logits
        CrossEntropy lossFunction = new CrossEntropy().classesLast();   // (B, T, V) logits, (B, T) next-word ids
        Trainer trainer = new Trainer(model, batch -> model.forward(batch.inputIds()),
                (predictions, batch) -> lossFunction.forward(predictions, batch.targetIds()),
                new Adam(model.namedParameters(), s.learningRate()));
        History h = trainer.fit(train, FitOptions.builder().epochs(s.epochs()).batchSize(s.batchSize()).shuffle(0)
                .listeners(new StepLog(print ? s.logEverySteps() : 0)).build());

        double heldOutLoss;
        try (GradMode.Scope off = GradMode.off()) {
            Batch all = heldOut.all();
            heldOutLoss = lossFunction.forward(model.forward(all.inputIds()), all.targetIds()).item();
        }
        List<Double> losses = h.get("loss");
        return new Result(Perplexity.fromMeanLoss(heldOutLoss), unigramPerplexity(train, heldOut, grammar.vocab.size()),
                grammar.vocab.size(), losses.get(0).floatValue(), losses.get(losses.size() - 1).floatValue());
    }

    /** Prints the epoch's mean loss and training perplexity, and every n-th step's running mean (n = 0: none). */
    record StepLog(int every) implements ProgressListener {
        @Override
        public void onStep(Progress p) {
            if (every > 0 && (p.batch() + 1) % every == 0) {
                System.out.printf(Locale.ROOT, "  step %d/%d  loss %.4f%n", p.batch() + 1, p.batchesPerEpoch(), p.loss());
            }
        }

        @Override
        public void onEpochEnd(int epoch, int epochs, Map<String, Double> logs) {
            if (every >= 0) System.out.printf(Locale.ROOT, "Epoch %d  loss %.4f  (train perplexity %.2f)%n", epoch + 1,
                    logs.get("loss"), Math.exp(logs.get("loss")));
        }
    }

    /** Windows of {@code length} ids and their next-word targets (the same window shifted by one): (N, length) each. */
    static Dataset windows(int[] tokens, int length) {
        int n = (tokens.length - 1) / length;
        int[] in = new int[n * length], next = new int[n * length];
        System.arraycopy(tokens, 0, in, 0, n * length);
        System.arraycopy(tokens, 1, next, 0, n * length);
        return Dataset.of(IntTensor.of(in, n, length), IntTensor.of(next, n, length));
    }

    /** exp of the held-out cross-entropy of add-one-smoothed training word frequencies: the no-context baseline. */
    static double unigramPerplexity(Dataset train, Dataset heldOut, int vocab) {
        double[] counts = new double[vocab];
        int[] seen = train.all().targetIds().data();
        for (int id : seen) counts[id]++;
        double nll = 0;
        int[] test = heldOut.all().targetIds().data();
        for (int id : test) nll -= Math.log((counts[id] + 1) / (seen.length + vocab));
        return Math.exp(nll / test.length);
    }

    public static void main(String[] args) {
        boolean seedSizes = args.length > 0 && args[0].equals("--seed-sizes");
        Result r = run(seedSizes ? Sizes.seed() : Sizes.small(), true);
        System.out.printf("held-out perplexity %.2f (unigram model %.2f, uniform guess %d; the grammar's own %.2f)%n",
                r.perplexity(), r.unigramPerplexity(), r.corpusVocab(), Math.exp(TinyGrammar.entropyPerWord()));
    }
}
