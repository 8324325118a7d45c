// Several processes training one network: libtorch's own c10d process group (Gloo on the CPU, NCCL
// for CUDA tensors when libtorch was built with it), met through a TCPStore that rank 0 serves, the
// way torchrun and cluster schedulers set processes up. Every collective waits at most the timeout
// the group was made with, so a rank that died or never came makes the others fail, not hang.
#pragma once
#include <torch/torch.h>

#include <chrono>
#include <string>
#include <vector>

namespace c10d {
class Store;
class Work;
class ProcessGroupGloo;
class ProcessGroupNCCL;
}  // namespace c10d

namespace mldt {

class ProcessGroup {
 public:
  // Joins the group: rank 0 listens on master:port, the others connect; returns once every rank came.
  // device: -1 for Gloo on the CPU, a CUDA index for NCCL (whose collectives run on that device).
  ProcessGroup(const std::string& master, int port, int world_size, int rank, std::chrono::milliseconds timeout, int device);
  ~ProcessGroup();

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Sums the tensor over every rank, in place. Tensors on another device than the group's (host
  // buffers for NCCL) are copied there and back.
  void all_reduce_sum(torch::Tensor& values);
  // Overwrites the tensor with rank 0's.
  void broadcast_from_first(torch::Tensor& values);
  // Every rank's tensor of the same shape, stacked in rank order, on the given tensor's device.
  torch::Tensor all_gather(const torch::Tensor& values);

  // Starts summing a tensor on the group's device over every rank, in place; wait() for it before
  // reading the tensor. Every rank starts its sums in the same order.
  c10::intrusive_ptr<c10d::Work> start_sum(torch::Tensor& values);
  // Waits at most the timeout for a started collective; what names it in the error.
  void wait(const std::string& what, const c10::intrusive_ptr<c10d::Work>& work);

 private:
  // Runs a collective on whichever group this is. Held by their own types: in libtorch 1.x they are
  // c10d::ProcessGroups, in 2.x c10d::Backends, with the same collective calls.
  template <typename Collective>
  c10::intrusive_ptr<c10d::Work> run(Collective&& collective);

  int rank_, size_;
  torch::Device device_;
  std::chrono::milliseconds timeout_;
  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo_;
#ifdef MLDT_WITH_NCCL
  c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl_;
#endif
};

}  // namespace mldt
