#!/usr/bin/python3
"""PyTorch weights both ways, with Debian's python3-torch (no safetensors package needed: the format
is read and written by safetensors_file.py). The fixtures of
tests/MLNet.DeepTrainers.Tests/Training/PyTorchWeightsTests.cs come from "train".

The network is the library's
    Dense(8, ReLU), BatchNormalization(), Dropout(0.2), Dense(1)     on 4 inputs
which PyTorch writes as the nn.Sequential below: the library numbers its modules as PyTorch does, an
activation being a module of its own, so the state_dict names are the same ("0.weight", "2.running_mean").

    # A network trained in PyTorch, for the library to start from (the test fixtures):
    /usr/bin/python3 eng/golden/pytorch_weights.py train tests/MLNet.DeepTrainers.Tests/Fixtures/pytorch_trained.safetensors tests/MLNet.DeepTrainers.Tests/Fixtures/pytorch_trained_examples.safetensors
    # A network saved by the library (DeepModel.SaveWeights), predicting in PyTorch (PyTorchWeightsTests runs it):
    /usr/bin/python3 eng/golden/pytorch_weights.py predict WEIGHTS.safetensors INPUT.safetensors OUTPUT.safetensors

EXAMPLES holds "input" and PyTorch's "expected" outputs; INPUT holds "input"; OUTPUT gets "output".
"""
import sys
import torch, torch.nn as nn
from safetensors_file import read, write

def network():
    # Keras's batch-normalization defaults as PyTorch spells them: momentum 1 - 0.99, epsilon 1e-3.
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.BatchNorm1d(8, eps=1e-3, momentum=0.01), nn.Dropout(0.2), nn.Linear(8, 1))


def train(weights_path, examples_path):
    torch.manual_seed(20261121)
    model = network()
    x = torch.rand(256, 4) * 2 - 1
    y = (x[:, :1] * 2 - x[:, 1:2] * x[:, 2:3] + 0.5 * x[:, 3:]).detach()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    model.train()
    for step in range(200):
        rows = torch.randint(0, 256, (32,))
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x[rows]), y[rows])
        loss.backward()
        optimizer.step()
    model.eval()
    # The whole state_dict, num_batches_tracked (an I64 scalar) included, as PyTorch saves it.
    write(weights_path, model.state_dict())
    examples = torch.rand(16, 4) * 2 - 1
    with torch.no_grad():
        write(examples_path, {"input": examples, "expected": model(examples)})
    print(f"trained in PyTorch: loss {loss.item():.4f}; wrote {weights_path} and {examples_path}")


def predict(weights_path, input_path, output_path):
    model = network()
    # Strict: every name and shape must match; BatchNorm fills in its missing step counter itself.
    model.load_state_dict(read(weights_path), strict=True)
    model.eval()
    with torch.no_grad():
        write(output_path, {"output": model(read(input_path)["input"])})


if __name__ == "__main__":
    command, paths = sys.argv[1], sys.argv[2:]
    {"train": train, "predict": predict}[command](*paths)
