#!/usr/bin/python3
"""Writes the layer fixture of tests/MLNet.DeepTrainers.Tests/Layers/LayerParityTests.cs.

Every layer kind of the library, one small case each, computed here by PyTorch (Debian's
python3-torch) with Keras's semantics spelled out in torch.nn.functional: Keras's "same" padding
is TensorFlow's rule (output ceil(size / stride), the total padding split with the odd one after),
applied with an explicit F.pad; PReLU is Keras's relu(x) - alpha * relu(-x) with alpha of the
input's full shape; LeakyReLU given as an activation has slope 0.3; batch normalization's Keras
momentum m is PyTorch's 1 - m. For every case the file holds:

- "<case>/input":  the inputs, [rows, *input shape];
- "<case>/expected": the outputs, [rows, *output shape] (the test checks the library infers that shape,
  and flattens a multi-dimensional output with a trailing Flatten layer, in PyTorch's row-major order);
- "<case>/<module>.<tensor>": the weights, under the names the library gives them ("0.weight",
  "2.running_mean": PyTorch's nn.Sequential names, an activation being a module of its own);
- for the training-mode batch-normalization cases, "<case>/after/<module>.<tensor>": the running
  statistics after the one training forward pass ("<case>/expected" is then its output).

    /usr/bin/python3 eng/golden/layer_outputs.py tests/MLNet.DeepTrainers.Tests/Fixtures/layer_outputs.safetensors

The test holds the same cases as layer lists, by name; the names of each case's weights here must be
exactly the library's for its layers.
"""
import math
import sys
import torch, torch.nn.functional as F
from safetensors_file import write

torch.manual_seed(20261206)
ROWS = 4
tensors = {}


def case(name, x, y, weights=None, after=None):
    tensors[f"{name}/input"] = x.contiguous()
    tensors[f"{name}/expected"] = y.detach().contiguous()
    for key, value in (weights or {}).items():
        tensors[f"{name}/{key}"] = value.detach().contiguous()
    for key, value in (after or {}).items():
        tensors[f"{name}/after/{key}"] = value.detach().contiguous()


def inputs(*shape, rows=ROWS, scale=1.5):
    return torch.randn(rows, *shape) * scale


def dense_weights(inputs, units, bias=True, scale=0.5):
    w = torch.randn(units, inputs) * scale
    return (w, torch.randn(units) * 0.2) if bias else (w, None)


