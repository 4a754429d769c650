// The peer actor: one per connection, owning it from hand-over to close. It speaks the Bitcoin
// P2P protocol (btcd peer.Peer plus the serverPeer handlers): the version handshake, ping/pong,
// idle and pong timeouts, address exchange with rate limiting, the dynamic ban score, and stats.
// It decodes payloads with the wire codec; the transport has already framed and checksummed them.
#pragma once

#include <memory>

#include <caf/fwd.hpp>
#include <chrono>
#include <optional>

#include "actors/common/time_source.hpp"
#include "actors/peer/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "net/transport/connection.hpp"

namespace btcnet::actors {

// btcd peer.go / Bitcoin Core net_processing timing constants.
inline constexpr caf::timespan negotiate_timeout = std::chrono::seconds(30);  // btcd
inline constexpr caf::timespan idle_timeout = std::chrono::minutes(5);        // btcd
inline constexpr caf::timespan ping_interval = std::chrono::minutes(2);       // btcd, Core
inline constexpr caf::timespan pong_timeout = std::chrono::minutes(20);  // Core TIMEOUT_INTERVAL
// Core AVG_ADDRESS_BROADCAST_INTERVAL: queued addresses go out on a Poisson timer of this mean.
inline constexpr caf::timespan addr_broadcast_interval = std::chrono::seconds(30);
// Core MAX_ADDR_RATE_PER_SECOND and MAX_ADDR_PROCESSING_TOKEN_BUCKET.
inline constexpr double max_addr_rate_per_second = 0.1;
inline constexpr double max_addr_token_bucket = 1000;
// btcd defaultBanThreshold.
inline constexpr std::uint32_t default_ban_threshold = 100;
// Ban score for a frame whose checksum failed, and for a payload that does not decode (ours:
// btcd disconnects at once; Core drops the message; see docs/architecture.md).
inline constexpr std::uint32_t bad_checksum_score = 10;
inline constexpr std::uint32_t malformed_payload_score = 20;
// BIP133 feefilter bound: at most 21 million BTC in satoshis (btcd OnFeeFilter).
inline constexpr std::int64_t max_money_satoshis = 21'000'000LL * 100'000'000LL;

struct peer_config {
  std::uint32_t magic = 0;
  std::uint32_t protocol_version = wire::protocol_version;
  std::uint32_t min_protocol_version = wire::min_accepted_protocol_version;
  std::uint64_t services = 0;  // what we offer: we serve no blocks, so nothing by default
  std::uint64_t required_services = wire::node_network;  // asked of outbound peers (btcd)
  std::string user_agent;                                // BIP14, e.g. "/btcnet:0.1.0/"
  std::int32_t start_height = 0;
  bool relay = false;  // we relay no transactions, so ask peers not to announce them
  std::uint32_t ban_threshold = default_ban_threshold;
  bool banning = true;    // false: --nobanning
  bool addresses = true;  // false on simnet: no getaddr/addr/addrv2 (btcd)
  time_source clock;
  caf::timespan negotiate_timeout = actors::negotiate_timeout;
  caf::timespan idle_timeout = actors::idle_timeout;
  caf::timespan ping_interval = actors::ping_interval;
  caf::timespan pong_timeout = actors::pong_timeout;
  caf::timespan addr_broadcast_interval = actors::addr_broadcast_interval;
  registry_actor registry;   // the node's; may be null
  bool instrumented = true;  // false only in tools/bench, to measure what the probe costs
};

// Who this peer is, as the server knows it.
struct peer_identity {
  std::uint64_t id = 0;
  wire::endpoint address;  // the remote as we know it (the dial target, or the accepted socket's)
  bool inbound = false;
  connection_type type = connection_type::inbound;
  std::uint64_t version_nonce = 0;  // ours, chosen by the server (self-connection detection)
  bool whitelisted = false;
};

struct peer_links {
  peer_events_actor server;
  address_sink_actor addresses;  // may be null: addresses are then neither stored nor served
};

// Spawns a peer that takes over `conn` (outbound peers send their version at once). The
// configuration is the node's, shared by all its peers (one copy, not one per peer).
peer_actor spawn_peer(caf::actor_system& sys, transport::connection_ptr conn,
                      std::shared_ptr<const peer_config> config, peer_identity identity,
                      peer_links links);

}  // namespace btcnet::actors
