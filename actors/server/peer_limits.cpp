#include "actors/server/peer_limits.hpp"

#include <algorithm>

namespace btcnet::actors {

peer_limits compute_peer_limits(std::uint32_t max_peers, std::uint32_t permanent, bool automatic) {
  peer_limits l;
  if (automatic && permanent < max_peers)
    l.target_outbound = std::min(max_peers - permanent, default_target_outbound);
  l.reserved_outbound = std::min(max_peers, permanent + (automatic ? l.target_outbound : 0));
  l.max_inbound = max_peers - l.reserved_outbound;
  return l;
}

}  // namespace btcnet::actors
