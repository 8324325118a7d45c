#include "Network.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <stdexcept>

namespace mldt {

Network::Network(const std::string& spec, uint64_t seed, torch::Device device)
    : generator_(at::detail::createCPUGenerator(seed)), device_(device) {
  auto lines = parse_spec(spec);
  if (lines.empty() || lines.front().kind() != "input")
    throw std::invalid_argument("a network spec starts with an 'input' line");
  for (size_t i = 0; i < lines.front().positional_count(); ++i)
    input_shape_.push_back(lines.front().positional_int(i));
  for (size_t i = 1; i < lines.size(); ++i) add_layer(lines[i], i - 1);
  if (output_width_ <= 0) throw std::invalid_argument("a network spec ends with an 'output' line");
  // Initialise on the CPU with our own generator so a seed gives the same weights on any device.
  to(device_);
}

void Network::add_layer(const SpecLine& line, size_t index) {
  const auto& kind = line.kind();
  if (kind == "dense")
    steps_.push_back(make_dense(line, index));
  else if (kind == "dropout")
    steps_.push_back(make_dropout(line));
  else if (kind == "output") {
    output_width_ = line.positional_int(0);
    output_activation_ = make_activation(SpecLine(line.option("activation", std::string("linear"))));
  } else
    steps_.push_back(make_activation(line));
}

Network::Step Network::make_dense(const SpecLine& line, size_t index) {
  auto options = torch::nn::LinearOptions(line.positional_int(0), line.positional_int(1))
                     .bias(line.option("bias", 1.0) != 0.0);
  auto linear = register_module(std::to_string(index), torch::nn::Linear(options));
  torch::NoGradGuard no_grad;
  initialize(linear->weight, line.option("init", std::string("glorot_uniform")), generator_);
  if (linear->bias.defined()) linear->bias.zero_();
  return [linear](const torch::Tensor& x, bool) { return linear->forward(x); };
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

void initialize(torch::Tensor& weight, const std::string& name, at::Generator& generator) {
  // Keras's fans: for a kernel [out, in, k...] both are multiplied by the receptive field size.
  int64_t receptive = 1;
  for (int64_t d = 2; d < weight.dim(); ++d) receptive *= weight.size(d);
  double fan_in = static_cast<double>(weight.size(1) * receptive);
  double fan_out = static_cast<double>(weight.size(0) * receptive);
  auto cpu = torch::empty(weight.sizes());
  if (name == "glorot_uniform") {
    double limit = std::sqrt(6.0 / (fan_in + fan_out));
    cpu.uniform_(-limit, limit, generator);
  } else if (name == "glorot_normal") {
    cpu.normal_(0.0, std::sqrt(2.0 / (fan_in + fan_out)), generator);
  } else if (name == "he_uniform") {
    double limit = std::sqrt(6.0 / fan_in);
    cpu.uniform_(-limit, limit, generator);
  } else if (name == "he_normal") {
    cpu.normal_(0.0, std::sqrt(2.0 / fan_in), generator);
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
