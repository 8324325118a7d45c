#include "Network.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <mutex>
#include <stdexcept>

#include "DropoutMask.h"
#include "Linear.h"
#include "MaxPooling.h"
#include "Recurrent.h"

namespace mldt {

namespace F = torch::nn::functional;

namespace {

// A size read from a spec line: positive, or the line is rejected before libtorch sees it.
int64_t positive(SpecLine& line, const std::string& key) {
  auto value = line.integer(key);
  if (value <= 0) throw std::invalid_argument("spec line '" + line.kind() + "': '" + key + "' must be positive");
  return value;
}

int64_t non_negative(SpecLine& line, const std::string& key) {
  auto value = line.integer(key);
  if (value < 0) throw std::invalid_argument("spec line '" + line.kind() + "': '" + key + "' must not be negative");
  return value;
}

std::vector<int64_t> shape_of(SpecLine& line, const std::string& key) {
  auto shape = line.integers(key);
  for (auto d : shape)
    if (d <= 0) throw std::invalid_argument("spec line '" + line.kind() + "': every size of '" + key + "' must be positive");
  return shape;
}

}  // namespace

Network::Network(const std::string& spec, uint64_t seed, torch::Device device)
    : generator_(at::detail::createCPUGenerator(seed)), device_(device) {
  auto lines = parse_spec(spec);
  if (lines.size() < 2 || lines.front().kind() != "input" || lines.back().kind() != "output")
    throw std::invalid_argument("a network spec starts with an 'input' line and ends with an 'output' line");
  input_shape_ = shape_of(lines.front(), "shape");
  for (auto d : input_shape_)
    if (__builtin_mul_overflow(input_size_, d, &input_size_)) throw std::invalid_argument("the input shape overflows");
  understood_ = lines.front().finish() + "\n";
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    steps_.push_back(make_step(lines[i], std::to_string(i - 1)));
    understood_ += lines[i].finish() + "\n";
  }
  auto& output = lines.back();
  output_width_ = positive(output, "width");
  SpecLine activation(output.word("activation"));
  output_activation_ = make_activation(activation);
  activation.finish();
  understood_ += output.finish() + "\n";
  // Weights were initialised on the CPU with the network's own generator, so a seed gives the
  // same weights on any device.
  to(device_);
}

Network::Step Network::make_step(SpecLine& line, const std::string& name) {
  const auto& kind = line.kind();
  if (kind == "dense") return make_dense(line, name);
  if (kind == "conv2d") return make_conv2d(line, name);
  if (kind == "batchnorm") return make_batchnorm(line, name);
  if (kind == "prelu") return make_prelu(line, name);
  if (kind == "dropout") return make_dropout(line);
  if (kind == "embedding") return make_embedding(line, name);
  if (kind == "conv1d") return make_conv1d(line, name);
  if (kind == "simple_rnn" || kind == "lstm" || kind == "gru") return make_recurrent(line, name);
  if (kind == "maxpool1d" || kind == "avgpool1d") return make_pooling1d(line);
  if (kind == "global_maxpool1d") return [](const torch::Tensor& x, Pass&) { return std::get<0>(x.max(1)); };
  if (kind == "global_avgpool1d") return make_global_avgpool1d(line);
  if (kind == "maxpool2d" || kind == "avgpool2d") return make_pooling(line);
  if (kind == "global_avgpool2d") return [](const torch::Tensor& x, Pass&) { return x.mean({2, 3}); };
  if (kind == "flatten") return [](const torch::Tensor& x, Pass&) { return x.flatten(1); };
  if (kind == "reshape") {
    std::vector<int64_t> shape{-1};
    for (auto d : shape_of(line, "shape")) shape.push_back(d);
    return [shape](const torch::Tensor& x, Pass&) { return x.reshape(shape); };
  }
  return make_activation(line);
}

void Network::add_kernel_rules(SpecLine& line, const torch::Tensor& weight) {
  double l1 = line.real("l1"), l2 = line.real("l2"), max_norm = line.real("maxnorm");
  if (l1 > 0 || l2 > 0) penalties_.push_back({weight, l1, l2});
  if (max_norm > 0) constraints_.push_back({weight, max_norm});
}

Network::Step Network::make_dense(SpecLine& line, const std::string& name) {
  auto options = torch::nn::LinearOptions(positive(line, "in"), positive(line, "out")).bias(line.flag("bias"));
  auto layer = register_module(name, torch::nn::Linear(options));
  torch::NoGradGuard no_grad;
  initialize(layer->weight, line.word("init"), generator_);
  if (layer->bias.defined()) layer->bias.zero_();
  add_kernel_rules(line, layer->weight);
  return [layer](const torch::Tensor& x, Pass&) { return linear(x, layer->weight, layer->bias); };
}

