#include "GradientBuckets.h"

#include <torch/csrc/distributed/c10d/Work.hpp>

#include <stdexcept>

#include "ProcessGroup.h"

namespace mldt {

namespace {

constexpr int64_t kFirstBucketBytes = int64_t{1} << 20;
constexpr int64_t kBucketBytes = int64_t{25} << 20;
constexpr int64_t kTail = 2;  // the loss share and the stop flag, at the end of the last bucket

}  // namespace

GradientBuckets::GradientBuckets(std::vector<torch::Tensor> parameters, ProcessGroup& group)
    : group_(group), parameters_(std::move(parameters)), slots_(parameters_.size()) {
  int64_t filled = 0;  // bytes in the bucket being filled
  for (size_t i = parameters_.size(); i-- > 0;) {
    const auto& p = parameters_[i];
    int64_t cap = bucket_sizes_.size() <= 1 ? kFirstBucketBytes : kBucketBytes;
    if (bucket_sizes_.empty() || filled >= cap) {
      bucket_sizes_.push_back(0);
      bucket_members_.push_back(0);
      filled = 0;
    }
    slots_[i] = {bucket_sizes_.size() - 1, bucket_sizes_.back()};
    bucket_sizes_.back() += p.numel();
    bucket_members_.back() += 1;
    filled += p.numel() * static_cast<int64_t>(p.element_size());
  }
  if (bucket_sizes_.empty()) {
    bucket_sizes_.push_back(0);
    bucket_members_.push_back(0);
  }
  bucket_sizes_.back() += kTail;
  for (size_t i = 0; i < parameters_.size(); ++i)
    hooks_.push_back(parameters_[i].register_hook([this, i](const torch::Tensor& gradient) { arrived(i, gradient); }));
}

GradientBuckets::~GradientBuckets() {
  for (size_t i = 0; i < hooks_.size(); ++i) parameters_[i].remove_hook(hooks_[i]);
}

void GradientBuckets::begin(float loss_share, bool stop) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto options = parameters_.empty() ? torch::TensorOptions().dtype(torch::kFloat) : parameters_.front().options();
  // Fresh buckets every step: the last step's gradients still point into the old ones, and the
  // optimizer's zero_grad writes there.
  buckets_.clear();
  for (auto size : bucket_sizes_) buckets_.push_back(torch::zeros({size}, options.requires_grad(false)));
  buckets_.back().narrow(0, bucket_sizes_.back() - kTail, kTail).copy_(torch::tensor({loss_share, stop ? 1.0f : 0.0f}));
  missing_ = bucket_members_;
  arrived_.assign(parameters_.size(), false);
  started_.clear();
  active_ = true;
  start_complete_buckets();
}

void GradientBuckets::arrived(size_t parameter, const torch::Tensor& gradient) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!active_) return;
  // libtorch calls a leaf's hook once per backward, with its gradient summed over every use; a second
  // call would land in a bucket that may already be on its way.
  if (arrived_[parameter]) throw std::logic_error("a parameter's gradient arrived twice in one backward pass");
  arrived_[parameter] = true;
  auto [bucket, offset] = slots_[parameter];
  buckets_[bucket].narrow(0, offset, gradient.numel()).copy_(gradient.reshape({-1}));
  --missing_[bucket];
  start_complete_buckets();
}

void GradientBuckets::start_complete_buckets() {
  while (started_.size() < buckets_.size() && missing_[started_.size()] == 0) start(started_.size());
}

void GradientBuckets::start(size_t bucket) { started_.push_back(group_.start_sum(buckets_[bucket])); }

std::pair<float, bool> GradientBuckets::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!active_) throw std::logic_error("finish without begin");
    active_ = false;
    while (started_.size() < buckets_.size()) start(started_.size());
  }
  for (auto& work : started_) group_.wait("summing the gradients", work);
  auto tail = buckets_.back().narrow(0, bucket_sizes_.back() - kTail, kTail).to(torch::kCPU);
  float loss = tail[0].item<float>();
  bool stopped = tail[1].item<float>() > 0;
  if (!stopped) {
    for (size_t i = 0; i < parameters_.size(); ++i) {
      auto& p = parameters_[i];
      p.mutable_grad() = buckets_[slots_[i].bucket].narrow(0, slots_[i].offset, p.numel()).view_as(p);
    }
  }
  return {loss, stopped};
}

}  // namespace mldt
