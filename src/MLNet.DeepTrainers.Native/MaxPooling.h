// Max pooling over valid windows, with its backward pass.
//
// libtorch 1.13's CPU kernel for NCHW tensors compares one element at a time with a branch that
// random data mispredicts half the time; in the Fashion-MNIST convnet it was a quarter of a training
// step. This one keeps each output row's running maxima and their positions in arrays and updates
// them without branches, which the compiler vectorises. Same answer as libtorch's: the first
// maximum of a window in row-major order wins, and a NaN wins over any number (the last NaN, as
// libtorch scans). Elsewhere (CUDA, other types) it is torch's max_pool2d.
#pragma once
#include <torch/torch.h>

#include <vector>

namespace mldt {

torch::Tensor max_pool2d(const torch::Tensor& x, const std::vector<int64_t>& kernel, const std::vector<int64_t>& stride);

}  // namespace mldt
