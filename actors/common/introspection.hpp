// Introspection of a running node: what every instrumented actor answers about itself, and the
// trace settings the registry sends it. CAF 0.17 has no telemetry of its own (Debian builds its
// profiler and logger out), so the node instruments its own actors (actors/common/probe.hpp);
// docs/architecture.md explains the design.
#pragma once

#include <array>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "actors/tracer/protocol.hpp"

namespace btcnet::actors {

// ---- what every instrumented actor answers ----

struct get_actor_report {
  bool with_state = false;  // include the actor's own state summary
};
struct handler_count {
  std::string type;  // the message type (or the handler's btcd name, e.g. outbound_peer_connected)
  std::uint64_t messages = 0;
  std::uint64_t nanoseconds = 0;  // time spent handling them (from the timed ones: an estimate)
  std::uint64_t timed = 0;        // how many of them were timed
};
struct sender_count {
  std::uint64_t actor_id = 0;  // 0: sent from outside any actor (the transport, a timer's anon)
  std::uint64_t messages = 0;
};
// Handling-time histogram: upper bounds of the buckets (the last is unbounded).
inline constexpr std::array<std::uint64_t, 7> latency_bounds_ns{
    1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};
inline constexpr std::size_t latency_buckets = latency_bounds_ns.size() + 1;

struct actor_report {
  std::uint64_t id = 0;
  actor_kind kind = actor_kind::peer;
  std::string name;            // filled in by the registry
  std::int64_t started = 0;    // unix seconds, filled in by the registry
  std::uint64_t messages = 0;  // handled so far
  std::uint64_t busy_ns = 0;   // time spent handling them (estimated from the timed ones)
  std::uint64_t timed = 0;     // messages whose handling was timed (the histogram's samples)
  std::vector<handler_count> handlers;
  std::array<std::uint64_t, latency_buckets> latency{};  // of the timed messages
  std::uint32_t mailbox = 0;                             // queued messages at the last sample
  std::uint32_t mailbox_max = 0;                         // largest sample so far
  std::int64_t idle_ms = -1;  // since the last message was handled, -1 if none yet
  std::vector<sender_count> senders;
  std::uint64_t traced = 0;         // trace events sent
  std::uint64_t trace_limited = 0;  // trace events dropped by the rate limit
  nlohmann::json state;             // the actor's own summary, when asked for
};
using report_list = std::vector<actor_report>;

// Sent by the registry to every actor when a trace starts or stops.
struct trace_settings {
  bool enabled = false;
  trace_filter filter;
  tracer_actor tracer;
  double events_per_second = 0;  // this actor's share of the node's trace budget
  double burst = 0;
};

// Every instrumented actor's behaviour includes these (added by instrument()).
using introspectable_actor = caf::typed_actor<caf::replies_to<get_actor_report>::with<actor_report>,
                                              caf::reacts_to<trace_settings>>;

BTCNET_INSPECT(get_actor_report, x.with_state)
BTCNET_INSPECT(handler_count, x.type, x.messages, x.nanoseconds, x.timed)
BTCNET_INSPECT(sender_count, x.actor_id, x.messages)
BTCNET_INSPECT(trace_settings, x.enabled, x.filter, x.events_per_second, x.burst)

}  // namespace btcnet::actors

// Reports carry JSON state summaries; they never leave the process.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(btcnet::actors::actor_report)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(btcnet::actors::report_list)
