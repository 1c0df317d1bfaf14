#!/usr/bin/python3
"""Loads a xent RNN language model into PyTorch's word_language_model RNNModel and scores a text, to cross-check
`xent export` (names, tied weights, GRU/LSTM) and `xent eval` (the same nats per token).

Usage: /usr/bin/python3 scripts/lm_torch_check.py MODEL.xent MODEL.safetensors TEXT_FILE
  MODEL.safetensors from `xent export MODEL.xent --safetensors MODEL.safetensors`. The model's config (cell, tied,
  sizes) and vocabulary come from the bundle's JSON sections. Levels: char (code points; unknown -> id 0) and word
  (ASCII text only: tokens = runs of letters/digits or one other symbol, <eos> per line, unknown -> <unk>, which is
  what xent's WordTokenizer does on ASCII). BPE needs xent's tokenizer, so it is not checked here.
Prints the state_dict load (strict=True) and the mean cross-entropy of the text in nats per token, from a zero state.
"""
import json
import re
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from load_safetensors import load  # noqa: E402


def json_sections(path):
    with open(path, "rb") as f:
        b = f.read()
    _, toc_len, _ = struct.unpack("<IIQ", b[8:24])
    toc = json.loads(b[24:24 + toc_len].decode("utf-8"))
    start, out = 24 + toc_len, {}
    for s in toc["sections"]:
        if s["kind"] == "json":
            out[s["name"]] = json.loads(b[start + s["offset"]:start + s["offset"] + s["length"]].decode("utf-8"))
    return out


class RNNModel(nn.Module):
    """pytorch/examples word_language_model/model.py RNNModel (LSTM/GRU), dropout off."""

    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers, tie_weights):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie_weights:
            self.decoder.weight = self.encoder.weight

    def forward(self, x):
        out, _ = self.rnn(self.encoder(x))
        return self.decoder(out)


def ids_of(text, level, vocab):
    if level == "char":
        index = {cp: i for i, cp in enumerate(vocab)}
        return [index.get(ord(c), 0) for c in text]
    if level == "word":
        index = {t: i for i, t in enumerate(vocab["tokens"])}
        ids = []
        lines = text.split("\n")
        for k, line in enumerate(lines):
            ids += [index.get(t, 1) for t in re.findall(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]", line)]
            if k < len(lines) - 1:
                ids.append(index["<eos>"])
        return ids
    sys.exit(f"level {level!r}: this check handles char and word")


def main(bundle, weights, text_file):
    sections = json_sections(bundle)
    c = sections["config"]
    tensors, _ = load(weights)
    model = RNNModel(c["model"].upper(), c["vocab"], c["dim"], c["hidden"], c["layers"], c.get("tied", False))
    print("load_state_dict(strict=True):", model.load_state_dict(tensors, strict=True))
    print("tied:", model.decoder.weight is model.encoder.weight, "| state_dict keys:", list(model.state_dict().keys()))
    with open(text_file, encoding="utf-8") as f:
        ids = torch.tensor(ids_of(f.read(), c["level"], sections["vocabulary"]))
    with torch.no_grad():
        logits = model(ids[:-1].view(-1, 1)).view(-1, c["vocab"])
        nats = F.cross_entropy(logits, ids[1:]).item()
    print(f"{c['level']} {c['model']} tied={c.get('tied', False)}: {len(ids) - 1} predicted tokens, "
          f"cross-entropy {nats:.4f} nats/token")


if __name__ == "__main__":
    main(*sys.argv[1:4])
