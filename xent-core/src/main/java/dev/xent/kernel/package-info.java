/**
 * Float-array primitives with no autodiff: GEMM ({@link dev.xent.kernel.Gemm}), elementwise maps, reductions and
 * fused element updates such as GELU and Adam ({@link dev.xent.kernel.VecOps}), and the thread split
 * ({@link dev.xent.kernel.Parallel}). Each has a scalar reference implementation; {@code -Dxent.kernels=scalar}
 * forces it, and property tests prove the fast ones agree. All of xent's Vector API code is in this package
 * (VectorApiOnlyInKernelTest checks every module).
 */
package dev.xent.kernel;