def keras_same(size, kernel, stride):
    """TensorFlow's "same": the padding before and after one side."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv(x, weight, bias, stride, same):
    if same:
        top, bottom = keras_same(x.shape[2], weight.shape[2], stride)
        left, right = keras_same(x.shape[3], weight.shape[3], stride)
        x = F.pad(x, (left, right, top, bottom))
    return F.conv2d(x, weight, bias, stride=stride)


ACTIVATIONS = {
    "ReLU": F.relu,
    "LeakyReLU": lambda v: F.leaky_relu(v, 0.3),
    "ELU": F.elu,  # alpha 1, as Keras
    "SELU": F.selu,
    "Sigmoid": torch.sigmoid,
    "Tanh": torch.tanh,
    "Softmax": lambda v: F.softmax(v, dim=-1),
    "Swish": F.silu,
    "GELU": F.gelu,  # exact, Keras's approximate=False
}

# Dense: flat, without a bias, and over each step of a (steps, features) input.
x = inputs(5); w, b = dense_weights(5, 3)
case("dense", x, F.linear(x, w, b), {"0.weight": w, "0.bias": b})
x = inputs(5); w, _ = dense_weights(5, 3, bias=False)
case("dense_no_bias", x, F.linear(x, w), {"0.weight": w})
x = inputs(3, 4); w, b = dense_weights(4, 2)
case("dense_steps", x, F.linear(x, w, b), {"0.weight": w, "0.bias": b})

# Every activation after a Dense layer (the activation is module 1), and as an Activation layer on its own.
for kind, f in ACTIVATIONS.items():
    x = inputs(5); w, b = dense_weights(5, 4, scale=0.8)
    case(f"dense_{kind}", x, f(F.linear(x, w, b)), {"0.weight": w, "0.bias": b})
    x = inputs(6, scale=2.0)
    case(f"activation_{kind}", x, f(x))
x = inputs(3, 4, scale=2.0)
case("activation_Softmax_steps", x, F.softmax(x, dim=-1))

# Conv2D: valid; same with stride 1 (odd and even kernels: the even one pads 1 before, 2 after);
# same with stride 2 (8 rows pad 0 before and 1 after, 7 columns 1 and 1); a ReLU after; no bias.
CONVS = {
    # name: (input shape, filters, kernel, stride, same, activation, bias)
    "conv_valid": ((2, 7, 6), 3, 3, 1, False, None, True),
    "conv_valid_stride2": ((2, 7, 6), 3, 3, 2, False, None, True),
    "conv_same": ((2, 7, 6), 3, 3, 1, True, None, True),
    "conv_same_even_kernel": ((2, 7, 6), 2, 4, 1, True, None, True),
    "conv_same_stride2": ((2, 8, 7), 3, 3, 2, True, "ReLU", True),
    "conv_same_stride2_no_bias": ((2, 7, 8), 2, 2, 2, True, None, False),
    # One input channel: the library convolves it as a product of patches (im2col), not through libtorch's conv2d.
    "conv_one_channel": ((1, 7, 6), 3, 3, 1, False, None, True),
    "conv_one_channel_same_stride2": ((1, 8, 7), 3, 3, 2, True, "ReLU", True),
    "conv_one_channel_same_even_kernel": ((1, 7, 6), 2, 4, 1, True, None, False),
}
for name, (shape, filters, kernel, stride, same, activation, bias) in CONVS.items():
    x = inputs(*shape)
    weight = torch.randn(filters, shape[0], kernel, kernel) * 0.4
    b = torch.randn(filters) * 0.2 if bias else None
    y = conv(x, weight, b, stride, same)
    if activation:
        y = ACTIVATIONS[activation](y)
    case(name, x, y, {"0.weight": weight, "0.bias": b} if bias else {"0.weight": weight})

# Pooling (valid: rows and columns outside every window are dropped) and global average pooling.
x = inputs(2, 7, 6); case("max_pooling", x, F.max_pool2d(x, 2))
x = inputs(2, 7, 6); case("max_pooling_3_stride_2", x, F.max_pool2d(x, 3, 2))
x = inputs(2, 7, 6); case("average_pooling", x, F.avg_pool2d(x, 2))
x = inputs(2, 7, 6); case("average_pooling_3_stride_1", x, F.avg_pool2d(x, 3, 1))
x = inputs(3, 5, 4); case("global_average_pooling", x, x.mean(dim=(2, 3)))


def bn_weights(channels):
    return {"weight": torch.rand(channels) + 0.5, "bias": torch.randn(channels) * 0.1,
            "running_mean": torch.randn(channels) * 0.5, "running_var": torch.rand(channels) + 0.5}


# Batch normalization after training: the given running statistics, Keras's epsilon 1e-3 (or 1e-2).
for name, shape, eps in [("batch_norm", (6,), 1e-3), ("batch_norm_image", (3, 4, 5), 1e-3), ("batch_norm_epsilon", (6,), 1e-2)]:
    x = inputs(*shape); p = bn_weights(shape[0])
    y = F.batch_norm(x, p["running_mean"], p["running_var"], p["weight"], p["bias"], training=False, eps=eps)
    case(name, x, y, {f"0.{k}": v for k, v in p.items()})

# Batch normalization in training: batch statistics normalise, and the running ones move by PyTorch's
# momentum 1 - Keras's (0.99 -> 0.01, 0.9 -> 0.1), the variance PyTorch's unbiased one.
for name, shape, momentum in [("batch_norm_training", (6,), 0.99), ("batch_norm_image_training", (3, 4, 5), 0.99), ("batch_norm_momentum_training", (6,), 0.9)]:
    x = inputs(*shape, rows=8) + 0.7; p = bn_weights(shape[0])
    mean, var = p["running_mean"].clone(), p["running_var"].clone()
    y = F.batch_norm(x, mean, var, p["weight"], p["bias"], training=True, momentum=1 - momentum, eps=1e-3)
    case(name, x, y, {f"0.{k}": v for k, v in p.items()}, {"0.running_mean": mean, "0.running_var": var})

# Flatten (PyTorch's channels-first order) then Dense; Reshape to an image and to (steps, features).
x = inputs(2, 3, 4); w, b = dense_weights(24, 3, scale=0.3)
case("flatten", x, F.linear(x.flatten(1), w, b), {"1.weight": w, "1.bias": b})
x = inputs(24); weight = torch.randn(2, 2, 2, 2) * 0.4; b = torch.randn(2) * 0.2
case("reshape_image", x, F.conv2d(x.reshape(-1, 2, 3, 4), weight, b), {"1.weight": weight, "1.bias": b})
x = inputs(2, 3, 4); w, b = dense_weights(6, 2)
case("reshape_steps", x, F.linear(x.reshape(-1, 4, 6), w, b), {"1.weight": w, "1.bias": b})

# Dropout passes everything through after training: Dense(4, ReLU), Dropout(0.5), Dense(2).
x = inputs(5); w1, b1 = dense_weights(5, 4); w2, b2 = dense_weights(4, 2)
case("dropout", x, F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), {"0.weight": w1, "0.bias": b1, "3.weight": w2, "3.bias": b2})

# LeakyReLU layers (Keras's default slope 0.3, and 0.1); PReLU with alpha of the input's full shape.
x = inputs(6); case("leaky_relu", x, F.leaky_relu(x, 0.3))
x = inputs(6); case("leaky_relu_0_1", x, F.leaky_relu(x, 0.1))
for name, shape in [("prelu", (6,)), ("prelu_image", (2, 3, 4))]:
    x = inputs(*shape); alpha = torch.rand(*shape) * 0.6 - 0.1
    case(name, x, F.relu(x) - alpha * F.relu(-x), {"0.alpha": alpha})

write(sys.argv[1], tensors)
print("wrote", sys.argv[1], "with", len(tensors), "tensors")
