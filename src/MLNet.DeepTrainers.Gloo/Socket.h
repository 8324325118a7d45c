// Blocking TCP sockets for the rendezvous store (StoreServer, StoreClient): IPv4, whole messages,
// and every wait bounded by a deadline so that a peer that went away fails the call, not hangs it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace mldt {

using Clock = std::chrono::steady_clock;

// Owns a socket descriptor; closed when destroyed.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.release()) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();

  int fd() const { return fd_; }
  int release();
  // Wakes a thread blocked on this socket (its call then fails) without closing the descriptor.
  void shut_down();

  // Sends or receives exactly size bytes; throws std::runtime_error when the peer closed the
  // connection or the deadline passed.
  void send_all(const void* data, size_t size, Clock::time_point deadline);
  void receive_all(void* data, size_t size, Clock::time_point deadline);

  void send_u32(uint32_t value, Clock::time_point deadline);
  uint32_t receive_u32(Clock::time_point deadline);
  void send_bytes(const std::vector<char>& bytes, Clock::time_point deadline);
  std::vector<char> receive_bytes(Clock::time_point deadline);

  // This end's IPv4 address, as text: the interface the connection leaves by.
  std::string local_address() const;

 private:
  int fd_ = -1;
};

// Listens on every IPv4 interface at the port; throws when the port is taken.
Socket listen_on(int port);
// Connects to host:port, trying again until the deadline while nobody listens there yet (rank 0 may
// start after the others); throws naming the address when the deadline passes.
Socket connect_to(const std::string& host, int port, Clock::time_point deadline);
// Waits for a connection on a listening socket; an invalid Socket once the listener was shut down.
Socket accept_from(Socket& listener);

}  // namespace mldt
