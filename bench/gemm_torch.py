"""PyTorch sgemm GFLOP/s on the same products as dev.xent.bench.GemmBench (median of N timed calls).

Prints one tab-separated line per product: shape, product, threads, gflops, cpu/wall (the process's CPU time
over the wall time of the timed calls: about the number of busy threads). Run with /usr/bin/python3.
Usage: gemm_torch.py [reps] [threads] [wall|cpu] [filter]. The cpu clock (time.thread_time, meaningful with
1 thread, where OpenBLAS runs on the calling thread) ignores time the core spent on other processes.

torch.mm calls the system BLAS (Debian: OpenBLAS 0.3.21 from libopenblas0-pthread), whose own thread pool
ignores torch.set_num_threads: the thread count is also put in OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, which
must happen before torch loads, so one process runs one thread count. OpenBLAS picks its kernel from the CPU
model and may pick a slow one (Prescott, SSE3, on AVX-512 Xeons it does not know); OPENBLAS_CORETYPE in the
environment overrides that, and the header line names the kernel that ran (openblas_get_corename).
"""
import ctypes
import os

if __name__ == "__main__" and len(os.sys.argv) > 2:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = os.sys.argv[2]
import sys
import time

import torch


def cases():
    for s in (256, 512, 1024, 2048):
        yield f"{s}^2", "fwd", False, False, s, s, s
    for n in (800, 33278):
        shape = f"700x200.200x{n}"
        yield shape, "fwd A.B", False, False, 700, n, 200
        yield shape, "dA G.Bt", False, True, 700, 200, n
        yield shape, "dB At.G", True, False, 200, n, 700


def timing(trans_a, trans_b, m, n, k, reps, clock):
    """(median seconds of one call, process cpu / wall over the timed calls)."""
    g = torch.Generator().manual_seed(42)
    # Store operands exactly as the Java bench does (A stored (K, M) when transposed, B stored (N, K)),
    # and multiply the transposed views: torch hands the strides to BLAS, as xent's flags do.
    a = torch.rand((k, m) if trans_a else (m, k), generator=g) * 2 - 1
    b = torch.rand((n, k) if trans_b else (k, n), generator=g) * 2 - 1
    a = a.t() if trans_a else a
    b = b.t() if trans_b else b
    out = torch.empty(m, n)
    end = time.perf_counter() + 0.5
    i = 0
    while i < 5 or time.perf_counter() < end:
        torch.mm(a, b, out=out)
        i += 1
    ts = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(reps):
        t0 = clock()
        torch.mm(a, b, out=out)
        ts.append(clock() - t0)
    cpu_per_wall = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    ts.sort()
    return ts[reps // 2], cpu_per_wall


def blas():
    """The BLAS shared objects torch.mm ends up in (from this process's memory map) and OpenBLAS's kernel."""
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    core = "?"
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode()
            break
        except (OSError, AttributeError):
            continue
    return ", ".join(os.path.realpath(p) for p in libs) or "unknown", core


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    t = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    cpu = len(sys.argv) > 3 and sys.argv[3] == "cpu"
    only = sys.argv[4] if len(sys.argv) > 4 else ""
    if cpu and t != 1:
        raise SystemExit("the cpu clock measures one thread; pass 1 as the thread count")
    torch.set_num_threads(t)
    libs, core = blas()
    print(f"# torch {torch.__version__}, {t} thread(s), clock={'cpu' if cpu else 'wall'}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, kernel {core}, blas: {libs}")
    for shape, product, ta, tb, m, n, k in cases():
        if only not in f"{shape} {product}":
            continue
        s, cpu_per_wall = timing(ta, tb, m, n, k, reps, time.thread_time if cpu else time.perf_counter)
        print(f"{shape}\t{product}\t{t}\t{2.0 * m * n * k / s / 1e9:.1f}\t{cpu_per_wall:.2f}", flush=True)


if __name__ == "__main__":
    main()
