#include "StoreClient.h"

#include "Protocol.h"

#include <algorithm>
#include <stdexcept>

namespace mldt {

StoreClient::StoreClient(const std::string& host, int port, std::chrono::milliseconds timeout, Clock::time_point deadline)
    : socket_(connect_to(host, port, deadline)), timeout_(timeout) {}

void StoreClient::set(const std::string& key, const std::vector<char>& data) {
  auto deadline = Clock::now() + timeout_;
  socket_.send_all(&protocol::set, 1, deadline);
  socket_.send_bytes(std::vector<char>(key.begin(), key.end()), deadline);
  socket_.send_bytes(data, deadline);
}

std::vector<char> StoreClient::get(const std::string& key) { return get(key, timeout_); }

std::vector<char> StoreClient::get(const std::string& key, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  socket_.send_all(&protocol::get, 1, deadline);
  socket_.send_bytes(std::vector<char>(key.begin(), key.end()), deadline);
  try {
    return socket_.receive_bytes(deadline);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("waiting for the rendezvous key '" + key + "': " + e.what());
  }
}

void StoreClient::wait(const std::vector<std::string>& keys) { wait(keys, timeout_); }

void StoreClient::wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) {
  // The server answers a read once the key is there, so reading each key is waiting for it.
  auto deadline = Clock::now() + timeout;
  for (const auto& key : keys)
    get(key, std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())));
}

}  // namespace mldt
