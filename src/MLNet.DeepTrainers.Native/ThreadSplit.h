// Work split across libtorch's intra-op thread pool in chunks big enough to pay for a hand-off.
#pragma once
#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>

namespace mldt {

// Below this many multiply-adds (or element updates) a chunk is not worth a thread's wake-up,
// a few microseconds: small networks stay on the calling thread.
constexpr int64_t kMinWorkPerChunk = 1 << 16;

// Calls body(begin, end) on chunks of [0, count) across the pool, each chunk at least
// kMinWorkPerChunk / work_per_item items. Needs the shim built with OpenMP, as libtorch is.
template <typename Body>
void split_across_threads(int64_t count, int64_t work_per_item, const Body& body) {
  int64_t grain = std::max<int64_t>(1, kMinWorkPerChunk / std::max<int64_t>(1, work_per_item));
  at::parallel_for(0, count, grain, body);
}

}  // namespace mldt
