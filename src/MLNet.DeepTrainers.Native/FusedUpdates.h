// One optimizer step over a run of a weight's elements: the update rules of torch.optim (SGD,
// RMSprop, Adam/AdamW, Adagrad) written as single loops, in float as PyTorch computes them.
#pragma once
#include <cstdint>

namespace mldt {

// A run of one weight: its values, its gradient and up to three state buffers of the same length.
struct UpdateRun {
  float* weight;
  const float* grad;
  float* state[3];
  int64_t length;
};

struct SgdRule {
  float lr, momentum;
  bool nesterov, first_step;  // state[0]: the momentum buffer (when momentum > 0)
};
struct RmsPropRule {
  float lr, alpha, eps, momentum;
  bool centered;  // state[0]: mean square, state[1]: momentum buffer, state[2]: mean gradient
};
struct AdamRule {
  float step_size, beta1, beta2, bias_correction2_sqrt, eps, decay;  // decay: AdamW's 1 - lr * weight_decay
  bool amsgrad;  // state[0]: first moment, state[1]: second moment, state[2]: its running maximum
};
struct AdagradRule {
  float lr, eps;  // state[0]: sum of squared gradients
};

void update(const UpdateRun& run, const SgdRule& rule);
void update(const UpdateRun& run, const RmsPropRule& rule);
void update(const UpdateRun& run, const AdamRule& rule);
void update(const UpdateRun& run, const AdagradRule& rule);

}  // namespace mldt
