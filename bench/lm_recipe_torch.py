#!/usr/bin/python3
"""The word-level LM recipe (`xent train lm -level word -input TRAIN -valid VALID`) in PyTorch: the reference for peak RSS.

    /usr/bin/python3 bench/lm_recipe_torch.py [--threads 2] [--max-seconds 150] [--max-steps N] [--data DIR] [--out DIR]

The same run as the plain xent command (docs/language-models.md "The word-level recipe"): WikiText-2 tokens as the
benchmarks count them (whitespace words and one <eos> per line, vocabulary from train, ids by falling frequency after
<pad> <unk> <bos> <eos>); a 1-layer LSTM of 400 over 400-d embeddings, tied; an adaptive softmax with cutoffs 2000,
10000 and div 4 whose head's 2000 shortlist rows are the embedding table's rows (head: the 2 cluster rows and a
bias; cluster i: 400 -> 400/4^(i+1) -> its words, no bias); locked (variational) dropout 0.25 after the embedding
and before the output, embedding dropout 0.1 (a word's row dropped for a whole batch, applied to the looked-up
vectors: the same gradient as masking the table, without a (V, E) copy per step); batch 32 x BPTT 64, the state
carried between batches; Adam 0.003, global-norm clip 1.0, the rate decayed linearly to 0 over the budget (150 s of
training, as xent's default maxSeconds); a checkpoint (model, optimizer, best weights) every 100 steps, two kept;
at the budget stop one validation pass (16 streams), the best weights copied in memory as xent keeps them, the model
written, and three samples of 240 tokens (temperature 0.7, top-p 0.95). Prints `RESULT ...`; run it under
`/usr/bin/time -v` for the RSS. --threads pins PyTorch, OpenBLAS and OpenMP (xent uses every core by default).
"""
import argparse
import math
import os
import shutil
import sys
import tempfile
import time

import torch_blas

if __name__ == "__main__":
    torch_blas.pin_threads(next((sys.argv[i + 1] for i, x in enumerate(sys.argv[:-1]) if x == "--threads"), "2"))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

SPECIALS = ["<pad>", "<unk>", "<bos>", "<eos>"]


def read_words(path):
    with open(path, encoding="utf8") as f:
        for line in f:
            yield from line.split()
            yield "<eos>"


def vocabulary(path):
    """Ids: the 4 specials, then words by falling count, ties by string (xent's Vocabulary order)."""
    counts = {}
    for w in read_words(path):
        counts[w] = counts.get(w, 0) + 1
    words = [w for w in sorted(counts, key=lambda w: (-counts[w], w)) if w not in SPECIALS]
    itos = SPECIALS + words
    return {w: i for i, w in enumerate(itos)}, itos


def encode(path, stoi):
    return torch.tensor([stoi.get(w, 1) for w in read_words(path)], dtype=torch.int64)


def batchify(ids, streams):
    n = ids.size(0) // streams
    return ids[:n * streams].view(streams, n).t().contiguous()   # (L, B): stream b is a contiguous run


