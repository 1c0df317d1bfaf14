// A model family with all its settings — something ModelSearch can train and score: the fastText-style classifier,
// NBSVM, or a neural classifier (TextCNN, BiLSTM/BiGRU). settings() names each setting as `xent train classify` does, so a chosen recipe is a config file.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.task.embed.WordVectors;
import dev.xent.train.TrainOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One candidate of a model search. */
public sealed interface ClassifierRecipe permits ClassifierRecipe.FastText, ClassifierRecipe.NbSvm,
        ClassifierRecipe.Neural {

    /** The family, as -model names it: "fasttext", "nbsvm", "cnn" or "rnn". */
    String model();

    /** "model" and every setting that fixes the model, under the names of `xent train classify`'s settings. */
    Map<String, Object> settings();

    /** SGD steps (examples visited) a training on {@code examples} examples takes: epoch × examples. */
    long steps(int examples);

    /** Trains on {@code data} with {@code options}' budgets and stop signal. */
    TrainedClassifier train(List<Example> data, TrainOptions options);

    /** The same recipe on {@code threads} hogwild threads. */
    ClassifierRecipe withThreads(int threads);

    /** A model trained by {@link #fit}, and the recipe that trains it again (e.g. with the epoch validation chose). */
    record Fit(TrainedClassifier model, ClassifierRecipe recipe) {}

    /**
     * Trains on {@code data}; {@code valid} (may be null: none) are held-out examples a recipe may choose its epoch
     * on (the neural ones), never trained on. The returned recipe trains the returned model again without them.
     */
    default Fit fit(List<Example> data, List<Example> valid, TrainOptions options) {
        return new Fit(train(data, options), this);
    }

    /** One recipe for the fits of several folds ({@link #fit}'s recipes, in fold order): this one unless it chose. */
    default ClassifierRecipe combine(List<ClassifierRecipe> folds) {
        return this;
    }

    /**
     * Whether a search keeps the model a trial trained on all the training data (a validation file), instead of
     * training it again: true where that costs minutes and memory is small (the neural families).
     */
    default boolean keepsTrialModel() {
        return false;
    }

    /**
     * Seconds per SGD step relative to the fastText-style classifier's (about the same as NBSVM's), so a search can
     * estimate a family it has not timed yet from one it has.
     */
    default double relativeCost() {
        return 1;
    }

    /** A one-line description, e.g. "fasttext lr 0.5 wordNgrams 2 epoch 5 dim 100". */
    default String describe() {
        StringBuilder b = new StringBuilder(model());
        settings().forEach((k, v) -> {
            if (!k.equals("model") && !k.equals("seed")) b.append(' ').append(k).append(' ').append(v);
        });
        return b.toString();
    }

    /** The fastText-style classifier. */
    record FastText(FastTextConfig config) implements ClassifierRecipe {
        public String model() {
            return "fasttext";
        }

        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", model());
            s.put("lr", config.lr());
            s.put("wordNgrams", config.wordNgrams());
            s.put("epoch", config.epoch());
            s.put("dim", config.dim());
            s.put("minn", config.minn());
            s.put("maxn", config.maxn());
            s.put("minCount", config.minCount());
            s.put("bucket", config.bucket());
            s.put("loss", config.loss() == FastTextConfig.Loss.SOFTMAX ? "softmax" : "ova");
            s.put("seed", config.seed());
            return s;
        }

        public long steps(int examples) {
            return (long) config.epoch() * examples;
        }

        public TrainedClassifier train(List<Example> data, TrainOptions options) {
            return FastTextClassifier.train(data, config, options);
        }

        public ClassifierRecipe withThreads(int threads) {
            return new FastText(config.withThreads(threads));
        }
    }

    /** NBSVM (naive-Bayes-scaled n-grams, softmax). */
    record NbSvm(NbSvmConfig config) implements ClassifierRecipe {
        public String model() {
            return "nbsvm";
        }

        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", model());
            s.put("lr", config.lr());
            s.put("wordNgrams", config.ngrams());
            s.put("epoch", config.epoch());
            s.put("alpha", config.alpha());
            s.put("lowercase", config.lowercase());
            s.put("seed", config.seed());
            return s;
        }

        public long steps(int examples) {
            return (long) config.epoch() * examples;
        }

        public TrainedClassifier train(List<Example> data, TrainOptions options) {
            return NbSvmClassifier.train(data, config, options);
        }

        public ClassifierRecipe withThreads(int threads) {
            return new NbSvm(config.withThreads(threads));
        }
    }

    /** Where word vectors came from (a .vec file, as settings name it) and the vectors. */
    record Vectors(String file, WordVectors vectors) {}

    /**
     * A neural classifier ({@link NeuralClassifierSpec}: TextCNN, BiLSTM/BiGRU, Transformer) trained with Adam
     * ({@link NeuralTrainConfig}) on texts encoded as {@code text} says, its embedding table started from
     * {@code vectors} when given (null: random). {@link #fit} with validation examples keeps the epoch of the highest
     * validation accuracy (ties: lower log loss; {@link NeuralClassifierTask}) and returns the recipe with that epoch
     * count, which trains the same weights again without validation.
     */
    record Neural(NeuralClassifierSpec spec, NeuralTrainConfig training, NeuralTextEncoding.Settings text,
                  Vectors vectors) implements ClassifierRecipe {
        public Neural {
            int dim = switch (spec.config()) {
                case TextCnnClassifier.Config c -> c.embeddingDim();
                case RnnClassifier.Config c -> c.embeddingDim();
                case TransformerClassifier.Config c -> c.dModel();
                default -> throw new IllegalStateException("unreachable: " + spec.config());
            };
            if (vectors != null && vectors.vectors().dim() != dim) {
                throw new IllegalArgumentException("the word vectors (" + vectors.file() + ") have dim "
                        + vectors.vectors().dim() + " but the model's embeddings " + dim + ". Fix: use dim "
                        + vectors.vectors().dim());
            }
        }

        public String model() {
            return spec.kind().id();
        }

        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", model());
            switch (spec.config()) {
                case TextCnnClassifier.Config c -> {
                    s.put("dim", c.embeddingDim());
                    s.put("widths", java.util.Arrays.stream(c.widths()).mapToObj(Integer::toString)
                            .collect(java.util.stream.Collectors.joining(",")));
                    s.put("filters", c.filters());
                    s.put("dropout", Double.parseDouble(Float.toString(c.dropout())));
                }
                case RnnClassifier.Config c -> {
                    s.put("dim", c.embeddingDim());
                    s.put("cell", c.cell().name().toLowerCase(java.util.Locale.ROOT));
                    s.put("hidden", c.hidden());
                    s.put("layers", c.layers());
                    s.put("pooling", c.pooling().name().toLowerCase(java.util.Locale.ROOT));
                    s.put("dropout", Double.parseDouble(Float.toString(c.dropout())));
                }
                case TransformerClassifier.Config c -> {
                    s.put("dim", c.dModel());
                    s.put("heads", c.heads());
                    s.put("feedForward", c.feedForward());
                    s.put("layers", c.layers());
                    s.put("dropout", Double.parseDouble(Float.toString(c.dropout())));
                }
                default -> throw new IllegalStateException("unreachable: " + spec.config());
            }
            s.put("epoch", training.epochs());
            s.put("lr", training.learningRate());
            s.put("batch", training.batchSize());
            s.put("weightDecay", training.weightDecay());
            s.put("clipNorm", training.clipNorm());
            s.put("tokenizer", text.tokenizer().name().toLowerCase(java.util.Locale.ROOT));
            s.put("lowercase", text.lowercase());
            s.put("maxLength", text.maxLength());
            s.put("minCount", text.minCount());
            if (vectors != null) s.put("pretrainedVectors", vectors.file());
            s.put("seed", training.seed());
            return s;
        }

        public long steps(int examples) {
            return (long) training.epochs() * examples;
        }

        public TrainedClassifier train(List<Example> data, TrainOptions options) {
            return fit(data, null, options).model();
        }

        /** {@code options} are not used: the loop's options are the training config's (epochs, clipping). */
        @Override
        public Fit fit(List<Example> data, List<Example> valid, TrainOptions options) {
            NeuralClassifier c = NeuralClassifier.create(spec, data, text, false, training.seed());
            if (vectors != null) c.model().initEmbeddings(vectors.vectors(), c.encoding().tokens());
            NeuralClassifierTask task = NeuralClassifierTask.of(c, training, data, valid == null ? List.of() : valid);
            dev.xent.train.History h = task.fit(task.options().build());
            int kept = h.selectedEpoch() >= 0 ? h.selectedEpoch() + 1 : training.epochs();
            Neural chosen = withEpochs(kept);
            return new Fit(new TrainedNeuralClassifier(c, chosen.training(), null), chosen);
        }

        /** The folds' epochs' mean, rounded. */
        @Override
        public ClassifierRecipe combine(List<ClassifierRecipe> folds) {
            double sum = 0;
            for (ClassifierRecipe r : folds) sum += ((Neural) r).training().epochs();
            return withEpochs((int) Math.max(1, Math.round(sum / folds.size())));
        }

        public Neural withEpochs(int epochs) {
            return new Neural(spec, training.withEpochs(epochs), text, vectors);
        }

        /** Neural trainers run their kernels on all cores; the thread count does not change the recipe. */
        public ClassifierRecipe withThreads(int threads) {
            return this;
        }

        @Override
        public boolean keepsTrialModel() {
            return true;
        }

        /**
         * Measured on SST-2's phrases (2 cores, validation each epoch included): a BiLSTM 300/150 step cost 1.1 ms, a
         * TextCNN 3,4,5 x 100 step 0.52 ms, a fastText-style step (dim 100, bigrams) 3.4 µs — about 300 and 150 times.
         */
        @Override
        public double relativeCost() {
            return switch (spec.kind()) {
                case RNN -> 300;
                case CNN -> 150;
                case TRANSFORMER -> 200;
            };
        }
    }
}
