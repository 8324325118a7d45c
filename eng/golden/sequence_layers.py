#!/usr/bin/python3
"""Writes the fixture of tests/MLNet.DeepTrainers.Tests/Layers/SequenceLayerTests.cs.

Two kinds of golden values, both from Debian's python3-torch:

1. Small networks over token indices built from PyTorch's own modules (nn.Embedding, nn.Conv1d with
   Keras's "same" padding spelled out by F.pad, F.max_pool1d / F.avg_pool1d, nn.RNN, nn.LSTM, nn.GRU,
   nn.Linear), their parameters under the names the library gives them ("1.weight_ih_l0", ...: PyTorch's
   nn.Sequential numbering, an activation being a module of its own). Keras has one bias in SimpleRNN and
   LSTM where PyTorch has two, so PyTorch's bias_hh_l0 is held at zero, not trained, and not written.
   Masked cases (Keras's Embedding(mask_zero=True)) run each row's real tokens alone, its padding (index 0,
   before, between and after the real tokens) cut out: what skipping padded steps means. A recurrent
   layer that returns sequences then outputs, at every step, its output after the last real step up to it
   (zeros before the first); backwards, after the last real step from the end down to it. For each case:

   - "<case>/x", "<case>/y": the indices (as floats) and regression targets;
   - "<case>/start/<name>": the weights; "<case>/out": the outputs for x;
   - "<case>/after/<name>": the weights after one SGD step (learning rate 0.5) on the mean squared error.

2. Keras's LSTM, GRU and SimpleRNN equations written out in torch ops (float64, rounded at the end) on
   Keras-layout weights: kernel [features, gates x units], recurrent_kernel [units, gates x units], bias
   (the GRU's [2, gates x units], reset_after=True), Keras's gate orders (i, f, c, o; z, r, h), and Keras's
   masking (a masked step keeps the state and repeats the output: tf.where(mask, new, old)), forwards and,
   as Keras's Bidirectional runs its backward layer, on the reversed steps with the outputs reversed back.
   "keras_<cell>/x" [rows, steps, features] and "keras_<cell>/mask" [rows, steps] (1 real, 0 padding) are
   the inputs; "keras_<cell>/kernel", "/recurrent_kernel", "/bias" the forward weights and "/back_..." the
   backward ones; "/out" every step's output unmasked, "/masked_out" masked, "/bidirectional_masked_out"
   the two directions' masked outputs side by side. The test maps the weights onto PyTorch's layout.

    /usr/bin/python3 eng/golden/sequence_layers.py tests/MLNet.DeepTrainers.Tests/Fixtures/sequence_layers.safetensors
"""
import math
import sys
import torch, torch.nn as nn, torch.nn.functional as F
from safetensors_file import write

torch.manual_seed(32)
ROWS, STEPS, VOCAB, WIDTH = 5, 9, 10, 4
tensors = {}


def indices(masked):
    x = torch.randint(1, VOCAB, (ROWS, STEPS))
    if masked:
        # Padding before (several lengths), between and after real tokens, and a row of padding alone.
        x[1, :3] = 0
        x[2, [0, 1, 4, 5, 8]] = 0
        x[3, :] = 0
        x[4, :STEPS - 1] = 0
    else:
        x[1, :3] = 0  # without a mask, index 0 is an ordinary row of the table
    return x


