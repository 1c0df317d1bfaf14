"""Golden cases for the translators (dev.xent.task.translate.TransformerTranslator and RnnTranslator), dropout 0.

The models are bench/translate_torch.py's Seq2SeqTransformer (nn.Transformer pre-norm + a shared tied embedding) and
RnnSeq2Seq (case "rnn": E 8, H 6; packed bi-GRU encoder, GRU decoder, attention).
Each case stores the parameters (param.<name>, biases and norm gains randomised so every path counts), a padded
batch (src, tgt_in, tgt_out: ragged lengths, so the padding masks matter), the logits (B, T, V), the
label-smoothed loss and every parameter's gradient (grad.<name>).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
from translate_torch import RnnSeq2Seq, Seq2SeqTransformer, batch_of  # noqa: E402


def case(name, label_smoothing, seed, rnn=False):
    torch.manual_seed(seed)
    v, d, h, le, ld, ff, max_len = 13, 8, 2, 2, 2, 16, 16
    model = RnnSeq2Seq(v, d, 6, 0.0) if rnn else Seq2SeqTransformer(v, d, h, le, ld, ff, max_len, 0.0)
    with torch.no_grad():
        for pname, p in model.named_parameters():
            if pname.endswith("bias"):
                p.uniform_(-0.2, 0.2)
            elif "norm" in pname:
                p.uniform_(0.8, 1.2)
    model.train()
    g = torch.Generator().manual_seed(seed + 1)
    lengths = [(5, 4), (2, 6), (7, 1)]                          # (source, target) tokens, specials excluded
    pairs = [(torch.randint(4, v, (s,), generator=g).tolist(), torch.randint(4, v, (t,), generator=g).tolist())
             for s, t in lengths]
    src, tin, tout = batch_of(pairs)
    logits = model(src, tin)
    loss = model.loss(src, tin, tout, label_smoothing)
    loss.backward()
    tensors = {"src": src.to(torch.int32), "tgt_in": tin.to(torch.int32), "tgt_out": tout.to(torch.int32),
               "logits": logits.detach(), "loss": loss.detach().reshape(1)}
    for pname, p in model.named_parameters():
        tensors["param." + pname] = p.detach().clone()
        tensors["grad." + pname] = p.grad.clone()
    return name, tensors, {"vocab": str(v), "dim": str(d), "heads": str(h), "encoder_layers": str(le),
                           "decoder_layers": str(ld), "ff": str(ff), "max_len": str(max_len),
                           "label_smoothing": str(label_smoothing)}


def cases():
    yield case("plain", 0.0, 21)
    yield case("smoothed", 0.1, 22)
    yield case("rnn", 0.1, 23, rnn=True)
