#include "Heartbeat.h"

#include <stdexcept>

namespace mldt {

Heartbeat::Heartbeat(const std::string& host, int port, int rank, std::chrono::milliseconds interval, Clock::time_point deadline)
    : socket_(connect_to(host, port, deadline)), interval_(interval) {
  socket_.send_all(&protocol::hello, 1, deadline);
  socket_.send_u32(static_cast<uint32_t>(rank), deadline);
  thread_ = std::thread([this] { beat(); });
}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  thread_.join();
}

void Heartbeat::beat() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_requested_.wait_for(lock, interval_, [this] { return stopping_; })) {
    if (broken_) continue;
    try {
      socket_.send_all(&protocol::ping, 1, Clock::now() + interval_);
    } catch (const std::exception&) {
      broken_ = true;  // Rank 0 is gone; a status request then says so.
    }
  }
}

std::vector<RankStatus> Heartbeat::status(std::chrono::milliseconds timeout) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (broken_) throw std::runtime_error("the connection to rank 0 failed earlier");
  auto deadline = Clock::now() + timeout;
  try {
    socket_.send_all(&protocol::status, 1, deadline);
    uint32_t ranks = socket_.receive_u32(deadline);
    std::vector<RankStatus> statuses;
    for (uint32_t r = 0; r < ranks; ++r) {
      uint8_t state = 0;
      socket_.receive_all(&state, 1, deadline);
      uint32_t silent = socket_.receive_u32(deadline);
      statuses.push_back(RankStatus{static_cast<protocol::RankState>(state), std::chrono::milliseconds(silent)});
    }
    return statuses;
  } catch (const std::exception&) {
    broken_ = true;
    throw;
  }
}

}  // namespace mldt
