#include "StoreServer.h"

#include <algorithm>
#include <stdexcept>

namespace mldt {

namespace {
// The server waits on its clients without a deadline: a client that went away closes its connection.
constexpr auto no_deadline = Clock::time_point::max();
}  // namespace

StoreServer::StoreServer(int port, int world_size)
    : world_size_(world_size), listener_(listen_on(port)), ranks_(static_cast<size_t>(world_size)) {
  acceptor_ = std::thread([this] { accept_loop(); });
}

StoreServer::~StoreServer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    listener_.shut_down();
    for (auto& connection : connections_) connection.socket.shut_down();
  }
  changed_.notify_all();
  acceptor_.join();
  // No connection is added once the acceptor stopped, so the list is read without the lock.
  for (auto& connection : connections_) connection.thread.join();
}

void StoreServer::accept_loop() {
  for (;;) {
    Socket socket = accept_from(listener_);
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || socket.fd() < 0) return;
    connections_.push_back(Connection{std::move(socket), std::thread()});
    Connection& added = connections_.back();
    added.thread = std::thread([this, &added] { serve(added.socket); });
  }
}

void StoreServer::serve(Socket& socket) {
  int heartbeat_rank = -1;
  try {
    char request = 0;
    for (;;) {
      socket.receive_all(&request, 1, no_deadline);
      if (!answer(socket, request, heartbeat_rank)) break;
    }
  } catch (const std::exception&) {
    // The client closed its connection (it exited, or its group was destroyed) or the server stops.
  }
  if (heartbeat_rank >= 0) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ranks_[static_cast<size_t>(heartbeat_rank)].state = protocol::exited;
    }
    changed_.notify_all();
  }
}

void StoreServer::wait_for_ranks_to_leave(std::chrono::milliseconds frozen_after, Clock::time_point deadline) {
  auto gone = [&](const Rank& rank) { return rank.state != protocol::alive || Clock::now() - rank.last_heard > frozen_after; };
  std::unique_lock<std::mutex> lock(mutex_);
  // A rank freezes without a notification, so the ranks are looked at again every tenth of a second.
  while (!std::all_of(ranks_.begin(), ranks_.end(), gone) && Clock::now() < deadline)
    changed_.wait_for(lock, std::chrono::milliseconds(100));
}

bool StoreServer::answer(Socket& socket, char request, int& heartbeat_rank) {
  switch (request) {
    case protocol::hello: {
      uint32_t rank = socket.receive_u32(no_deadline);
      if (rank >= static_cast<uint32_t>(world_size_)) return false;
      std::lock_guard<std::mutex> lock(mutex_);
      heartbeat_rank = static_cast<int>(rank);
      ranks_[rank] = Rank{protocol::alive, Clock::now()};
      return true;
    }
    case protocol::ping: {
      std::lock_guard<std::mutex> lock(mutex_);
      if (heartbeat_rank >= 0) ranks_[static_cast<size_t>(heartbeat_rank)].last_heard = Clock::now();
      return true;
    }
    case protocol::set: {
      auto key = socket.receive_bytes(no_deadline);
      auto value = socket.receive_bytes(no_deadline);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        values_[std::string(key.begin(), key.end())] = std::move(value);
      }
      changed_.notify_all();
      return true;
    }
    case protocol::get: {
      auto bytes = socket.receive_bytes(no_deadline);
      std::string key(bytes.begin(), bytes.end());
      std::vector<char> value;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || values_.count(key) > 0; });
        if (stopping_) return false;
        value = values_[key];
      }
      socket.send_bytes(value, no_deadline);
      return true;
    }
    case protocol::status: {
      std::vector<char> answer;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = Clock::now();
        for (const Rank& rank : ranks_) {
          auto silent_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - rank.last_heard).count();
          uint32_t silent = rank.state == protocol::never_joined ? 0 : static_cast<uint32_t>(std::min<long long>(silent_ms, UINT32_MAX));
          answer.push_back(static_cast<char>(rank.state));
          for (int shift = 24; shift >= 0; shift -= 8) answer.push_back(static_cast<char>((silent >> shift) & 0xff));
        }
      }
      socket.send_u32(static_cast<uint32_t>(world_size_), no_deadline);
      socket.send_all(answer.data(), answer.size(), no_deadline);
      return true;
    }
    default:
      return false;  // Not a client of this library: drop it.
  }
}

}  // namespace mldt
