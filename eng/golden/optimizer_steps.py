#!/usr/bin/python3
"""Writes the optimizer fixture of tests/MLNet.DeepTrainers.Tests/Training/OptimizerParityTests.cs.

The network is the library's Dense(4, Tanh), Dense(1) on 5 inputs: nn.Sequential(Linear(5, 4), Tanh(),
Linear(4, 1)), whose state_dict names ("0.weight", "2.bias") are the library's. From one random start
it is trained by torch.optim (Debian's python3-torch) with each case's optimizer, on 24 random rows
with the library's regression loss (the mean over the batch of (output - label)^2), in two runs:

- one step on all 24 rows (the trainer's BatchSize 24, Epochs 1);
- six steps, batches of 8 rows in order, twice over (BatchSize 8, Epochs 2, Shuffle false).

Each step is Keras's: the loss plus the case's regularizer penalties (l1 * sum|w| + l2 * sum w^2),
backward, the gradients clipped per weight tensor (Keras's clipnorm: g * c / max(|g|, c); clipvalue:
clamp to +-c), the optimizer's step, then the case's constraints (Keras's MaxNorm(m): w * clip(n, 0, m)
/ (1e-7 + n), n the norm over the kernel's input axis, or over the whole bias vector; NonNeg: w >= 0).

The file holds "x" [24, 5], "y" [24], "start/<name>" and for each case:
- "<case>/step/<name>", "<case>/loss": the weights after the one step and its loss;
- "<case>/steps/<name>", "<case>/losses": the weights after the six steps and each epoch's mean batch loss.

    /usr/bin/python3 eng/golden/optimizer_steps.py tests/MLNet.DeepTrainers.Tests/Fixtures/optimizer_steps.safetensors

Nadam is PyTorch 2's torch.optim.NAdam, written out below because Debian's torch 1.13 has a bug that
PyTorch 2.0 fixed (see the NAdam class); on torch 2 or later the script checks the two agree.

The test lists the same cases by name, in the library's terms (Keras's names and defaults) beside
the PyTorch ones here.
"""
import sys
import torch, torch.nn as nn
from safetensors_file import write

torch.manual_seed(20261206)
opt = torch.optim


def keras_clipnorm(c):
    def clip(p):
        norm = p.grad.norm()
        p.grad.mul_(c / torch.maximum(norm, torch.tensor(c)))
    return clip


def keras_clipvalue(c):
    return lambda p: p.grad.clamp_(-c, c)


def l1l2(l1=0.0, l2=0.0):
    return lambda w: l1 * w.abs().sum() + l2 * w.square().sum()


def max_norm(m, dims):
    def apply(w):
        norms = w.square().sum(dim=dims, keepdim=True).sqrt()
        w.mul_(norms.clamp(0, m) / (1e-7 + norms))
    return apply


def non_neg(w):
    w.clamp_(min=0)


# name: (optimizer, {clip}, {weight name: penalty}, {weight name: constraint})
CASES = {
    "sgd": (lambda p: opt.SGD(p, lr=0.1), None, {}, {}),
    "sgd_defaults": (lambda p: opt.SGD(p, lr=0.01), None, {}, {}),
    "sgd_momentum": (lambda p: opt.SGD(p, lr=0.05, momentum=0.9), None, {}, {}),
    "sgd_nesterov": (lambda p: opt.SGD(p, lr=0.03, momentum=0.5, nesterov=True), None, {}, {}),
    "rmsprop": (lambda p: opt.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-7), None, {}, {}),
    "rmsprop_centered": (lambda p: opt.RMSprop(p, lr=0.005, alpha=0.8, eps=1e-6, centered=True), None, {}, {}),
    "rmsprop_momentum": (lambda p: opt.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-7, momentum=0.5), None, {}, {}),
    "rmsprop_centered_momentum": (lambda p: opt.RMSprop(p, lr=0.002, alpha=0.8, eps=1e-6, momentum=0.1, centered=True), None, {}, {}),
    "adam": (lambda p: opt.Adam(p, lr=0.01, eps=1e-7), None, {}, {}),
    "adam_defaults": (lambda p: opt.Adam(p, lr=0.001, betas=(0.9, 0.999), eps=1e-7), None, {}, {}),
    "adam_amsgrad": (lambda p: opt.Adam(p, lr=0.004, betas=(0.8, 0.99), eps=1e-5, amsgrad=True), None, {}, {}),
    "adamw": (lambda p: opt.AdamW(p, lr=0.01, weight_decay=0.004, eps=1e-7), None, {}, {}),
    "adamw_amsgrad": (lambda p: opt.AdamW(p, lr=0.01, weight_decay=0.1, eps=1e-7, amsgrad=True), None, {}, {}),
    "adagrad": (lambda p: opt.Adagrad(p, lr=0.06, initial_accumulator_value=0.1, eps=1e-7), None, {}, {}),
    "adadelta": (lambda p: opt.Adadelta(p, lr=1.0, rho=0.9, eps=1e-4), None, {}, {}),
    "adamax": (lambda p: opt.Adamax(p, lr=0.02, betas=(0.9, 0.999), eps=1e-7), None, {}, {}),
    "nadam": (lambda p: NAdam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-7), None, {}, {}),
    "sgd_clipnorm": (lambda p: opt.SGD(p, lr=0.1), keras_clipnorm(0.5), {}, {}),
    "adam_clipnorm": (lambda p: opt.Adam(p, lr=0.01, eps=1e-7), keras_clipnorm(0.1), {}, {}),
    "sgd_clipvalue": (lambda p: opt.SGD(p, lr=0.1), keras_clipvalue(0.05), {}, {}),
    "rmsprop_clipvalue": (lambda p: opt.RMSprop(p, lr=0.002, alpha=0.8, eps=1e-6, momentum=0.1, centered=True), keras_clipvalue(0.75), {}, {}),
    "l2_kernel": (lambda p: opt.SGD(p, lr=0.1), None, {"0.weight": l1l2(l2=0.05)}, {}),
    "l1_l2": (lambda p: opt.Adam(p, lr=0.01, eps=1e-7), None,
              {"0.weight": l1l2(l1=0.02), "0.bias": l1l2(l1=0.05), "2.weight": l1l2(l1=0.01, l2=0.02), "2.bias": l1l2(l2=0.1)}, {}),
    "max_norm": (lambda p: opt.SGD(p, lr=0.5), None, {}, {"0.weight": max_norm(0.5, dims=1), "0.bias": max_norm(0.3, dims=0)}),
    "non_neg": (lambda p: opt.SGD(p, lr=0.1), None, {}, {"0.weight": non_neg, "2.bias": non_neg}),
}


