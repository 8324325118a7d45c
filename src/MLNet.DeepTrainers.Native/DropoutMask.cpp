#include "DropoutMask.h"

#include "ThreadSplit.h"

namespace mldt {

namespace {

// SplitMix64's output function (Steele, Lea and Flood, 2014) on the counter seed + i * its increment.
uint64_t splitmix64(uint64_t seed, uint64_t i) {
  uint64_t z = seed + (i + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

torch::Tensor dropout_mask(at::IntArrayRef sizes, double rate, uint64_t seed) {
  auto mask = torch::empty(sizes, torch::kFloat);
  float* out = mask.data_ptr<float>();
  const float scale = static_cast<float>(1.0 / (1.0 - rate));
  // Kept when a uniform 53-bit draw in [0, 1) falls below 1 - rate.
  const uint64_t threshold = static_cast<uint64_t>((1.0 - rate) * 9007199254740992.0);
  split_across_threads(mask.numel(), 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = (splitmix64(seed, i) >> 11) < threshold ? scale : 0.0f;
  });
  return mask;
}

}  // namespace mldt