class Recurrent(nn.Module):
    """A Keras recurrent layer from PyTorch's: the last state or every step's, masked rows run on their real steps."""

    def __init__(self, kind, features, units, sequences=False, bidirectional=False):
        super().__init__()
        make = {"simple": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
        self.rnn = make(features, units, batch_first=True, bidirectional=bidirectional)
        self.kind, self.sequences, self.units = kind, sequences, units
        self.directions = 2 if bidirectional else 1
        for name, p in self.rnn.named_parameters():
            if name.startswith("bias_hh") and kind != "gru":
                p.requires_grad_(False)
                with torch.no_grad():
                    p.zero_()

    def run(self, x):
        out, h = self.rnn(x)
        h = h[0] if self.kind == "lstm" else h
        return out, torch.cat(list(h), dim=1)

    def forward(self, x, mask):
        if mask is None:
            out, last = self.run(x)
            return out if self.sequences else last
        return torch.stack([self.masked_row(x[r], mask[r]) for r in range(x.shape[0])])

    def masked_row(self, x, real):
        n, width = int(real.sum()), self.units * self.directions
        if n == 0:
            return torch.zeros(STEPS, width) if self.sequences else torch.zeros(width)
        out, last = self.run(x[real].unsqueeze(0))
        if not self.sequences:
            return last[0]
        out, steps = out[0], []
        upto = torch.cumsum(real.long(), 0)  # real steps up to and including each step
        for t in range(STEPS):
            k, before = int(upto[t]), int(upto[t]) - int(real[t])
            forward = out[k - 1, :self.units] if k > 0 else torch.zeros(self.units)
            parts = [forward]
            if self.directions == 2:
                parts.append(out[before, self.units:] if before < n else torch.zeros(self.units))
            steps.append(torch.cat(parts))
        return torch.stack(steps)

    def named(self):
        return {n: p for n, p in self.rnn.named_parameters() if p.requires_grad}


class Step(nn.Module):
    """One library layer: its function of (x, mask), how many modules it numbers, and its parameters by name."""

    def __init__(self, fn, modules=1, names=None):
        super().__init__()
        self.fn, self.modules, self.names = fn, modules, names or {}

    def forward(self, x, mask):
        return self.fn(x, mask)


def embedding(mask_zero):
    e = nn.Embedding(VOCAB, WIDTH)
    return Step(lambda x, m: (e(x.long()), (x != 0) if mask_zero else None), names={"weight": e.weight})


def recurrent(kind, features, units, sequences=False, bidirectional=False):
    r = Recurrent(kind, features, units, sequences, bidirectional)
    return Step(lambda x, m: (r(x, m), m if sequences else None), names=r.named())


def dense(features, units, relu=False):
    d = nn.Linear(features, units)
    return Step(lambda x, m: (F.relu(d(x)) if relu else d(x), m), 2 if relu else 1, {"weight": d.weight, "bias": d.bias})


def keras_same(size, kernel, stride):
    """TensorFlow's "same": the padding before and after."""
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv1d(features, filters, kernel, stride=1, same=False, relu=False):
    c = nn.Conv1d(features, filters, kernel, stride)

    def fn(x, m):
        h = x.transpose(1, 2)
        if same:
            h = F.pad(h, keras_same(h.shape[2], kernel, stride))
        h = c(h).transpose(1, 2)
        return (F.relu(h) if relu else h), m
    return Step(fn, 2 if relu else 1, {"weight": c.weight, "bias": c.bias})


def pool(kind, kernel, stride):
    f = F.max_pool1d if kind == "max" else F.avg_pool1d
    return Step(lambda x, m: (f(x.transpose(1, 2), kernel, stride).transpose(1, 2), m))


def global_pool(kind):
    def fn(x, m):
        if m is None:
            return (x.amax(1) if kind == "max" else x.mean(1)), None
        real = m.unsqueeze(2)
        any_real = m.any(1, keepdim=True)
        if kind == "max":
            return torch.where(any_real, x.masked_fill(~real, -math.inf).amax(1), torch.zeros(())), None
        return (x * real).sum(1) / real.sum(1).clamp_min(1), None
    return Step(fn)


def passes():
    """Dropout after training: the values as they are."""
    return Step(lambda x, m: (x, m))


def tanh():
    return Step(lambda x, m: (torch.tanh(x), m))


def flatten():
    return Step(lambda x, m: (x.flatten(1), m))


# The test holds the same cases as the library's layers, by name.
CASES = {
    "lstm": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3), dense(3, 2)]),
    "simple_rnn": (False, lambda: [embedding(False), recurrent("simple", WIDTH, 3), dense(3, 2)]),
    "gru_sequences": (False, lambda: [embedding(False), recurrent("gru", WIDTH, 3, sequences=True), flatten(), dense(3 * STEPS, 2)]),
    "bidirectional_lstm": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3, bidirectional=True), dense(6, 2)]),
    "bidirectional_gru_sequences": (False, lambda: [embedding(False), recurrent("gru", WIDTH, 2, sequences=True, bidirectional=True), flatten(), dense(4 * STEPS, 2)]),
    "stacked": (False, lambda: [embedding(False), recurrent("lstm", WIDTH, 3, sequences=True), recurrent("gru", 3, 2), dense(2, 2)]),
    "masked_lstm": (True, lambda: [embedding(True), recurrent("lstm", WIDTH, 3), dense(3, 2)]),
    "masked_bidirectional_gru": (True, lambda: [embedding(True), recurrent("gru", WIDTH, 3, bidirectional=True), dense(6, 2)]),
    # The mask passes through a Dense layer applied to each step and a Dropout, to the average of the real steps.
    "masked_simple_rnn_sequences": (True, lambda: [embedding(True), recurrent("simple", WIDTH, 3, sequences=True), dense(3, 3, relu=True), passes(), global_pool("avg"), dense(3, 2)]),
    # An Activation passes the mask on too, to the maximum over the real steps.
    "masked_bidirectional_lstm_sequences": (True, lambda: [embedding(True), recurrent("lstm", WIDTH, 2, sequences=True, bidirectional=True), tanh(), global_pool("max"), dense(4, 2)]),
    "masked_average": (True, lambda: [embedding(True), global_pool("avg"), dense(WIDTH, 2)]),
    # Conv1D(5, 4, same): Keras pads 1 before and 2 after; 9 steps -> 9 -> pool 2: 4 -> Conv1D(3, 2, strides 2, relu): 2.
    "conv1d": (False, lambda: [embedding(False), conv1d(WIDTH, 5, 4, same=True), pool("max", 2, 2), conv1d(5, 3, 2, stride=2, relu=True), global_pool("max"), dense(3, 2)]),
    # Conv1D(3, 2, strides 2, same) on 9 steps: 5 steps, padding 0 before and 1 after; AveragePooling1D(3, strides 1): 3 steps.
    "conv1d_same_stride": (False, lambda: [embedding(False), conv1d(WIDTH, 3, 2, stride=2, same=True), pool("avg", 3, 1), flatten(), dense(9, 2)]),
    # AveragePooling1D(3, strides 2): 9 -> 4 steps; Dense(3, relu) on each step.
    "pool_dense": (False, lambda: [embedding(False), pool("avg", 3, 2), dense(WIDTH, 3, relu=True), global_pool("avg"), dense(3, 2)]),
}