class RecipeLm(nn.Module):
    def __init__(self, vocab, dim=400, cutoffs=(2000, 10000), div=4.0):
        super().__init__()
        self.vocab, self.dim, self.cutoffs = vocab, dim, list(cutoffs) + [vocab]
        self.encoder = nn.Embedding(vocab, dim)
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        self.rnn = nn.LSTM(dim, dim, 1)
        k = len(cutoffs)
        self.head_clusters = nn.Linear(dim, k, bias=False)            # the head's cluster rows; shortlist = table rows
        self.head_bias = nn.Parameter(torch.zeros(cutoffs[0] + k))
        self.tail = nn.ModuleList()
        for i in range(k):
            h = int(dim // div ** (i + 1))
            self.tail.append(nn.Sequential(nn.Linear(dim, h, bias=False),
                                           nn.Linear(h, self.cutoffs[i + 1] - self.cutoffs[i], bias=False)))

    def head_weight(self):
        return torch.cat([self.encoder.weight[:self.cutoffs[0]], self.head_clusters.weight])

    def forward(self, x, hidden, p_drop=0.25, p_emb=0.1):     # x (T, B) -> rows (T*B, D), hidden
        e = self.encoder(x)
        if self.training:
            keep = torch.empty(self.vocab).bernoulli_(1 - p_emb) / (1 - p_emb)
            e = e * keep[x].unsqueeze(2)
            e = e * torch.empty(1, e.size(1), e.size(2)).bernoulli_(1 - p_drop) / (1 - p_drop)
        out, hidden = self.rnn(e, hidden)
        if self.training:
            out = out * torch.empty(1, out.size(1), out.size(2)).bernoulli_(1 - p_drop) / (1 - p_drop)
        return out.reshape(-1, self.dim), hidden

    def loss(self, rows, target):
        """Mean NLL: the head's cross-entropy (cluster words -> their cluster's logit) + each cluster's own."""
        c0 = self.cutoffs[0]
        head_target = target.clone()
        total = 0.0
        for i in range(len(self.tail)):
            m = (target >= self.cutoffs[i]) & (target < self.cutoffs[i + 1])
            idx = m.nonzero().squeeze(1)
            if idx.numel() == 0:
                continue
            head_target[idx] = c0 + i
            logits = self.tail[i](rows.index_select(0, idx))
            total = total + F.cross_entropy(logits, target[idx] - self.cutoffs[i], reduction="sum")
        head = F.linear(rows, self.head_weight(), self.head_bias)
        total = total + F.cross_entropy(head, head_target, reduction="sum")
        return total / target.numel()

    def log_prob(self, rows):
        """Full (N, V) log-probabilities (for sampling one row at a time)."""
        head = F.log_softmax(F.linear(rows, self.head_weight(), self.head_bias), dim=1)
        c0 = self.cutoffs[0]
        parts = [head[:, :c0]]
        for i in range(len(self.tail)):
            parts.append(F.log_softmax(self.tail[i](rows), dim=1) + head[:, c0 + i:c0 + i + 1])
        return torch.cat(parts, dim=1)


def evaluate(model, data, bptt):
    model.eval()
    total, n = 0.0, 0
    hidden = None
    with torch.no_grad():
        for i in range(0, data.size(0) - 1, bptt):
            t = min(bptt, data.size(0) - 1 - i)
            rows, hidden = model(data[i:i + t], hidden)
            total += model.loss(rows, data[i + 1:i + 1 + t].reshape(-1)).item() * t * data.size(1)
            n += t * data.size(1)
    model.train()
    return total / n


def sample(model, start, length, temperature=0.7, top_p=0.95):
    model.eval()
    out, hidden, x = [], None, torch.tensor([[start]])
    with torch.no_grad():
        for _ in range(length):
            rows, hidden = model(x, hidden)
            p = torch.softmax(model.log_prob(rows)[0] / temperature, dim=0)
            sp, si = p.sort(descending=True)
            keep = (sp.cumsum(0) - sp) < top_p
            choice = si[keep][torch.multinomial(sp[keep], 1)]
            out.append(int(choice))
            x = choice.view(1, 1)
    model.train()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("XENT_DATA"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=150.0)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None, help="run folder for checkpoints and the model (default: a temporary one)")
    a = ap.parse_args()
    if not a.data:
        ap.error("no data folder: pass --data DIR or set XENT_DATA to the folder that holds wikitext-2/")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    out = a.out or tempfile.mkdtemp(prefix="lm-recipe-torch.")
    os.makedirs(out, exist_ok=True)
    d = os.path.join(a.data, "wikitext-2")
    stoi, itos = vocabulary(os.path.join(d, "train.txt"))
    train = batchify(encode(os.path.join(d, "train.txt"), stoi), 32)
    valid = batchify(encode(os.path.join(d, "valid.txt"), stoi), 16)
    model = RecipeLm(len(itos))
    lr0, bptt, clip = 3e-3, 64, 1.0
    opt = torch.optim.Adam(model.parameters(), lr=lr0)
    t_train, c0, steps, loss_sum, hidden, best, kept = 0.0, time.process_time(), 0, 0.0, None, None, []
    done = False
    while not done:
        for i in range(0, train.size(0) - 1, bptt):
            t0 = time.perf_counter()
            t = min(bptt, train.size(0) - 1 - i)
            if hidden is not None:
                hidden = tuple(h.detach() for h in hidden)
            for g in opt.param_groups:                       # linear decay to 0 over the budget
                frac = max(t_train / a.max_seconds if a.max_seconds else 0.0, steps / a.max_steps if a.max_steps else 0.0)
                g["lr"] = lr0 * max(0.0, 1.0 - frac)
            rows, hidden = model(train[i:i + t], hidden)
            loss = model.loss(rows, train[i + 1:i + 1 + t].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
            loss_sum += loss.item()
            steps += 1
            t_train += time.perf_counter() - t0
            if steps % 100 == 0:
                path = os.path.join(out, f"checkpoint-{steps}.pt")
                torch.save({"model": model.state_dict(), "optim": opt.state_dict(), "best": best, "step": steps}, path)
                kept.append(path)
                while len(kept) > 2:
                    os.remove(kept.pop(0))
            if (a.max_seconds and t_train >= a.max_seconds) or (a.max_steps and steps >= a.max_steps):
                done = True
                break
        hidden = None
    val = evaluate(model, valid, bptt)
    best = {k: v.clone() for k, v in model.state_dict().items()}
    torch.save(best, os.path.join(out, "model.pt"))
    samples = [sample(model, stoi["<eos>"], 240) for _ in range(3)]
    print(f"RESULT steps={steps} tokens={steps * 32 * bptt} train_s={t_train:.1f} cpu_s={time.process_time() - c0:.1f} "
          f"train_loss={loss_sum / max(steps, 1):.4f} val_ppl={math.exp(val):.2f} threads={torch.get_num_threads()} "
          f"vocab={len(itos)} sample_tokens={sum(len(s) for s in samples)} blas_kernel={torch_blas.describe()['kernel']}")
    if not a.out:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
