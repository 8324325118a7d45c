// Losses over raw network outputs, each returning one value per example so that example weights
// and the batch mean are applied in one place.
#pragma once
#include <torch/torch.h>

#include "SpecLine.h"

namespace mldt {

class Loss {
 public:
  explicit Loss(SpecLine& spec);
  // outputs [rows, width]; targets [rows, width] (class indices [rows, 1] for cross-entropy).
  torch::Tensor per_example(const torch::Tensor& outputs, const torch::Tensor& targets) const;

 private:
  std::string kind_;
  double delta_;
};

}  // namespace mldt
