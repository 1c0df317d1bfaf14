/**
 * Decoding for translation models, independent of any model: a model implements
 * {@link dev.xent.task.translate.decode.IncrementalDecoder} (encode once, then next-token log-probabilities for
 * a batch of target prefixes, reordered between steps), and {@link dev.xent.task.translate.decode.GreedySearch}
 * and {@link dev.xent.task.translate.decode.BeamSearch} turn it into translations, batched, with GNMT's length
 * penalty and fairseq's length cap and finished-hypothesis rules ({@link dev.xent.task.translate.decode.SearchConfig}).
 */
package dev.xent.task.translate.decode;
