/**
 * Language-model benchmarks against PyTorch: the WikiText-2 word LSTM ({@link dev.xent.bench.lm.WordLmBenchmark},
 * bench/lm.sh) and the Tiny Shakespeare char Transformer ({@link dev.xent.bench.lm.CharTransformerBenchmark},
 * bench/charlm.sh).
 */
package dev.xent.bench.lm;
