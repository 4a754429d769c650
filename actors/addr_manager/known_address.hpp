// One address the book knows, with what it has learned about it (btcd KnownAddress).
#pragma once

#include <array>
#include <cstdint>

#include "actors/addr_manager/book_constants.hpp"
#include "net/address/classification.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::addr_manager {

struct known_address {
  wire::peer_address addr;    // timestamp = last seen (as announced), services, endpoint
  wire::peer_address source;  // who told us (its group picks the new buckets)
  std::int32_t attempts = 0;  // failed connection attempts since the last success
  unix_time last_attempt = never;
  unix_time last_success = never;
  bool tried = false;
  address::network net = address::network::ipv4;  // of addr.where, for the per-network counts
  // New buckets holding this address (btcd keeps only a count, `refs`; the bucket list lets
  // good() and eviction leave the table without scanning all 1024 buckets). Valid: [0, refs).
  std::uint8_t refs = 0;
  std::array<std::uint16_t, new_buckets_per_address> new_buckets{};
  std::uint16_t tried_bucket = 0;  // valid when tried
};

// Selection weight (btcd KnownAddress.chance): 1, times 0.01 if attempted in the last 10 minutes
// (a last attempt in the future counts as just now), divided by 1.5 per failed attempt.
// Unlike Core there is no cap on the attempt count and no timestamp term.
double chance(const known_address& ka, unix_time now);

// btcd KnownAddress.isBad: never within a minute of an attempt; otherwise bad when the timestamp
// is more than 10 minutes ahead, or more than 30 days old, or after 3 attempts with no success
// ever, or after 10 attempts with no success in the last 7 days.
bool is_bad(const known_address& ka, unix_time now);

}  // namespace btcnet::addr_manager
