#!/usr/bin/python3
"""Writes the max-pooling fixture of tests/MLNet.DeepTrainers.Tests/Layers/MaxPoolingTests.cs.

For three windows (2x2 stride 2 on odd sizes, which leaves inputs outside every window; 3x3 stride 1,
whose windows overlap; 2x2 stride 3, with gaps between windows), PyTorch's F.max_pool2d (Debian's
python3-torch) gives:

- "<case>/pooled": the pooling of "<case>/input", integers with many ties, a NaN and a -inf
  (a window's first maximum in row-major order wins; a NaN wins over any number);
- "<case>/after/...": the weights of Conv2D(2 filters, 1x1) -> max pooling -> Flatten -> Dense(3)
  after one SGD step (learning rate 0.1, MSE) from "start/..." on "<case>/x" and "<case>/y". The
  1x1 convolution of integer inputs by integer weights ties often, so the step shows which tied
  input the pooling's gradient went to.

    /usr/bin/python3 eng/golden/max_pooling.py tests/MLNet.DeepTrainers.Tests/Fixtures/max_pooling.safetensors
"""
import sys
import torch, torch.nn as nn, torch.nn.functional as F
from safetensors_file import write

torch.manual_seed(7)
CASES = {"k2s2": (2, 2), "k3s1": (3, 1), "k2s3": (2, 3)}
tensors = {}
for name, (kernel, stride) in CASES.items():
    x = torch.randint(0, 4, (3, 2, 9, 11)).float()
    x[0, 0, 1, 1] = float("nan")
    x[1, 1, 2, 3] = float("-inf")
    tensors[f"{name}/input"] = x
    tensors[f"{name}/pooled"] = F.max_pool2d(x, kernel, stride)

    conv = nn.Conv2d(2, 2, 1)
    with torch.no_grad():
        conv.weight.copy_(torch.randint(-2, 3, conv.weight.shape).float())
        conv.bias.zero_()
    pooled = F.max_pool2d(torch.zeros(1, 2, 9, 11), kernel, stride)
    dense = nn.Linear(pooled.numel(), 3)
    start = {"conv.weight": conv.weight, "conv.bias": conv.bias, "dense.weight": dense.weight, "dense.bias": dense.bias}
    for key, value in start.items():
        tensors[f"{name}/start/{key}"] = value.detach().clone()
    inputs = torch.randint(0, 4, (4, 2, 9, 11)).float()
    targets = torch.randn(4, 3)
    optimizer = torch.optim.SGD(list(conv.parameters()) + list(dense.parameters()), lr=0.1)
    F.mse_loss(dense(F.max_pool2d(conv(inputs), kernel, stride).flatten(1)), targets).backward()
    optimizer.step()
    tensors[f"{name}/x"], tensors[f"{name}/y"] = inputs, targets
    for key, value in start.items():
        tensors[f"{name}/after/{key}"] = value.detach().clone()

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
