#include "actors/registry/registry.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <map>

#include "actors/common/instrument.hpp"
#include "actors/tracer/tracer.hpp"

namespace btcnet::actors {
namespace {

struct entry {
  actor_entry info;
  introspectable_actor handle;
  bool traced = false;
};

// Replies gathered from many actors; the last one (or its failure) delivers the list.
struct gathering {
  caf::typed_response_promise<report_list> promise;
  report_list reports;
  std::size_t waiting = 0;

  void done() {
    if (--waiting > 0) return;
    std::sort(reports.begin(), reports.end(),
              [](const actor_report& a, const actor_report& b) { return a.id < b.id; });
    promise.deliver(std::move(reports));
  }
};

using registry_impl = instrumented<registry_actor>;
struct registry_state;
using registry_pointer = registry_impl::stateful_pointer<registry_state>;

template <class T>
bool listed(const std::vector<T>& list, const T& x) {
  return list.empty() || std::find(list.begin(), list.end(), x) != list.end();
}

struct registry_state {
  static inline const char* name = "registry";
  registry_pointer self = nullptr;
  actors::probe probe;
  registry_config config;
  std::map<std::uint64_t, entry> actors;
  std::optional<trace_settings> trace;  // the running trace's settings for each actor
  trace_filter trace_scope;             // which actors the running trace covers

  std::int64_t now() const { return config.clock.unix_now(self->clock()); }

  trace_settings add(register_actor& r) {
    const std::uint64_t id = r.handle.id();
    if (id != self->id()) self->monitor(r.handle);
    entry e{{id, r.kind, std::move(r.name), now()},
            caf::actor_cast<introspectable_actor>(r.handle)};
    trace_settings reply;
    if (trace && covered(e)) {
      reply = *trace;
      e.traced = true;
    }
    actors.insert_or_assign(id, std::move(e));
    return reply;
  }

  bool covered(const entry& e) const {
    // The introspection machinery itself is never traced: reading a trace would feed it.
    if (e.info.kind == actor_kind::tracer || e.info.kind == actor_kind::registry) return false;
    if (!listed(trace_scope.kinds, e.info.kind)) return false;
    return trace_scope.peer.empty() || (e.info.kind == actor_kind::peer &&
                                        e.info.name.find(trace_scope.peer) != std::string::npos);
  }

  bool start(const start_trace& t) {
    if (!config.tracer) return false;
    stop();
    trace_scope = t.filter;
    std::size_t count = 0;
    for (const auto& [id, e] : actors) count += covered(e);
    const double budget = t.events_per_second > 0 ? t.events_per_second : default_trace_budget;
    trace =
        trace_settings{true, t.filter, config.tracer,
                       budget / static_cast<double>(std::max<std::size_t>(count, 1)), trace_burst};
    self->send(config.tracer, trace_reset{t.capacity});
    self->send(config.tracer, tracer_enabled{true});
    for (auto& [id, e] : actors)
      if (covered(e)) {
        self->send(e.handle, *trace);
        e.traced = true;
      }
    return true;
  }

  bool stop() {
    for (auto& [id, e] : actors)
      if (e.traced) {
        self->send(e.handle, trace_settings{});
        e.traced = false;
      }
    if (config.tracer && trace) self->send(config.tracer, tracer_enabled{false});
    const bool was_running = trace.has_value();
    trace.reset();
    return was_running;
  }

  actor_list list() const {
    actor_list out;
    for (const auto& [id, e] : actors) out.push_back(e.info);
    return out;
  }

  caf::result<report_list> collect(const collect_reports& c) {
    auto g = std::make_shared<gathering>();
    g->promise = self->make_response_promise<report_list>();
    g->waiting = 1;  // held until every request is out
    for (const auto& [id, e] : actors) {
      if (!listed(c.kinds, e.info.kind) || !listed(c.ids, id)) continue;
      ++g->waiting;
      auto fill = [info = e.info, g](actor_report r) {
        r.kind = info.kind;
        r.name = info.name;
        r.started = info.started;
        g->reports.push_back(std::move(r));
        g->done();
      };
      if (id == self->id()) {  // our own report, without asking ourselves
        fill(probe.report(c.with_state));
        continue;
      }
      self->request(e.handle, report_timeout, get_actor_report{c.with_state})
          .then([fill](actor_report& r) { fill(std::move(r)); },
                [g](caf::error&) { g->done(); });  // it ended meanwhile
    }
    auto promise = g->promise;
    g->done();
    return promise;
  }
};

registry_impl::behavior_type registry_fn(registry_pointer self, registry_config config) {
  auto& st = self->state;
  st.self = self;
  st.config = std::move(config);
  st.probe.attach(self, {}, actor_kind::registry, "registry");
  register_actor me{actor_kind::registry, "registry", caf::actor_cast<caf::actor>(self)};
  st.add(me);
  st.probe.on_summary([&st] {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [id, e] : st.actors)
      counts[to_string(e.info.kind)] = counts.value(to_string(e.info.kind), 0) + 1;
    return nlohmann::json{{"actors", counts}, {"tracing", st.trace.has_value()}};
  });
  self->set_down_handler([&st](caf::down_msg& dm) { st.actors.erase(dm.source.id()); });
  return instrument<registry_impl::behavior_type>(
      st.probe, [&st](register_actor& r) { return st.add(r); },
      [&st](list_actors) { return st.list(); },
      [&st](const collect_reports& c) { return st.collect(c); },
      [&st](const start_trace& t) { return st.start(t); }, [&st](stop_trace) { return st.stop(); },
      [&st](const read_trace& r) -> caf::result<trace_page> {
        if (!st.config.tracer) return trace_page{};
        return st.self->delegate(st.config.tracer, r);
      });
}

}  // namespace

registry_actor spawn_registry(caf::actor_system& sys, registry_config config) {
  return caf::actor_cast<registry_actor>(sys.spawn(registry_fn, std::move(config)));
}

introspection spawn_introspection(caf::actor_system& sys, time_source clock) {
  introspection out;
  out.tracer = spawn_tracer(sys, {});
  out.registry = spawn_registry(sys, {clock, out.tracer});
  caf::anon_send(out.registry, register_actor{actor_kind::tracer, "tracer",
                                              caf::actor_cast<caf::actor>(out.tracer)});
  return out;
}

}  // namespace btcnet::actors
