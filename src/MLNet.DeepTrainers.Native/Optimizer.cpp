#include "Optimizer.h"

#include <array>
#include <cmath>
#include <stdexcept>
#include <variant>

#include "FusedUpdates.h"
#include "ThreadSplit.h"

namespace mldt {

namespace {

// An optimizer's spec line, read once for whichever implementation runs it.
struct Settings {
  std::string kind;
  double lr = 0, momentum = 0, rho = 0, eps = 0, beta1 = 0, beta2 = 0, weight_decay = 0, initial_accumulator = 0;
  bool nesterov = false, centered = false, amsgrad = false;
};

Settings read_settings(SpecLine& spec) {
  Settings s;
  s.kind = spec.kind();
  s.lr = spec.real("lr");
  if (s.kind == "sgd") {
    s.momentum = spec.real("momentum");
    s.nesterov = spec.flag("nesterov");
  } else if (s.kind == "rmsprop") {
    s.rho = spec.real("rho");
    s.eps = spec.real("eps");
    s.momentum = spec.real("momentum");
    s.centered = spec.flag("centered");
  } else if (s.kind == "adam" || s.kind == "adamw") {
    s.beta1 = spec.real("beta1");
    s.beta2 = spec.real("beta2");
    s.eps = spec.real("eps");
    if (s.kind == "adamw") s.weight_decay = spec.real("weight_decay");
    s.amsgrad = spec.flag("amsgrad");
  } else if (s.kind == "adagrad") {
    s.initial_accumulator = spec.real("initial_accumulator");
    s.eps = spec.real("eps");
  } else {
    throw std::invalid_argument("unknown optimizer '" + s.kind + "'");
  }
  return s;
}

using Rule = std::variant<SgdRule, RmsPropRule, AdamRule, AdagradRule>;

// The CPU optimizer: one pass per weight per step, through FusedUpdates.
class FusedOptimizer : public Optimizer {
 public:
  FusedOptimizer(const Settings& settings, const std::vector<torch::Tensor>& parameters)
      : settings_(settings), parameters_(parameters), steps_(parameters.size(), 0) {
    for (const auto& p : parameters_) {
      if (p.scalar_type() != torch::kFloat || !p.is_contiguous())
        throw std::logic_error("the fused optimizer needs contiguous float weights");
      std::array<torch::Tensor, 3> buffers;
      int count = state_count();
      for (int b = 0; b < count; ++b) buffers[b] = torch::zeros_like(p, torch::MemoryFormat::Contiguous);
      if (settings_.kind == "adagrad") buffers[0].fill_(settings_.initial_accumulator);
      state_.push_back(buffers);
    }
  }

  void zero_grad() override {
    for (auto& p : parameters_) p.mutable_grad().reset();
  }

  void set_learning_rate(double learning_rate) override { settings_.lr = learning_rate; }

  void step() override {
    for (size_t i = 0; i < parameters_.size(); ++i) {
      auto& p = parameters_[i];
      if (!p.grad().defined()) continue;
      auto grad = p.grad().contiguous();
      auto rule = rule_for(++steps_[i]);
      UpdateRun run{p.data_ptr<float>(), grad.data_ptr<float>(), {nullptr, nullptr, nullptr}, p.numel()};
      for (int b = 0; b < 3; ++b)
        if (state_[i][b].defined()) run.state[b] = state_[i][b].data_ptr<float>();
      split_across_threads(run.length, kWorkPerElement, [&](int64_t begin, int64_t end) {
        UpdateRun part{run.weight + begin, run.grad + begin, {nullptr, nullptr, nullptr}, end - begin};
        for (int b = 0; b < 3; ++b)
          if (run.state[b]) part.state[b] = run.state[b] + begin;
        std::visit([&](const auto& r) { update(part, r); }, rule);
      });
    }
  }

 private:
  // About the arithmetic of one element's update, for the thread split.
  static constexpr int64_t kWorkPerElement = 16;

