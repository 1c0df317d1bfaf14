#!/usr/bin/python3
"""The plain word-level BiLSTM tagger of the tagging speed bar, in PyTorch, timed like xent's `speed` mode.

    /usr/bin/python3 bench/tag_torch.py --threads 1 [--batches 250] [--warmup 100] [--data DIR]

Model: nn.Embedding(V, 100, padding_idx=0) -> nn.LSTM(100, 128, bidirectional=True, batch_first=True) over
pack_padded_sequence -> nn.Linear(256, K) -> CrossEntropyLoss(ignore_index=-100); Adam lr 1e-3; batch 32.
Data: UD English-EWT train, UPOS. Batches: the same plan as xent's Bucketing (sort by length, stable; cut into
groups of 32; shuffle the group order with Fisher-Yates driven by SplitMix64 from the same seed), so both sides
train on the same batches in the same order. Tokens/s = real (unpadded) tokens of the timed batches / their
wall time (forward, backward, Adam step); tokens per CPU-second (all threads of the process) is printed too, as the
shared machine's load moves wall time far more than CPU time. Prints a `RESULT ...` line like the Java driver.
"""
import argparse
import os
import sys
import time


import torch_blas


def _threads_from_argv():
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return "1"


# OpenBLAS and OpenMP size their own pools at import and ignore torch.set_num_threads: pin them first, or a
# "1-thread" run multiplies on 2 threads and a 2-thread run oversubscribes the cores.
torch_blas.pin_threads(_threads_from_argv())

import torch  # noqa: E402
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

MASK = (1 << 64) - 1


def splitmix64(state):
    state[0] = (state[0] + 0x9E3779B97F4A7C15) & MASK
    z = state[0]
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def batches(lengths, size, seed):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out = [order[s:s + size] for s in range(0, len(order), size)]
    state = [seed & MASK]
    for i in range(len(out) - 1, 0, -1):
        j = (splitmix64(state) >> 1) % (i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def read_conllu(path):
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
            tags.append(cols[3])
    if words:
        sents.append((words, tags))
    return sents


class Tagger(nn.Module):
    def __init__(self, vocab, tags, emb=100, hidden=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hidden, bidirectional=True, batch_first=True)
        self.out = nn.Linear(2 * hidden, tags)

    def forward(self, ids, lengths):                      # ids (B, T), lengths (B)
        x = self.emb(ids)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
        return self.out(h)                                # (B, T, K)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batches", type=int, default=250)   # batches 100..349 of the plan, as xent's TaggerBenchmark
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.environ.get("XENT_DATA"),
                    help="the benchmark data folder holding ud_english_ewt/ (default: $XENT_DATA)")
    a = ap.parse_args()
    if not a.data:
        ap.error("no data folder: pass --data DIR or set XENT_DATA to the folder that holds ud_english_ewt/")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train = read_conllu(os.path.join(a.data, "ud_english_ewt", "en_ewt-ud-train.conllu"))
    vocab = {"<pad>": 0, "<unk>": 1}
    for words, _ in train:
        for w in words:
            vocab.setdefault(w, len(vocab))
    tagset = sorted({t for _, ts in train for t in ts})
    tag_id = {t: i for i, t in enumerate(tagset)}
    data = [([vocab[w] for w in ws], [tag_id[t] for t in ts]) for ws, ts in train]
    plan = batches([len(w) for w, _ in data], 32, a.seed)
    model = Tagger(len(vocab), len(tagset))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    tokens, t0, loss, loss_sum = 0, None, float("nan"), 0.0
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            t0, c0 = time.perf_counter(), time.process_time()
        idx = plan[i % len(plan)]
        lens = [len(data[j][0]) for j in idx]
        t = max(lens)
        ids = torch.zeros(len(idx), t, dtype=torch.long)
        y = torch.full((len(idx), t), -100, dtype=torch.long)
        for b, j in enumerate(idx):
            ids[b, :lens[b]] = torch.tensor(data[j][0])
            y[b, :lens[b]] = torch.tensor(data[j][1])
        scores = model(ids, torch.tensor(lens))
        l = loss_fn(scores.reshape(-1, len(tagset)), y.reshape(-1))
        opt.zero_grad()
        l.backward()
        opt.step()
        loss = l.item()
        if i >= a.warmup:
            tokens += sum(lens)
            loss_sum += loss
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"speed: {a.batches} batches, {tokens} tokens, {sec:.2f} s, vocab {len(vocab)}, tags {len(tagset)}, "
          f"last loss {loss:.4f}, threads {a.threads}")
    print(f"RESULT mode=speed tokens_per_s={tokens / sec:.0f} tokens={tokens} seconds={sec:.3f} "
          f"cpu_s={cpu:.3f} tokens_per_cpu_s={tokens / cpu:.0f} mean_loss={loss_sum / a.batches:.4f} blas_kernel={torch_blas.describe()['kernel']}")


if __name__ == "__main__":
    main()
