#include "MaxPooling.h"

#include "ThreadSplit.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace mldt {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

struct Window {
  int64_t kh, kw, sh, sw;
};

// One plane (an image's channel): every output's maximum and the position of its input in the plane.
// The loops run over an output row for each window offset so that ow, the inner index, is the one
// the compiler vectorises; "take" has no branch.
__attribute__((target_clones("avx512f", "avx2", "default")))
void pool_plane(const float* __restrict in, int64_t width, float* __restrict out, int32_t* __restrict where, int64_t out_height,
                int64_t out_width, Window w) {
  for (int64_t oh = 0; oh < out_height; ++oh) {
    float* best = out + oh * out_width;
    int32_t* at = where + oh * out_width;
    const int64_t top = oh * w.sh;
    for (int64_t ow = 0; ow < out_width; ++ow) {
      best[ow] = in[top * width + ow * w.sw];
      at[ow] = static_cast<int32_t>(top * width + ow * w.sw);
    }
    for (int64_t i = 0; i < w.kh; ++i) {
      for (int64_t j = (i == 0 ? 1 : 0); j < w.kw; ++j) {
        const int64_t offset = (top + i) * width + j;
        const float* row = in + offset;
        for (int64_t ow = 0; ow < out_width; ++ow) {
          const float v = row[ow * w.sw];
          const bool take = v > best[ow] || v != v;
          best[ow] = take ? v : best[ow];
          at[ow] = take ? static_cast<int32_t>(offset + ow * w.sw) : at[ow];
        }
      }
    }
  }
}

struct MaxPool : torch::autograd::Function<MaxPool> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, int64_t kh, int64_t kw, int64_t sh, int64_t sw) {
    const int64_t planes = x.size(0) * x.size(1), height = x.size(2), width = x.size(3);
    const int64_t out_height = (height - kh) / sh + 1, out_width = (width - kw) / sw + 1;
    auto out = x.new_empty({x.size(0), x.size(1), out_height, out_width});
    auto where = torch::empty(out.sizes(), x.options().dtype(torch::kInt32));
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    int32_t* at = where.data_ptr<int32_t>();
    const Window window{kh, kw, sh, sw};
    split_across_threads(planes, out_height * out_width * kh * kw, [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p)
        pool_plane(in + p * height * width, width, o + p * out_height * out_width, at + p * out_height * out_width,
                   out_height, out_width, window);
    });
    ctx->save_for_backward({where});
    ctx->saved_data["height"] = height;
    ctx->saved_data["width"] = width;
    return out;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list outputs) {
    auto where = ctx->get_saved_variables()[0];
    auto grad = outputs[0].contiguous();
    const int64_t height = ctx->saved_data["height"].toInt(), width = ctx->saved_data["width"].toInt();
    const int64_t planes = grad.size(0) * grad.size(1), outputs_per_plane = grad.size(2) * grad.size(3);
    auto grad_x = torch::zeros({grad.size(0), grad.size(1), height, width}, grad.options());
    const float* g = grad.data_ptr<float>();
    const int32_t* at = where.data_ptr<int32_t>();
    float* gx = grad_x.data_ptr<float>();
    // Overlapping windows can route several outputs to one input: their gradients add up.
    split_across_threads(planes, outputs_per_plane, [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        float* plane = gx + p * height * width;
        for (int64_t i = p * outputs_per_plane; i < (p + 1) * outputs_per_plane; ++i) plane[at[i]] += g[i];
      }
    });
    return {grad_x, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor max_pool2d(const torch::Tensor& x, const std::vector<int64_t>& kernel, const std::vector<int64_t>& stride) {
  if (!x.is_cpu() || x.scalar_type() != torch::kFloat32 || x.dim() != 4 || x.size(2) * x.size(3) > INT32_MAX)
    return torch::nn::functional::max_pool2d(x, torch::nn::functional::MaxPool2dFuncOptions(kernel).stride(stride));
  // The architecture checks shapes before the shim sees them; this keeps a window inside its plane regardless.
  if (x.size(2) < kernel[0] || x.size(3) < kernel[1])
    throw std::invalid_argument("max pooling: the " + std::to_string(kernel[0]) + "x" + std::to_string(kernel[1]) +
                                " window is larger than its " + std::to_string(x.size(2)) + "x" + std::to_string(x.size(3)) + " input");
  return MaxPool::apply(x.contiguous(), kernel[0], kernel[1], stride[0], stride[1]);
}

}  // namespace mldt
