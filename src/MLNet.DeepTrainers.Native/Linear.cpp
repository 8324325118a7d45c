#include "Linear.h"

#include "ThreadSplit.h"

namespace mldt {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

// out = a b, with the rows of a and out split across the threads; each chunk is one BLAS call.
void split_mm(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b) {
  split_across_threads(a.size(0), a.size(1) * b.size(1), [&](int64_t begin, int64_t end) {
    // The pool's threads do not inherit the caller's autograd state: this product is not recorded.
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    auto rows = out.narrow(0, begin, end - begin);
    at::mm_out(rows, a.narrow(0, begin, end - begin), b);
  });
}

// x W^T with its backward pass; the bias is added outside, where autograd sums its gradient.
struct SplitProduct : torch::autograd::Function<SplitProduct> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight) {
    ctx->save_for_backward({x, weight});
    auto out = x.new_empty({x.size(0), weight.size(0)});
    split_mm(out, x, weight.t());
    return out;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list outputs) {
    auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1];
    auto grad = outputs[0].contiguous();
    torch::Tensor grad_x, grad_weight;
    if (ctx->needs_input_grad(0)) {
      grad_x = x.new_empty(x.sizes());
      split_mm(grad_x, grad, weight);
    }
    if (ctx->needs_input_grad(1)) {
      // dW = grad^T x: the rows of dW are the columns of grad.
      grad_weight = weight.new_empty(weight.sizes());
      split_mm(grad_weight, grad.t(), x);
    }
    return {grad_x, grad_weight};
  }
};

}  // namespace

torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) {
  if (!x.is_cpu() || x.dim() != 2) return torch::linear(x, weight, bias);
  auto product = SplitProduct::apply(x.contiguous(), weight);
  return bias.defined() ? product + bias : product;
}

}  // namespace mldt
