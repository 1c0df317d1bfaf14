/**
 * Training-step benchmarks: time, CPU time, FLOP/s and an optional async-profiler profile of the steady-state
 * steps of a model on the one training loop ({@link dev.xent.bench.step.StepBench}, bench/step.sh).
 */
package dev.xent.bench.step;
