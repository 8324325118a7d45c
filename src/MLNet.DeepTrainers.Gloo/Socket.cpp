#include "Socket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace mldt {

namespace {

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Waits until the socket can be read (or written); false when the deadline passed first.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      timeout_ms = static_cast<int>(std::min<long long>(left, 1 << 30));
    }
    pollfd entry{fd, events, 0};
    int ready = ::poll(&entry, 1, timeout_ms);
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) throw std::runtime_error(system_error("poll"));
  }
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

int Socket::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void Socket::shut_down() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void Socket::send_all(const void* data, size_t size, Clock::time_point deadline) {
  auto bytes = static_cast<const char*>(data);
  while (size > 0) {
    if (!wait_for(fd_, POLLOUT, deadline)) throw std::runtime_error("timed out sending");
    // MSG_NOSIGNAL: a peer that closed its end gives EPIPE here, not a SIGPIPE that ends the process.
    ssize_t sent = ::send(fd_, bytes, size, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      throw std::runtime_error(system_error("send"));
    }
    bytes += sent;
    size -= static_cast<size_t>(sent);
  }
}

void Socket::receive_all(void* data, size_t size, Clock::time_point deadline) {
  auto bytes = static_cast<char*>(data);
  while (size > 0) {
    if (!wait_for(fd_, POLLIN, deadline)) throw std::runtime_error("timed out waiting for an answer");
    ssize_t received = ::recv(fd_, bytes, size, 0);
    if (received == 0) throw std::runtime_error("the connection was closed");
    if (received < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      throw std::runtime_error(system_error("recv"));
    }
    bytes += received;
    size -= static_cast<size_t>(received);
  }
}

void Socket::send_u32(uint32_t value, Clock::time_point deadline) {
  uint32_t wire = htonl(value);
  send_all(&wire, sizeof wire, deadline);
}

uint32_t Socket::receive_u32(Clock::time_point deadline) {
  uint32_t wire = 0;
  receive_all(&wire, sizeof wire, deadline);
  return ntohl(wire);
}

void Socket::send_bytes(const std::vector<char>& bytes, Clock::time_point deadline) {
  send_u32(static_cast<uint32_t>(bytes.size()), deadline);
  send_all(bytes.data(), bytes.size(), deadline);
}

std::vector<char> Socket::receive_bytes(Clock::time_point deadline) {
  // The store holds Gloo's addresses (a few hundred bytes per rank); anything larger is not a peer of ours.
  constexpr uint32_t max_size = 1 << 24;
  uint32_t size = receive_u32(deadline);
  if (size > max_size) throw std::runtime_error("a message of " + std::to_string(size) + " bytes, more than a peer of this library sends");
  std::vector<char> bytes(size);
  receive_all(bytes.data(), size, deadline);
  return bytes;
}

std::string Socket::local_address() const {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) throw std::runtime_error(system_error("getsockname"));
  char text[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return text;
}

Socket listen_on(int port) {
  Socket listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (listener.fd() < 0) throw std::runtime_error(system_error("socket"));
  int yes = 1;
  // A port left in TIME_WAIT by a previous run can be listened on again at once.
  ::setsockopt(listener.fd(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(listener.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error(system_error("listening on port " + std::to_string(port)));
  if (::listen(listener.fd(), 128) != 0) throw std::runtime_error(system_error("listen"));
  return listener;
}

Socket connect_to(const std::string& host, int port, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int status = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (status != 0) throw std::runtime_error("the address " + host + " does not resolve: " + ::gai_strerror(status));
  std::string last_error;
  for (;;) {
    Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (::connect(socket.fd(), found->ai_addr, found->ai_addrlen) == 0) {
      ::freeaddrinfo(found);
      int yes = 1;
      ::setsockopt(socket.fd(), IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      return socket;
    }
    last_error = std::strerror(errno);
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::freeaddrinfo(found);
  throw std::runtime_error("could not connect to " + host + ":" + std::to_string(port) + " (" + last_error + ")");
}

Socket accept_from(Socket& listener) {
  for (;;) {
    int fd = ::accept4(listener.fd(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      return Socket(fd);
    }
    if (errno != EINTR && errno != ECONNABORTED) return Socket();
  }
}

}  // namespace mldt
