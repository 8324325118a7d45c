// The rendezvous store's messages between StoreClient and StoreServer: a one-byte request, then its
// fields (u32 in network order; byte strings as a u32 length and the bytes).
#pragma once

#include <cstdint>

namespace mldt::protocol {

// u32 rank: this connection is that rank's heartbeat connection; no answer.
constexpr char hello = 'H';
// Nothing else: the rank is still alive (it is not frozen); no answer.
constexpr char ping = 'P';
// key, value: stores the value; no answer.
constexpr char set = 'S';
// key: answers the value once some rank has set it (the server waits for it).
constexpr char get = 'G';
// Answers u32 world size, then per rank a u8 RankState and u32 milliseconds since it was last heard.
constexpr char status = 'Q';

enum RankState : uint8_t { never_joined = 0, alive = 1, exited = 2 };

}  // namespace mldt::protocol
