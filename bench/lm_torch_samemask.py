#!/usr/bin/python3
"""PyTorch trains the WikiText-2 word LSTM LM with xent's own dropout masks, to compare step by step.

xent's WordLmBenchmark draws its dropout masks from Rng(seed).split() taken after the model's init draws
(dev.xent.tensor.Rng = SplitMix64, as java.util.SplittableRandom); this script reproduces that stream with
numpy and applies the masks where pytorch/examples applies dropout (embedding output, between the two layers,
last LSTM output), running the layers as two 1-layer nn.LSTMs (the same computation as nn.LSTM(dropout=p)).
From the same initial weights the printed `step=k loss=.. gnorm=..` lines are comparable with

    dev.xent.bench.lm.WordLmBenchmark --init FILE --trace --max-batches N --no-eval       (same --seed, dropout 0.2)

    /usr/bin/python3 bench/lm_torch.py --max-batches 0 --no-eval --save /tmp/init.safetensors
    /usr/bin/python3 bench/lm_torch_samemask.py --init /tmp/init.safetensors --steps 12 [--double] [--eval]

Both read DIR/wikitext-2 (--data DIR, default $XENT_DATA). --double runs in float64 (the exact-arithmetic
reference). See docs/benchmarks.md, "Why the 200-batch gap".
"""
import argparse
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import lm_torch as L  # noqa: E402
from load_safetensors import load  # noqa: E402

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def mix_gamma(z):
    z = ((z ^ (z >> 33)) * 0xFF51AFD7ED558CCD) & M64
    z = ((z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53) & M64
    z = (z ^ (z >> 33)) | 1
    return z ^ 0xAAAAAAAAAAAAAAAA if bin(z ^ (z >> 1)).count("1") < 24 else z


class SplitStream:
    """The Rng WordLmBenchmark gives LmTrainer: Rng(seed).split() after `draws` draws."""

    def __init__(self, seed, draws):
        s1 = (seed + (draws + 1) * GOLDEN) & M64   # split(): new Rng(nextLong(), mixGamma(nextSeed()))
        s2 = (seed + (draws + 2) * GOLDEN) & M64
        self.seed, self.gamma, self.drawn = mix64(s1), mix_gamma(s2), 0

    def longs(self, n):
        k = np.arange(self.drawn + 1, self.drawn + n + 1, dtype=np.uint64)
        u = np.uint64
        with np.errstate(over="ignore"):
            z = u(self.seed) + k * u(self.gamma)
            z = (z ^ (z >> u(30))) * u(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> u(27))) * u(0x94D049BB133111EB)
            z = z ^ (z >> u(31))
        self.drawn += n
        return z

    def mask(self, shape, p):
        """xent's dropout mask (ops/MaskBits): four 16-bit uniforms per 64-bit draw, element i taking bits
        [16·(i mod 4), +16) of draw i // 4, dropped when u / 2^16 < p exactly."""
        n = int(np.prod(shape))
        z = self.longs((n + 3) // 4)
        parts = np.stack([(z >> np.uint64(16 * j)) & np.uint64(0xFFFF) for j in range(4)], axis=1).reshape(-1)[:n]
        dropped = parts.astype(np.float64) / 65536.0 < float(np.float32(p))
        scale = np.float32(1) / (np.float32(1) - np.float32(p))
        return torch.from_numpy(np.where(dropped.reshape(shape), np.float32(0), scale).astype(np.float32))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("XENT_DATA"),
                    help="the benchmark data folder holding wikitext-2/ (default: $XENT_DATA)")
    ap.add_argument("--init", required=True, help="initial weights (safetensors, pytorch/examples names)")
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1111, help="WordLmBenchmark's --seed")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--double", action="store_true")
    ap.add_argument("--eval", action="store_true", help="validation perplexity after the steps")
    a = ap.parse_args()
    if not a.data:
        ap.error("no data folder: pass --data DIR or set XENT_DATA to the folder that holds wikitext-2/")
    torch.set_num_threads(1)
    dt = torch.float64 if a.double else torch.float32
    c = L.Corpus(os.path.join(a.data, "wikitext-2"))
    train = L.batchify(c.train, 20)
    sd = load(a.init)[0]
    v, e = sd["encoder.weight"].shape
    h = sd["rnn.weight_hh_l0"].shape[1]
    init_draws = v * e + (4 * h * e + 4 * h * h + 8 * h) + (4 * h * h + 4 * h * h + 8 * h) + v * h
    rng = SplitStream(a.seed, init_draws)
    enc, dec, layers = nn.Embedding(v, e), nn.Linear(h, v), [nn.LSTM(e, h, 1), nn.LSTM(h, h, 1)]
    with torch.no_grad():
        enc.weight.copy_(sd["encoder.weight"])
        dec.weight.copy_(sd["decoder.weight"])
        dec.bias.copy_(sd["decoder.bias"])
        for l, m in enumerate(layers):
            for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(m, n + "_l0").copy_(sd[f"rnn.{n}_l{l}"])
    mods = [enc, dec] + layers
    for m in mods:
        m.to(dt)
    params = [p for m in mods for p in m.parameters()]
    state = [None, None]
    for k, i in enumerate(range(0, train.size(0) - 1, 35)):
        if k >= a.steps:
            break
        x, y = L.get_batch(train, i, 35)
        t = x.size(0)
        for p in params:
            p.grad = None
        out = enc(x) * rng.mask((t, 20, e), a.dropout).to(dt)
        for l, m in enumerate(layers):
            out, state[l] = m(out, state[l])
            out = out * rng.mask((t, 20, h), a.dropout).to(dt)
        loss = F.cross_entropy(dec(out).view(-1, v), y)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(params, 0.25)
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-20.0)
        state = [tuple(s.detach() for s in st) for st in state]
        print(f"step={k + 1} loss={loss.item():.6f} gnorm={gn.item():.6f}", flush=True)
    if a.eval:
        valid = L.batchify(c.valid, 10)
        total, st = 0.0, [None, None]
        with torch.no_grad():
            for i in range(0, valid.size(0) - 1, 35):
                x, y = L.get_batch(valid, i, 35)
                out = enc(x)
                for l, m in enumerate(layers):
                    out, st[l] = m(out, st[l])
                total += len(x) * F.cross_entropy(dec(out).view(-1, v), y).item()
        val = total / (len(valid) - 1)
        print(f"val_loss={val:.4f}\nval_ppl={math.exp(val):.2f}")


if __name__ == "__main__":
    main()
