// Data-parallel gradient sums overlapped with the backward pass, the way PyTorch's
// DistributedDataParallel does it. The trained parameters, in reverse order (the order backward
// produces their gradients), are cut into buckets: the first up to 1 MiB, the others up to 25 MiB
// (DDP's defaults). A hook on each parameter copies its gradient into its bucket, and a bucket whose
// gradients are all in starts its all-reduce while backward goes on with the layers before. Buckets
// start in index order on every rank, since collectives must be called in the same order everywhere;
// the last one also carries the step's loss and stop flag, so a step costs no other exchange.
//
// libtorch has its own c10d::Reducer, but it is internal to PyTorch's Python binding (its constructor
// takes a c10d::ProcessGroup, which libtorch 2.x builds differently from 1.x, and a logger); this
// shim's buckets work with the Gloo and NCCL groups of either version.
#pragma once
#include <torch/torch.h>

#include <mutex>
#include <utility>
#include <vector>

namespace c10d {
class Work;
}  // namespace c10d

namespace mldt {

class ProcessGroup;

class GradientBuckets {
 public:
  GradientBuckets(std::vector<torch::Tensor> parameters, ProcessGroup& group);
  ~GradientBuckets();
  GradientBuckets(const GradientBuckets&) = delete;
  GradientBuckets& operator=(const GradientBuckets&) = delete;

  const ProcessGroup& group() const { return group_; }

  // Starts a step: empty buckets, and this rank's share of the loss and its stop flag in the tail.
  void begin(float loss_share, bool stop);
  // After backward, or in its place on a rank with no rows: starts the buckets not yet started (a
  // parameter without a gradient adds zeros), waits for all, and points every parameter's gradient at
  // its sum over the ranks. Returns the step's loss and whether any rank asked to stop.
  std::pair<float, bool> finish();

 private:
  struct Slot {
    size_t bucket;
    int64_t offset;
  };

  void arrived(size_t parameter, const torch::Tensor& gradient);
  // Both under mutex_: starts, in index order, every bucket whose gradients are all in.
  void start_complete_buckets();
  void start(size_t bucket);

  ProcessGroup& group_;
  std::vector<torch::Tensor> parameters_;
  std::vector<Slot> slots_;
  std::vector<int64_t> bucket_sizes_;    // values, the tail's two included in the last
  std::vector<size_t> bucket_members_;   // parameters in each bucket
  std::vector<unsigned> hooks_;
  std::mutex mutex_;
  bool active_ = false;
  std::vector<torch::Tensor> buckets_;
  std::vector<size_t> missing_;          // gradients not yet in, per bucket
  std::vector<bool> arrived_;            // per parameter, this step
  std::vector<c10::intrusive_ptr<c10d::Work>> started_;
};

}  // namespace mldt
