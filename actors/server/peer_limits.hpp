// btcd HEAD's outbound reservation (server.go targetOutboundPeers, reservedOutboundPeers,
// maxInboundPeers): how many automatic outbound connections to keep and how many slots are left
// for inbound peers. Pure arithmetic, shared by the node and its configuration.
#pragma once

#include <cstdint>

namespace btcnet::actors {

// Automatic outbound connections (btcd defaultTargetOutbound, Core's 8 full-relay slots).
inline constexpr std::uint32_t default_target_outbound = 8;

struct peer_limits {
  std::uint32_t target_outbound = 0;    // automatic outbound connections to keep
  std::uint32_t reserved_outbound = 0;  // slots kept for permanent plus automatic outbound peers
  std::uint32_t max_inbound = 0;        // what is left for inbound connections

  friend bool operator==(const peer_limits&, const peer_limits&) = default;
};

// `permanent`: the number of --connect peers, else of --addpeer peers. `automatic`: whether the
// node picks addresses itself (false on simnet and with --connect).
peer_limits compute_peer_limits(std::uint32_t max_peers, std::uint32_t permanent, bool automatic);

}  // namespace btcnet::actors