Network::Step Network::make_conv2d(SpecLine& line, const std::string& name) {
  auto in = positive(line, "in"), out = positive(line, "out");
  auto kh = positive(line, "kh"), kw = positive(line, "kw");
  auto options = torch::nn::Conv2dOptions(in, out, {kh, kw})
                     .stride({positive(line, "sh"), positive(line, "sw")})
                     .bias(line.flag("bias"));
  // Keras's "same" padding puts the odd extra row or column at the bottom and right, which
  // Conv2d's symmetric padding cannot express: pad explicitly when there is any.
  std::vector<int64_t> pad{non_negative(line, "pl"), non_negative(line, "pr"), non_negative(line, "pt"), non_negative(line, "pb")};
  auto conv = register_module(name, torch::nn::Conv2d(options));
  torch::NoGradGuard no_grad;
  initialize(conv->weight, line.word("init"), generator_);
  if (conv->bias.defined()) conv->bias.zero_();
  add_kernel_rules(line, conv->weight);
  bool padded = pad[0] || pad[1] || pad[2] || pad[3];
  return [conv, pad, padded](const torch::Tensor& x, Pass&) {
    return conv->forward(padded ? F::pad(x, F::PadFuncOptions(pad)) : x);
  };
}

Network::Step Network::make_batchnorm(SpecLine& line, const std::string& name) {
  int64_t features = positive(line, "features"), dims = line.integer("dims");
  double momentum = line.real("momentum"), eps = line.real("eps");
  if (dims == 2) {
    auto bn = register_module(name, torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(features).momentum(momentum).eps(eps)));
    return [bn](const torch::Tensor& x, Pass&) { return bn->forward(x); };
  }
  if (dims != 1) throw std::invalid_argument("spec line 'batchnorm': dims must be 1 or 2");
  auto bn = register_module(name, torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(features).momentum(momentum).eps(eps)));
  return [bn](const torch::Tensor& x, Pass&) { return bn->forward(x); };
}

Network::Step Network::make_prelu(SpecLine& line, const std::string& name) {
  // Keras's PReLU: one learned slope per input element, starting at zero.
  auto holder = register_module(name, std::make_shared<torch::nn::Module>());
  auto alpha = holder->register_parameter("alpha", torch::zeros(shape_of(line, "shape")));
  return [alpha](const torch::Tensor& x, Pass&) { return torch::relu(x) - alpha * torch::relu(-x); };
}

Network::Step Network::make_dropout(SpecLine& line) {
  double rate = line.real("rate");
  if (!(rate >= 0 && rate < 1)) throw std::invalid_argument("spec line 'dropout': the rate must be in [0, 1)");
  // Our own mask rather than torch::dropout, so the network's generator (not libtorch's global
  // one, shared by every network in the process) decides it and a seed repeats bit for bit.
  return [this, rate](const torch::Tensor& x, Pass& pass) {
    if (!pass.training || rate == 0.0) return x;
    return x * dropout_mask(x.sizes(), rate, next_seed()).to(x.device());
  };
}

uint64_t Network::next_seed() {
  std::lock_guard<std::mutex> lock(generator_.mutex());
  return at::check_generator<at::CPUGeneratorImpl>(generator_)->random64();
}

Network::Step Network::make_embedding(SpecLine& line, const std::string& name) {
  int64_t rows = positive(line, "in"), width = positive(line, "out");
  bool mask = line.flag("mask");
  auto holder = register_module(name, std::make_shared<torch::nn::Module>());
  auto weight = holder->register_parameter("weight", torch::empty({rows, width}));
  {
    torch::NoGradGuard no_grad;
    initialize(weight, "random_uniform", generator_);
  }
  return [weight, rows, mask, name](const torch::Tensor& x, Pass& pass) {
    // Indices arrive as floats: each must be a whole number in [0, rows), or the layer is named. The
    // trainer checked its rows before training (naming the data's row), so only scoring checks here.
    auto bad = pass.training ? torch::Tensor() : (x < 0) | (x >= static_cast<double>(rows)) | (x != x.floor());
    if (bad.defined() && bad.any().item<bool>()) {
      auto first = bad.nonzero()[0];
      int64_t row = first[0].item<int64_t>(), slot = first[1].item<int64_t>();
      throw std::invalid_argument("the Embedding (module " + name + ") got " + std::to_string(x[row][slot].item<double>()) + " in row " +
                                  std::to_string(row) + ", slot " + std::to_string(slot) + "; it reads whole numbers from 0 to " +
                                  std::to_string(rows - 1));
    }
    auto indices = x.to(torch::kLong);
    if (mask) pass.mask = indices != 0;
    return torch::embedding(weight, indices);
  };
}

