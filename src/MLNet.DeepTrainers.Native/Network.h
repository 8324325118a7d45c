// A feed-forward network built from a resolved layer spec. The managed side has already inferred
// every shape, so each line carries its full sizes and nothing here re-derives them.
#pragma once
#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

#include "SpecLine.h"

namespace mldt {

class Network : public torch::nn::Module {
 public:
  Network(const std::string& spec, uint64_t seed, torch::Device device);

  // Raw outputs (logits for classification): what the losses take.
  torch::Tensor forward(const torch::Tensor& x, bool training);
  // Outputs as the user sees them: the output activation applied to forward's result.
  torch::Tensor predict(const torch::Tensor& x);

  const std::vector<int64_t>& input_shape() const { return input_shape_; }
  int64_t output_width() const { return output_width_; }
  torch::Device device() const { return device_; }
  at::Generator& generator() { return generator_; }

 private:
  using Step = std::function<torch::Tensor(const torch::Tensor&, bool)>;

  void add_layer(const SpecLine& line, size_t index);
  Step make_dense(const SpecLine& line, size_t index);
  Step make_dropout(const SpecLine& line);
  static Step make_activation(const SpecLine& line);

  std::vector<Step> steps_;
  Step output_activation_;
  std::vector<int64_t> input_shape_;
  int64_t output_width_ = 0;
  at::Generator generator_;
  torch::Device device_;
};

// Initializes a weight of shape [fan_out, fan_in, ...] in place with the named Keras initializer.
void initialize(torch::Tensor& weight, const std::string& name, at::Generator& generator);

}  // namespace mldt
