// The registry actor's typed messages: which actors a node has (each registers itself and is
// monitored until it ends), their reports gathered on request, and starting and stopping traces.
#pragma once

#include <caf/actor.hpp>
#include <caf/typed_actor.hpp>

#include "actors/common/introspection.hpp"

namespace btcnet::actors {

struct register_actor {
  actor_kind kind = actor_kind::peer;
  std::string name;
  caf::actor handle;  // an introspectable_actor
};
struct list_actors {};
struct actor_entry {
  std::uint64_t id = 0;
  actor_kind kind = actor_kind::peer;
  std::string name;
  std::int64_t started = 0;  // unix seconds
};
using actor_list = std::vector<actor_entry>;
// Reports of the actors that match (empty lists: all), with their state when asked.
struct collect_reports {
  std::vector<actor_kind> kinds;
  std::vector<std::uint64_t> ids;
  bool with_state = false;
};
struct start_trace {
  trace_filter filter;
  std::size_t capacity = 0;      // 0: the default
  double events_per_second = 0;  // the node's budget; 0: the default
};
struct stop_trace {};

// register_actor is answered with the trace settings the newcomer must apply (so that a trace
// covers an actor from its first message).
using registry_actor = caf::typed_actor<
    caf::replies_to<register_actor>::with<trace_settings>,
    caf::replies_to<list_actors>::with<actor_list>,
    caf::replies_to<collect_reports>::with<report_list>, caf::replies_to<start_trace>::with<bool>,
    caf::replies_to<stop_trace>::with<bool>, caf::replies_to<read_trace>::with<trace_page>>;

BTCNET_INSPECT(register_actor, x.kind, x.name)
BTCNET_INSPECT(list_actors)
BTCNET_INSPECT(actor_entry, x.id, x.kind, x.name, x.started)
BTCNET_INSPECT(collect_reports, x.ids, x.with_state)  // kinds: see trace_filter
BTCNET_INSPECT(start_trace, x.filter, x.capacity, x.events_per_second)
BTCNET_INSPECT(stop_trace)

}  // namespace btcnet::actors
