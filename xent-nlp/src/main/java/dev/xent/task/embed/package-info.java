/**
 * Unsupervised word vectors: {@link dev.xent.task.embed.WordVectorTrainer} trains skip-gram or CBOW with negative
 * sampling (word2vec; fastText's {@code skipgram} / {@code cbow} without subwords) on tokenised text;
 * {@link dev.xent.task.embed.WordVectors} holds, saves and loads them (fastText's .vec text format) and copies
 * them into an embedding table (fastText's {@code -pretrainedVectors}; a tagger's through
 * {@link dev.xent.task.tag.TagVectors}). {@code xent train vectors} runs the trainer on a text file. See
 * docs/classification.md and docs/tagging.md.
 */
package dev.xent.task.embed;
