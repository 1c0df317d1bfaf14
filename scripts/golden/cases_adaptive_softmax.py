"""Golden cases for the adaptive softmax: torch.nn.AdaptiveLogSoftmaxWithLoss (per-token log-probabilities,
mean loss, full log_prob and every gradient)."""
import torch


def cases():
    g = torch.Generator().manual_seed(31)
    for name, n, d, v, cutoffs, div, head_bias, targets in (
            ("two_clusters_bias", 9, 8, 20, [5, 12], 2.0, True, [0, 4, 5, 11, 12, 19, 3, 7, 15]),
            ("one_cluster", 7, 6, 15, [4], 4.0, False, [1, 3, 4, 14, 9, 0, 4]),
            ("empty_cluster", 6, 8, 20, [5, 12], 2.0, True, [0, 4, 5, 11, 2, 6])):   # cluster 1 has no target
        x = torch.randn(n, d, generator=g).requires_grad_(True)
        m = torch.nn.AdaptiveLogSoftmaxWithLoss(d, v, cutoffs, div_value=div, head_bias=head_bias)
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(torch.randn(p.shape, generator=g) * 0.5)
        target = torch.tensor(targets)
        res = m(x, target)
        w = torch.randn((), generator=g)
        (res.loss * w).backward()
        tensors = {"x": x, "target": target, "w": w, "out": res.output, "loss": res.loss,
                   "log_prob": m.log_prob(x), "grad_x": x.grad}
        for pname, p in m.named_parameters():
            tensors[pname] = p
            tensors["grad_" + pname] = p.grad if p.grad is not None else torch.zeros_like(p)   # unused: zero
        yield name, tensors, {"cutoffs": ",".join(map(str, cutoffs)), "div_value": str(div),
                              "head_bias": str(head_bias).lower(), "vocab": str(v)}
