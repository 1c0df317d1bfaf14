#!/usr/bin/python3
# PyTorch reference for xent's encoder-decoder Transformer (dev.xent.task.translate.TransformerTranslator).
#
# Model: one shared (V, D) embedding E ~ N(0, D^-1/2) for source, target and output; x = E[ids]*sqrt(D) + sinusoidal
# PE, dropout; nn.Transformer(D, H, Le, Ld, F, dropout, activation="gelu", batch_first=True, norm_first=True)
# (its encoder and decoder, final norms included); logits = h @ E.T; label-smoothed cross-entropy over non-PAD
# targets. The golden fixtures (scripts/golden/cases_translate.py) use this class; main() is the speed reference:
# the same model trained (Adam, clip 1) on the batches dev.xent.bench.translate.TranslateSpeed wrote, tokens/s on
# stdout.
import argparse, math, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_blas  # noqa: E402

# OpenBLAS and OpenMP size their pools when torch loads and ignore torch.set_num_threads: pin them first, or a
# "1-thread" run multiplies on 2 threads (see torch_blas.py).
if __name__ == "__main__":
    torch_blas.pin_threads(next((sys.argv[i + 1] for i, x in enumerate(sys.argv[:-1]) if x == "--threads"), "2"))

import torch  # noqa: E402
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS = 0, 2, 3


def sinusoids(max_len, d):
    pe = torch.zeros(max_len, d, dtype=torch.float64)
    p = torch.arange(max_len, dtype=torch.float64)[:, None]
    for c in range(d):
        omega = math.exp(-(c - c % 2) * math.log(10000.0) / d)
        pe[:, c] = torch.sin(p[:, 0] * omega) if c % 2 == 0 else torch.cos(p[:, 0] * omega)
    return pe.float()


class Seq2SeqTransformer(nn.Module):
    def __init__(self, vocab, d, heads, enc_layers, dec_layers, ff, max_len, dropout):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        nn.init.normal_(self.embed.weight, 0.0, d ** -0.5)
        t = nn.Transformer(d, heads, enc_layers, dec_layers, ff, dropout, activation="gelu", batch_first=True,
                           norm_first=True)
        self.encoder, self.decoder = t.encoder, t.decoder      # names: encoder.layers.0..., decoder.norm...
        self.register_buffer("pe", sinusoids(max_len, d), persistent=False)
        self.drop = nn.Dropout(dropout)
        self.scale = math.sqrt(d)

    def embed_tokens(self, ids):
        return self.drop(self.embed(ids) * self.scale + self.pe[: ids.shape[1]])

    def forward(self, src, tgt_in):                           # (B, S), (B, T) -> logits (B, T, V)
        pad = src == PAD
        memory = self.encoder(self.embed_tokens(src), src_key_padding_mask=pad)
        t = tgt_in.shape[1]
        causal = torch.triu(torch.full((t, t), float("-inf")), diagonal=1)
        h = self.decoder(self.embed_tokens(tgt_in), memory, tgt_mask=causal, memory_key_padding_mask=pad)
        return F.linear(h, self.embed.weight)

    def loss(self, src, tgt_in, tgt_out, label_smoothing):
        z = self.forward(src, tgt_in)
        return F.cross_entropy(z.reshape(-1, z.shape[-1]), tgt_out.reshape(-1), ignore_index=PAD,
                               label_smoothing=label_smoothing)


class RnnSeq2Seq(nn.Module):
    """dev.xent.task.translate.RnnTranslator: bi-GRU encoder (packed), GRU decoder, Luong general attention."""

    def __init__(self, vocab, e, h, dropout):
        super().__init__()
        self.embed = nn.Embedding(vocab, e)
        nn.init.normal_(self.embed.weight, 0.0, e ** -0.5)
        self.encoder = nn.GRU(e, h, batch_first=True, bidirectional=True)
        self.decoder = nn.GRU(e, h, batch_first=True)
        self.bridge = nn.Linear(2 * h, h)
        self.attn_key = nn.Linear(2 * h, h, bias=False)
        self.combine = nn.Linear(3 * h, e)
        self.drop = nn.Dropout(dropout)
        self.h = h

    def forward(self, src, tgt_in):                           # (B, S), (B, T) -> logits (B, T, V)
        pad = src == PAD
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(self.embed(src)), (~pad).sum(1), batch_first=True,
                                                   enforce_sorted=False)
        out, hn = self.encoder(packed)
        enc, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=src.shape[1])
        h0 = torch.tanh(self.bridge(torch.cat([hn[0], hn[1]], -1))).unsqueeze(0)
        dec, _ = self.decoder(self.drop(self.embed(tgt_in)), h0)
        scores = dec @ self.attn_key(enc).transpose(1, 2) / math.sqrt(self.h)
        ctx = torch.softmax(scores.masked_fill(pad[:, None, :], float("-inf")), -1) @ enc
        out = self.drop(torch.tanh(self.combine(torch.cat([dec, ctx], -1))))
        return F.linear(out, self.embed.weight)

    def loss(self, src, tgt_in, tgt_out, label_smoothing):
        z = self.forward(src, tgt_in)
        return F.cross_entropy(z.reshape(-1, z.shape[-1]), tgt_out.reshape(-1), ignore_index=PAD,
                               label_smoothing=label_smoothing)


def batch_of(pairs):
    """pairs: list of (src ids, tgt ids) without specials -> src, tgt_in, tgt_out padded as TranslationBatch."""
    s = max(len(x) for x, _ in pairs) + 1
    t = max(len(y) for _, y in pairs) + 1
    src = torch.full((len(pairs), s), PAD, dtype=torch.long)
    tin = torch.full((len(pairs), t), PAD, dtype=torch.long)
    tout = torch.full((len(pairs), t), PAD, dtype=torch.long)
    for i, (x, y) in enumerate(pairs):
        src[i, : len(x) + 1] = torch.tensor(x + [EOS])
        tin[i, : len(y) + 1] = torch.tensor([BOS] + y)
        tout[i, : len(y) + 1] = torch.tensor(y + [EOS])
    return src, tin, tout


def main():
    p = argparse.ArgumentParser(description="tokens/s of the same Transformer trained on the batches that "
                                "dev.xent.bench.translate.TranslateSpeed --batches-out FILE wrote")
    p.add_argument("batches", help="one pair a line: 'src ids<TAB>tgt ids' (no specials), a blank line after each batch")
    p.add_argument("--vocab", type=int, required=True)
    p.add_argument("--dim", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--ff", type=int, default=1024)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--dropout", type=float, default=0.1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    batches, cur = [], []
    with open(a.batches) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                batches.append(cur)
                cur = []
                continue
            s, t = line.split("\t")
            cur.append(([int(v) for v in s.split()], [int(v) for v in t.split()]))
    model = Seq2SeqTransformer(a.vocab, a.dim, a.heads, a.layers, a.layers, a.ff, 256, a.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=7e-4, betas=(0.9, 0.98))
    model.train()

    def step(pairs):
        src, tin, tout = batch_of(pairs)
        loss = model.loss(src, tin, tout, a.label_smoothing)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return int((tout != PAD).sum())

    for b in batches[:3]:                                      # warm-up, as TranslateSpeed
        step(b)
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(step(b) for b in batches)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    blas = torch_blas.describe()
    print(f"torch_threads={a.threads} blas_kernel={blas['kernel']} steps={len(batches)} target_tokens={tokens} "
          f"seconds={dt:.2f} cpu_s={cpu:.2f} tokens_per_s={tokens / dt:.0f}")


if __name__ == "__main__":
    main()
