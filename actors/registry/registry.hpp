// The registry actor: the node's introspection point. Every actor of the node registers itself
// (kind, name) and is monitored until it ends; the registry answers which actors exist, gathers
// their reports on request (each actor answers for itself), and starts and stops traces by
// telling the matching actors, each with its share of the node's trace budget.
#pragma once

#include <caf/fwd.hpp>

#include "actors/common/time_source.hpp"
#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

// How many trace events per second a whole node records at most, unless a trace asks otherwise.
inline constexpr double default_trace_budget = 20'000;
// Each traced actor may burst this many events above its share (a handshake is about ten).
inline constexpr double trace_burst = 64;
// How long gathering reports waits for a slow actor.
inline constexpr caf::timespan report_timeout = std::chrono::seconds(5);

struct registry_config {
  time_source clock;
  tracer_actor tracer;  // may be null: no tracing
};

registry_actor spawn_registry(caf::actor_system& sys, registry_config config);

// The tracer must know the registry and the registry the tracer: spawn both at once.
struct introspection {
  registry_actor registry;
  tracer_actor tracer;
};
introspection spawn_introspection(caf::actor_system& sys, time_source clock);

}  // namespace btcnet::actors
