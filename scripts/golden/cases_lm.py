"""Golden cases for the word LSTM LM (pytorch/examples RNNModel): two truncated-BPTT training steps, without
dropout (lm_two_steps) and with dropout using xent's own masks (lm_two_steps_dropout, see dropout_cases).

Step 1 from a zero state: loss, gradient norm before clipping, every parameter's gradient. Then clip to 0.25,
plain SGD lr 20 (as main.py), and step 2 on the next batch starting from step 1's detached state: its loss
and gradient norm. Model: V=13, embedding 5, hidden 4, 2 layers; batch 3, BPTT 4.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def cases():
    torch.manual_seed(5)
    v, e, h, layers, t, b = 13, 5, 4, 2, 4, 3
    enc = nn.Embedding(v, e)
    rnn = nn.LSTM(e, h, layers)
    dec = nn.Linear(h, v)
    nn.init.uniform_(enc.weight, -0.1, 0.1)
    nn.init.uniform_(dec.weight, -0.1, 0.1)
    nn.init.uniform_(dec.bias, -0.1, 0.1)       # nonzero so the bias gradient path is exercised
    params = {"encoder.weight": enc.weight, "decoder.weight": dec.weight, "decoder.bias": dec.bias}
    params.update({"rnn." + k: p for k, p in rnn.named_parameters()})
    g = torch.Generator().manual_seed(9)
    stream = torch.randint(0, v, (2 * t + 1, b), generator=g)   # (2T+1, B): two batches, time-major
    tensors = {"stream": stream}
    for k, p in params.items():
        tensors["param." + k] = p.detach().clone()
    hidden = None
    for step in (1, 2):
        x, y = stream[(step - 1) * t:step * t], stream[(step - 1) * t + 1:step * t + 1].reshape(-1)
        for p in params.values():
            p.grad = None
        out, hidden = rnn(enc(x), hidden)
        loss = F.cross_entropy(dec(out).view(-1, v), y)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(list(params.values()), 0.25)
        tensors[f"loss{step}"] = loss.detach().reshape(1)
        tensors[f"grad_norm{step}"] = norm.detach().reshape(1)
        if step == 1:
            for k, p in params.items():
                tensors["grad1." + k] = p.grad.clone()   # after clipping: what the SGD step uses
        with torch.no_grad():
            for p in params.values():
                p.add_(p.grad, alpha=-20.0)
        hidden = tuple(s.detach() for s in hidden)
    for k, p in params.items():
        tensors["after2." + k] = p.detach().clone()
    yield "lm_two_steps", tensors, {"lr": "20", "clip": "0.25", "bptt": str(t), "batch": str(b)}
    yield from dropout_cases()


# ---------------------------------------------------------------- the same two steps with dropout

_M64 = (1 << 64) - 1


class XentRng:
    """xent's dev.xent.tensor.Rng (SplitMix64, as java.util.SplittableRandom) with the default gamma:
    nextLong() = mix64(seed += gamma). Reproduced so PyTorch can use xent's dropout masks."""

    def __init__(self, seed):
        self.seed = seed & _M64

    def next_long(self):
        self.seed = (self.seed + 0x9E3779B97F4A7C15) & _M64
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
        return z ^ (z >> 31)

    def mask(self, shape, p):
        """xent's ops.Dropout mask (ops/MaskBits): four elements per 64-bit draw in row-major order, element i
        takes the 16-bit integer u = bits [16·(i mod 4), 16·(i mod 4) + 16) of draw i // 4 and is 0 when
        u / 2^16 < p (p as float32, compared exactly), else 1/(1-p)."""
        n = 1
        for s in shape:
            n *= s
        scale = float(torch.tensor(1.0, dtype=torch.float32) / (1 - torch.tensor(p, dtype=torch.float32)))
        p32 = float(torch.tensor(p, dtype=torch.float32))
        vals = []
        for i in range(n):
            if i % 4 == 0:
                r = self.next_long()
            u = (r >> (16 * (i % 4))) & 0xFFFF
            vals.append(0.0 if u / 65536.0 < p32 else scale)
        return torch.tensor(vals, dtype=torch.float32).reshape(shape)


def dropout_cases():
    """lm_two_steps_dropout: the two steps above with dropout p = 0.3 where pytorch/examples puts it (embedding
    output, between the LSTM layers, last LSTM output; never the recurrent state), using the masks xent's
    LmTrainer draws from Rng(7): per step the embedding mask (T, B, E), then after layer 0 (T, B, H), then
    after layer 1 (T, B, H). nn.LSTM's own inter-layer dropout cannot take a given mask, so the two layers run
    as two 1-layer LSTMs holding the same weights (the same computation as nn.LSTM(e, h, 2, dropout=p))."""
    torch.manual_seed(5)
    v, e, h, t, b, p = 13, 5, 4, 4, 3, 0.3
    enc = nn.Embedding(v, e)
    rnn = nn.LSTM(e, h, 2)
    dec = nn.Linear(h, v)
    nn.init.uniform_(enc.weight, -0.1, 0.1)
    nn.init.uniform_(dec.weight, -0.1, 0.1)
    nn.init.uniform_(dec.bias, -0.1, 0.1)
    layers = [nn.LSTM(e, h, 1), nn.LSTM(h, h, 1)]
    with torch.no_grad():
        for l, m in enumerate(layers):
            for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(m, n + "_l0").copy_(getattr(rnn, f"{n}_l{l}"))
    params = {"encoder.weight": enc.weight, "decoder.weight": dec.weight, "decoder.bias": dec.bias}
    for l, m in enumerate(layers):
        for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            params[f"rnn.{n}_l{l}"] = getattr(m, n + "_l0")
    g = torch.Generator().manual_seed(9)
    stream = torch.randint(0, v, (2 * t + 1, b), generator=g)
    tensors = {"stream": stream}
    for k, prm in params.items():
        tensors["param." + k] = prm.detach().clone()
    rng = XentRng(7)
    state = [None, None]
    for step in (1, 2):
        x, y = stream[(step - 1) * t:step * t], stream[(step - 1) * t + 1:step * t + 1].reshape(-1)
        for prm in params.values():
            prm.grad = None
        a = enc(x) * rng.mask((t, b, e), p)
        for l, m in enumerate(layers):
            a, state[l] = m(a, state[l])
            a = a * rng.mask((t, b, h), p)
        loss = F.cross_entropy(dec(a).view(-1, v), y)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(list(params.values()), 0.25)
        tensors[f"loss{step}"] = loss.detach().reshape(1)
        tensors[f"grad_norm{step}"] = norm.detach().reshape(1)
        with torch.no_grad():
            for prm in params.values():
                prm.add_(prm.grad, alpha=-20.0)
        state = [tuple(s.detach() for s in st) for st in state]
    for k, prm in params.items():
        tensors["after2." + k] = prm.detach().clone()
    yield "lm_two_steps_dropout", tensors, {"lr": "20", "clip": "0.25", "bptt": str(t), "batch": str(b),
                                            "dropout": str(p), "rng_seed": "7"}
