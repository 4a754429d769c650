#include "actors/dialer/dialer.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <map>

#include "actors/common/instrument.hpp"
#include "actors/common/log.hpp"
#include "net/transport/errors.hpp"

namespace btcnet::actors {
namespace {

struct dial_in_flight {
  std::shared_ptr<transport::dial_operation> op;
  dial_result_sink reply_to;
  transport::dial_target target;
};

struct dialer_state {
  static inline const char* name = "dialer";
  actors::probe probe;
  std::map<std::uint64_t, dial_in_flight> in_flight;
  dialer_snapshot counters;

  ~dialer_state() {  // the actor is gone: no dial may outlive it
    for (auto& [id, d] : in_flight) d.op->cancel();
  }
};

using dialer_impl = instrumented<dialer_actor>;
using self_pointer = dialer_impl::stateful_pointer<dialer_state>;

void start_dial(self_pointer self, transport::network& net, const dial_request& req) {
  auto& st = self->state;
  if (st.in_flight.count(req.id)) return;  // already dialling this request
  ++st.counters.dials;
  dialer_actor handle = self;
  auto op = net.connect(req.target,
                        [handle, id = req.id](std::error_code ec, transport::connection_ptr conn) {
                          caf::anon_send(handle, dial_completed{id, ec, std::move(conn)});
                        });
  st.in_flight.emplace(req.id, dial_in_flight{std::move(op), req.reply_to, req.target});
}

void finish_dial(self_pointer self, dial_completed& done) {
  auto& st = self->state;
  auto it = st.in_flight.find(done.id);
  if (it == st.in_flight.end()) {  // canceled: nobody wants this connection
    if (done.conn) done.conn->close();
    return;
  }
  auto reply_to = std::move(it->second.reply_to);
  const auto target = it->second.target;
  st.in_flight.erase(it);
  if (done.error) {
    ++st.counters.failed;
    log::dial().debug("Dial {} failed: {}", target.to_string(), done.error.message());
    self->send(reply_to, handle_failed{done.id, done.error});
  } else {
    ++st.counters.succeeded;
    self->send(reply_to, handle_connected{done.id, std::move(done.conn)});
  }
}

dialer_snapshot snapshot(const dialer_state& st) {
  dialer_snapshot s = st.counters;
  for (const auto& [id, d] : st.in_flight) s.in_flight.push_back(id);
  return s;
}

dialer_impl::behavior_type dialer_fn(self_pointer self, transport::network* net,
                                     dialer_config config) {
  auto& st = self->state;
  st.probe.attach(self, config.registry, actor_kind::dialer, "dialer");
  st.probe.on_summary([&st] {
    nlohmann::json in_flight = nlohmann::json::array();
    for (const auto& [id, d] : st.in_flight)
      in_flight.push_back({{"id", id}, {"target", d.target.to_string()}});
    return nlohmann::json{{"in_flight", in_flight},
                          {"dials", st.counters.dials},
                          {"succeeded", st.counters.succeeded},
                          {"failed", st.counters.failed}};
  });
  return instrument<dialer_impl::behavior_type>(
      st.probe, [self, net](const dial_request& req) { start_dial(self, *net, req); },
      [self](const cancel_dial& c) {
        auto it = self->state.in_flight.find(c.id);
        if (it == self->state.in_flight.end()) return;
        it->second.op->cancel();
        self->state.in_flight.erase(it);  // the late completion closes its connection
      },
      [self](dial_completed& done) { finish_dial(self, done); },
      [self](get_dialer_state) { return snapshot(self->state); });
}

}  // namespace

dialer_actor spawn_dialer(caf::actor_system& sys, transport::network& net, dialer_config config) {
  return caf::actor_cast<dialer_actor>(sys.spawn(dialer_fn, &net, std::move(config)));
}

}  // namespace btcnet::actors
