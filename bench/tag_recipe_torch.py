#!/usr/bin/python3
"""The tagger's default recipe (`xent train tag -input TRAIN -valid DEV`) as a PyTorch reference for peak RSS.

    /usr/bin/python3 bench/tag_recipe_torch.py --task ud|wikiann [--threads 1] [--epochs 1] [--data DIR]

One epoch (by default) of the same model on the same batches, then one scoring pass over the dev file, as the xent
command does: word embedding 100 of lowercased, digit-folded words (a training word seen once replaced by <unk>
with p 0.5), char CNN (30-d characters, 50 filters of width 3, max over a word's first 20 characters), dropout 0.5
on the BiLSTM's input and output, BiLSTM 128 per direction, softmax (UD UPOS) or a linear-chain CRF over IOBES tags
(WikiANN, whose "en:" token prefix is stripped as xent strips it); Adam 2e-3, gradient-norm clip 5, batch 32 in
the order of xent's Bucketing (bench/tag_torch.py's plan with xent's cap of 32 x 200 padded tokens a batch). Prints a `RESULT ...` line; run it under `/usr/bin/time -v` for the RSS.
"""
import argparse
import os
import random
import re
import time

import torch_blas
from tag_torch import MASK, read_conllu, splitmix64  # pins the BLAS/OpenMP pools to --threads, then imports torch

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402


def read_conll(path):
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            words.append(cols[0][3:] if cols[0].startswith("en:") and len(cols[0]) > 3 else cols[0])
            tags.append(cols[-1])
    if words:
        sents.append((words, tags))
    return sents


