/**
 * Benchmark, experiment and load-test drivers, run by the scripts in bench/. Each reads its datasets from
 * {@code --data DIR} or the XENT_DATA environment variable ({@link dev.xent.bench.DataDir}); the kernel benchmarks
 * ({@link dev.xent.bench.GemmBench}, {@link dev.xent.bench.AllocationBench}) need no data.
 */
package dev.xent.bench;