class NAdam(opt.Optimizer):
    """torch.optim.NAdam as PyTorch 2.0 and later compute it, single-tensor: Debian's torch 1.13 has the bug
    mu_product_next = mu_product * mu * mu_next (mu counted twice), fixed by pytorch/pytorch#92699 (PyTorch 2.0)
    and in TorchSharp by dotnet/TorchSharp#1155 (which also starts mu_product at 1, as PyTorch does)."""

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, momentum_decay=4e-3):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, momentum_decay=momentum_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            (beta1, beta2), lr, decay = group["betas"], group["lr"], group["momentum_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state.update(step=0, mu_product=1.0, exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p))
                state["step"] += 1
                step, grad = state["step"], p.grad
                mu = beta1 * (1.0 - 0.5 * 0.96 ** (step * decay))
                mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((step + 1) * decay))
                state["mu_product"] *= mu
                mu_product_next = state["mu_product"] * mu_next
                state["exp_avg"].mul_(beta1).add_(grad, alpha=1 - beta1)
                state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = state["exp_avg_sq"].div(1 - beta2 ** step).sqrt().add_(group["eps"])
                p.addcdiv_(grad, denom, value=-lr * (1 - mu) / (1 - state["mu_product"]))
                p.addcdiv_(state["exp_avg"], denom, value=-lr * mu_next / (1 - mu_product_next))


def network():
    return nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 1))


start = network()
with torch.no_grad():
    for p in start.parameters():
        p.copy_(torch.randn_like(p) * 0.5)
x, y = torch.randn(24, 5), torch.randn(24)
tensors = {"x": x, "y": y}
tensors.update({f"start/{k}": v.clone() for k, v in start.state_dict().items()})


def train(make, clip, penalties, constraints, batch, epochs):
    model = network()
    model.load_state_dict(start.state_dict())
    named = dict(model.named_parameters())
    optimizer = make(model.parameters())
    losses = []
    for epoch in range(epochs):
        total = 0.0
        for first in range(0, 24, batch):
            rows = slice(first, first + batch)
            optimizer.zero_grad()
            loss = (model(x[rows])[:, 0] - y[rows]).square().mean()
            for name, penalty in penalties.items():
                loss = loss + penalty(named[name])
            loss.backward()
            if clip:
                for p in model.parameters():
                    clip(p)
            optimizer.step()
            with torch.no_grad():
                for name, constraint in constraints.items():
                    constraint(named[name])
            total += loss.item() * batch
        losses.append(total / 24)
    return model.state_dict(), torch.tensor(losses)


for case, (make, clip, penalties, constraints) in CASES.items():
    weights, loss = train(make, clip, penalties, constraints, batch=24, epochs=1)
    tensors.update({f"{case}/step/{k}": v.detach().clone() for k, v in weights.items()})
    tensors[f"{case}/loss"] = loss
    weights, losses = train(make, clip, penalties, constraints, batch=8, epochs=2)
    tensors.update({f"{case}/steps/{k}": v.detach().clone() for k, v in weights.items()})
    tensors[f"{case}/losses"] = losses

if int(torch.__version__.split(".")[0]) >= 2:
    # Where torch.optim.NAdam has the fix, the script's NAdam must be it.
    ours, _ = train(CASES["nadam"][0], None, {}, {}, batch=8, epochs=2)
    theirs, _ = train(lambda p: opt.NAdam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-7), None, {}, {}, batch=8, epochs=2)
    assert all(torch.allclose(ours[k], theirs[k], atol=1e-7) for k in ours), "the script's NAdam differs from torch.optim.NAdam"

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
