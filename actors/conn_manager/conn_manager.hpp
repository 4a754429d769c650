// The connection manager (btcd connmgr.ConnManager): owns every outbound connection request and
// the inbound slot count; nobody else reads or changes them. Its behaviour is btcd's connHandler
// loop, one message at a time (btcd-reference §1.1), with btcd HEAD's semantics: permanent
// requests come on top of the automatic target, and inbound sockets are capped.
#pragma once

#include <caf/fwd.hpp>
#include <chrono>
#include <optional>

#include "actors/conn_manager/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "actors/server/peer_limits.hpp"

namespace btcnet::actors {

// btcd connmgr constants (default_target_outbound is in peer_limits.hpp).
inline constexpr caf::timespan default_retry_duration = std::chrono::seconds(5);
inline constexpr caf::timespan max_retry_duration = std::chrono::minutes(5);
// Consecutive automatic failures after which new requests wait retry_duration (btcd).
inline constexpr std::uint32_t max_failed_attempts = 25;
// How long the address source may take to answer (ours; it is a local actor).
inline constexpr caf::timespan address_request_timeout = std::chrono::seconds(30);

struct conn_manager_config {
  std::uint32_t target_outbound = default_target_outbound;  // 0 means the default, as in btcd
  caf::timespan retry_duration = default_retry_duration;    // <= 0 means the default
  std::optional<std::uint32_t> max_inbound;                 // nullopt: unlimited
  registry_actor registry;                                  // the node's; may be null
};

struct conn_manager_peers {
  dial_service_actor dialer;            // required
  address_source_actor address_source;  // null: no automatic connections (connect-only mode)
  conn_events_actor events;             // the server; null: events are dropped
};

// Checks what btcd's connmgr.New checks; empty on success, else the reason.
std::string validate(const conn_manager_config& config, const conn_manager_peers& peers);

// Spawns the actor; precondition: validate() returned no error.
conn_manager_actor spawn_conn_manager(caf::actor_system& sys, conn_manager_config config,
                                      conn_manager_peers peers);

}  // namespace btcnet::actors
