// A feed-forward network built from a resolved layer spec. The managed side has already inferred
// every shape, so each line carries its full sizes and nothing here re-derives them; what libtorch
// computes is checked against the declared output width instead.
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
  // The kernels' L1 and L2 penalties (Keras's kernel_regularizer), added to the loss in training.
  torch::Tensor regularization() const;
  // Keras's MaxNorm constraint: after each step, each unit's incoming weights are scaled back to the norm.
  void apply_constraints();
  // Switches batch normalization between batch statistics (training) and running ones.
  void set_training(bool training);

  const std::vector<int64_t>& input_shape() const { return input_shape_; }
  // The number of floats in one example, and in one row of outputs.
  int64_t input_size() const { return input_size_; }
  int64_t output_width() const { return output_width_; }
  // The spec as this reader understood it, one line per spec line (see SpecLine::finish).
  const std::string& understood() const { return understood_; }
  torch::Device device() const { return device_; }
  // Parameters and float buffers (batch-norm running statistics) by PyTorch nn.Sequential name.
  std::vector<std::pair<std::string, torch::Tensor>> state() ;

 private:
  // What one forward pass carries besides the values: whether it trains, and which steps of the batch
  // are real rather than padding (set by an Embedding with mask=1, read by the layers after it;
  // undefined otherwise). Per pass, so concurrent predictions share nothing.
  struct Pass {
    bool training;
    torch::Tensor mask;
  };
  using Step = std::function<torch::Tensor(const torch::Tensor&, Pass&)>;
  struct Penalty {
    torch::Tensor weight;
    double l1, l2;
  };
  struct Constraint {
    torch::Tensor weight;
    double max_norm;
  };

  Step make_step(SpecLine& line, const std::string& name);
  Step make_dense(SpecLine& line, const std::string& name);
  Step make_conv2d(SpecLine& line, const std::string& name);
  Step make_batchnorm(SpecLine& line, const std::string& name);
  Step make_prelu(SpecLine& line, const std::string& name);
  Step make_dropout(SpecLine& line);
  Step make_embedding(SpecLine& line, const std::string& name);
  Step make_conv1d(SpecLine& line, const std::string& name);
  Step make_recurrent(SpecLine& line, const std::string& name);
  Step make_global_avgpool1d(SpecLine& line);
  static Step make_pooling1d(SpecLine& line);
  // A seed for one dropout mask, from the network's own generator.
  uint64_t next_seed();
  void add_kernel_rules(SpecLine& line, const torch::Tensor& weight);
  static Step make_pooling(SpecLine& line);
  static Step make_activation(SpecLine& line);

  std::vector<Step> steps_;
  Step output_activation_;
  std::vector<Penalty> penalties_;
  std::vector<Constraint> constraints_;
  std::vector<int64_t> input_shape_;
  int64_t input_size_ = 1;
  int64_t output_width_ = 0;
  std::string understood_;
  at::Generator generator_;
  torch::Device device_;
  bool training_ = true;
};

// Initializes a weight of shape [fan_out, fan_in, ...] in place with the named Keras initializer.
void initialize(torch::Tensor& weight, const std::string& name, at::Generator& generator);

}  // namespace mldt
