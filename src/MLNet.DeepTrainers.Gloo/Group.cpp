#include "Group.h"

#include "StoreClient.h"

#include <gloo/allreduce.h>
#include <gloo/barrier.h>
#include <gloo/broadcast.h>
#include <gloo/math.h>
#include <gloo/rendezvous/context.h>
#include <gloo/transport/tcp/device.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace mldt {

namespace {

std::string seconds(std::chrono::milliseconds duration) {
  std::ostringstream text;
  text << duration.count() / 1000.0 << " s";
  return text.str();
}

// Gloo's transport: the interface GLOO_SOCKET_IFNAME names (as PyTorch reads it), else the address
// this host reaches rank 0 from, which the other ranks can reach too (loopback when all are local).
std::shared_ptr<gloo::transport::Device> device_for(const Heartbeat& heartbeat) {
  gloo::transport::tcp::attr attributes;
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
    attributes.iface = interface;
  else
    attributes.hostname = heartbeat.local_address();
  return gloo::transport::tcp::CreateDevice(attributes);
}

}  // namespace

Group::Group(const std::string& master, int port, int world_size, int rank, std::chrono::milliseconds timeout)
    : master_(master), port_(port), world_size_(world_size), rank_(rank), timeout_(timeout) {
  if (world_size < 1) throw GroupError(ErrorCode::invalid_argument, "the world size is " + std::to_string(world_size) + "; it must be 1 or more (WORLD_SIZE)");
  if (rank < 0 || rank >= world_size)
    throw GroupError(ErrorCode::invalid_argument, "the rank " + std::to_string(rank) + " is not from 0 to " + std::to_string(world_size - 1) + " (RANK, WORLD_SIZE)");
  if (port < 1 || port > 65535) throw GroupError(ErrorCode::invalid_argument, "the port " + std::to_string(port) + " is not from 1 to 65535 (MASTER_PORT)");
  if (timeout.count() <= 0) throw GroupError(ErrorCode::invalid_argument, "the timeout must be positive");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  if (rank == 0) {
    try {
      server_ = std::make_unique<StoreServer>(port, world_size);
    } catch (const std::exception& e) {
      fail(ErrorCode::rendezvous_failed, "serving the rendezvous", std::string(e.what()) + "; set MASTER_PORT to a free port");
    }
  }
  // Heard at least every fifth of the timeout, so a rank silent for half of it (frozen_after) is frozen, not slow.
  auto interval = std::clamp(timeout / 5, std::chrono::milliseconds(20), std::chrono::milliseconds(1000));
  std::unique_ptr<StoreClient> store;
  try {
    heartbeat_ = std::make_unique<Heartbeat>(master, port, rank, interval, deadline);
    store = std::make_unique<StoreClient>(master, port, timeout, deadline);
  } catch (const std::exception& e) {
    fail(ErrorCode::rendezvous_failed, "reaching rank 0",
         std::string(e.what()) + " within the timeout of " + seconds(timeout) + ": start rank 0, or check MASTER_ADDR and MASTER_PORT");
  }
  try {
    auto context = std::make_shared<gloo::rendezvous::Context>(rank, world_size);
    context->setTimeout(timeout);
    auto device = device_for(*heartbeat_);
    context->connectFullMesh(*store, device);
    context_ = context;
  } catch (const std::exception& e) {
    std::string detail = diagnose() + " (" + e.what() + ")";
    serve_after_failure();
    fail(ErrorCode::rendezvous_failed, "meeting the other ranks", detail);
  }
}

Group::~Group() {
  if (failed_) serve_after_failure();
}

void Group::serve_after_failure() {
  if (!server_) return;
  context_.reset();
  heartbeat_.reset();
  server_->wait_for_ranks_to_leave(frozen_after(), Clock::now() + timeout_ + patience());
}

std::chrono::milliseconds Group::frozen_after() const { return timeout_ / 2; }

std::chrono::milliseconds Group::patience() const { return std::min(timeout_ / 2, std::chrono::milliseconds(2000)); }

template <typename Collective>
void Group::run(const std::string& what, Collective&& collective) {
  if (failed_) throw GroupError(ErrorCode::group_failed, "rank " + std::to_string(rank_) + "'s group already failed: it cannot be used again");
  try {
    collective(tag_++);
  } catch (const std::exception& e) {
    fail(ErrorCode::collective_failed, what, diagnose() + " (Gloo: " + e.what() + ")");
  }
}

void Group::all_reduce_sum(float* values, size_t count) {
  if (count == 0) return;
  run("summing " + std::to_string(count) + " values", [&](uint32_t tag) {
    gloo::AllreduceOptions options(context_);
    options.setOutput(values, count);
    options.setReduceFunction(static_cast<void (*)(void*, const void*, const void*, size_t)>(&gloo::sum<float>));
    options.setTag(tag);
    gloo::allreduce(options);
  });
}

void Group::broadcast(float* values, size_t count, int root) {
  if (root < 0 || root >= world_size_)
    throw GroupError(ErrorCode::invalid_argument, "the root rank " + std::to_string(root) + " is not from 0 to " + std::to_string(world_size_ - 1));
  if (count == 0) return;
  run("sending rank " + std::to_string(root) + "'s " + std::to_string(count) + " values", [&](uint32_t tag) {
    gloo::BroadcastOptions options(context_);
    options.setOutput(values, count);
    options.setRoot(root);
    options.setTag(tag);
    gloo::broadcast(options);
  });
}

void Group::barrier() {
  run("waiting for every rank at a barrier", [&](uint32_t tag) {
    gloo::BarrierOptions options(context_);
    options.setTag(tag);
    gloo::barrier(options);
  });
}

void Group::fail(ErrorCode code, const std::string& what, const std::string& detail) {
  failed_ = true;
  std::ostringstream message;
  message << what << " failed on rank " << rank_ << " of " << world_size_ << " (rendezvous at " << master_ << ":" << port_ << ", timeout "
          << seconds(timeout_) << "): " << detail;
  throw GroupError(code, message.str());
}

std::string Group::diagnose() {
  if (!heartbeat_) return "rank 0 could not be reached";
  // A rank that just exited may have broken a connection to this one before rank 0's server saw its
  // heartbeat connection close: ask again for a moment before concluding that no rank is at fault.
  auto until = Clock::now() + patience();
  for (;;) {
    std::vector<RankStatus> ranks;
    try {
      ranks = heartbeat_->status(patience());
    } catch (const std::exception&) {
      return "rank 0, which serves the rendezvous, does not answer: it exited, froze or cannot be reached";
    }
    std::string faults;
    auto add = [&](size_t r, const std::string& what) { faults += (faults.empty() ? "rank " : "; rank ") + std::to_string(r) + " " + what; };
    for (size_t r = 0; r < ranks.size(); ++r) {
      if (ranks[r].state == protocol::exited)
        add(r, "exited");
      else if (ranks[r].state == protocol::never_joined)
        add(r, "never joined (start it, or check WORLD_SIZE)");
      else if (ranks[r].silent > frozen_after())
        add(r, "is frozen or unreachable (silent for " + seconds(ranks[r].silent) + ")");
    }
    if (!faults.empty()) return faults;
    if (Clock::now() >= until)
      return "every rank is alive: one took longer than the timeout (raise it), or the network between ranks failed";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace mldt
