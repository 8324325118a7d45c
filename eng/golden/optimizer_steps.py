#!/usr/bin/python3
"""Writes the optimizer fixture of tests/MLNet.DeepTrainers.Tests/Torch/OptimizerStepTests.cs.

A small network, Linear(5, 4), Tanh, Linear(4, 2) with an MSE loss, starts from random weights and
takes six steps of each optimizer below with torch.optim (Debian's python3-torch), on three batches
of eight random rows taken twice, the learning rate halved after the third step. Gradients are
clipped first where the library's options say so, each weight's on its own as Keras's clipnorm and
clipvalue do. The file holds the start, the batches and every optimizer's final weights
("<name>/0.weight", ...); the test repeats the steps through the library and must land on them.

    /usr/bin/python3 eng/golden/optimizer_steps.py tests/MLNet.DeepTrainers.Tests/Fixtures/optimizer_steps.safetensors

The names and settings match the test's list, in the library's terms (Keras's names) beside PyTorch's.
"""
import sys
import torch, torch.nn as nn
from safetensors_file import write

torch.manual_seed(20261121)
opt = torch.optim
# name: (PyTorch optimizer, clipnorm, clipvalue)
OPTIMIZERS = {
    "sgd": (lambda p: opt.SGD(p, lr=0.1), 0, 0),
    "sgd_momentum": (lambda p: opt.SGD(p, lr=0.05, momentum=0.9), 0, 0),
    "sgd_nesterov_clipnorm": (lambda p: opt.SGD(p, lr=0.03, momentum=0.5, nesterov=True), 0.5, 0),
    "rmsprop": (lambda p: opt.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-7), 0, 0),
    "rmsprop_centered_momentum_clipvalue": (lambda p: opt.RMSprop(p, lr=0.002, alpha=0.8, eps=1e-6, momentum=0.1, centered=True), 0, 0.75),
    "adam": (lambda p: opt.Adam(p, lr=0.01, eps=1e-7), 0, 0),
    "adam_amsgrad": (lambda p: opt.Adam(p, lr=0.004, betas=(0.8, 0.99), eps=1e-5, amsgrad=True), 0, 0),
    "adamw_amsgrad": (lambda p: opt.AdamW(p, lr=0.01, weight_decay=0.1, eps=1e-7, amsgrad=True), 0, 0),
    "adagrad": (lambda p: opt.Adagrad(p, lr=0.06, initial_accumulator_value=0.1, eps=1e-7), 0, 0),
}

def network():
    return nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 2))

start = network()
with torch.no_grad():
    for p in start.parameters(): p.copy_(torch.randn_like(p) * 0.5)
x, y = torch.randn(24, 5), torch.randn(24, 2)
tensors = {f"start/{k}": v.clone() for k, v in start.state_dict().items()}
tensors["x"], tensors["y"] = x, y

for name, (make, clipnorm, clipvalue) in OPTIMIZERS.items():
    model = network()
    model.load_state_dict(start.state_dict())
    optimizer = make(model.parameters())
    for step in range(6):
        if step == 3:
            for group in optimizer.param_groups: group["lr"] *= 0.5
        rows = slice((step % 3) * 8, (step % 3) * 8 + 8)
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x[rows]), y[rows]).backward()
        for p in model.parameters():
            if clipnorm: torch.nn.utils.clip_grad_norm_(p, clipnorm)
            if clipvalue: p.grad.clamp_(-clipvalue, clipvalue)
        optimizer.step()
    for k, v in model.state_dict().items(): tensors[f"{name}/{k}"] = v.detach().clone()

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
