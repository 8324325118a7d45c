// A rank's second connection to rank 0's store server: a background thread says "alive" on it every
// fraction of the timeout, and after a failed collective any rank asks on it how every rank is, so
// that the error names the rank that exited (its connection closed), froze (went silent) or never
// joined. It is separate from the store's connection, whose reads may wait for a key.
#pragma once

#include "Protocol.h"
#include "Socket.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace mldt {

struct RankStatus {
  protocol::RankState state;
  std::chrono::milliseconds silent;  // Since the rank was last heard.
};

class Heartbeat {
 public:
  // Connects (trying again until the deadline while rank 0 is not listening yet), says which rank
  // this is, and starts the thread.
  Heartbeat(const std::string& host, int port, int rank, std::chrono::milliseconds interval, Clock::time_point deadline);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  // The IPv4 address this host reaches rank 0 from: where the other ranks can reach this one.
  std::string local_address() const { return socket_.local_address(); }
  // Every rank as rank 0 sees it; throws when rank 0 does not answer within the timeout.
  std::vector<RankStatus> status(std::chrono::milliseconds timeout);

 private:
  void beat();

  Socket socket_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;  // One request at a time on the socket.
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  bool broken_ = false;  // A request failed half way, so the connection no longer frames messages.
  std::thread thread_;
};

}  // namespace mldt
