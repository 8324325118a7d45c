#!/usr/bin/python3
"""Writes the fixture of tests/MLNet.DeepTrainers.Tests/Torch/SequenceLayerTests.cs.

Each case is a small network over token indices, built here from PyTorch's own layers (nn.Embedding,
nn.Conv1d, F.max_pool1d / avg_pool1d, nn.RNN, nn.LSTM, nn.GRU, nn.Linear; Debian's python3-torch), with
its parameters under the names the library gives them ("1.weight_ih_l0", ...). Keras has one bias in
SimpleRNN and LSTM where PyTorch has two, so PyTorch's bias_hh_l0 is held at zero and not trained.
Masked cases (Keras's Embedding(mask_zero=True)) run each row's real tokens alone, the padding cut
off: what skipping padded steps means. For every case the fixture holds:

- "<case>/x", "<case>/y": inputs (indices as floats, pre-padded with 0) and regression targets;
- "<case>/start/<name>": the weights; "<case>/out": the outputs for x;
- "<case>/after/<name>": the weights after one SGD step (learning rate 0.5, mean squared error).

It also holds Keras-layout weights for an LSTM and a GRU ("keras_lstm/...", "keras_gru/...": kernel
[features, gates × units], recurrent_kernel [units, gates × units], bias; Keras's gate orders i, f, c, o
and z, r, h) and the outputs of Keras's equations for them written out in NumPy below, which the test
maps onto the library's layout as the README says and compares.

    /usr/bin/python3 eng/golden/sequence_layers.py tests/MLNet.DeepTrainers.Tests/Fixtures/sequence_layers.safetensors
"""
import sys
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F
from safetensors_file import write

torch.manual_seed(11)
ROWS, STEPS, VOCAB, WIDTH = 5, 9, 10, 4


def indices(masked):
    x = torch.randint(1, VOCAB, (ROWS, STEPS))
    if masked:
        # Pre-padding of several lengths, an empty row among them.
        for row, real in enumerate([9, 6, 3, 0, 1]):
            x[row, :STEPS - real] = 0
    else:
        x[1, :3] = 0  # index 0 is an ordinary row of the table without a mask
    return x


class Recurrent(nn.Module):
    """A Keras recurrent layer from PyTorch's: final state or all states, masked rows run on their real steps."""

    def __init__(self, kind, features, units, sequences=False, bidirectional=False):
        super().__init__()
        make = {"simple": lambda: nn.RNN(features, units, batch_first=True, bidirectional=bidirectional),
                "lstm": lambda: nn.LSTM(features, units, batch_first=True, bidirectional=bidirectional),
                "gru": lambda: nn.GRU(features, units, batch_first=True, bidirectional=bidirectional)}[kind]
        self.rnn, self.kind, self.sequences = make(), kind, sequences
        for name, p in self.rnn.named_parameters():
            if name.startswith("bias_hh") and kind != "gru":
                p.requires_grad_(False)
                with torch.no_grad():
                    p.zero_()

    def final(self, x):
        out, h = self.rnn(x)
        h = h[0] if self.kind == "lstm" else h
        return out if self.sequences else torch.cat(list(h), dim=1)

    def forward(self, x, mask):
        if mask is None:
            return self.final(x)
        rows = []
        for r in range(x.shape[0]):
            real = x[r][mask[r]]
            width = self.rnn.hidden_size * (2 if self.rnn.bidirectional else 1)
            rows.append(self.final(real.unsqueeze(0))[0] if real.shape[0] > 0 else torch.zeros(width))
        return torch.stack(rows)

    def named(self):
        return {n: p for n, p in self.rnn.named_parameters() if not (n.startswith("bias_hh") and self.kind != "gru")}


