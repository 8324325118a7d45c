#!/usr/bin/python3
"""Writes the PyTorch parity fixture of tests/MLNet.DeepTrainers.Tests/Layers/NetworkParityTests.cs.

A small network with random weights is run by PyTorch (Debian's python3-torch) on random inputs; the
weights, the inputs and PyTorch's outputs go into one safetensors file. The test builds the same
network from the library's layers, loads the weights and must reproduce the outputs to 1e-5.

    /usr/bin/python3 eng/golden/pytorch_parity.py tests/MLNet.DeepTrainers.Tests/Fixtures/parity.safetensors

The network, in the library's terms: Conv2D(4, 3, strides 2, Same, ReLU) on (2, 8, 8) inputs,
BatchNormalization, MaxPooling2D(2), Flatten, Dense(5, GELU), PReLU, Dense(3). Keras's "same" padding
with stride 2 on 8 pixels pads 0 before and 1 after, which the script does explicitly.
"""
import sys
import torch, torch.nn as nn, torch.nn.functional as F
from safetensors_file import write

torch.manual_seed(1234)

class SamePad(nn.Module):
    def forward(self, x): return F.pad(x, (0, 1, 0, 1))

class KerasPReLU(nn.Module):
    def __init__(self, n):
        super().__init__(); self.alpha = nn.Parameter(torch.randn(n) * 0.3)
    def forward(self, x): return torch.relu(x) - self.alpha * torch.relu(-x)

conv = nn.Conv2d(2, 4, 3, stride=2)
bn = nn.BatchNorm2d(4, eps=1e-3)
with torch.no_grad():
    bn.running_mean.copy_(torch.randn(4) * 0.5); bn.running_var.copy_(torch.rand(4) + 0.5)
    bn.weight.copy_(torch.rand(4) + 0.5); bn.bias.copy_(torch.randn(4) * 0.1)
dense1, prelu, dense2 = nn.Linear(16, 5), KerasPReLU(5), nn.Linear(5, 3)
# Indices as the library numbers its modules: conv 0, relu 1, batch norm 2, pool 3, flatten 4, dense 5, gelu 6, prelu 7, dense 8.
modules = {"0": conv, "2": bn, "5": dense1, "7": prelu, "8": dense2}
def forward(x):
    h = torch.relu(conv(F.pad(x, (0, 1, 0, 1))))
    h = F.max_pool2d(bn(h), 2).flatten(1)
    return dense2(prelu(F.gelu(dense1(h))))

for m in modules.values(): m.eval()
x = torch.rand(6, 2, 8, 8) * 2 - 1
with torch.no_grad():
    y = forward(x)

tensors = {}
for index, module in modules.items():
    for name, value in list(module.named_parameters()) + list(module.named_buffers()):
        if value.is_floating_point(): tensors[f"{index}.{name}"] = value.detach()
tensors["input"], tensors["expected"] = x, y

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors; first outputs:", y[0].tolist())
