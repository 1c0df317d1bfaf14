#!/usr/bin/python3
"""PyTorch side of the WikiText-2 word LM benchmark: pytorch/examples word_language_model, classic setup.

2-layer LSTM 200/200, embedding 200, BPTT 35, batch 20, plain SGD lr 20 (divided by 4 when validation
stalls), clip 0.25 (global norm), dropout 0.2; same corpus reading, batchify and init as pytorch/examples.
Tokens/s = training tokens / training wall time (steps only; no data loading, no evaluation).
Prints key=value lines on stdout (same keys as xent's WordLmBenchmark, plus train_cpu_s: the process's CPU time
over the steps, so CPU/wall shows how many threads really ran, and blas_kernel: the OpenBLAS kernel, which
OPENBLAS_CORETYPE in the environment chooses), progress on stderr. --threads pins PyTorch, OpenBLAS and OpenMP.

    /usr/bin/python3 bench/lm_torch.py --threads 1 [--data DIR] [--max-batches N] [--epochs E] [--no-eval]

DIR (default: $XENT_DATA) is the benchmark data folder; the corpus is DIR/wikitext-2/{train,valid,test}.txt.
"""
import argparse
import math
import os
import sys
import time

import torch_blas

# OpenBLAS and OpenMP size their pools when torch loads and ignore torch.set_num_threads: pin them first, or a
# "1-thread" run multiplies on 2 threads (CPU/wall 1.99 measured before this was added).
if __name__ == "__main__":
    torch_blas.pin_threads(next((sys.argv[i + 1] for i, x in enumerate(sys.argv[:-1]) if x == "--threads"), "1"))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class Corpus:
    def __init__(self, path):
        self.word2idx, self.idx2word = {}, []
        self.train = self.tokenize(os.path.join(path, "train.txt"))
        self.valid = self.tokenize(os.path.join(path, "valid.txt"))
        self.test = self.tokenize(os.path.join(path, "test.txt"))

    def tokenize(self, path):
        ids = []
        with open(path, "r", encoding="utf8") as f:
            for line in f:
                for word in line.split() + ["<eos>"]:
                    if word not in self.word2idx:
                        self.idx2word.append(word)
                        self.word2idx[word] = len(self.idx2word) - 1
                    ids.append(self.word2idx[word])
        return torch.tensor(ids, dtype=torch.int64)


class RNNModel(nn.Module):
    def __init__(self, ntoken, ninp, nhid, nlayers, dropout):
        super().__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        self.nlayers, self.nhid = nlayers, nhid
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -0.1, 0.1)

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output).view(-1, self.ntoken)
        return F.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        w = next(self.parameters())
        return (w.new_zeros(self.nlayers, bsz, self.nhid), w.new_zeros(self.nlayers, bsz, self.nhid))


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    return data.narrow(0, 0, nbatch * bsz).view(bsz, -1).t().contiguous()


def get_batch(source, i, bptt):
    seq_len = min(bptt, len(source) - 1 - i)
    return source[i:i + seq_len], source[i + 1:i + 1 + seq_len].reshape(-1)


def repackage(h):
    return tuple(v.detach() for v in h)


def evaluate(model, data, bptt, bsz):
    model.eval()
    total = 0.0
    hidden = model.init_hidden(bsz)
    with torch.no_grad():
        for i in range(0, data.size(0) - 1, bptt):
            x, y = get_batch(data, i, bptt)
            out, hidden = model(x, hidden)
            total += len(x) * F.nll_loss(out, y).item()
    return total / (len(data) - 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("XENT_DATA"),
                    help="the benchmark data folder holding wikitext-2/ (default: $XENT_DATA)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-batches", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1111)
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--load", help="safetensors weights (e.g. from WordLmBenchmark --save): only evaluate them")
    ap.add_argument("--init", help="safetensors weights to start training from (WordLmBenchmark --init takes the same)")
    ap.add_argument("--save", help="write the weights (after training) as safetensors")
    ap.add_argument("--trace", action="store_true", help="print every step's loss and gradient norm")
    a = ap.parse_args()
    if not a.data:
        ap.error("no data folder: pass --data DIR or set XENT_DATA to the folder that holds wikitext-2/")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    wall0 = time.time()
    corpus = Corpus(os.path.join(a.data, "wikitext-2"))
    bptt, bsz, lr, clip = 35, 20, 20.0, 0.25
    train, valid = batchify(corpus.train, bsz), batchify(corpus.valid, 10)
    ntokens = len(corpus.idx2word)
    blas = torch_blas.describe()
    print(f"vocab={ntokens}\ntrain_tokens={len(corpus.train)}\nthreads={torch.get_num_threads()}\n"
          f"torch={torch.__version__}\nblas_kernel={blas['kernel']}\nblas={blas['blas']}")
    model = RNNModel(ntokens, 200, 200, 2, a.dropout)
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
    if a.init:
        from load_safetensors import load  # noqa: E402
        model.load_state_dict(load(a.init)[0])
    if a.load:
        from load_safetensors import load  # noqa: E402
        model.load_state_dict(load(a.load)[0])
        val = evaluate(model, valid, bptt, 10)
        print(f"val_loss={val:.6f}\nval_ppl={math.exp(val):.4f}")
        return
    best = None
    for epoch in range(1, a.epochs + 1):
        model.train()
        hidden = model.init_hidden(bsz)
        starts = list(range(0, train.size(0) - 1, bptt))
        if a.max_batches is not None:
            starts = starts[:a.max_batches]
        tokens, train_s, train_cpu, loss_sum = 0, 0.0, 0.0, 0.0
        for k, i in enumerate(starts):
            x, y = get_batch(train, i, bptt)
            t0, c0 = time.perf_counter(), time.process_time()
            hidden = repackage(hidden)
            model.zero_grad()
            out, hidden = model(x, hidden)
            loss = F.nll_loss(out, y)
            loss.backward()
            gnorm = torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            for p in model.parameters():
                p.data.add_(p.grad, alpha=-lr)
            lv = loss.item()
            train_s += time.perf_counter() - t0
            train_cpu += time.process_time() - c0
            tokens += y.numel()
            loss_sum += lv
            if a.trace:
                print(f"step={k + 1} loss={lv:.6f} gnorm={gnorm.item():.6f}")
            if (k + 1) % 50 == 0 or k + 1 == len(starts):
                print(f"epoch {epoch} batch {k + 1}/{len(starts)} loss {loss_sum / (k + 1):.3f} "
                      f"ppl {math.exp(loss_sum / (k + 1)):.1f}  {tokens / train_s:.0f} tokens/s", file=sys.stderr)
        print(f"epoch={epoch} batches={len(starts)} train_tokens_processed={tokens}")
        n = max(len(starts), 1)   # --max-batches 0 (e.g. with --save: the initial weights) trains nothing
        print(f"train_seconds={train_s:.2f}\ntrain_cpu_s={train_cpu:.2f}\ntokens_per_s={tokens / max(train_s, 1e-9):.1f}\ntrain_loss={loss_sum / n:.4f}")
        if not a.no_eval:
            e0 = time.time()
            val = evaluate(model, valid, bptt, 10)
            print(f"val_loss={val:.4f}\nval_ppl={math.exp(val):.2f}\neval_seconds={time.time() - e0:.1f}")
            if best is None or val < best:
                best = val
            else:
                lr /= 4.0
        sys.stdout.flush()
    if a.save:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "golden"))
        from safetensors_io import save  # noqa: E402
        save(a.save, {k: v.detach().contiguous() for k, v in model.state_dict().items()})
    print(f"wall_seconds={time.time() - wall0:.1f}")


if __name__ == "__main__":
    main()