def batches(lengths, size, seed, max_mean_length=200):
    """xent's Bucketing.batches: sorted by length, groups of `size` holding at most size x 200 padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out, s = [], 0
    while s < len(order):
        e = s + 1
        while e < len(order) and e - s < size and (e - s + 1) * lengths[order[e]] <= size * max_mean_length:
            e += 1
        out.append(order[s:e])
        s = e
    state = [seed & MASK]
    for i in range(len(out) - 1, 0, -1):
        j = (splitmix64(state) >> 1) % (i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def iobes(tags):
    out = []
    for i, t in enumerate(tags):
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        if t == "O":
            out.append(t)
            continue
        p, typ = t[:2], t[2:]
        cont = nxt == "I-" + typ
        out.append(("B-" if cont else "S-") + typ if p == "B-" else ("I-" if cont else "E-") + typ)
    return out


def norm(w):
    return re.sub("[1-9]", "0", w.lower())


class Recipe(nn.Module):
    def __init__(self, words, chars, tags, crf):
        super().__init__()
        self.emb = nn.Embedding(words, 100, padding_idx=0)
        self.cemb = nn.Embedding(chars, 30, padding_idx=0)
        self.conv = nn.Conv1d(30, 50, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(150, 128, bidirectional=True, batch_first=True)
        self.out = nn.Linear(256, tags)
        self.trans = nn.Parameter(torch.zeros(tags, tags)) if crf else None

    def emissions(self, ids, chars, lengths):             # ids (B, T), chars (B, T, C)
        b, t, c = chars.shape
        real = ids.reshape(-1) != 0                        # the char CNN runs over real words only, as xent's
        ch = self.cemb(chars.reshape(-1, c)[real]).transpose(1, 2)
        f = torch.zeros(b * t, 50)
        f[real] = self.conv(ch).max(dim=2).values
        x = self.drop(torch.cat([self.emb(ids), f.reshape(b, t, 50)], dim=2))
        h, _ = self.lstm(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop(h))                     # (B, T, K)

    def crf_nll(self, e, y, mask):                         # e (B, T, K), y (B, T), mask (B, T) bool
        b, t, k = e.shape
        alpha = e[:, 0]
        gold = e[:, 0].gather(1, y[:, :1]).squeeze(1)
        for i in range(1, t):
            m = mask[:, i]
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + e[:, i]
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
            step = self.trans[y[:, i - 1], y[:, i]] + e[:, i].gather(1, y[:, i:i + 1]).squeeze(1)
            gold = gold + torch.where(m, step, torch.zeros_like(step))
        return (torch.logsumexp(alpha, dim=1) - gold).sum() / mask.sum()


def tensors(sents, idx, wid, cid, tid, singles=None):
    lens = [len(sents[j][0]) for j in idx]
    t = max(lens)
    ids = torch.zeros(len(idx), t, dtype=torch.long)
    chars = torch.zeros(len(idx), t, 20, dtype=torch.long)
    y = torch.zeros(len(idx), t, dtype=torch.long)
    for b, j in enumerate(idx):
        ws, ts = sents[j]
        for i, w in enumerate(ws):
            k = norm(w)
            ids[b, i] = 1 if singles is not None and k in singles and random.random() < 0.5 else wid.get(k, 1)
            for q, ch in enumerate(w[:20]):
                chars[b, i, q] = cid.get(ch, 1)
            y[b, i] = tid.get(ts[i], 0)
    return ids, chars, y, torch.tensor(lens)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", choices=["ud", "wikiann"], required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.environ.get("XENT_DATA"))
    a = ap.parse_args()
    if not a.data:
        ap.error("no data folder: pass --data DIR or set XENT_DATA")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    if a.task == "ud":
        d = os.path.join(a.data, "ud_english_ewt")
        train, dev = (read_conllu(os.path.join(d, f"en_ewt-ud-{s}.conllu")) for s in ("train", "dev"))
    else:
        d = os.path.join(a.data, "wikiann_en")
        train, dev = read_conll(os.path.join(d, "train")), read_conll(os.path.join(d, "dev"))
        train = [(ws, iobes(ts)) for ws, ts in train]
        dev = [(ws, iobes(ts)) for ws, ts in dev]
    counts = {}
    for ws, _ in train:
        for w in ws:
            counts[norm(w)] = counts.get(norm(w), 0) + 1
    wid = {w: i + 2 for i, w in enumerate(counts)}
    singles = {w for w, n in counts.items() if n == 1}
    cid = {}
    for ws, _ in train:
        for w in ws:
            for ch in w[:20]:
                cid.setdefault(ch, len(cid) + 2)
    tid = {t: i for i, t in enumerate(sorted({t for _, ts in train for t in ts}))}
    crf = a.task == "wikiann"
    model = Recipe(len(wid) + 2, len(cid) + 2, len(tid), crf)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    ce = nn.CrossEntropyLoss(reduction="sum")
    t0, c0, tokens, loss_sum, steps = time.perf_counter(), time.process_time(), 0, 0.0, 0

    def loss_of(idx, data, drop_singles):
        ids, chars, y, lens = tensors(data, idx, wid, cid, tid, singles if drop_singles else None)
        e = model.emissions(ids, chars, lens)
        mask = torch.arange(ids.shape[1]).unsqueeze(0) < lens.unsqueeze(1)
        return (model.crf_nll(e, y, mask) if crf else ce(e[mask], y[mask]) / mask.sum()), int(lens.sum())

    for epoch in range(a.epochs):
        model.train()
        for idx in batches([len(w) for w, _ in train], 32, a.seed + epoch):
            l, n = loss_of(idx, train, True)
            opt.zero_grad()
            l.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            tokens, loss_sum, steps = tokens + n, loss_sum + l.item(), steps + 1
        model.eval()
        with torch.no_grad():
            dev_loss = sum(loss_of(dev_idx, dev, False)[0].item()
                           for dev_idx in batches([len(w) for w, _ in dev], 32, 0))
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"RESULT mode=recipe task={a.task} epochs={a.epochs} steps={steps} tokens={tokens} seconds={sec:.3f} "
          f"cpu_s={cpu:.3f} mean_loss={loss_sum / steps:.4f} dev_loss_sum={dev_loss:.1f} "
          f"blas_kernel={torch_blas.describe()['kernel']}")


if __name__ == "__main__":
    main()
