"""Golden cases for the fused decoder + cross-entropy: F.cross_entropy(F.linear(x, W, b), t, label_smoothing=eps),
mean reduction."""
import torch
import torch.nn.functional as F


def cases():
    g = torch.Generator().manual_seed(23)
    for name, n, d, v, with_bias, scale, eps in (("linear_ce", 6, 5, 13, True, 1.0, 0.0),
                                                ("linear_ce_nobias", 4, 3, 7, False, 1.0, 0.0),
                                                ("linear_ce_large_logits", 5, 4, 9, True, 30.0, 0.0),
                                                ("linear_ce_smooth", 6, 5, 13, True, 1.0, 0.1),
                                                ("linear_ce_smooth_nobias", 70, 8, 11, False, 2.0, 0.25),
                                                ("linear_ce_smooth_large_logits", 5, 4, 9, True, 30.0, 0.1)):
        x = (torch.randn(n, d, generator=g) * scale).requires_grad_(True)
        weight = torch.randn(v, d, generator=g).requires_grad_(True)
        bias = torch.randn(v, generator=g).requires_grad_(True) if with_bias else None
        target = torch.randint(0, v, (n,), generator=g)
        target[0] = target[1]                                    # a repeated class
        out = F.cross_entropy(F.linear(x, weight, bias), target, label_smoothing=eps)
        w = torch.randn((), generator=g)
        (out * w).backward()
        tensors = {"x": x, "weight": weight, "target": target, "w": w, "out": out,
                   "grad_x": x.grad, "grad_weight": weight.grad}
        if bias is not None:
            tensors.update(bias=bias, grad_bias=bias.grad)
        meta = {"bias": str(with_bias).lower()}
        if eps:
            meta["label_smoothing"] = repr(eps)
        yield name, tensors, meta
