"""Golden cases for the RNN LM variants (pytorch/examples RNNModel, dropout 0): a GRU model and a tied LSTM model.

As cases_lm.py: step 1 from a zero state (loss, gradient norm before clipping, every clipped gradient), clip to
0.25, plain SGD lr 20, step 2 on the next batch from step 1's detached state, and the weights after two steps.
Parameters are listed by PyTorch's state_dict names; for the tied model state_dict also lists decoder.weight (the
same storage as encoder.weight): metadata "state_dict_keys" records that list, and the tensors hold the shared
weight once, as "encoder.weight" (its gradient is the sum of the embedding's and the decoder's).
Model: V=13, hidden 4, 2 layers (GRU: embedding 5; tied: embedding 4 = hidden); batch 3, BPTT 4.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class RNNModel(nn.Module):
    """pytorch/examples word_language_model/model.py RNNModel (LSTM/GRU branch), without dropout."""

    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers, tie_weights=False):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie_weights:
            assert nhid == ninp
            self.decoder.weight = self.encoder.weight
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        nn.init.uniform_(self.decoder.bias, -0.1, 0.1)   # nonzero so the bias gradient path is exercised
        if not tie_weights:
            nn.init.uniform_(self.decoder.weight, -0.1, 0.1)

    def forward(self, x, hidden):
        out, hidden = self.rnn(self.encoder(x), hidden)
        return self.decoder(out), hidden


def two_steps(name, rnn_type, e, tied, seed):
    torch.manual_seed(seed)
    v, h, layers, t, b = 13, 4, 2, 4, 3
    model = RNNModel(rnn_type, v, e, h, layers, tie_weights=tied)
    params = dict(model.named_parameters())          # a shared parameter is listed once (encoder.weight)
    g = torch.Generator().manual_seed(seed + 4)
    stream = torch.randint(0, v, (2 * t + 1, b), generator=g)   # (2T+1, B): two batches, time-major
    tensors = {"stream": stream}
    for k, p in params.items():
        tensors["param." + k] = p.detach().clone()
    hidden = None
    for step in (1, 2):
        x, y = stream[(step - 1) * t:step * t], stream[(step - 1) * t + 1:step * t + 1].reshape(-1)
        model.zero_grad(set_to_none=True)
        logits, hidden = model(x, hidden)
        loss = F.cross_entropy(logits.view(-1, v), y)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        tensors[f"loss{step}"] = loss.detach().reshape(1)
        tensors[f"grad_norm{step}"] = norm.detach().reshape(1)
        if step == 1:
            for k, p in params.items():
                tensors["grad1." + k] = p.grad.clone()   # after clipping: what the SGD step uses
        with torch.no_grad():
            for p in params.values():
                p.add_(p.grad, alpha=-20.0)
        hidden = tuple(s.detach() for s in hidden) if isinstance(hidden, tuple) else hidden.detach()
    for k, p in params.items():
        tensors["after2." + k] = p.detach().clone()
    meta = {"cell": rnn_type.lower(), "tied": str(tied).lower(), "embed": str(e), "hidden": str(h),
            "layers": str(layers), "lr": "20", "clip": "0.25", "bptt": str(t), "batch": str(b),
            "state_dict_keys": ",".join(model.state_dict().keys())}
    return name, tensors, meta


def cases():
    yield two_steps("gru_two_steps", "GRU", 5, False, 6)
    yield two_steps("lstm_tied_two_steps", "LSTM", 4, True, 7)
    yield two_steps("gru_tied_two_steps", "GRU", 4, True, 8)
