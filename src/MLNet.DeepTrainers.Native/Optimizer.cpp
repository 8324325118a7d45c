#include "Optimizer.h"

#include <stdexcept>

namespace mldt {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(SpecLine& spec, std::vector<torch::Tensor> parameters) {
  const auto& kind = spec.kind();
  double lr = spec.real("lr");
  if (kind == "sgd") {
    auto o = torch::optim::SGDOptions(lr).momentum(spec.real("momentum")).nesterov(spec.flag("nesterov"));
    return std::make_unique<torch::optim::SGD>(parameters, o);
  }
  if (kind == "rmsprop") {
    auto o = torch::optim::RMSpropOptions(lr)
                 .alpha(spec.real("rho"))
                 .eps(spec.real("eps"))
                 .momentum(spec.real("momentum"))
                 .centered(spec.flag("centered"));
    return std::make_unique<torch::optim::RMSprop>(parameters, o);
  }
  if (kind == "adam") {
    auto o = torch::optim::AdamOptions(lr)
                 .betas({spec.real("beta1"), spec.real("beta2")})
                 .eps(spec.real("eps"))
                 .amsgrad(spec.flag("amsgrad"));
    return std::make_unique<torch::optim::Adam>(parameters, o);
  }
  if (kind == "adamw") {
    auto o = torch::optim::AdamWOptions(lr)
                 .betas({spec.real("beta1"), spec.real("beta2")})
                 .eps(spec.real("eps"))
                 .weight_decay(spec.real("weight_decay"))
                 .amsgrad(spec.flag("amsgrad"));
    return std::make_unique<torch::optim::AdamW>(parameters, o);
  }
  if (kind == "adagrad") {
    auto o = torch::optim::AdagradOptions(lr)
                 .initial_accumulator_value(spec.real("initial_accumulator"))
                 .eps(spec.real("eps"));
    return std::make_unique<torch::optim::Adagrad>(parameters, o);
  }
  throw std::invalid_argument("unknown optimizer '" + kind + "'");
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double learning_rate) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(learning_rate);
}

}  // namespace mldt
