#include "ProcessGroup.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef MLDT_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace mldt {

namespace {

// Gloo's transport: the interface GLOO_SOCKET_IFNAME names (as PyTorch reads it), else the address
// this host's name resolves to (loopback when it resolves to nothing better).
std::shared_ptr<::gloo::transport::Device> gloo_device() {
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

ProcessGroup::ProcessGroup(const std::string& master, int port, int world_size, int rank, std::chrono::milliseconds timeout, int device)
    : rank_(rank), size_(world_size), device_(device < 0 ? torch::Device(torch::kCPU) : torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device))), timeout_(timeout) {
  if (world_size < 1 || rank < 0 || rank >= world_size)
    throw std::invalid_argument("rank " + std::to_string(rank) + " is not within a world of " + std::to_string(world_size));
  if (port < 1 || port > 65535) throw std::invalid_argument("the port " + std::to_string(port) + " is not from 1 to 65535");
  c10d::TCPStoreOptions options;
  options.port = static_cast<std::uint16_t>(port);
  options.isServer = rank == 0;
  options.numWorkers = world_size;
  options.waitWorkers = false; // Gloo's rendezvous below waits for every rank, within the same timeout
  options.timeout = timeout;
  store_ = c10::make_intrusive<c10d::TCPStore>(master, options);
  if (device_.is_cuda()) {
#ifdef MLDT_WITH_NCCL
    auto nccl = c10d::ProcessGroupNCCL::Options::create();
    nccl->timeout = timeout;
    nccl_ = c10::make_intrusive<c10d::ProcessGroupNCCL>(store_, rank, world_size, nccl);
    return;
#else
    throw std::invalid_argument("this libtorch has no NCCL, so a CUDA network cannot train on several processes; build the shim against a CUDA libtorch");
#endif
  }
  auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
  gloo->devices.push_back(gloo_device());
  gloo->threads = 2;
  gloo_ = c10::make_intrusive<c10d::ProcessGroupGloo>(store_, rank, world_size, gloo);
}

ProcessGroup::~ProcessGroup() = default;

template <typename Collective>
c10::intrusive_ptr<c10d::Work> ProcessGroup::run(Collective&& collective) {
#ifdef MLDT_WITH_NCCL
  if (nccl_) return collective(*nccl_);
#endif
  return collective(*gloo_);
}

void ProcessGroup::wait(const std::string& what, const c10::intrusive_ptr<c10d::Work>& work) {
  auto fail = [&](const char* reason) {
    std::ostringstream message;
    message << what << " across the " << size_ << " training processes failed on rank " << rank_
            << " (another rank stopped, failed or took longer than the timeout of " << timeout_.count() / 1000.0 << " s): " << reason;
    throw std::runtime_error(message.str());
  };
  try {
    work->wait(timeout_);
  } catch (const c10::Error& e) {
    fail(e.what_without_backtrace());
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

void ProcessGroup::all_reduce_sum(torch::Tensor& values) {
  auto on_device = values.to(device_);
  wait("summing values", start_sum(on_device));
  if (!on_device.is_same(values)) values.copy_(on_device);
}

c10::intrusive_ptr<c10d::Work> ProcessGroup::start_sum(torch::Tensor& values) {
  std::vector<torch::Tensor> tensors{values};
  return run([&](auto& group) { return group.allreduce(tensors); });
}

void ProcessGroup::broadcast_from_first(torch::Tensor& values) {
  std::vector<torch::Tensor> tensors{values};
  c10d::BroadcastOptions options;
  options.rootRank = 0;
  wait("sending rank 0's values", run([&](auto& group) { return group.broadcast(tensors, options); }));
}

torch::Tensor ProcessGroup::all_gather(const torch::Tensor& values) {
  std::vector<torch::Tensor> inputs{values.to(device_).contiguous()};
  std::vector<std::vector<torch::Tensor>> outputs(1);
  for (int r = 0; r < size_; ++r) outputs[0].push_back(torch::empty_like(inputs[0]));
  wait("gathering values", run([&](auto& group) { return group.allgather(outputs, inputs); }));
  return torch::stack(outputs[0]).to(values.device());
}

}  // namespace mldt
