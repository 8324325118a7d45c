#include "Network.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <stdexcept>

namespace mldt {

namespace F = torch::nn::functional;

Network::Network(const std::string& spec, uint64_t seed, torch::Device device)
    : generator_(at::detail::createCPUGenerator(seed)), device_(device) {
  auto lines = parse_spec(spec);
  if (lines.empty() || lines.front().kind() != "input")
    throw std::invalid_argument("a network spec starts with an 'input' line");
  for (size_t i = 0; i < lines.front().positional_count(); ++i) input_shape_.push_back(lines.front().positional_int(i));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].kind() == "output") {
      output_activation_ = make_activation(SpecLine(lines[i].option("activation", std::string("linear"))));
      continue;
    }
    steps_.push_back(make_step(lines[i], std::to_string(i - 1)));
  }
  if (!output_activation_) throw std::invalid_argument("a network spec ends with an 'output' line");
  // Weights were initialised on the CPU with the network's own generator, so a seed gives the
  // same weights on any device.
  to(device_);
}

Network::Step Network::make_step(const SpecLine& line, const std::string& name) {
  const auto& kind = line.kind();
  if (kind == "dense") return make_dense(line, name);
  if (kind == "conv2d") return make_conv2d(line, name);
  if (kind == "batchnorm") return make_batchnorm(line, name);
  if (kind == "prelu") return make_prelu(line, name);
  if (kind == "dropout") return make_dropout(line);
  if (kind == "maxpool2d" || kind == "avgpool2d") return make_pooling(line);
  if (kind == "global_avgpool2d") return [](const torch::Tensor& x, bool) { return x.mean({2, 3}); };
  if (kind == "flatten") return [](const torch::Tensor& x, bool) { return x.flatten(1); };
  if (kind == "reshape") {
    std::vector<int64_t> shape{-1};
    for (size_t i = 0; i < line.positional_count(); ++i) shape.push_back(line.positional_int(i));
    return [shape](const torch::Tensor& x, bool) { return x.reshape(shape); };
  }
  return make_activation(line);
}

void Network::add_kernel_rules(const SpecLine& line, const torch::Tensor& weight) {
  double l1 = line.option("l1", 0.0), l2 = line.option("l2", 0.0), max_norm = line.option("maxnorm", 0.0);
  if (l1 > 0 || l2 > 0) penalties_.push_back({weight, l1, l2});
  if (max_norm > 0) constraints_.push_back({weight, max_norm});
}

Network::Step Network::make_dense(const SpecLine& line, const std::string& name) {
  auto options = torch::nn::LinearOptions(line.positional_int(0), line.positional_int(1)).bias(line.option("bias", 1.0) != 0.0);
  auto linear = register_module(name, torch::nn::Linear(options));
  torch::NoGradGuard no_grad;
  initialize(linear->weight, line.option("init", std::string("glorot_uniform")), generator_);
  if (linear->bias.defined()) linear->bias.zero_();
  add_kernel_rules(line, linear->weight);
  return [linear](const torch::Tensor& x, bool) { return linear->forward(x); };
}

Network::Step Network::make_conv2d(const SpecLine& line, const std::string& name) {
  auto options = torch::nn::Conv2dOptions(line.positional_int(0), line.positional_int(1),
                                          {line.positional_int(2), line.positional_int(3)})
                     .stride({static_cast<int64_t>(line.option("sh", 1.0)), static_cast<int64_t>(line.option("sw", 1.0))})
                     .bias(line.option("bias", 1.0) != 0.0);
  auto conv = register_module(name, torch::nn::Conv2d(options));
  torch::NoGradGuard no_grad;
  initialize(conv->weight, line.option("init", std::string("glorot_uniform")), generator_);
  if (conv->bias.defined()) conv->bias.zero_();
  add_kernel_rules(line, conv->weight);
  // Keras's "same" padding puts the odd extra row or column at the bottom and right, which
  // Conv2d's symmetric padding cannot express: pad explicitly when there is any.
  std::vector<int64_t> pad{static_cast<int64_t>(line.option("pl", 0.0)), static_cast<int64_t>(line.option("pr", 0.0)),
                           static_cast<int64_t>(line.option("pt", 0.0)), static_cast<int64_t>(line.option("pb", 0.0))};
  bool padded = pad[0] || pad[1] || pad[2] || pad[3];
  return [conv, pad, padded](const torch::Tensor& x, bool) {
    return conv->forward(padded ? F::pad(x, F::PadFuncOptions(pad)) : x);
  };
}

Network::Step Network::make_batchnorm(const SpecLine& line, const std::string& name) {
  int64_t features = line.positional_int(0);
  double momentum = line.option("momentum", 0.01), eps = line.option("eps", 1e-3);
  if (line.option("dims", 1.0) == 2.0) {
    auto bn = register_module(name, torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(features).momentum(momentum).eps(eps)));
    return [bn](const torch::Tensor& x, bool) { return bn->forward(x); };
  }
  auto bn = register_module(name, torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(features).momentum(momentum).eps(eps)));
  return [bn](const torch::Tensor& x, bool) { return bn->forward(x); };
}

Network::Step Network::make_prelu(const SpecLine& line, const std::string& name) {
  // Keras's PReLU: one learned slope per input element, starting at zero.
  std::vector<int64_t> shape;
  for (size_t i = 0; i < line.positional_count(); ++i) shape.push_back(line.positional_int(i));
  auto holder = register_module(name, std::make_shared<torch::nn::Module>());
  auto alpha = holder->register_parameter("alpha", torch::zeros(shape));
  return [alpha](const torch::Tensor& x, bool) { return torch::relu(x) - alpha * torch::relu(-x); };
}