def named(layers):
    out, module = {}, 0
    for layer in layers:
        for name, p in layer.names.items():
            out[f"{module}.{name}"] = p
        module += layer.modules
    return out


for case, (masked, build) in CASES.items():
    layers = build()

    def net(x):
        mask = None
        for layer in layers:
            x, mask = layer(x, mask)
        return x

    x = indices(masked).float()
    y = torch.randn(ROWS, 2)
    params = named(layers)
    for key, p in params.items():
        tensors[f"{case}/start/{key}"] = p.detach().clone()
    tensors[f"{case}/x"], tensors[f"{case}/y"] = x, y
    tensors[f"{case}/out"] = net(x).detach().clone()
    optimizer = torch.optim.SGD(list(params.values()), lr=0.5)
    F.mse_loss(net(x), y).backward()
    optimizer.step()
    for key, p in params.items():
        tensors[f"{case}/after/{key}"] = p.detach().clone()


# Keras's cells, written out on Keras-layout weights.
def keras_simple(x, h, c, kernel, recurrent, bias):
    return torch.tanh(x @ kernel + h @ recurrent + bias), None


def keras_lstm(x, h, c, kernel, recurrent, bias):
    z = x @ kernel + h @ recurrent + bias
    i, f, g, o = z.chunk(4, dim=1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


def keras_gru(x, h, c, kernel, recurrent, bias):
    # reset_after=True: the recurrent product with its bias, then the reset gate.
    mx, mh = x @ kernel + bias[0], h @ recurrent + bias[1]
    xz, xr, xh = mx.chunk(3, dim=1)
    hz, hr, hh = mh.chunk(3, dim=1)
    z, r = torch.sigmoid(xz + hz), torch.sigmoid(xr + hr)
    candidate = torch.tanh(xh + r * hh)
    return z * h + (1 - z) * candidate, None


def keras_rnn(cell, x, mask, weights, backwards=False):
    """Keras's RNN layer: the cell over the steps, a masked step keeping the state and the output; every step's output."""
    units = weights[1].shape[0]
    h, c = torch.zeros(x.shape[0], units, dtype=x.dtype), torch.zeros(x.shape[0], units, dtype=x.dtype)
    order = range(x.shape[1] - 1, -1, -1) if backwards else range(x.shape[1])
    outputs = [None] * x.shape[1]
    for t in order:
        new_h, new_c = cell(x[:, t], h, c, *weights)
        if mask is not None:
            real = mask[:, t:t + 1].bool()
            new_h = torch.where(real, new_h, h)
            new_c = torch.where(real, new_c, c) if new_c is not None else None
        h, c = new_h, new_c
        outputs[t] = h
    return torch.stack(outputs, dim=1)


def keras_weights(gates, units, gru):
    kernel = torch.randn(WIDTH, gates * units, dtype=torch.float64) * 0.5
    recurrent = torch.randn(units, gates * units, dtype=torch.float64) * 0.5
    bias = torch.randn(2, gates * units, dtype=torch.float64) * 0.5 if gru else torch.randn(gates * units, dtype=torch.float64) * 0.5
    return [w.float().double() for w in (kernel, recurrent, bias)]


sequence = torch.randn(ROWS, STEPS, WIDTH).float().double()
mask = torch.ones(ROWS, STEPS)
mask[0, :2] = 0
mask[1, [3, 4, 7]] = 0
mask[2, 6:] = 0
mask[3, :] = 0
for name, cell, gates in [("lstm", keras_lstm, 4), ("gru", keras_gru, 3), ("simple_rnn", keras_simple, 1)]:
    forward, backward = keras_weights(gates, 3, name == "gru"), keras_weights(gates, 3, name == "gru")
    tensors[f"keras_{name}/x"] = sequence.float()
    tensors[f"keras_{name}/mask"] = mask
    for label, weights in [("", forward), ("back_", backward)]:
        for key, w in zip(["kernel", "recurrent_kernel", "bias"], weights):
            tensors[f"keras_{name}/{label}{key}"] = w.float()
    tensors[f"keras_{name}/out"] = keras_rnn(cell, sequence, None, forward).float()
    tensors[f"keras_{name}/masked_out"] = keras_rnn(cell, sequence, mask, forward).float()
    tensors[f"keras_{name}/bidirectional_masked_out"] = torch.cat(
        [keras_rnn(cell, sequence, mask, forward), keras_rnn(cell, sequence, mask, backward, backwards=True)], dim=2).float()

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
