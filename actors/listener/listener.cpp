#include "actors/listener/listener.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/log.hpp"
#include "net/transport/tcp_listener.hpp"

namespace btcnet::actors {
namespace {

struct listener_state {
  static inline const char* name = "listener";
  std::shared_ptr<transport::tcp_listener> acceptor;

  ~listener_state() {
    if (acceptor) acceptor->stop();
  }
};

using self_pointer = listener_actor::stateful_pointer<listener_state>;

listener_actor::behavior_type listener_fn(self_pointer self,
                                          std::shared_ptr<transport::tcp_listener> acceptor,
                                          listener_config config, conn_manager_actor cm) {
  self->state.acceptor = acceptor;
  const std::string where = transport::to_endpoint(acceptor->local_endpoint()).to_string();
  log::lstn().info("Server listening on {}", where);
  acceptor->start(
      [cm, config](boost::asio::ip::tcp::socket s) {
        caf::anon_send(cm, inbound_accepted{transport::tcp_connection::make(
                               std::move(s), config.magic, config.limits)});
      },
      [where](std::error_code ec) {
        log::lstn().warn("Can't accept connection on {}: {}", where, ec.message());
      });
  return {
      [self, where](get_listener_state) {
        const auto stats = self->state.acceptor->stats();
        return listener_snapshot{where, stats.accepted, stats.errors};
      },
  };
}

}  // namespace

listener_actor spawn_listener(caf::actor_system& sys, transport::io_runtime& io,
                              const listener_config& config, conn_manager_actor conn_manager,
                              std::error_code& ec) {
  auto acceptor =
      transport::tcp_listener::open(io.context(), transport::to_asio(config.address), ec);
  if (!acceptor) return {};
  return sys.spawn(listener_fn, std::move(acceptor), config, std::move(conn_manager));
}

}  // namespace btcnet::actors
