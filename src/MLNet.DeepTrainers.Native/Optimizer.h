// Builds a libtorch optimizer from a spec line such as "rmsprop lr=0.001 rho=0.9 eps=1e-7".
#pragma once
#include <torch/torch.h>

#include <memory>

#include "SpecLine.h"

namespace mldt {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(SpecLine& spec, std::vector<torch::Tensor> parameters);
void set_learning_rate(torch::optim::Optimizer& optimizer, double learning_rate);

}  // namespace mldt
