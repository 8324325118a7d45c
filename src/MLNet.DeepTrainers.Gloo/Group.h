// One rank of a group of processes summing and sharing float buffers over Gloo's TCP transport.
// Rank 0 serves the rendezvous store (StoreServer) at MASTER_PORT; every rank meets the others
// through it, then talks to each directly. Every call waits at most the timeout; a failure names the
// rank at fault when rank 0's server can tell (Heartbeat), and leaves the group unusable.
#pragma once

#include "Heartbeat.h"
#include "StoreServer.h"

#include <gloo/context.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace mldt {

// The C ABI's error codes (Api.h).
enum class ErrorCode : int { invalid_argument = 1, rendezvous_failed = 2, collective_failed = 3, group_failed = 4 };

struct GroupError : std::runtime_error {
  GroupError(ErrorCode code, const std::string& message) : std::runtime_error(message), code(code) {}
  ErrorCode code;
};

class Group {
 public:
  Group(const std::string& master, int port, int world_size, int rank, std::chrono::milliseconds timeout);
  ~Group();

  void all_reduce_sum(float* values, size_t count);
  void broadcast(float* values, size_t count, int root);
  void barrier();

 private:
  // Runs a collective, turning Gloo's failure into a GroupError that names the rank at fault.
  template <typename Collective>
  void run(const std::string& what, Collective&& collective);
  [[noreturn]] void fail(ErrorCode code, const std::string& what, const std::string& detail);
  // Why the group failed, as rank 0's server sees the ranks.
  std::string diagnose();
  // On rank 0 after a failure: the others may fail later (at their own timeout) and then ask its
  // server which rank was at fault, so it serves them until they left or could no longer be asking.
  void serve_after_failure();
  // How long a rank's heartbeat is silent before it counts as frozen.
  std::chrono::milliseconds frozen_after() const;
  // How long a failed rank asks rank 0 which rank is at fault before concluding none is.
  std::chrono::milliseconds patience() const;

  const std::string master_;
  const int port_, world_size_, rank_;
  const std::chrono::milliseconds timeout_;
  std::unique_ptr<StoreServer> server_;  // Rank 0 only.
  std::unique_ptr<Heartbeat> heartbeat_;
  std::shared_ptr<gloo::Context> context_;
  uint32_t tag_ = 0;
  bool failed_ = false;
};

}  // namespace mldt
