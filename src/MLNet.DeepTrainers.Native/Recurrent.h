// Keras's recurrent layers (SimpleRNN, LSTM, GRU), in one direction or two (Bidirectional), over
// [batch, steps, features] inputs, with PyTorch's weight names and layouts. Written as a loop of
// libtorch operations rather than torch::lstm because Keras's dropout (one mask per sequence on the
// inputs) and recurrent dropout (one on the state before its product), and Keras's masking of padded
// steps, have no place in libtorch's fused layers.
#pragma once
#include <torch/torch.h>

#include <functional>
#include <string>

namespace mldt {

enum class CellKind { simple, lstm, gru };

class Recurrent : public torch::nn::Module {
 public:
  // seed gives each dropout mask its seed, drawn from the network's generator.
  Recurrent(CellKind cell, int64_t features, int64_t units, int directions, bool sequences, double dropout,
            double recurrent_dropout, at::Generator& generator, std::function<uint64_t()> seed);

  // x: [batch, steps, features]; mask: [batch, steps] booleans (true = a real step) or undefined.
  // Returns [batch, steps, directions × units] with sequences, else [batch, directions × units].
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask, bool training);

 private:
  struct Weights {
    torch::Tensor input, recurrent, bias, recurrent_bias;
  };

  Weights make_weights(const std::string& suffix, at::Generator& generator);
  torch::Tensor run(const Weights& w, const torch::Tensor& x, const torch::Tensor& mask, bool reverse, bool training);

  CellKind cell_;
  int64_t units_;
  int64_t gates_;
  bool sequences_;
  double dropout_, recurrent_dropout_;
  std::function<uint64_t()> seed_;
  std::vector<Weights> directions_;
};

CellKind cell_kind(const std::string& name);

}  // namespace mldt
