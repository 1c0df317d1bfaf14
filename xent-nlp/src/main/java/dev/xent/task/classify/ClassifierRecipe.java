// A model family with all its settings — something ModelSearch can train and score: the fastText-style classifier
// or NBSVM. settings() names each setting as `xent train classify` does, so a chosen recipe is a config file.
package dev.xent.task.classify;

import dev.xent.data.Example;
import dev.xent.train.TrainOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One candidate of a model search. */
public sealed interface ClassifierRecipe permits ClassifierRecipe.FastText, ClassifierRecipe.NbSvm {

    /** The family, as -model names it: "fasttext" or "nbsvm". */
    String model();

    /** "model" and every setting that fixes the model, under the names of `xent train classify`'s settings. */
    Map<String, Object> settings();

    /** SGD steps (examples visited) a training on {@code examples} examples takes: epoch × examples. */
    long steps(int examples);

    /** Trains on {@code data} with {@code options}' budgets and stop signal. */
    TrainedClassifier train(List<Example> data, TrainOptions options);

    /** The same recipe on {@code threads} hogwild threads. */
    ClassifierRecipe withThreads(int threads);

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
}