Network::Step Network::make_conv1d(SpecLine& line, const std::string& name) {
  auto options = torch::nn::Conv1dOptions(positive(line, "in"), positive(line, "out"), positive(line, "k"))
                     .stride(positive(line, "s"))
                     .bias(line.flag("bias"));
  std::vector<int64_t> pad{non_negative(line, "pl"), non_negative(line, "pr")};
  auto conv = register_module(name, torch::nn::Conv1d(options));
  torch::NoGradGuard no_grad;
  initialize(conv->weight, line.word("init"), generator_);
  if (conv->bias.defined()) conv->bias.zero_();
  add_kernel_rules(line, conv->weight);
  bool padded = pad[0] || pad[1];
  // Sequences are [batch, steps, channels] as in Keras; libtorch convolves [batch, channels, steps].
  return [conv, pad, padded](const torch::Tensor& x, Pass&) {
    auto channels_first = x.transpose(1, 2);
    return conv->forward(padded ? F::pad(channels_first, F::PadFuncOptions(pad)) : channels_first).transpose(1, 2);
  };
}

Network::Step Network::make_pooling1d(SpecLine& line) {
  int64_t kernel = positive(line, "k"), stride = positive(line, "s");
  if (line.kind() == "maxpool1d")
    return [kernel, stride](const torch::Tensor& x, Pass&) {
      return F::max_pool1d(x.transpose(1, 2), F::MaxPool1dFuncOptions(kernel).stride(stride)).transpose(1, 2);
    };
  return [kernel, stride](const torch::Tensor& x, Pass&) {
    return F::avg_pool1d(x.transpose(1, 2), F::AvgPool1dFuncOptions(kernel).stride(stride)).transpose(1, 2);
  };
}

Network::Step Network::make_global_avgpool1d(SpecLine& line) {
  if (!line.flag("mask")) return [](const torch::Tensor& x, Pass&) { return x.mean(1); };
  // The mean over the real steps only; a row of padding alone gives zeros rather than 0 / 0.
  return [](const torch::Tensor& x, Pass& pass) {
    auto real = pass.mask.unsqueeze(2).to(x.scalar_type());
    return (x * real).sum(1) / real.sum(1).clamp_min(1.0);
  };
}

Network::Step Network::make_recurrent(SpecLine& line, const std::string& name) {
  auto layer = register_module(name, std::make_shared<Recurrent>(cell_kind(line.kind()), positive(line, "in"), positive(line, "units"),
                                                                 static_cast<int>(positive(line, "directions")), line.flag("sequences"),
                                                                 line.real("dropout"), line.real("rdropout"), generator_,
                                                                 [this] { return next_seed(); }));
  bool masked = line.flag("mask");
  return [layer, masked](const torch::Tensor& x, Pass& pass) { return layer->forward(x, masked ? pass.mask : torch::Tensor(), pass.training); };
}

Network::Step Network::make_pooling(SpecLine& line) {
  std::vector<int64_t> kernel{positive(line, "kh"), positive(line, "kw")};
  std::vector<int64_t> stride{positive(line, "sh"), positive(line, "sw")};
  if (line.kind() == "maxpool2d")
    return [kernel, stride](const torch::Tensor& x, Pass&) { return max_pool2d(x, kernel, stride); };
  return [kernel, stride](const torch::Tensor& x, Pass&) { return F::avg_pool2d(x, F::AvgPool2dFuncOptions(kernel).stride(stride)); };
}

Network::Step Network::make_activation(SpecLine& line) {
  const auto& kind = line.kind();
  if (kind == "linear") return [](const torch::Tensor& x, Pass&) { return x; };
  if (kind == "relu") return [](const torch::Tensor& x, Pass&) { return torch::relu(x); };
  if (kind == "sigmoid") return [](const torch::Tensor& x, Pass&) { return torch::sigmoid(x); };
  if (kind == "tanh") return [](const torch::Tensor& x, Pass&) { return torch::tanh(x); };
  if (kind == "softmax") return [](const torch::Tensor& x, Pass&) { return torch::softmax(x, 1); };
  if (kind == "elu") return [](const torch::Tensor& x, Pass&) { return torch::elu(x); };
  if (kind == "silu") return [](const torch::Tensor& x, Pass&) { return torch::silu(x); };
  if (kind == "gelu") return [](const torch::Tensor& x, Pass&) { return torch::gelu(x); };
  if (kind == "leaky_relu") {
    double alpha = line.real("alpha");
    return [alpha](const torch::Tensor& x, Pass&) { return torch::leaky_relu(x, alpha); };
  }
  throw std::invalid_argument("unknown layer kind '" + kind + "'");
}

torch::Tensor Network::forward(const torch::Tensor& x, bool training) {
  Pass pass{training, torch::Tensor()};
  auto h = x;
  for (auto& step : steps_) h = step(h, pass);
  if (h.dim() != 2 || h.size(0) != x.size(0) || h.size(1) != output_width_)
    throw std::logic_error("the network computed outputs of shape " + c10::str(h.sizes()) + ", but its spec declares " +
                           std::to_string(output_width_) + " per row");
  return h;
}

torch::Tensor Network::predict(const torch::Tensor& x) {
  Pass pass{false, torch::Tensor()};
  return output_activation_(forward(x, false), pass);
}

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
