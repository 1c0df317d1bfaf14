/**
 * Machine translation trained by cross-entropy on the one training loop: a parallel corpus
 * ({@link dev.xent.task.translate.ParallelCorpus}), one BPE shared by both languages
 * ({@link dev.xent.task.translate.TranslationCodec}), length-bucketed padded batches, an encoder–decoder
 * Transformer or an attention RNN ({@link dev.xent.task.translate.TranslationModel}) with label-smoothed masked
 * cross-entropy, the task ({@link dev.xent.task.translate.TranslateTask}), the model file
 * ({@link dev.xent.task.translate.TranslationBundle}) and the models' incremental decoders for the searches of
 * {@code dev.xent.task.translate.decode}. docs/translation.md explains each part.
 */
package dev.xent.task.translate;