Network::Step Network::make_dropout(const SpecLine& line) {
  double rate = line.positional_double(0);
  // Our own mask rather than torch::dropout, so the network's generator (not libtorch's global
  // one, shared by every network in the process) decides it and a seed repeats bit for bit.
  return [this, rate](const torch::Tensor& x, bool training) {
    if (!training || rate == 0.0) return x;
    auto keep = torch::empty(x.sizes(), x.options().device(torch::kCPU));
    keep.bernoulli_(1.0 - rate, generator_);
    return x * keep.to(x.device()) / (1.0 - rate);
  };
}

Network::Step Network::make_pooling(const SpecLine& line) {
  std::vector<int64_t> kernel{line.positional_int(0), line.positional_int(1)};
  std::vector<int64_t> stride{line.positional_int(2), line.positional_int(3)};
  if (line.kind() == "maxpool2d")
    return [kernel, stride](const torch::Tensor& x, bool) { return F::max_pool2d(x, F::MaxPool2dFuncOptions(kernel).stride(stride)); };
  return [kernel, stride](const torch::Tensor& x, bool) { return F::avg_pool2d(x, F::AvgPool2dFuncOptions(kernel).stride(stride)); };
}

Network::Step Network::make_activation(const SpecLine& line) {
  const auto& kind = line.kind();
  if (kind == "linear") return [](const torch::Tensor& x, bool) { return x; };
  if (kind == "relu") return [](const torch::Tensor& x, bool) { return torch::relu(x); };
  if (kind == "sigmoid") return [](const torch::Tensor& x, bool) { return torch::sigmoid(x); };
  if (kind == "tanh") return [](const torch::Tensor& x, bool) { return torch::tanh(x); };
  if (kind == "softmax") return [](const torch::Tensor& x, bool) { return torch::softmax(x, 1); };
  if (kind == "elu") return [](const torch::Tensor& x, bool) { return torch::elu(x); };
  if (kind == "silu") return [](const torch::Tensor& x, bool) { return torch::silu(x); };
  if (kind == "gelu") return [](const torch::Tensor& x, bool) { return torch::gelu(x); };
  if (kind == "leaky_relu") {
    double alpha = line.option("alpha", 0.3);
    return [alpha](const torch::Tensor& x, bool) { return torch::leaky_relu(x, alpha); };
  }
  throw std::invalid_argument("unknown layer kind '" + kind + "'");
}

torch::Tensor Network::forward(const torch::Tensor& x, bool training) {
  auto h = x;
  for (auto& step : steps_) h = step(h, training);
  return h;
}

torch::Tensor Network::predict(const torch::Tensor& x) { return output_activation_(forward(x, false), false); }

torch::Tensor Network::regularization() const {
  auto total = torch::zeros({}, torch::TensorOptions().device(device_));
  for (const auto& p : penalties_) {
    if (p.l1 > 0) total = total + p.l1 * p.weight.abs().sum();
    if (p.l2 > 0) total = total + p.l2 * p.weight.pow(2).sum();
  }
  return total;
}

void Network::apply_constraints() {
  torch::NoGradGuard no_grad;
  for (auto& c : constraints_) c.weight.copy_(torch::renorm(c.weight, 2, 0, c.max_norm));
}

void Network::set_training(bool training) {
  if (training_ != training) {
    train(training);
    training_ = training;
  }
}

std::vector<std::pair<std::string, torch::Tensor>> Network::state() {
  std::vector<std::pair<std::string, torch::Tensor>> result;
  for (auto& item : named_parameters()) result.emplace_back(item.key(), item.value());
  for (auto& item : named_buffers())
    if (item.value().is_floating_point()) result.emplace_back(item.key(), item.value());
  return result;
}

void initialize(torch::Tensor& weight, const std::string& name, at::Generator& generator) {
  // Keras's fans: for a kernel [out, in, k...] both are multiplied by the receptive field size.
  int64_t receptive = 1;
  for (int64_t d = 2; d < weight.dim(); ++d) receptive *= weight.size(d);
  double fan_in = static_cast<double>(weight.size(1) * receptive);
  double fan_out = static_cast<double>(weight.size(0) * receptive);
  auto cpu = torch::empty(weight.sizes());
  // Keras's normal initializers draw from a normal truncated at two standard deviations, widened
  // by 1 / 0.87962566103423978 so the result keeps the intended variance.
  auto truncated_normal = [&](double stddev) {
    const double low = 0.5 * std::erfc(2.0 / std::sqrt(2.0)), high = 1.0 - low;
    cpu.uniform_(low, high, generator);
    cpu.mul_(2.0).sub_(1.0).erfinv_().mul_(std::sqrt(2.0) * stddev / 0.87962566103423978);
  };
  if (name == "glorot_uniform") {
    double limit = std::sqrt(6.0 / (fan_in + fan_out));
    cpu.uniform_(-limit, limit, generator);
  } else if (name == "glorot_normal") {
    truncated_normal(std::sqrt(2.0 / (fan_in + fan_out)));
  } else if (name == "he_uniform") {
    double limit = std::sqrt(6.0 / fan_in);
    cpu.uniform_(-limit, limit, generator);
  } else if (name == "he_normal") {
    truncated_normal(std::sqrt(2.0 / fan_in));
  } else if (name == "random_uniform") {
    cpu.uniform_(-0.05, 0.05, generator);
  } else if (name == "random_normal") {
    cpu.normal_(0.0, 0.05, generator);
  } else if (name == "zeros") {
    cpu.zero_();
  } else {
    throw std::invalid_argument("unknown initializer '" + name + "'");
  }
  weight.copy_(cpu);
}

}  // namespace mldt
