"""Which BLAS PyTorch runs on, which OpenBLAS kernel it picked, and a one-thread sgemm probe of that kernel.

The PyTorch reference scripts (lm_torch.py, charlm_torch.py, tag_torch.py) import this before torch:
`pin_threads(n)` puts n in OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS, which OpenBLAS and
OpenMP read once when they load (torch.set_num_threads alone leaves OpenBLAS's own pool at the core count,
so a "1-thread" run would multiply on 2 threads); `describe()` returns the library torch loaded and the
kernel OpenBLAS chose (openblas_get_corename: e.g. Prescott, the SSE3 kernel Debian's OpenBLAS 0.3.21 falls
back to on AVX-512 Xeons it does not know; OPENBLAS_CORETYPE=SkylakeX overrides the choice).

    /usr/bin/python3 bench/torch_blas.py [--probe]
prints `blas=<library> kernel=<name>` and with --probe `gflops_1t=<x>`: sgemm 1024^2 on one thread, the
median of 7 calls timed by the thread's CPU clock (time the core spent on other processes is not counted).
bench/lib.sh's bench_blas_best runs it once per candidate OPENBLAS_CORETYPE to find the fastest kernel.
"""
import ctypes
import os
import sys


def pin_threads(n):
    """Pins the BLAS/OpenMP pools to n threads; call it before torch is imported."""
    if "torch" in sys.modules:
        raise RuntimeError("pin_threads must run before torch is imported (the pools are sized at load)")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)


def describe():
    """{'blas': path of the BLAS library in this process, 'kernel': OpenBLAS's core name or '-'}; torch loaded."""
    import torch  # noqa: F401  (loads the BLAS)
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if ("blas" in path or "mkl" in path) and path not in libs:
                libs.append(path)
    kernel = "-"
    for path in libs:
        if "openblas" in path:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            kernel = lib.openblas_get_corename().decode()
            break
    return {"blas": libs[0] if libs else "-", "kernel": kernel}


def probe_gflops(n=1024, reps=7):
    """sgemm n x n x n GFLOP/s on the calling thread, median of reps calls, thread CPU clock."""
    import time
    import torch
    g = torch.Generator().manual_seed(1)
    a, b = torch.rand((n, n), generator=g), torch.rand((n, n), generator=g)
    out = torch.empty(n, n)
    for _ in range(3):
        torch.mm(a, b, out=out)
    ts = []
    for _ in range(reps):
        t0 = time.thread_time()
        torch.mm(a, b, out=out)
        ts.append(time.thread_time() - t0)
    ts.sort()
    return 2.0 * n ** 3 / max(ts[reps // 2], 1e-9) / 1e9


if __name__ == "__main__":
    pin_threads(1)
    d = describe()
    line = f"blas={d['blas']} kernel={d['kernel']}"
    if "--probe" in sys.argv[1:]:
        line += f" gflops_1t={probe_gflops():.1f}"
    print(line)
