// The optimizers, built from a spec line such as "rmsprop lr=0.001 rho=0.9 eps=1e-7 ...", with
// PyTorch's update rules (torch.optim's SGD, RMSprop, Adam, AdamW and Adagrad).
//
// On the CPU each step is one pass over each weight's elements, split across the threads, where
// libtorch's optimizers run five to eight elementwise kernels per weight (Adam reads and writes
// every weight's state six times). On other devices libtorch's optimizers do the work.
#pragma once
#include <torch/torch.h>

#include <memory>
#include <vector>

#include "SpecLine.h"

namespace mldt {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // Drops the gradients, so the next backward pass writes them rather than adding to zeros.
  virtual void zero_grad() = 0;
  virtual void step() = 0;
  virtual void set_learning_rate(double learning_rate) = 0;
};

std::unique_ptr<Optimizer> make_optimizer(SpecLine& spec, const std::vector<torch::Tensor>& parameters, torch::Device device);

}  // namespace mldt
