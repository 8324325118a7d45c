// Gloo's view of the rendezvous store that rank 0 serves (StoreServer): connectFullMesh sets each
// rank's addresses under a key and reads every other rank's, each read waiting at most the timeout.
#pragma once

#include "Socket.h"

#include <gloo/rendezvous/store.h>

namespace mldt {

class StoreClient : public gloo::rendezvous::Store {
 public:
  // Connects, trying again until the deadline while rank 0 is not listening yet.
  StoreClient(const std::string& host, int port, std::chrono::milliseconds timeout, Clock::time_point deadline);

  void set(const std::string& key, const std::vector<char>& data) override;
  std::vector<char> get(const std::string& key) override;
  void wait(const std::vector<std::string>& keys) override;
  void wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) override;

 private:
  std::vector<char> get(const std::string& key, std::chrono::milliseconds timeout);

  Socket socket_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace mldt
