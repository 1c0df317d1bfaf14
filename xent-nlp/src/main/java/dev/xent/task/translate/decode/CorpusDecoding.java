// Decodes a whole corpus: sources sorted by length into batches, batches spread over threads, results in input order.
package dev.xent.task.translate.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Sorting by source length (longest first, stable) makes the sentences of a batch alike in length, so the
 * encoder pads little and the batch finishes decoding at about the same step. Each batch is one
 * {@link Search#best} call with its own decoder state; with {@code threads > 1} batches run concurrently on one
 * read-only model, which {@link IncrementalDecoder} allows. The result does not depend on batch size or thread
 * count when the model's log-probabilities of a row do not depend on the other rows of its batch.
 */
public final class CorpusDecoding {
    private CorpusDecoding() {}

    /** The best hypothesis per source, in the order of {@code sources}. */
    public static <S> List<Hypothesis> decode(IncrementalDecoder<S> model, int[][] sources, Search search,
                                              int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize (sentences per decoding batch) must be >= 1; got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1; got " + threads);
        }
        Integer[] order = IntStream.range(0, sources.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sources[i].length).reversed());
        List<int[]> batches = new ArrayList<>();                        // indices into sources, per batch
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            batches.add(Arrays.stream(order, start, end).mapToInt(Integer::intValue).toArray());
        }
        Hypothesis[] out = new Hypothesis[sources.length];
        if (threads == 1 || batches.size() <= 1) {
            for (int[] batch : batches) decodeBatch(model, sources, search, batch, out);
            return Arrays.asList(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batches.size()), r -> {
            Thread t = new Thread(r, "xent-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int[] batch : batches) done.add(pool.submit(() -> decodeBatch(model, sources, search, batch, out)));
            for (Future<?> f : done) f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("decoding failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(out);
    }

    private static <S> void decodeBatch(IncrementalDecoder<S> model, int[][] sources, Search search, int[] batch,
                                        Hypothesis[] out) {
        int[][] src = new int[batch.length][];
        for (int i = 0; i < batch.length; i++) src[i] = sources[batch[i]];
        List<Hypothesis> best = search.best(model, src);
        for (int i = 0; i < batch.length; i++) out[batch[i]] = best.get(i);   // distinct slots per batch
    }
}
