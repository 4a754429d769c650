// The tracer actor: keeps the node's trace as a ring buffer of the newest events (older ones are
// overwritten and counted), numbered in the order they reached it, and serves pages of it with
// the reader's filter applied. The registry turns it on and off; actors' probes feed it at
// rates the registry assigns them, so a flood of messages cannot flood the tracer.
#pragma once

#include <caf/fwd.hpp>

#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

inline constexpr std::size_t default_trace_capacity = 10'000;
inline constexpr std::size_t max_trace_capacity = 1'000'000;
inline constexpr std::size_t max_trace_page = 10'000;

struct tracer_config {
  std::size_t capacity = default_trace_capacity;
  registry_actor registry;  // may be null
};

tracer_actor spawn_tracer(caf::actor_system& sys, tracer_config config);

// Whether a reader's filter keeps an event (empty parts keep everything).
bool trace_matches(const trace_filter& f, const trace_event& e);

}  // namespace btcnet::actors
