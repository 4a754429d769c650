// The server actor (btcd server.go): owns the peer tables (inbound, outbound, persistent), bans,
// outbound group counts and recent version nonces. It turns the conn manager's connections into
// peer actors, keeps the outbound target filled with addresses from the address manager, and
// carries out the operator's commands.
#pragma once

#include <caf/fwd.hpp>
#include <chrono>
#include <filesystem>
#include <optional>

#include "actors/addr_manager/protocol.hpp"
#include "actors/peer/peer.hpp"
#include "actors/server/peer_limits.hpp"
#include "actors/server/protocol.hpp"
#include "actors/server/subnet.hpp"

namespace btcnet::actors {

inline constexpr std::uint32_t default_max_peers = 125;  // btcd defaultMaxPeers
inline constexpr caf::timespan default_ban_duration = std::chrono::hours(24);  // btcd
// btcd internal/inbound: incomplete inbound handshakes per IPv4 /24 or IPv6 /64.
inline constexpr std::uint32_t max_pending_inbound_per_prefix = 8;
// Our recent version nonces kept for self-connection detection (btcd sentNonces LRU).
inline constexpr std::size_t recent_nonce_count = 50;
// Bitcoin Core RelayAddress: each relayed address goes to this many peers.
inline constexpr std::size_t address_relay_fanout = 2;

struct server_config {
  std::uint32_t max_peers = default_max_peers;
  caf::timespan ban_duration = default_ban_duration;
  std::uint16_t default_port = 8333;  // the network's, for addresses given without a port
  std::vector<std::string> agent_blacklist;
  std::vector<std::string> agent_whitelist;
  std::vector<subnet> whitelist;
  bool listening = false;          // advertise our best local address to outbound peers (btcd)
  std::filesystem::path ban_file;  // bans persist here when set (Core's banlist.json)
  peer_config peer;                // template for every peer this server spawns
  // Seeds the server's choices (version nonces, relay targets): from the clock unless given
  // (the simulation gives one, so that runs repeat).
  std::optional<std::uint64_t> rng_seed;
  registry_actor registry;  // the node's; may be null
};

struct server_links {
  addr_manager_actor addr_manager;  // may be null: no automatic outbound, no address storage
};

server_actor spawn_server(caf::actor_system& sys, server_config config, server_links links);

// btcd HasUndesiredUserAgent: a blacklisted substring rejects; a non-empty whitelist must match.
bool undesired_user_agent(const std::string& agent, const std::vector<std::string>& blacklist,
                          const std::vector<std::string>& whitelist);

// The source prefix of an inbound connection for handshake admission: IPv4 /24, IPv6 /64.
std::string admission_prefix(const wire::endpoint& e);

}  // namespace btcnet::actors
