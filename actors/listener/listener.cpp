#include "actors/listener/listener.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/instrument.hpp"
#include "actors/common/log.hpp"

namespace btcnet::actors {
namespace {

struct listener_state {
  static inline const char* name = "listener";
  actors::probe probe;
  std::shared_ptr<transport::listening> acceptor;

  ~listener_state() {
    if (acceptor) acceptor->stop();
  }
};

using listener_impl = instrumented<listener_actor>;
using self_pointer = listener_impl::stateful_pointer<listener_state>;

listener_impl::behavior_type listener_fn(self_pointer self,
                                         std::shared_ptr<transport::listening> acceptor,
                                         listener_config config) {
  self->state.acceptor = acceptor;
  const std::string where = acceptor->local().to_string();
  log::lstn().info("Server listening on {}", where);
  auto snapshot = [self, where] {
    const auto stats = self->state.acceptor->stats();
    return listener_snapshot{where, stats.accepted, stats.errors};
  };
  self->state.probe.attach(self, config.registry, actor_kind::listener, where);
  self->state.probe.on_summary([snapshot] {
    const auto s = snapshot();
    return nlohmann::json{
        {"address", s.address}, {"accepted", s.accepted}, {"accept_errors", s.accept_errors}};
  });
  return instrument<listener_impl::behavior_type>(
      self->state.probe, [snapshot](get_listener_state) { return snapshot(); });
}

}  // namespace

listener_actor spawn_listener(caf::actor_system& sys, transport::network& net,
                              const listener_config& config, conn_manager_actor conn_manager,
                              std::error_code& ec) {
  // Accepting starts before the actor exists; connections go straight to the conn manager.
  auto acceptor = net.listen(
      config.address,
      [cm = std::move(conn_manager)](transport::connection_ptr conn) {
        caf::anon_send(cm, inbound_accepted{std::move(conn)});
      },
      [where = config.address.to_string()](std::error_code e) {
        log::lstn().warn("Can't accept connection on {}: {}", where, e.message());
      },
      ec);
  if (!acceptor) return {};
  return caf::actor_cast<listener_actor>(sys.spawn(listener_fn, std::move(acceptor), config));
}

}  // namespace btcnet::actors
