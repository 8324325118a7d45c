// The element-wise parts of the LSTM and GRU steps, the one place their arithmetic is written. For
// float tensors on the CPU each is a single autograd node: a step of libtorch's separate operations
// records a dozen nodes whose dispatch, not arithmetic, dominates at the sizes of text models (a 32 × 32
// state), and a recurrent layer runs one per step. The activations use libtorch's vectorised kernels;
// the rest is one loop forwards and one backwards. Elsewhere (a GPU, doubles) the same arithmetic runs
// as libtorch operations.
#pragma once
#include <torch/torch.h>

namespace mldt {

// LSTM: gates [batch, 4 × units] before activation (PyTorch's and Keras's order i, f, g, o) and the
// previous cell state [batch, units]; returns {h, c}.
std::vector<torch::Tensor> lstm_cell(const torch::Tensor& gates, const torch::Tensor& c_prev);

// GRU (reset after the recurrent product, PyTorch's and Keras's default): the input's and the state's
// products [batch, 3 × units], biases included, in PyTorch's order r, z, n; and the state the update
// gate mixes with [batch, units]. Returns h = n + z (h_prev - n).
torch::Tensor gru_cell(const torch::Tensor& from_input, const torch::Tensor& from_state, const torch::Tensor& h_prev);

}  // namespace mldt
