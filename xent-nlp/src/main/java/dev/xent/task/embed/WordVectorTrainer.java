// word2vec in one call: builds a WordVectorTask and runs it on the hogwild runner (see WordVectorTask for the math).
package dev.xent.task.embed;

import dev.xent.train.TrainOptions;

import java.util.List;

/**
 * {@code WordVectorTrainer.train(sentences, WordVectorConfig.skipGram())} trains skip-gram (or CBOW) vectors as
 * {@link WordVectorTask} describes; with one thread a seed gives one result. For checkpoints, resume, a stop signal
 * or budgets, pass {@link TrainOptions} or use {@link WordVectorTask} directly.
 */
public final class WordVectorTrainer {
    private WordVectorTrainer() {}

    /** The vectors, mean loss per prediction, tokens in the corpus after minCount, and wall seconds. */
    public record Result(WordVectors vectors, double meanLoss, long corpusTokens, double seconds) {}

    public static Result train(List<String[]> sentences, WordVectorConfig c) {
        return train(sentences, c, TrainOptions.builder().build());
    }

    /** As {@link #train(List, WordVectorConfig)} with {@code options}' checkpoints, listeners, stop signal and budgets. */
    public static Result train(List<String[]> sentences, WordVectorConfig c, TrainOptions options) {
        long start = System.nanoTime();
        WordVectorTask task = WordVectorTask.of(sentences, c);
        task.fit(options);
        return new Result(task.vectors(), task.meanLoss(), task.corpusTokens(), (System.nanoTime() - start) / 1e9);
    }
}
