/** The tagging benchmarks (UD UPOS, WikiANN NER, training speed) behind bench/tag.sh. */
package dev.xent.bench.tag;