class Seq(nn.Module):
    """Layers applied in order; a module's parameters are named by its position, as the library names them."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, x):
        mask = None
        for layer in self.layers:
            x, mask = layer(x, mask)
        return x

    def named(self):
        out = {}
        for i, layer in enumerate(self.layers):
            for n, p in layer.named().items():
                out[f"{i}.{n}"] = p
        return out


class Step(nn.Module):
    def __init__(self, fn, module=None, names=None):
        super().__init__()
        self.fn, self.module, self.names = fn, module, names or {}

    def forward(self, x, mask):
        return self.fn(x, mask)

    def named(self):
        return self.names


def embedding(mask_zero):
    e = nn.Embedding(VOCAB, WIDTH)
    return Step(lambda x, m: (e(x.long()), (x != 0) if mask_zero else None), e, {"weight": e.weight})


def recurrent(kind, features, units, sequences=False, bidirectional=False):
    r = Recurrent(kind, features, units, sequences, bidirectional)
    return Step(lambda x, m: (r(x, m), m if sequences else None), r, r.named())


def dense(features, units, relu=False):
    d = nn.Linear(features, units)
    return Step(lambda x, m: (F.relu(d(x)) if relu else d(x), m), d, {"weight": d.weight, "bias": d.bias})


def relu_marker():
    return Step(lambda x, m: (x, m))


def conv1d(features, filters, kernel, stride, pad):
    c = nn.Conv1d(features, filters, kernel, stride)
    return Step(lambda x, m: (c(F.pad(x.transpose(1, 2), pad)).transpose(1, 2), m), c, {"weight": c.weight, "bias": c.bias})


def pool(kind, kernel, stride):
    f = F.max_pool1d if kind == "max" else F.avg_pool1d
    return Step(lambda x, m: (f(x.transpose(1, 2), kernel, stride).transpose(1, 2), m))


def global_pool(kind):
    def fn(x, m):
        if kind == "max":
            return x.max(1).values, None
        if m is None:
            return x.mean(1), None
        real = m.unsqueeze(2).float()
        return (x * real).sum(1) / real.sum(1).clamp_min(1), None
    return Step(fn)


def flatten():
    return Step(lambda x, m: (x.flatten(1), m))


CASES = {
    "lstm": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3), dense(3, 2)]),
    "gru_sequences": (False, lambda: [embedding(False), recurrent("gru", WIDTH, 3, sequences=True), flatten(), dense(3 * STEPS, 2)]),
    "simple_rnn": (False, lambda: [embedding(False), recurrent("simple", WIDTH, 3), dense(3, 2)]),
    "bidirectional_lstm": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3, bidirectional=True), dense(6, 2)]),
    "stacked": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3, sequences=True), recurrent("gru", 3, 2), dense(2, 2)]),
    "masked_lstm": (True, lambda: [embedding(True), recurrent("lstm", WIDTH, 3), dense(3, 2)]),
    "masked_bigru": (True, lambda: [embedding(True), recurrent("gru", WIDTH, 3, bidirectional=True), dense(6, 2)]),
    "masked_average": (True, lambda: [embedding(True), global_pool("avg"), dense(WIDTH, 2)]),
    # Conv1D(5, 4, same): Keras pads 1 before and 2 after; 9 steps -> 9 -> pool 2: 4 -> Conv1D(3, 2, strides 2): 2.
    "conv1d": (False, lambda: [embedding(False), conv1d(WIDTH, 5, 4, 1, (1, 2)), pool("max", 2, 2), conv1d(5, 3, 2, 2, (0, 0)), global_pool("max"), dense(3, 2)]),
    # AveragePooling1D(3, strides 2): 9 -> 4 steps; Dense(3, relu) on each step (its relu is module 3).
    "pool_dense": (False, lambda: [embedding(False), pool("avg", 3, 2), dense(WIDTH, 3, relu=True), relu_marker(), global_pool("avg"), dense(3, 2)]),
}

tensors = {}
for name, (masked, build) in CASES.items():
    net = Seq(build())
    x = indices(masked).float()
    y = torch.randn(ROWS, 2)
    params = net.named()
    for key, p in params.items():
        tensors[f"{name}/start/{key}"] = p.detach().clone()
    tensors[f"{name}/x"], tensors[f"{name}/y"] = x, y
    tensors[f"{name}/out"] = net(x).detach().clone()
    optimizer = torch.optim.SGD([p for p in params.values()], lr=0.5)
    F.mse_loss(net(x), y).backward()
    optimizer.step()
    for key, p in params.items():
        tensors[f"{name}/after/{key}"] = p.detach().clone()


# Keras's equations, in NumPy, on Keras-layout weights (float64, rounded to float32 at the end).
def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def keras_lstm(x, kernel, recurrent, bias):
    units = recurrent.shape[0]
    h, c = np.zeros((x.shape[0], units)), np.zeros((x.shape[0], units))
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    return h


def keras_gru(x, kernel, recurrent, bias):
    units = recurrent.shape[0]
    h = np.zeros((x.shape[0], units))
    for t in range(x.shape[1]):
        mx = x[:, t] @ kernel + bias[0]
        mh = h @ recurrent + bias[1]
        z = sigmoid(mx[:, :units] + mh[:, :units])
        r = sigmoid(mx[:, units:2 * units] + mh[:, units:2 * units])
        hh = np.tanh(mx[:, 2 * units:] + r * mh[:, 2 * units:])
        h = z * h + (1 - z) * hh
    return h


rng = np.random.default_rng(5)
sequence = rng.normal(size=(ROWS, STEPS, WIDTH)).astype(np.float32)
tensors["keras/x"] = torch.from_numpy(sequence)
for cell, gates, run, bias_shape in [("lstm", 4, keras_lstm, (4 * 3,)), ("gru", 3, keras_gru, (2, 3 * 3))]:
    kernel = rng.normal(scale=0.5, size=(WIDTH, gates * 3)).astype(np.float32)
    recurrent_kernel = rng.normal(scale=0.5, size=(3, gates * 3)).astype(np.float32)
    bias = rng.normal(scale=0.5, size=bias_shape).astype(np.float32)
    tensors[f"keras_{cell}/kernel"] = torch.from_numpy(kernel)
    tensors[f"keras_{cell}/recurrent_kernel"] = torch.from_numpy(recurrent_kernel)
    tensors[f"keras_{cell}/bias"] = torch.from_numpy(bias)
    out = run(sequence.astype(np.float64), kernel.astype(np.float64), recurrent_kernel.astype(np.float64), bias.astype(np.float64))
    tensors[f"keras_{cell}/out"] = torch.from_numpy(out.astype(np.float32))

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
