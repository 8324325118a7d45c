#include "FusedUpdates.h"

#include <algorithm>
#include <cmath>

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

// Each loop is compiled for AVX-512, AVX2 and plain x86-64, and the best the CPU has is picked when
// the library loads. CMakeLists.txt builds this file with -O3 -fno-math-errno (so the square roots
// vectorize) and -ffp-contract=off (each product and sum rounded as written: the order of
// operations is torch.optim's, e.g. addcdiv's w + (value * a) / b).
#if defined(__x86_64__)
#define MLDT_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MLDT_VECTOR_CLONES
#endif

namespace mldt {

namespace {

// A weight whose gradient is exactly zero step after step (a ReLU unit that never fires) decays
// Adam's and RMSprop's averages geometrically into subnormal floats, where each vector operation
// takes a microcode assist: steps ran three to five times slower once they appeared. Within the
// loops subnormals are taken and made as zero (PyTorch's torch.set_flush_denormal(True), for
// this code only); below 1.2e-38 nothing an update computes changes otherwise.
class FlushSubnormals {
 public:
#if defined(__x86_64__)
  FlushSubnormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | kFlushToZero | kSubnormalsAreZero); }
  ~FlushSubnormals() { _mm_setcsr(saved_); }

 private:
  static constexpr unsigned kFlushToZero = 0x8000, kSubnormalsAreZero = 0x0040;
  unsigned saved_;
#endif
};

}  // namespace

MLDT_VECTOR_CLONES void update(const UpdateRun& run, const SgdRule& rule) {
  FlushSubnormals flush;
  float* __restrict w = run.weight;
  const float* __restrict g = run.grad;
  float* __restrict buffer = run.state[0];
  if (rule.momentum == 0.0f) {
    for (int64_t i = 0; i < run.length; ++i) w[i] = w[i] + -rule.lr * g[i];
    return;
  }
  for (int64_t i = 0; i < run.length; ++i) {
    // torch.optim.SGD: the buffer starts as the first gradient.
    float b = rule.first_step ? g[i] : buffer[i] * rule.momentum + g[i];
    buffer[i] = b;
    float direction = rule.nesterov ? g[i] + rule.momentum * b : b;
    w[i] = w[i] + -rule.lr * direction;
  }
}

MLDT_VECTOR_CLONES void update(const UpdateRun& run, const RmsPropRule& rule) {
  FlushSubnormals flush;
  float* __restrict w = run.weight;
  const float* __restrict g = run.grad;
  float* __restrict square = run.state[0];
  float* __restrict buffer = run.state[1];
  float* __restrict mean = run.state[2];
  const float rest = 1.0f - rule.alpha;
  for (int64_t i = 0; i < run.length; ++i) {
    float s = square[i] * rule.alpha + rest * g[i] * g[i];
    square[i] = s;
    float average;
    if (rule.centered) {
      float m = mean[i] * rule.alpha + g[i] * rest;
      mean[i] = m;
      average = std::sqrt(s + -1.0f * m * m) + rule.eps;
    } else {
      average = std::sqrt(s) + rule.eps;
    }
    if (rule.momentum > 0.0f) {
      float b = buffer[i] * rule.momentum + g[i] / average;
      buffer[i] = b;
      w[i] = w[i] + -rule.lr * b;
    } else {
      w[i] = w[i] + -rule.lr * g[i] / average;
    }
  }
}

MLDT_VECTOR_CLONES void update(const UpdateRun& run, const AdamRule& rule) {
  FlushSubnormals flush;
  float* __restrict w = run.weight;
  const float* __restrict g = run.grad;
  float* __restrict first = run.state[0];
  float* __restrict second = run.state[1];
  float* __restrict peak = run.state[2];
  const float rest1 = 1.0f - rule.beta1, rest2 = 1.0f - rule.beta2;
  for (int64_t i = 0; i < run.length; ++i) {
    float m = first[i] * rule.beta1 + g[i] * rest1;
    float v = second[i] * rule.beta2 + rest2 * g[i] * g[i];
    first[i] = m;
    second[i] = v;
    if (rule.amsgrad) {
      v = std::max(peak[i], v);
      peak[i] = v;
    }
    float denominator = std::sqrt(v) / rule.bias_correction2_sqrt + rule.eps;
    w[i] = w[i] * rule.decay + -rule.step_size * m / denominator;
  }
}

MLDT_VECTOR_CLONES void update(const UpdateRun& run, const AdagradRule& rule) {
  FlushSubnormals flush;
  float* __restrict w = run.weight;
  const float* __restrict g = run.grad;
  float* __restrict sum = run.state[0];
  for (int64_t i = 0; i < run.length; ++i) {
    float s = sum[i] + g[i] * g[i];
    sum[i] = s;
    w[i] = w[i] + -rule.lr * g[i] / (std::sqrt(s) + rule.eps);
  }
}

}  // namespace mldt
