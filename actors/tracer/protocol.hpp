// The tracer actor's typed messages: a bounded record of the messages between the node's actors
// and of the wire messages its peers send and receive, fed by the actors' probes while a trace
// runs (the registry starts and stops traces).
#pragma once

#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "actors/common/actor_kind.hpp"
#include "actors/common/caf_types.hpp"

namespace btcnet::actors {

// Which events to record: empty lists match everything.
struct trace_filter {
  std::vector<actor_kind> kinds;   // the receiving actor's kind (wire events: peer)
  std::vector<std::string> types;  // message types or wire commands
  std::string peer;                // substring of a peer's address
};

enum class trace_direction : std::uint8_t { message, wire_in, wire_out };
const char* to_string(trace_direction d);

struct trace_event {
  std::uint64_t seq = 0;     // assigned by the tracer: the order events reached it
  std::int64_t time_us = 0;  // the actor clock's time since its epoch, in microseconds
  trace_direction direction = trace_direction::message;
  std::uint64_t from = 0;  // actor ids; 0 for the transport or the remote peer
  std::uint64_t to = 0;
  actor_kind kind = actor_kind::peer;  // the kind of the actor that recorded it
  std::string type;
  std::string summary;
  std::string peer;  // the remote address for wire events
};

struct trace_page {
  std::vector<trace_event> events;
  std::uint64_t next = 0;         // the seq to ask for next
  std::uint64_t overwritten = 0;  // events the ring buffer has lost to newer ones
  bool enabled = false;
  std::size_t capacity = 0;
};

struct trace_reset {
  std::size_t capacity = 0;
};
struct read_trace {
  std::uint64_t since = 0;  // first seq wanted
  std::size_t max = 1000;
  trace_filter filter;  // applied when reading as well
};
struct tracer_enabled {
  bool enabled = false;
};

using tracer_actor =
    caf::typed_actor<caf::reacts_to<trace_event>, caf::reacts_to<trace_reset>,
                     caf::reacts_to<tracer_enabled>, caf::replies_to<read_trace>::with<trace_page>>;

// (kinds are left out: CAF 0.17 deserializes vectors of enums through an uninitialised
// temporary, which GCC 12 rightly warns about)
BTCNET_INSPECT(trace_filter, x.types, x.peer)
BTCNET_INSPECT(trace_event, x.seq, x.time_us, x.direction, x.from, x.to, x.kind, x.type, x.summary,
               x.peer)
BTCNET_INSPECT(trace_page, x.events, x.next, x.overwritten, x.enabled, x.capacity)
BTCNET_INSPECT(trace_reset, x.capacity)
BTCNET_INSPECT(read_trace, x.since, x.max, x.filter)
BTCNET_INSPECT(tracer_enabled, x.enabled)

}  // namespace btcnet::actors
