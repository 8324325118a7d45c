// The rendezvous store rank 0 serves at MASTER_PORT, the part of torchrun's TCPStore that Gloo's
// rendezvous needs (Debian 12's Gloo predates gloo::rendezvous::TCPStore): a key-value map whose
// reads wait for the key. It also tracks each rank's heartbeat connection, so that when a collective
// fails the survivors can ask which rank exited (its connection closed), froze (went silent) or
// never joined, and name it.
#pragma once

#include "Protocol.h"
#include "Socket.h"

#include <condition_variable>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mldt {

class StoreServer {
 public:
  // Listens at the port; throws when it is taken.
  StoreServer(int port, int world_size);
  // Stops serving: waiting requests fail on the clients' side.
  ~StoreServer();
  // Returns once every rank left (its heartbeat connection closed) or went silent for longer than
  // frozen_after, or at the deadline: after a failure the other ranks may still ask which rank was at fault.
  void wait_for_ranks_to_leave(std::chrono::milliseconds frozen_after, Clock::time_point deadline);
  StoreServer(const StoreServer&) = delete;
  StoreServer& operator=(const StoreServer&) = delete;

 private:
  struct Connection {
    Socket socket;
    std::thread thread;
  };
  struct Rank {
    protocol::RankState state = protocol::never_joined;
    Clock::time_point last_heard;
  };

  void accept_loop();
  void serve(Socket& socket);
  // Answers one request; false when the connection should end.
  bool answer(Socket& socket, char request, int& heartbeat_rank);

  const int world_size_;
  Socket listener_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::map<std::string, std::vector<char>> values_;
  std::vector<Rank> ranks_;
  std::list<Connection> connections_;
  std::thread acceptor_;
};

}  // namespace mldt
