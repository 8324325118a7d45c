#include "Optimizer.h"

#include <stdexcept>

namespace mldt {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const SpecLine& spec, std::vector<torch::Tensor> parameters) {
  const auto& kind = spec.kind();
  double lr = spec.option("lr", 0.001);
  if (kind == "sgd") {
    auto o = torch::optim::SGDOptions(lr).momentum(spec.option("momentum", 0.0)).nesterov(spec.option("nesterov", 0.0) != 0.0);
    return std::make_unique<torch::optim::SGD>(parameters, o);
  }
  if (kind == "rmsprop") {
    auto o = torch::optim::RMSpropOptions(lr)
                 .alpha(spec.option("rho", 0.9))
                 .eps(spec.option("eps", 1e-7))
                 .momentum(spec.option("momentum", 0.0))
                 .centered(spec.option("centered", 0.0) != 0.0);
    return std::make_unique<torch::optim::RMSprop>(parameters, o);
  }
  if (kind == "adam") {
    auto o = torch::optim::AdamOptions(lr)
                 .betas({spec.option("beta1", 0.9), spec.option("beta2", 0.999)})
                 .eps(spec.option("eps", 1e-7))
                 .amsgrad(spec.option("amsgrad", 0.0) != 0.0);
    return std::make_unique<torch::optim::Adam>(parameters, o);
  }
  if (kind == "adamw") {
    auto o = torch::optim::AdamWOptions(lr)
                 .betas({spec.option("beta1", 0.9), spec.option("beta2", 0.999)})
                 .eps(spec.option("eps", 1e-7))
                 .weight_decay(spec.option("weight_decay", 0.004))
                 .amsgrad(spec.option("amsgrad", 0.0) != 0.0);
    return std::make_unique<torch::optim::AdamW>(parameters, o);
  }
  if (kind == "adagrad") {
    auto o = torch::optim::AdagradOptions(lr)
                 .initial_accumulator_value(spec.option("initial_accumulator", 0.1))
                 .eps(spec.option("eps", 1e-7));
    return std::make_unique<torch::optim::Adagrad>(parameters, o);
  }
  throw std::invalid_argument("unknown optimizer '" + kind + "'");
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double learning_rate) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(learning_rate);
}

}  // namespace mldt
