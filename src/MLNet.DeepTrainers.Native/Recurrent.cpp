#include "Recurrent.h"

#include <stdexcept>

#include "DropoutMask.h"
#include "Network.h"
#include "RecurrentCells.h"

namespace mldt {

CellKind cell_kind(const std::string& name) {
  if (name == "simple_rnn") return CellKind::simple;
  if (name == "lstm") return CellKind::lstm;
  if (name == "gru") return CellKind::gru;
  throw std::invalid_argument("unknown recurrent cell '" + name + "'");
}

namespace {

// Keras's Orthogonal initializer for a recurrent kernel of Keras shape [units, gates × units]: the
// orthonormal columns of a QR factorisation of a normal matrix, signs fixed by R's diagonal. PyTorch's
// layout [gates × units, units] is its transpose, which is that Q itself.
void orthogonal(torch::Tensor& weight, at::Generator& generator) {
  auto normal = torch::empty(weight.sizes());
  normal.normal_(0.0, 1.0, generator);
  auto qr = torch::linalg_qr(normal);
  auto q = std::get<0>(qr) * torch::sign(torch::diagonal(std::get<1>(qr)));
  weight.copy_(q);
}

}  // namespace

Recurrent::Recurrent(CellKind cell, int64_t features, int64_t units, int directions, bool sequences, double dropout,
                     double recurrent_dropout, at::Generator& generator, std::function<uint64_t()> seed)
    : cell_(cell),
      units_(units),
      gates_(cell == CellKind::lstm ? 4 : cell == CellKind::gru ? 3 : 1),
      sequences_(sequences),
      dropout_(dropout),
      recurrent_dropout_(recurrent_dropout),
      seed_(std::move(seed)) {
  if (features <= 0 || units <= 0) throw std::invalid_argument("a recurrent layer needs positive sizes");
  if (directions != 1 && directions != 2) throw std::invalid_argument("a recurrent layer runs in 1 or 2 directions");
  if (!(dropout >= 0 && dropout < 1) || !(recurrent_dropout >= 0 && recurrent_dropout < 1))
    throw std::invalid_argument("recurrent dropout rates must be in [0, 1)");
  torch::NoGradGuard no_grad;
  for (int d = 0; d < directions; ++d) {
    std::string suffix = d == 0 ? "" : "_reverse";
    Weights w;
    w.input = register_parameter("weight_ih_l0" + suffix, torch::empty({gates_ * units, features}));
    w.recurrent = register_parameter("weight_hh_l0" + suffix, torch::empty({gates_ * units, units}));
    w.bias = register_parameter("bias_ih_l0" + suffix, torch::zeros({gates_ * units}));
    if (cell == CellKind::gru) w.recurrent_bias = register_parameter("bias_hh_l0" + suffix, torch::zeros({gates_ * units}));
    initialize(w.input, "glorot_uniform", generator);
    orthogonal(w.recurrent, generator);
    // Keras's unit_forget_bias: the forget gate (PyTorch's and Keras's second block) starts at 1.
    if (cell == CellKind::lstm) w.bias.narrow(0, units, units).fill_(1.0);
    directions_.push_back(w);
  }
}

torch::Tensor Recurrent::forward(const torch::Tensor& x, const torch::Tensor& mask, bool training) {
  if (x.dim() != 3 || x.size(2) != directions_[0].input.size(1))
    throw std::logic_error("a recurrent layer got input of shape " + c10::str(x.sizes()));
  auto forward_pass = run(directions_[0], x, mask, false, training);
  if (directions_.size() == 1) return forward_pass;
  return torch::cat({forward_pass, run(directions_[1], x, mask, true, training)}, -1);
}

torch::Tensor Recurrent::run(const Weights& w, const torch::Tensor& x, const torch::Tensor& mask, bool reverse, bool training) {
  const int64_t batch = x.size(0), steps = x.size(1);
  auto inputs = x;
  // Keras draws one mask per sequence and uses it at every step.
  if (training && dropout_ > 0) inputs = x * dropout_mask({batch, 1, x.size(2)}, dropout_, seed_()).to(x.device());
  torch::Tensor state_mask;
  if (training && recurrent_dropout_ > 0) state_mask = dropout_mask({batch, units_}, recurrent_dropout_, seed_()).to(x.device());
  // Every step's input product at once, one large product instead of one per step, time-major so
  // that each step's slice is contiguous.
  auto projected = torch::matmul(inputs.transpose(0, 1), w.input.t()) + w.bias;
  auto recurrent = w.recurrent.t();
  auto h = torch::zeros({batch, units_}, x.options());
  auto c = cell_ == CellKind::lstm ? torch::zeros({batch, units_}, x.options()) : torch::Tensor();
  std::vector<torch::Tensor> outputs(sequences_ ? steps : 0);
  for (int64_t k = 0; k < steps; ++k) {
    const int64_t t = reverse ? steps - 1 - k : k;
    auto xt = projected.select(0, t);
    auto hd = state_mask.defined() ? h * state_mask : h;
    torch::Tensor h_next, c_next;
    switch (cell_) {
      case CellKind::simple:
        h_next = torch::tanh(torch::addmm(xt, hd, recurrent));
        break;
      case CellKind::lstm: {
        auto hc = lstm_cell(torch::addmm(xt, hd, recurrent), c);
        h_next = hc[0];
        c_next = hc[1];
        break;
      }
      case CellKind::gru:
        // Keras mixes with the state after recurrent dropout (PyTorch has none to apply).
        h_next = gru_cell(xt, torch::addmm(w.recurrent_bias, hd, recurrent), hd);
        break;
    }
    if (mask.defined()) {
      // A padded step leaves the state as it was, and outputs it again (Keras's masking).
      auto real = mask.select(1, t).unsqueeze(1);
      h = torch::where(real, h_next, h);
      if (c.defined()) c = torch::where(real, c_next, c);
    } else {
      h = h_next;
      c = c_next;
    }
    if (sequences_) outputs[t] = h;
  }
  return sequences_ ? torch::stack(outputs, 1) : h;
}

}  // namespace mldt
