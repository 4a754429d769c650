#include "actors/tracer/tracer.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/instrument.hpp"

namespace btcnet::actors {

bool trace_matches(const trace_filter& f, const trace_event& e) {
  if (!f.kinds.empty() && std::find(f.kinds.begin(), f.kinds.end(), e.kind) == f.kinds.end())
    return false;
  if (!f.types.empty() && std::find(f.types.begin(), f.types.end(), e.type) == f.types.end())
    return false;
  return f.peer.empty() || e.peer.find(f.peer) != std::string::npos;
}

namespace {

struct tracer_state {
  static inline const char* name = "tracer";
  actors::probe probe;
  std::vector<trace_event> ring;  // slot (seq - base) % capacity
  std::size_t capacity = default_trace_capacity;
  std::uint64_t base = 1;  // the first seq since the last reset
  std::uint64_t next = 1;  // the seq the next event gets
  bool enabled = false;

  void reset(std::size_t wanted) {
    capacity = std::clamp<std::size_t>(wanted == 0 ? default_trace_capacity : wanted, 1,
                                       max_trace_capacity);
    ring.clear();
    ring.shrink_to_fit();
    base = next;
  }

  void record(trace_event& e) {
    if (!enabled) return;  // late events of a trace that was stopped
    e.seq = next++;
    if (ring.size() < capacity)
      ring.push_back(std::move(e));
    else
      ring[(e.seq - base) % capacity] = std::move(e);
  }

  std::uint64_t oldest() const { return next - ring.size(); }

  trace_page read(const read_trace& r) const {
    trace_page page;
    page.enabled = enabled;
    page.capacity = capacity;
    page.overwritten = oldest() - base;
    const std::size_t max = std::min(r.max == 0 ? max_trace_page : r.max, max_trace_page);
    std::uint64_t seq = std::max(r.since, oldest());
    for (; seq < next && page.events.size() < max; ++seq) {
      const auto& e = ring[(seq - base) % capacity];
      if (trace_matches(r.filter, e)) page.events.push_back(e);
    }
    page.next = seq;
    return page;
  }
};

using tracer_impl = instrumented<tracer_actor>;
using tracer_pointer = tracer_impl::stateful_pointer<tracer_state>;

tracer_impl::behavior_type tracer_fn(tracer_pointer self, tracer_config config) {
  auto& st = self->state;
  st.reset(config.capacity);
  st.probe.attach(self, config.registry, actor_kind::tracer, "tracer");
  st.probe.on_summary([&st] {
    return nlohmann::json{{"enabled", st.enabled},
                          {"capacity", st.capacity},
                          {"events", st.ring.size()},
                          {"recorded", st.next - st.base},
                          {"overwritten", st.oldest() - st.base}};
  });
  return instrument<tracer_impl::behavior_type>(
      st.probe, [&st](trace_event& e) { st.record(e); },
      [&st](const trace_reset& r) { st.reset(r.capacity); },
      [&st](const tracer_enabled& e) { st.enabled = e.enabled; },
      [&st](const read_trace& r) { return st.read(r); });
}

}  // namespace

tracer_actor spawn_tracer(caf::actor_system& sys, tracer_config config) {
  return caf::actor_cast<tracer_actor>(sys.spawn(tracer_fn, std::move(config)));
}

}  // namespace btcnet::actors
