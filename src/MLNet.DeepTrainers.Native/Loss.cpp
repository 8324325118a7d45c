#include "Loss.h"

#include <stdexcept>

namespace mldt {

Loss::Loss(SpecLine& spec) : kind_(spec.kind()), delta_(kind_ == "huber" ? spec.real("delta") : 0.0) {
  if (kind_ != "mse" && kind_ != "mae" && kind_ != "huber" && kind_ != "bce_logits" && kind_ != "ce_logits" &&
      kind_ != "hinge")
    throw std::invalid_argument("unknown loss '" + kind_ + "'");
}

torch::Tensor Loss::per_example(const torch::Tensor& outputs, const torch::Tensor& targets) const {
  namespace F = torch::nn::functional;
  if (kind_ == "mse") return (outputs - targets).pow(2).mean(1);
  if (kind_ == "mae") return (outputs - targets).abs().mean(1);
  if (kind_ == "huber")
    return F::huber_loss(outputs, targets, F::HuberLossFuncOptions().reduction(torch::kNone).delta(delta_)).mean(1);
  if (kind_ == "bce_logits")
    return F::binary_cross_entropy_with_logits(outputs, targets,
                                               F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone))
        .mean(1);
  if (kind_ == "ce_logits")
    return F::cross_entropy(outputs, targets.view({-1}).to(torch::kLong),
                            F::CrossEntropyFuncOptions().reduction(torch::kNone));
  // hinge: targets are 0/1 as everywhere else here, mapped to -1/+1 as Keras does.
  return torch::clamp_min(1.0 - (2.0 * targets - 1.0) * outputs, 0.0).mean(1);
}

}  // namespace mldt
