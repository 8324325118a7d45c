// A dense layer's product, x W^T + b, with every matrix product split across the threads.
//
// libtorch's linear runs its products on the calling thread alone: it calls BLAS outside its own
// thread pool, and BLAS's pool (OpenBLAS's) is kept at one thread because it fights libtorch's
// for the cores (Api.cpp, mldt_set_num_threads). On the CPU this splits the rows of each product,
// forward and backward, across libtorch's pool instead; elsewhere it is torch::linear.
#pragma once
#include <torch/torch.h>

namespace mldt {

torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias);

}  // namespace mldt
