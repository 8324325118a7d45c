// Dropout's mask: each element kept with probability 1 - rate and scaled by 1 / (1 - rate).
#pragma once
#include <torch/torch.h>

#include <cstdint>

namespace mldt {

// A float mask on the CPU, 0 or 1 / (1 - rate) per element. Element i's draw depends only on the
// seed and i (SplitMix64 of seed + i), so the mask is made in parallel and is the same on any
// number of threads; the caller draws one seed per mask from the network's own generator.
torch::Tensor dropout_mask(at::IntArrayRef sizes, double rate, uint64_t seed);

}  // namespace mldt
