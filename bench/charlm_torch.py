#!/usr/bin/python3
# PyTorch reference for CharTransformerBenchmark: the same small char-level GPT on Tiny Shakespeare, same schedule.
#
# Model (same as dev.xent.task.lm.TransformerLanguageModel, tied output): wte (V, D) and wpe (T, D) ~ N(0, 0.02),
# dropout, L x nn.TransformerEncoderLayer(D, H, 4D, dropout, activation="gelu", batch_first=True,
# norm_first=True) with a causal mask (PyTorch's default init inside the blocks), final LayerNorm,
# logits = h @ wte.T, mean cross-entropy. AdamW (betas 0.9/0.999, weight decay 0.1 on tensors of rank >= 2),
# global-norm clip 1.0, constant lr. Batches: B random offsets per step (torch.randint, seeded).
# Output: key=value lines on stdout in CharTransformerBenchmark's format; progress on stderr.
# --threads pins PyTorch, OpenBLAS and OpenMP (set before torch loads; torch.set_num_threads alone leaves
# OpenBLAS's pool at the core count); blas_kernel= names the OpenBLAS kernel (OPENBLAS_CORETYPE chooses it);
# train_cpu_s= is the process's CPU time over the steps (CPU/wall shows how many threads really ran).
import argparse, math, os, sys, time
import torch_blas
if __name__ == "__main__":
    torch_blas.pin_threads(next((sys.argv[i + 1] for i, x in enumerate(sys.argv[:-1]) if x == "--threads"), "1"))
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class CharGPT(nn.Module):
    def __init__(self, vocab, d, heads, layers, ff, max_len, dropout, tied=True):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(max_len, d)
        nn.init.normal_(self.wte.weight, 0.0, 0.02)
        nn.init.normal_(self.wpe.weight, 0.0, 0.02)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([
            nn.TransformerEncoderLayer(d, heads, ff, dropout, activation="gelu", batch_first=True, norm_first=True)
            for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.tied = tied
        if not tied:
            self.lm_head = nn.Linear(d, vocab)
            nn.init.uniform_(self.lm_head.weight, -1 / math.sqrt(d), 1 / math.sqrt(d))
            nn.init.zeros_(self.lm_head.bias)

    def logits(self, idx):                                   # idx (B, T) -> (B, T, V)
        t = idx.shape[1]
        x = self.drop(self.wte(idx) + self.wpe(torch.arange(t)))
        mask = torch.triu(torch.full((t, t), float("-inf")), diagonal=1)
        for b in self.blocks:
            x = b(x, src_mask=mask)
        x = self.ln_f(x)
        return F.linear(x, self.wte.weight) if self.tied else self.lm_head(x)

    def loss(self, idx, targets):
        z = self.logits(idx)
        return F.cross_entropy(z.reshape(-1, z.shape[-1]), targets.reshape(-1))


def evaluate(model, stream, batch, block):
    model.eval()
    n_blocks = (len(stream) - 1) // block
    total, rows = 0.0, 0
    with torch.no_grad():
        for first in range(0, n_blocks, batch):
            n = min(batch, n_blocks - first)
            idx = torch.stack([stream[(first + b) * block:(first + b + 1) * block] for b in range(n)])
            tgt = torch.stack([stream[(first + b) * block + 1:(first + b + 1) * block + 1] for b in range(n)])
            total += model.loss(idx, tgt).item() * idx.numel()
            rows += idx.numel()
    model.train()
    return total / rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.environ.get("XENT_DATA"),
                   help="the benchmark data folder holding tinyshakespeare/ (default: $XENT_DATA)")
    p.add_argument("--budget-seconds", type=float, default=180)
    p.add_argument("--max-steps", type=int, default=10**9)
    p.add_argument("--eval-seconds", type=float, default=60)
    p.add_argument("--eval-tokens", type=int, default=8192)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--block", type=int, default=128)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    if not a.data:
        p.error("no data folder: pass --data DIR or set XENT_DATA to the folder that holds tinyshakespeare/input.txt")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    text = open(os.path.join(a.data, "tinyshakespeare", "input.txt"), encoding="utf-8").read()
    cut = int(len(text) * 0.9)
    chars = sorted(set(text))
    stoi = {c: i for i, c in enumerate(chars)}
    train = torch.tensor([stoi[c] for c in text[:cut]], dtype=torch.long)
    valid = torch.tensor([stoi[c] for c in text[cut:]], dtype=torch.long)
    valid_head = valid[:a.eval_tokens + 1]
    print("impl=torch%d" % a.threads)
    print("vocab=%d" % len(chars))
    print("train_tokens=%d valid_tokens=%d" % (len(train), len(valid)))
    blas = torch_blas.describe()
    print("threads=%d torch=%s blas_kernel=%s" % (a.threads, torch.__version__, blas["kernel"]))
    model = CharGPT(len(chars), a.dim, a.heads, a.layers, 4 * a.dim, a.block, a.dropout)
    print("params=%d" % sum(q.numel() for q in model.parameters()))
    decay = [q for q in model.parameters() if q.dim() >= 2]
    no_decay = [q for q in model.parameters() if q.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.999))
    train_s, train_cpu, step, next_eval, ema = 0.0, 0.0, 0, 0.0, float("nan")
    while True:
        if train_s >= next_eval:
            print("eval step=%d time=%.1f val_loss=%.4f" % (step, train_s, evaluate(model, valid_head, a.batch, a.block)),
                  flush=True)
            next_eval += a.eval_seconds
        if train_s >= a.budget_seconds or step >= a.max_steps:
            break
        t0, c0 = time.perf_counter(), time.process_time()
        off = torch.randint(len(train) - a.block, (a.batch,))
        idx = torch.stack([train[o:o + a.block] for o in off])
        tgt = torch.stack([train[o + 1:o + a.block + 1] for o in off])
        loss = model.loss(idx, tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        train_s += time.perf_counter() - t0
        train_cpu += time.process_time() - c0
        step += 1
        ema = loss.item() if math.isnan(ema) else 0.95 * ema + 0.05 * loss.item()
        if step % 20 == 0:
            print("step %d  %.1fs  train loss %.4f" % (step, train_s, ema), file=sys.stderr, flush=True)
    vl = evaluate(model, valid, a.batch, a.block)
    print("final steps=%d train_seconds=%.1f train_cpu_s=%.1f val_loss=%.4f bpc=%.4f tokens_per_s=%.0f"
          % (step, train_s, train_cpu, vl, vl / math.log(2), step * a.batch * a.block / train_s))
    model.eval()
    g = torch.Generator().manual_seed(42)
    seq = [stoi[c] for c in "ROMEO:\n"]
    with torch.no_grad():
        for _ in range(200):
            z = model.logits(torch.tensor([seq[-a.block:]]))[0, -1] / 0.8
            seq.append(torch.multinomial(F.softmax(z, -1), 1, generator=g).item())
    print("sample=" + "".join(chars[i] for i in seq).replace("\\", "\\\\").replace("\n", "\\n"))


if __name__ == "__main__":
    main()