  // The state buffers each rule keeps per weight (FusedUpdates.h says which is which).
  int state_count() const {
    const auto& k = settings_.kind;
    if (k == "sgd") return settings_.momentum > 0 ? 1 : 0;
    if (k == "rmsprop") return settings_.centered ? 3 : settings_.momentum > 0 ? 2 : 1;
    if (k == "adam" || k == "adamw") return settings_.amsgrad ? 3 : 2;
    return 1;
  }

  // The coefficients of a weight's step number `step` (from 1), computed in double as torch.optim does.
  Rule rule_for(int64_t step) const {
    const auto& s = settings_;
    auto f = [](double value) { return static_cast<float>(value); };
    if (s.kind == "sgd") return SgdRule{f(s.lr), f(s.momentum), s.nesterov, step == 1};
    if (s.kind == "rmsprop") return RmsPropRule{f(s.lr), f(s.rho), f(s.eps), f(s.momentum), s.centered};
    if (s.kind == "adagrad") return AdagradRule{f(s.lr), f(s.eps)};
    double correction1 = 1 - std::pow(s.beta1, static_cast<double>(step));
    double correction2 = 1 - std::pow(s.beta2, static_cast<double>(step));
    return AdamRule{f(s.lr / correction1), f(s.beta1), f(s.beta2), f(std::sqrt(correction2)), f(s.eps),
                    f(1 - s.lr * s.weight_decay), s.amsgrad};
  }

  Settings settings_;
  std::vector<torch::Tensor> parameters_;
  std::vector<std::array<torch::Tensor, 3>> state_;
  std::vector<int64_t> steps_;
};

// Any other device: libtorch's optimizers, whose rules FusedUpdates follows.
class LibtorchOptimizer : public Optimizer {
 public:
  LibtorchOptimizer(const Settings& s, const std::vector<torch::Tensor>& parameters) : inner_(make(s, parameters)) {}

  void zero_grad() override { inner_->zero_grad(); }
  void step() override { inner_->step(); }
  void set_learning_rate(double learning_rate) override {
    for (auto& group : inner_->param_groups()) group.options().set_lr(learning_rate);
  }

 private:
  static std::unique_ptr<torch::optim::Optimizer> make(const Settings& s, const std::vector<torch::Tensor>& parameters) {
    namespace optim = torch::optim;
    if (s.kind == "sgd") return std::make_unique<optim::SGD>(parameters, optim::SGDOptions(s.lr).momentum(s.momentum).nesterov(s.nesterov));
    if (s.kind == "rmsprop")
      return std::make_unique<optim::RMSprop>(
          parameters, optim::RMSpropOptions(s.lr).alpha(s.rho).eps(s.eps).momentum(s.momentum).centered(s.centered));
    if (s.kind == "adam")
      return std::make_unique<optim::Adam>(parameters,
                                           optim::AdamOptions(s.lr).betas({s.beta1, s.beta2}).eps(s.eps).amsgrad(s.amsgrad));
    if (s.kind == "adamw")
      return std::make_unique<optim::AdamW>(
          parameters,
          optim::AdamWOptions(s.lr).betas({s.beta1, s.beta2}).eps(s.eps).weight_decay(s.weight_decay).amsgrad(s.amsgrad));
    return std::make_unique<optim::Adagrad>(
        parameters, optim::AdagradOptions(s.lr).initial_accumulator_value(s.initial_accumulator).eps(s.eps));
  }

  std::unique_ptr<torch::optim::Optimizer> inner_;
};

}  // namespace

std::unique_ptr<Optimizer> make_optimizer(SpecLine& spec, const std::vector<torch::Tensor>& parameters, torch::Device device) {
  auto settings = read_settings(spec);
  if (device.is_cpu()) return std::make_unique<FusedOptimizer>(settings, parameters);
  return std::make_unique<LibtorchOptimizer>(settings, parameters);
}

}  // namespace mldt
